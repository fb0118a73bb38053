"""Snapshots of workspace graphs: the loaded graph kept on disk beside the store, so the
first request after a restart reads one file instead of decoding every stored element.

A snapshot holds the :class:`networkx.MultiDiGraph` that
:meth:`graph.store.base.Store.load_graph` built, with a header naming the workspace and
its *stamp* (when the workspace was created, its version and the store's schema
version: any write bumps the version, so a snapshot of older data is never served).
The graph is pickled in parts by one pickler (its attributes, then its nodes, its
successors and its predecessors, a few hundred at a time): the parts share one memo,
so the tie dictionaries the successor and predecessor sides share stay one object, and
between two parts the writer lets other threads run. That is what lets
:meth:`Snapshots.save_later` write it in a thread of its own after the graph is handed
out: the first request after a load from the rows does not wait for the file (at
100 000 nodes the pickling took longer than building the graph, ``bench/api.py``), and
requests that come while it is written wait for one part, not for the whole file.
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
>>> snapshots.save_later("w", "2026-01-01|4|7", g)  # written in a thread of its own
>>> list(snapshots.load("w", "2026-01-01|4|7"))  # a load waits for it
['a', 'b']
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import logging
import os
import pickle
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from graph.collecting import cycle_collection_paused

if TYPE_CHECKING:  # networkx loads with the first graph (``grenswerk stats`` needs none)
    import networkx as nx

__all__ = ["FORMAT", "Snapshots"]

#: the layout of a snapshot file; a file of another format is rebuilt (1: the graph
#: pickled whole; 2: in parts, see the module)
FORMAT = 2
_MAGIC = b"GRENSWERK-GRAPH-SNAPSHOT\n"
_DIGEST = 32  # bytes of an HMAC-SHA256
_PART = 500  # nodes (or adjacency rows) per pickled part: a few milliseconds each
_LOG = logging.getLogger(__name__)


def _pickled(graph: nx.MultiDiGraph, *, pause: Callable[[float], object] | None = None) -> bytes:
    """The graph's attributes, nodes, successors and predecessors, in parts, by one
    pickler (one memo: an object in two parts is written once, and read back once);
    ``pause``, when given, is called after each part with the seconds it took
    (:func:`time.sleep`: a write in the background leaves the interpreter to other
    threads as long as each part took, so it takes at most half of it)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump(graph.graph)
    for side in (graph._node, graph._succ, graph._pred):
        rows = iter(list(side.items()))
        while part := dict(islice(rows, _PART)):
            started = time.perf_counter()
            pickler.dump(part)  # a thread waiting for the interpreter runs between parts
            if pause is not None:  # and runs alone as long as the part took
                pause(time.perf_counter() - started)
        pickler.dump(None)
    return out.getvalue()


def _unpickled(data: memoryview) -> nx.MultiDiGraph:
    """The graph :func:`_pickled` wrote: the same dictionaries, shared as they were."""
    import networkx as nx

    unpickler = pickle.Unpickler(io.BytesIO(data))  # noqa: S301 - signed by us
    attributes = unpickler.load()
    sides: list[dict[object, object]] = []
    for _ in range(3):
        side: dict[object, object] = {}
        while (part := unpickler.load()) is not None:
            side.update(part)
        sides.append(side)
    nodes, succ, pred = sides
    graph = nx.MultiDiGraph()  # empty, then its dictionaries replaced by the ones read
    vars(graph).update(graph=attributes, _node=nodes, _adj=succ, _succ=succ, _pred=pred)
    return graph


class Snapshots:
    """A folder of graph snapshots, one file per workspace, signed with the folder's key.

    Parameters
    ----------
    folder : pathlib.Path
        Where the snapshots and their key live (created when first written).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        #: the threads writing a snapshot (:meth:`save_later`), by workspace
        self._writing: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()

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
        self.wait(workspace)
        try:
            key = self._key(create=False)
            data = self.path(workspace).read_bytes()
        except OSError:
            return None
        if key is None or not data.startswith(_MAGIC):
            return None
        signed = memoryview(data)[len(_MAGIC) + _DIGEST :]  # not copied
        mac = data[len(_MAGIC) : len(_MAGIC) + _DIGEST]
        if not hmac.compare_digest(mac, hmac.new(key, signed, hashlib.sha256).digest()):
            _LOG.warning(
                "graph snapshot %s is not signed with this store's key: ignored",
                self.path(workspace),
            )
            return None
        header = self._header(workspace, stamp)
        if signed[: len(header) + 1] != header + b"\n":
            return None  # another workspace, stamp, format or networkx version
        try:
            with cycle_collection_paused():  # millions of new dicts, none in a cycle
                return _unpickled(signed[len(header) + 1 :])
        except Exception:  # a file we signed but cannot read: rebuild it
            return None

    def save(
        self,
        workspace: str,
        stamp: str,
        graph: nx.MultiDiGraph,
        *,
        pause: Callable[[float], object] | None = None,
    ) -> bool:
        """Write the snapshot (atomically: a reader sees the old file or the new one).

        Parameters
        ----------
        workspace, stamp : str
            As for :meth:`load`.
        graph : networkx.MultiDiGraph
            The graph built from the store at that stamp.
        pause : callable, optional
            Called after each part with the seconds it took (:meth:`save_later` gives
            :func:`time.sleep`: requests are answered while it writes).

        Returns
        -------
        bool
            Whether it was written (``False``: the folder is not writable).
        """
        try:
            key = self._key(create=True)
            assert key is not None
            signed = self._header(workspace, stamp) + b"\n" + _pickled(graph, pause=pause)
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

    def save_later(self, workspace: str, stamp: str, graph: nx.MultiDiGraph) -> None:
        """Write the snapshot in a thread of its own, so the caller can answer first.

        The graph must not change while it is written (the loaded graph never does: it
        is shared by every request). A later :meth:`load` or :meth:`drop` of the
        workspace waits for it, and so does the end of the process (a console command
        leaves its snapshot written). A write that fails costs only speed.
        """
        with self._lock:
            before = self._writing.get(workspace)

            def write() -> None:
                if before is not None:
                    before.join()  # one file per workspace: the writes in the order asked
                try:
                    self.save(workspace, stamp, graph, pause=time.sleep)
                except Exception as exc:  # a graph changed while written: none kept
                    _LOG.warning("no graph snapshot of %s written: %s", workspace, exc)
                    self.drop(workspace, wait=False)

            thread = threading.Thread(target=write, name=f"snapshot of {workspace}")
            self._writing[workspace] = thread
            thread.start()

    def wait(self, workspace: str | None = None) -> None:
        """Until the snapshots being written (of ``workspace``, or all) are on disk."""
        with self._lock:
            threads = [t for w, t in self._writing.items() if workspace is None or w == workspace]
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join()
        with self._lock:
            for w, t in list(self._writing.items()):
                if not t.is_alive():
                    del self._writing[w]

    def drop(self, workspace: str, *, wait: bool = True) -> None:
        """Remove the snapshot of ``workspace`` (if any; after one being written)."""
        if wait:
            self.wait(workspace)
        with contextlib.suppress(OSError):
            self.path(workspace).unlink()
