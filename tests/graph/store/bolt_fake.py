"""A scripted Bolt server on 127.0.0.1, so the real ``neo4j`` driver (its sessions,
managed transactions and results) runs every :class:`~graph.store.neo4j.Neo4jStore`
method without a Neo4j server.

It speaks the Bolt handshake (version 5.0), chunked messages and PackStream, and
answers each ``RUN`` by which constant of :mod:`graph.store.neo4j.cypher` was sent: a small
in-memory emulation of exactly those statements, with transactions (a ``BEGIN``
works on a copy that ``COMMIT`` installs) and bookmarks. Anything else is answered
from :attr:`FakeNeo4j.scripted` or refused as a syntax error, as Neo4j would.

Every message the driver sends is kept in :attr:`FakeNeo4j.log`; faults can be
injected with :meth:`FakeNeo4j.fail`.
"""

from __future__ import annotations

import contextlib
import copy
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.model import NodeKind, RelType
from graph.store.neo4j import cypher

# -- PackStream -------------------------------------------------------------------


@dataclass
class Structure:
    tag: int
    fields: list[Any]


def pack(value: Any) -> bytes:
    if value is None:
        return b"\xc0"
    if value is True:
        return b"\xc3"
    if value is False:
        return b"\xc2"
    if isinstance(value, int):
        if -16 <= value < 128:
            return struct.pack(">b", value)
        return b"\xcb" + struct.pack(">q", value)
    if isinstance(value, float):
        return b"\xc1" + struct.pack(">d", value)
    if isinstance(value, str):
        raw = value.encode()
        return _sized(len(raw), 0x80, 0xD0) + raw
    if isinstance(value, list | tuple):
        return _sized(len(value), 0x90, 0xD4) + b"".join(pack(v) for v in value)
    if isinstance(value, dict):
        body = b"".join(pack(k) + pack(v) for k, v in value.items())
        return _sized(len(value), 0xA0, 0xD8) + body
    if isinstance(value, Structure):
        return bytes([0xB0 | len(value.fields), value.tag]) + b"".join(
            pack(v) for v in value.fields
        )
    raise TypeError(f"cannot pack {value!r}")


def _sized(size: int, tiny: int, marker: int) -> bytes:
    if size < 16:
        return bytes([tiny | size])
    if size < 0x100:
        return bytes([marker]) + struct.pack(">B", size)
    if size < 0x10000:
        return bytes([marker + 1]) + struct.pack(">H", size)
    return bytes([marker + 2]) + struct.pack(">I", size)


class Unpacker:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def _take(self, n: int) -> bytes:
        out = self.data[self.at : self.at + n]
        self.at += n
        return out

    def _size(self, marker: int, base: int) -> int:
        width = {0: 1, 1: 2, 2: 4}[marker - base]
        return int.from_bytes(self._take(width), "big")

    def unpack(self) -> Any:
        marker = self._take(1)[0]
        high = marker & 0xF0
        if marker < 0x80 or marker >= 0xF0:
            return struct.unpack(">b", bytes([marker]))[0]
        if high == 0x80:
            return self._take(marker & 0x0F).decode()
        if high == 0x90:
            return [self.unpack() for _ in range(marker & 0x0F)]
        if high == 0xA0:
            return self._map(marker & 0x0F)
        if high == 0xB0:
            tag = self._take(1)[0]
            return Structure(tag, [self.unpack() for _ in range(marker & 0x0F)])
        simple: dict[int, Callable[[], Any]] = {
            0xC0: lambda: None,
            0xC1: lambda: struct.unpack(">d", self._take(8))[0],
            0xC2: lambda: False,
            0xC3: lambda: True,
            0xC8: lambda: struct.unpack(">b", self._take(1))[0],
            0xC9: lambda: struct.unpack(">h", self._take(2))[0],
            0xCA: lambda: struct.unpack(">i", self._take(4))[0],
            0xCB: lambda: struct.unpack(">q", self._take(8))[0],
        }
        if marker in simple:
            return simple[marker]()
        if 0xCC <= marker <= 0xCE:
            return self._take(self._size(marker, 0xCC))
        if 0xD0 <= marker <= 0xD2:
            return self._take(self._size(marker, 0xD0)).decode()
        if 0xD4 <= marker <= 0xD6:
            return [self.unpack() for _ in range(self._size(marker, 0xD4))]
        if 0xD8 <= marker <= 0xDA:
            return self._map(self._size(marker, 0xD8))
        raise ValueError(f"unknown PackStream marker {marker:#x}")

    def _map(self, size: int) -> dict[str, Any]:
        return {self.unpack(): self.unpack() for _ in range(size)}


