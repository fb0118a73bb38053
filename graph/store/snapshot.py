"""Snapshots of workspace graphs: the loaded graph kept on disk beside the store, so the
first request after a restart reads one file instead of decoding every stored element.

A snapshot is the pickled :class:`networkx.MultiDiGraph` that
:meth:`graph.store.base.Store.load_graph` built, with a header naming the workspace and
its *stamp* (when the workspace was created, its version and the store's schema
version: any write bumps the version, so a snapshot of older data is never served).
Pickles run code when loaded, so a snapshot is only trusted when it carries an
HMAC-SHA256 made with this folder's own secret key (``key``, readable by its owner
alone): a file we did not write, a damaged one, or one of another workspace, stamp,
format or networkx version is ignored, and the graph is rebuilt from the store (and
the snapshot written again). A snapshot that cannot be written (a read-only folder)
costs nothing but speed.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> import networkx as nx
>>> folder = Path(tempfile.mkdtemp())
>>> snapshots = Snapshots(folder)
>>> g = nx.MultiDiGraph(workspace="w")
>>> _ = g.add_edge("a", "b", key="r1", type="works_at")
>>> snapshots.save("w", "2026-01-01|3|7", g)
True
>>> list(snapshots.load("w", "2026-01-01|3|7").edges(keys=True))
[('a', 'b', 'r1')]
>>> snapshots.load("w", "2026-01-01|4|7") is None  # a write since: not served
True
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import pickle
import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from graph.collecting import cycle_collection_paused

if TYPE_CHECKING:  # networkx loads with the first graph (``grenswerk stats`` needs none)
    import networkx as nx

__all__ = ["FORMAT", "Snapshots"]

#: the layout of a snapshot file; a file of another format is rebuilt
FORMAT = 1
_MAGIC = b"GRENSWERK-GRAPH-SNAPSHOT\n"
_DIGEST = 32  # bytes of an HMAC-SHA256
_LOG = logging.getLogger(__name__)


class Snapshots:
    """A folder of graph snapshots, one file per workspace, signed with the folder's key.

    Parameters
    ----------
    folder : pathlib.Path
        Where the snapshots and their key live (created when first written).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, workspace: str) -> Path:
        """The file of ``workspace`` (its name hashed: any workspace name is safe)."""
        digest = hashlib.sha256(workspace.encode()).hexdigest()[:32]
        return self.folder / f"{digest}.graph"

    def _key(self, create: bool) -> bytes | None:
        """The folder's secret key; made (readable by the owner alone) when asked to."""
        key_path = self.folder / "key"
        try:
            key = key_path.read_bytes()
            if len(key) == 32:
                return key
            if not create:
                return None
            key_path.unlink()
        except FileNotFoundError:
            if not create:
                return None
        self.folder.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(key)
        return key

    def _header(self, workspace: str, stamp: str) -> bytes:
        import networkx as nx

        return orjson.dumps(
            {
                "format": FORMAT,
                "workspace": workspace,
                "stamp": stamp,
                "networkx": nx.__version__,
            }
        )

    def load(self, workspace: str, stamp: str) -> nx.MultiDiGraph | None:
        """The snapshot of ``workspace`` at ``stamp``; ``None`` when there is none we
        wrote for exactly that workspace and stamp (the caller then rebuilds it).

        Parameters
        ----------
        workspace : str
            The workspace's name.
        stamp : str
            Its creation time, version and schema version, as the store gives them.

        Returns
        -------
        networkx.MultiDiGraph or None
            The graph, or ``None`` for a missing, foreign, damaged or stale file.
        """
        try:
            key = self._key(create=False)
            data = self.path(workspace).read_bytes()
        except OSError:
            return None
        if key is None or not data.startswith(_MAGIC):
            return None
        signed = data[len(_MAGIC) + _DIGEST :]
        mac = data[len(_MAGIC) : len(_MAGIC) + _DIGEST]
        if not hmac.compare_digest(mac, hmac.new(key, signed, hashlib.sha256).digest()):
            _LOG.warning(
                "graph snapshot %s is not signed with this store's key: ignored",
                self.path(workspace),
            )
            return None
        import networkx as nx

        header = self._header(workspace, stamp)
        if not signed.startswith(header + b"\n"):
            return None  # another workspace, stamp, format or networkx version
        try:
            with cycle_collection_paused():  # millions of new dicts, none in a cycle
                graph = pickle.loads(signed[len(header) + 1 :])  # noqa: S301 - signed by us
        except Exception:  # a file we signed but cannot read: rebuild it
            return None
        return graph if isinstance(graph, nx.MultiDiGraph) else None

    def save(self, workspace: str, stamp: str, graph: nx.MultiDiGraph) -> bool:
        """Write the snapshot (atomically: a reader sees the old file or the new one).

        Parameters
        ----------
        workspace, stamp : str
            As for :meth:`load`.
        graph : networkx.MultiDiGraph
            The graph built from the store at that stamp.

        Returns
        -------
        bool
            Whether it was written (``False``: the folder is not writable).
        """
        try:
            key = self._key(create=True)
            assert key is not None
            signed = self._header(workspace, stamp) + b"\n"
            signed += pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)
            mac = hmac.new(key, signed, hashlib.sha256).digest()
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_MAGIC + mac + signed)
                os.replace(temporary, self.path(workspace))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as exc:
            _LOG.info("no graph snapshot written in %s: %s", self.folder, exc)
            return False
        return True

    def drop(self, workspace: str) -> None:
        """Remove the snapshot of ``workspace`` (if any)."""
        with contextlib.suppress(OSError):
            self.path(workspace).unlink()