# -- the emulated database ------------------------------------------------------------

MESSAGES = {
    0x01: "HELLO",
    0x02: "GOODBYE",
    0x0F: "RESET",
    0x10: "RUN",
    0x11: "BEGIN",
    0x12: "COMMIT",
    0x13: "ROLLBACK",
    0x2F: "DISCARD",
    0x3F: "PULL",
}
SUCCESS, RECORD, IGNORED, FAILURE = 0x70, 0x71, 0x7E, 0x7F


def _statements() -> dict[str, tuple[str, Any]]:
    """Statement text → (constant name, key of a per-kind or per-type statement)."""
    out: dict[str, tuple[str, Any]] = {}
    for name in cypher.__all__:
        value = getattr(cypher, name)
        if name in (
            "NODE_LABELS",
            "REL_TYPES",
            "PARAMETERS",
            "ALL_STATEMENTS",
            "UNSCOPED",
            "CHANGE_LABELS",
        ):
            continue
        if isinstance(value, str):
            out[value] = (name, None)
        elif isinstance(value, list):
            out.update(dict.fromkeys(value, (name, None)))
        elif isinstance(value, dict):
            out.update({s: (name, key) for key, s in value.items()})
    return out


STATEMENTS = _statements()
TYPE_OF = {name: t for t, name in cypher.REL_TYPES.items()}

Rows = tuple[list[str], list[list[Any]]]


@dataclass
class Data:
    """What the fake database holds."""

    workspaces: dict[str, dict[str, Any]] = field(default_factory=dict)
    nodes: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    rels: list[dict[str, Any]] = field(default_factory=list)
    keys: dict[int, dict[str, Any]] = field(default_factory=dict)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    surveys: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    invitations: dict[tuple[str, str, int], dict[str, Any]] = field(default_factory=dict)
    responses: dict[tuple[str, str, int], dict[str, Any]] = field(default_factory=dict)
    share_links: dict[int, dict[str, Any]] = field(default_factory=dict)
    views: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)


def _ws_rels(data: Data, workspace: str) -> list[dict[str, Any]]:
    return sorted((r for r in data.rels if r["workspace"] == workspace), key=lambda r: r["id"])


_KEY_FIELDS = ["id", "workspace", "role", "label", "created"]


def run_access(data: Data, name: str, p: dict[str, Any]) -> Rows | None:
    """Emulate a statement about API keys and sessions (``None``: not one of those)."""
    if name == "CREATE_KEY":
        new_id = max(data.keys, default=0) + 1
        data.keys[new_id] = {"id": new_id, **p}
        return ["id"], [[new_id]]
    if name in ("KEY_BY_HASH", "LIST_KEYS"):
        found = [
            k
            for _, k in sorted(data.keys.items())
            if (name == "KEY_BY_HASH" and k["hash"] == p["hash"])
            or (name == "LIST_KEYS" and p["workspace"] in (None, k["workspace"]))
        ]
        return _KEY_FIELDS, [[k[f] for f in _KEY_FIELDS] for k in found]
    if name == "DELETE_KEYS":
        gone = [
            i
            for i, k in data.keys.items()
            if p["id"] in (None, i) and p["workspace"] in (None, k["workspace"])
        ]
        for i in gone:
            del data.keys[i]
        data.sessions = {h: s for h, s in data.sessions.items() if s["key_id"] not in gone}
        return ["deleted"], [[len(gone)]]
    if name == "CREATE_SESSION":
        data.sessions = {h: s for h, s in data.sessions.items() if s["expires"] >= p["created"]}
        data.sessions[p["hash"]] = dict(p)
        return [], []
    if name == "SESSION_KEY":
        session = data.sessions.get(p["hash"])
        if session is None or session["expires"] <= p["now"] or session["key_id"] not in data.keys:
            return _KEY_FIELDS, []
        k = data.keys[session["key_id"]]
        return _KEY_FIELDS, [[k[f] for f in _KEY_FIELDS]]
    if name == "END_SESSION":
        data.sessions.pop(p["hash"], None)
        return [], []
    return None


def run_surveys(data: Data, name: str, p: dict[str, Any]) -> Rows | None:  # noqa: C901
    """Emulate a statement about surveys (``None``: not one of those)."""
    ws = p.get("workspace")
    if name == "SAVE_SURVEY":
        old = data.surveys.get((ws, p["id"]), {"created": p["created"]})
        data.surveys[(ws, p["id"])] = {**old, "data": p["data"]}
        return [], []
    if name == "GET_SURVEY":
        found = data.surveys.get((ws, p["id"]))
        return ["data"], [[found["data"]]] if found else []
    if name == "LIST_SURVEYS":
        mine = [(k, v) for k, v in data.surveys.items() if k[0] == ws]
        mine.sort(key=lambda kv: kv[0][1])
        mine.sort(key=lambda kv: kv[1]["created"], reverse=True)
        return ["data"], [[v["data"]] for _, v in mine]
    if name in ("DELETE_SURVEY", "DELETE_WORKSPACE_SURVEYS"):
        one = name == "DELETE_SURVEY"
        gone = data.surveys.pop((ws, p["id"]), None) if one else None
        for table in (data.invitations, data.responses):
            for k in [k for k in table if k[0] == ws and (not one or k[1] == p["id"])]:
                del table[k]
        if not one:
            data.surveys = {k: v for k, v in data.surveys.items() if k[0] != ws}
            return [], []
        return ["deleted"], [[1 if gone else 0]]
    if name == "SAVE_INVITATION":
        data.invitations[(ws, p["survey_id"], p["id"])] = {"hash": p["hash"], "data": p["data"]}
        return [], []
    if name == "INVITATION_BY_HASH":
        found = [v for v in data.invitations.values() if v["hash"] == p["hash"]]
        return ["data"], [[v["data"]] for v in found]
    if name in ("LIST_INVITATIONS", "LIST_RESPONSES"):
        table = data.invitations if name == "LIST_INVITATIONS" else data.responses
        rows = sorted((k, v) for k, v in table.items() if k[:2] == (ws, p["survey_id"]))
        return ["data"], [[v["data"]] for _, v in rows]
    if name == "SAVE_RESPONSE":
        data.responses[(ws, p["survey_id"], p["invitation_id"])] = {"data": p["data"]}
        return [], []
    if name == "DELETE_RESPONSE":
        gone = data.responses.pop((ws, p["survey_id"], p["invitation_id"]), None)
        return ["deleted"], [[1 if gone else 0]]


_LINK_FIELDS = ["id", "workspace", "label", "origins", "created", "expires"]
_VIEW_FIELDS = ["name", "settings", "updated"]


def run_sharing(data: Data, name: str, p: dict[str, Any]) -> Rows | None:
    """Emulate a statement about share links and saved views (``None``: not one)."""
    if name == "CREATE_SHARE_LINK":
        new_id = max(data.share_links, default=0) + 1
        data.share_links[new_id] = {"id": new_id, **p}
        return ["id"], [[new_id]]
    if name in ("SHARE_LINK_BY_HASH", "LIST_SHARE_LINKS"):
        found = [
            link
            for _, link in sorted(data.share_links.items())
            if link.get("hash") == p.get("hash") or link["workspace"] == p.get("workspace")
        ]
        return _LINK_FIELDS, [[link[f] for f in _LINK_FIELDS] for link in found]
    if name == "DELETE_SHARE_LINKS":
        gone = [
            i
            for i, link in data.share_links.items()
            if link["workspace"] == p["workspace"] and p["id"] in (None, i)
        ]
        for i in gone:
            del data.share_links[i]
        return ["deleted"], [[len(gone)]]
    if name == "PUT_VIEW":
        created = (p["workspace"], p["name"]) not in data.views
        data.views[(p["workspace"], p["name"])] = dict(p)
        return ["created"], [[created]]
    if name in ("GET_VIEW", "LIST_VIEWS"):
        views = [
            v
            for (w, n), v in sorted(data.views.items())
            if w == p["workspace"] and (name == "LIST_VIEWS" or n == p["name"])
        ]
        return _VIEW_FIELDS, [[v[f] for f in _VIEW_FIELDS] for v in views]
    if name == "DELETE_VIEWS":
        gone_views = [k for k in data.views if k[0] == p["workspace"] and p["name"] in (None, k[1])]
        for k in gone_views:
            del data.views[k]
        return ["deleted"], [[len(gone_views)]]


_CHANGE_FIELDS = ["id", "time", "actor", "role", "action", "summary"]


def _change_matches(c: dict[str, Any], p: dict[str, Any]) -> bool:
    return (
        c["workspace"] == p["workspace"]
        and (p["since"] is None or c["time"] >= p["since"])
        and (p["until"] is None or c["time"] < p["until"])
        and (p["after"] is None or c["id"] > p["after"])
        and (p["id"] is None or c["id"] == p["id"])
        and (p["needles"] is None or any(x in c["data"] for x in p["needles"]))
    )


def run_log(data: Data, name: str, p: dict[str, Any]) -> Rows | None:
    """Emulate a statement of the change log (``None``: not one of those)."""
    ws = p.get("workspace")
    if name == "RELATIONSHIPS_OF_NODES":
        rels = [r for r in _ws_rels(data, ws) if {r["source"], r["target"]} & set(p["ids"])]
        return ["id", "data"], [[r["id"], r["data"]] for r in rels]
    if name == "CREATE_CHANGE":
        if ws not in data.workspaces:
            return ["id"], []
        info = data.workspaces[ws]
        info["changes"] = info.get("changes", 0) + 1
        data.changes.append({**p, "id": info["changes"]})
        return ["id"], [[info["changes"]]]
    if name in ("LIST_CHANGES", "LOG_ENTRIES"):
        fields = [*_CHANGE_FIELDS, "data"]
        if name == "LOG_ENTRIES":
            found = sorted((c for c in data.changes if c["workspace"] == ws), key=lambda c: c["id"])
            return fields, [[c[f] for f in fields] for c in found]
        found = sorted((c for c in data.changes if _change_matches(c, p)), key=lambda c: -c["id"])
        found = found[p["offset"] : p["offset"] + p["limit"]]
        return fields, [
            [*(c[f] for f in _CHANGE_FIELDS), c["data"] if p["details"] else None] for c in found
        ]
    if name == "REWRITE_CHANGES":
        for row in p["rows"]:
            for c in data.changes:
                if (c["workspace"], c["id"]) == (ws, row["id"]):
                    c.update({k: v for k, v in row.items() if k != "id"})
        return [], []
    if name == "DELETE_CHANGES_BATCH":
        mine = [c for c in data.changes if c["workspace"] == ws][: p["batch"]]
        data.changes[:] = [c for c in data.changes if not any(c is m for m in mine)]
        return ["deleted"], [[len(mine)]]
    return None


def run_statement(data: Data, query: str, p: dict[str, Any]) -> Rows:  # noqa: C901
    """Emulate one of the backend's statements on ``data``."""
    name, key = STATEMENTS[query]
    access = run_access(data, name, p)
    if access is None:
        access = run_sharing(data, name, p)
    if access is None:
        access = run_log(data, name, p)
    if access is not None:
        return access
    surveys = run_surveys(data, name, p)
    if surveys is not None:
        return surveys
    ws = p.get("workspace")
    if name == "SCHEMA":
        return [], []
    if name == "ENSURE_WORKSPACE":
        data.workspaces.setdefault(ws, {"version": 0, "created": p["created"]})
        return [], []
    if name == "WORKSPACE_STAMP":
        if ws not in data.workspaces:
            return ["created", "version"], []
        w = data.workspaces[ws]
        return ["created", "version"], [[w["created"], w["version"]]]
    if name in ("BUMP_VERSION", "VERSION"):
        if ws not in data.workspaces:
            return ["version"], []
        if name == "BUMP_VERSION":
            data.workspaces[ws]["version"] += 1
        return ["version"], [[data.workspaces[ws]["version"]]]
    if name in ("EXISTING_NODES", "GET_NODES"):
        found = [data.nodes[(ws, i)] for i in p["ids"] if (ws, i) in data.nodes]
        if name == "GET_NODES":
            return ["data"], [[n["data"]] for n in found]
        return ["id", "data"], [[n["id"], n["data"]] for n in found]
    if name == "EXISTING_RELATIONSHIPS":
        wanted = set(p["ids"])
        return ["id", "data"], [
            [r["id"], r["data"]]
            for r in data.rels
            if r["workspace"] == ws and r["type"] == cypher.REL_TYPES[key] and r["id"] in wanted
        ]
    if name == "MISSING_NODES":
        return ["id"], [[i] for i in p["ids"] if (ws, i) not in data.nodes]
    if name == "NODE_KINDS":
        found = [data.nodes[(ws, i)] for i in p["ids"] if (ws, i) in data.nodes]
        return ["id", "kind"], [[n["id"], n["kind"]] for n in found]
    if name == "UPSERT_NODES":
        for row in p["rows"]:
            data.nodes[(ws, row["id"])] = {**row, "label": cypher.NODE_LABELS[key]}
        return [], []
    if name == "UPSERT_RELATIONSHIPS":
        rel_type = cypher.REL_TYPES[key]
        for row in p["rows"]:
            if (ws, row["source"]) not in data.nodes or (ws, row["target"]) not in data.nodes:
                continue
            same = [
                r
                for r in data.rels
                if (r["workspace"], r["type"], r["id"], r["source"], r["target"])
                == (ws, rel_type, row["id"], row["source"], row["target"])
            ]
            if same:
                same[0]["data"] = row["data"]
            else:
                data.rels.append({"workspace": ws, "type": rel_type, **row})
        return [], []
    if name == "DELETE_NODES" or name == "DELETE_WORKSPACE_BATCH":
        ids = p["ids"] if name == "DELETE_NODES" else [i for (w, i) in data.nodes if w == ws]
        if name == "DELETE_WORKSPACE_BATCH":
            ids = ids[: p["batch"]]
        gone = {i for i in ids if data.nodes.pop((ws, i), None) is not None}
        data.rels[:] = [
            r
            for r in data.rels
            if not (r["workspace"] == ws and (r["source"] in gone or r["target"] in gone))
        ]
        return ["deleted"], [[len(gone)]]
    if name == "DELETE_RELATIONSHIPS":
        before, rel_type = len(data.rels), cypher.REL_TYPES[key]
        data.rels[:] = [
            r
            for r in data.rels
            if not (r["workspace"] == ws and r["type"] == rel_type and r["id"] in p["ids"])
        ]
        return ["deleted"], [[before - len(data.rels)]]
    if name == "DELETE_WORKSPACE_NODE":
        return ["deleted"], [[1 if data.workspaces.pop(ws, None) is not None else 0]]
    if name == "SEARCH":
        return ["data"], _search(data, p)
    if name in ("LIST_NODES", "LIST_NODES_OF_KIND"):
        nodes = sorted((n for (w, _), n in data.nodes.items() if w == ws), key=lambda n: n["id"])
        if name == "LIST_NODES_OF_KIND":
            nodes = [n for n in nodes if n["kind"] == p["kind"]]
        return ["data"], [[n["data"]] for n in nodes]
    if name in ("LIST_RELATIONSHIPS", "LIST_RELATIONSHIPS_OF_TYPE", "LIST_RELATIONSHIPS_OF_NODE"):
        rels = _ws_rels(data, ws)
        if name == "LIST_RELATIONSHIPS_OF_TYPE":
            rels = [r for r in rels if r["type"] == cypher.REL_TYPES[key]]
        if name == "LIST_RELATIONSHIPS_OF_NODE":
            rels = [r for r in rels if p["node"] in (r["source"], r["target"])]
            return ["data", "id"], [[r["data"], r["id"]] for r in rels]
        return ["data"], [[r["data"]] for r in rels]
    if name == "LIST_WORKSPACES":
        columns = ["name", "version", "created", "nodes", "relationships", "sources", "mentions"]
        return columns, [
            [
                w,
                info["version"],
                info["created"],
                sum(1 for (x, _) in data.nodes if x == w),
                sum(1 for r in data.rels if r["workspace"] == w),
                sum(1 for (x, _), n in data.nodes.items() if x == w and n["kind"] == "source"),
                sum(1 for r in data.rels if r["workspace"] == w and r["type"] == "MENTIONED_IN"),
            ]
            for w, info in sorted(data.workspaces.items())
        ]
    raise AssertionError(f"the fake has no emulation of {name}")


def _search(data: Data, p: dict[str, Any]) -> list[list[Any]]:
    needle = p["needle"]
    hits = []
    for (w, _), n in data.nodes.items():
        if w != p["workspace"] or n["kind"] not in p["kinds"]:
            continue
        if needle not in n["norm"] and not any(needle in a for a in n["aliases"]):
            continue
        if n["norm"] == needle or needle in n["aliases"]:
            rank = 0
        elif n["norm"].startswith(needle) or any(a.startswith(needle) for a in n["aliases"]):
            rank = 1
        else:
            rank = 2
        hits.append((rank, len(n["norm"]), n["norm"], n["data"]))
    return [[h[3]] for h in sorted(hits)[: p["limit"]]]


# -- the server ---------------------------------------------------------------------


@dataclass
class Fault:
    """Answer the ``nth`` matching message with a failure (or by closing the socket)."""

    message: str
    code: str = "Neo.TransientError.Transaction.DeadlockDetected"
    text: str = "deadlock detected"
    statement: str | None = None
    after_records: int | None = None
    close: bool = False


class FakeNeo4j:
    """A Bolt 5.0 server on 127.0.0.1 emulating the backend's statements."""

    def __init__(self) -> None:
        self.data = Data()
        self.log: list[tuple[str, list[Any]]] = []
        #: answers to other queries: text → rows, or a function of (data, parameters)
        self.scripted: dict[str, Rows | Callable[[Data, dict[str, Any]], Rows]] = {}
        #: while set, every connection is dropped (the server is unreachable)
        self.down = False
        self.faults: list[Fault] = []
        self.commits = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._closing = False
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def fail(self, fault: Fault) -> None:
        self.faults.append(fault)

    def messages(self, name: str) -> list[list[Any]]:
        return [fields for m, fields in self.log if m == name]

    def close(self) -> None:
        self._closing = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closing:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn, contextlib.suppress(ConnectionError, OSError, _Closed):
            Connection(self, conn).run()

    def take_fault(self, message: str, statement: str | None = None) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.message == message and fault.statement in (None, statement):
                    self.faults.remove(fault)
                    return fault
        return None


class _Closed(Exception):
    pass


class Connection:
    """One client connection: handshake, then messages until GOODBYE."""

    def __init__(self, server: FakeNeo4j, conn: socket.socket) -> None:
        self.server = server
        self.conn = conn
        self.tx: Data | None = None
        self.failed = False
        self.pending: list[list[Any]] = []
        self.statement: str | None = None

    def _recv(self, n: int) -> bytes:
        out = b""
        while len(out) < n:
            chunk = self.conn.recv(n - len(out))
            if not chunk:
                raise _Closed
            out += chunk
        return out

    def _read_message(self) -> tuple[str, list[Any]]:
        body = b""
        while True:
            size = struct.unpack(">H", self._recv(2))[0]
            if size == 0:
                if body:
                    break
                continue
            body += self._recv(size)
        message = Unpacker(body).unpack()
        return MESSAGES.get(message.tag, hex(message.tag)), message.fields

    def _send(self, tag: int, *fields: Any) -> None:
        body = pack(Structure(tag, list(fields)))
        out = b""
        for start in range(0, len(body), 0xFFFF):
            chunk = body[start : start + 0xFFFF]
            out += struct.pack(">H", len(chunk)) + chunk
        self.conn.sendall(out + b"\x00\x00")

    def run(self) -> None:
        if self.server.down:
            raise _Closed
        magic = self._recv(4)
        assert magic == b"\x60\x60\xb0\x17", magic
        self._recv(16)
        self.conn.sendall(b"\x00\x00\x00\x05")  # Bolt 5.0
        while True:
            name, fields = self._read_message()
            with self.server._lock:
                self.server.log.append((name, fields))
            if name == "GOODBYE":
                return
            self._answer(name, fields)

    def _failure(self, fault: Fault) -> None:
        if fault.close:
            self.conn.shutdown(socket.SHUT_RDWR)
            raise _Closed
        self._send(FAILURE, {"code": fault.code, "message": fault.text})
        self.failed = True
        self.tx = None
        self.pending = []

    def _answer(self, name: str, fields: list[Any]) -> None:
        if self.server.down:
            self._failure(Fault(name, close=True))
        if name == "RESET":
            self.failed, self.tx, self.pending = False, None, []
            self._send(SUCCESS, {})
            return
        if self.failed:
            self._send(IGNORED)
            return
        statement = fields[0] if name == "RUN" else self.statement
        fault = self.server.take_fault(name, STATEMENTS.get(statement or "", ("",))[0])
        if fault is not None and fault.after_records is None:
            self._failure(fault)
            return
        getattr(self, f"_on_{name.lower()}", self._on_other)(fields, fault)

    def _on_hello(self, fields: list[Any], fault: Fault | None) -> None:
        self._send(SUCCESS, {"server": "Neo4j/5.20.0", "connection_id": "bolt-fake"})

    def _on_begin(self, fields: list[Any], fault: Fault | None) -> None:
        with self.server._lock:
            self.tx = copy.deepcopy(self.server.data)
        self._send(SUCCESS, {})

    def _on_run(self, fields: list[Any], fault: Fault | None) -> None:
        query, params = fields[0], fields[1]
        self.statement = query
        try:
            if query in STATEMENTS:
                if self.tx is not None:
                    keys, rows = run_statement(self.tx, query, params)
                else:
                    with self.server._lock:
                        keys, rows = run_statement(self.server.data, query, params)
            elif query in self.server.scripted:
                answer = self.server.scripted[query]
                data = self.tx or self.server.data
                keys, rows = answer(data, params) if callable(answer) else answer
            else:
                raise KeyError(query)
        except KeyError:
            self._failure(
                Fault("RUN", "Neo.ClientError.Statement.SyntaxError", f"unknown query {query!r}")
            )
            return
        self.pending = rows
        self._send(SUCCESS, {"fields": keys, "t_first": 0, "qid": 0})

    def _on_pull(self, fields: list[Any], fault: Fault | None) -> None:
        for i, row in enumerate(self.pending):
            if fault is not None and i == fault.after_records:
                self._failure(fault)
                return
            self._send(RECORD, row)
        self.pending = []
        meta: dict[str, Any] = {"has_more": False, "type": "r"}
        if self.tx is None:
            meta["bookmark"] = self._bookmark()
        self._send(SUCCESS, meta)

    def _on_discard(self, fields: list[Any], fault: Fault | None) -> None:
        self.pending = []
        self._send(SUCCESS, {"has_more": False})

    def _on_commit(self, fields: list[Any], fault: Fault | None) -> None:
        with self.server._lock:
            if self.tx is not None:
                self.server.data = self.tx
        self.tx = None
        self._send(SUCCESS, {"bookmark": self._bookmark()})

    def _on_rollback(self, fields: list[Any], fault: Fault | None) -> None:
        self.tx = None
        self._send(SUCCESS, {})

    def _on_other(self, fields: list[Any], fault: Fault | None) -> None:
        self._send(SUCCESS, {})

    def _bookmark(self) -> str:
        with self.server._lock:
            self.server.commits += 1
            return f"fake:bm{self.server.commits}"


def node_struct(node_id: int, labels: list[str], props: dict[str, Any]) -> Structure:
    """A Bolt 5 node, for scripted answers."""
    return Structure(0x4E, [node_id, labels, props, f"4:fake:{node_id}"])


__all__ = ["Data", "FakeNeo4j", "Fault", "NodeKind", "RelType", "node_struct"]
