"""Which embedded Cypher engine answers the researchers' questions like Neo4j: the
measurement behind docs/query.md.

For each candidate — Ladybug (``ladybug``), grand-cypher (``grand_cypher``, Cypher over a
networkx graph) and falkordblite — in a process of its own (so its peak memory is its
own): how many questions of the corpus (graph/store/query/questions.py) it answers with
Neo4j's rows (Neo4j: the tests' real server, tests/neo4j/server.py), the time to load a
workspace copy and to answer each question on demo, voorbeeld-roc and a generated
workspace of 10 000 nodes (bench/analysis.py's generator), peak memory, install size,
whether it runs in-process, what a write gives, and whether a timeout stops a long query.

    python bench/query_engines.py [--nodes 10000]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

from graph.model import Node, Relationship  # noqa: E402
from graph.store.query import QUESTIONS  # noqa: E402
from graph.store.query.model import model_rows  # noqa: E402
from graph.store.sqlite import SQLiteStore  # noqa: E402
from importers import ImportOptions, import_paths  # noqa: E402

DATA = HERE.parent / "graph" / "data"
LONG = "MATCH (a)-[*1..6]-(b) RETURN count(*) AS n"
#: a question not answered in this long counts as not answered
QUESTION_S = 30.0


def load_store(path: Path, nodes: int) -> SQLiteStore:
    store = SQLiteStore(path)
    if not store.has_workspace("demo"):
        import_paths(store, [DATA], ImportOptions("demo"))
        voorbeeld = DATA / "voorbeeld"
        import_paths(
            store,
            [voorbeeld / "voorbeeld-roc-nodes.csv", voorbeeld / "voorbeeld-roc-relationships.csv"],
            ImportOptions("voorbeeld-roc"),
        )
        spec = importlib.util.spec_from_file_location("bench_analysis", HERE / "analysis.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        graph = module.workspace(nodes, 1)
        name = f"generated-{nodes}"
        store.upsert(
            name,
            [Node(id=k, workspace=name, **d) for k, d in graph.nodes(data=True)],
            [
                Relationship(workspace=name, source=a, target=b, **d)
                for a, b, d in graph.edges(data=True)
            ],
        )
    return store


# -- the candidates, each: load(rows) -> handle; run(handle, query) -> (columns, rows) -------


def ladybug_load(rows: Any) -> Any:
    from graph.store.query import ladybug_db

    return ladybug_db.build(rows, Path(tempfile.mkdtemp()) / "db", buffer_mb=1024)


def ladybug_run(db: Any, query: str, timeout_s: float = 60) -> tuple[list[str], list[list[Any]]]:
    from graph.store.query import ladybug_db

    answer = ladybug_db.execute(db, query, limit=1_000_000, timeout_s=timeout_s)
    return answer.columns, answer.rows


def grand_load(rows: Any) -> Any:
    import networkx as nx

    graph = nx.MultiDiGraph()
    for label, node_rows in rows.nodes.items():
        for row in node_rows:
            graph.add_node(
                row["id"], __labels__={label}, **{k: v for k, v in row.items() if v is not None}
            )
    for rel_type, rel_rows in rows.relationships.items():
        for row in rel_rows:
            props = {
                k: v for k, v in row.items() if v is not None and k not in ("source", "target")
            }
            graph.add_edge(row["source"], row["target"], __labels__={rel_type}, **props)
    return graph


def grand_run(graph: Any, query: str, timeout_s: float = 60) -> tuple[list[str], list[list[Any]]]:
    from grandcypher import GrandCypher

    from graph.store.query.ladybug_db import plain

    # grand-cypher reads only double-quoted strings: given them, so that it is measured on
    # the questions, not on their quotes
    result = GrandCypher(graph).run(query.replace("'", '"'))
    columns = [str(c) for c in result]
    values = [result[c] for c in result]
    return columns, [[plain(v) for v in row] for row in zip(*values, strict=True)]


ENGINES = {"ladybug": (ladybug_load, ladybug_run), "grand-cypher": (grand_load, grand_run)}
DISTRIBUTIONS = {"ladybug": ["ladybug"], "grand-cypher": ["grand-cypher", "grandiso", "lark"]}


def install_mb(names: list[str]) -> float:
    total = 0
    for name in names:
        dist = importlib.metadata.distribution(name)
        for file in dist.files or ():
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                total += path.stat().st_size
    return total / 2**20


def bounded(work: Any, seconds: float) -> tuple[bool, Any]:
    """``work()`` in a thread, waited for at most ``seconds``: (finished, result or error).
    A pure-Python engine cannot be stopped; its thread is left behind (the process ends
    with os._exit)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except Exception as exc:  # noqa: BLE001 - the measurement records every failure
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        return False, None
    if "error" in box:
        raise box["error"]
    return True, box["value"]


def measure(engine: str, store_path: str, workspace: str) -> dict[str, Any]:
    """One engine on one workspace, in this process."""
    load, run = ENGINES[engine]
    store = SQLiteStore(store_path)
    rows = model_rows(store.load_graph(workspace))
    started = time.perf_counter()
    handle = load(rows)
    loaded = time.perf_counter() - started
    answers: dict[str, Any] = {}
    times = []
    for question in QUESTIONS:
        if question.workspace != workspace and not workspace.startswith("generated"):
            continue
        if workspace.startswith("generated") and not question.example:
            continue
        started = time.perf_counter()
        finished = True
        try:
            finished, value = bounded(lambda q=question: run(handle, q.cypher), QUESTION_S)
            answers[question.key] = value if finished else {"error": f"not done in {QUESTION_S} s"}
        except Exception as exc:  # noqa: BLE001 - the measurement records every failure
            answers[question.key] = {"error": " ".join(str(exc).split())[:160]}
        times.append(time.perf_counter() - started)
        if not finished:
            break  # the thread still runs: later timings would share its cores
    write = "no error"
    try:
        run(handle, "CREATE (:Theme {id: 'x', name: 'x'})")
    except Exception as exc:  # noqa: BLE001
        write = " ".join(str(exc).split())[:120]
    started = time.perf_counter()
    try:
        finished, _ = bounded(lambda: run(handle, LONG, 2.0), 15.0)
        stopped = "finished" if finished else "not stopped"
    except Exception as exc:  # noqa: BLE001
        stopped = " ".join(str(exc).split())[:60]
    long_s = time.perf_counter() - started
    return {
        "load_s": loaded,
        "median_query_ms": 1000 * statistics.median(times) if times else None,
        "answers": answers,
        "write": write,
        "long_query": f"{stopped} after {long_s:.1f} s",
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def neo4j_answers(store: SQLiteStore) -> dict[str, Any]:
    import neo4j

    from tests.neo4j.server import Neo4jServer
    from tests.query.compare import plain
    from tests.query.neo4j_model import write_model

    server = Neo4jServer(Path(tempfile.mkdtemp()) / "neo4j").start()
    answers: dict[str, Any] = {}
    try:
        with (
            neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver,
            driver.session() as session,
        ):
            for workspace in ("demo", "voorbeeld-roc"):
                write_model(session, model_rows(store.load_graph(workspace)))
                for question in QUESTIONS:
                    if question.workspace == workspace:
                        result = session.run(question.cypher)
                        keys = list(result.keys())
                        answers[question.key] = (keys, [plain(list(r.values())) for r in result])
    finally:
        server.stop()
    return answers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "STORE", "WORKSPACE"))
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(*args.one), default=str), flush=True)
        os._exit(0)  # a pure-Python engine's unfinished thread may still run
    from tests.query.compare import difference

    folder = Path(tempfile.mkdtemp())
    store = load_store(folder / "grenswerk.sqlite3", args.nodes)
    reference = neo4j_answers(store)
    workspaces = ["demo", "voorbeeld-roc", f"generated-{args.nodes}"]
    print(f"{len(QUESTIONS)} questions; Neo4j 5.26 the reference\n")
    print("| | " + " | ".join(ENGINES) + " |")
    print("| --- |" + " --- |" * len(ENGINES))
    table: dict[str, dict[str, str]] = {e: {} for e in ENGINES}
    for engine in ENGINES:
        equal = 0
        for workspace in workspaces:
            run = subprocess.run(
                [sys.executable, __file__, "--one", engine, str(store.path), workspace],
                capture_output=True,
                text=True,
                check=True,
                timeout=1800,
            )
            found = json.loads(run.stdout)
            for key, answer in found["answers"].items():
                if key in reference and isinstance(answer, list):
                    question = next(q for q in QUESTIONS if q.key == key)
                    expected = reference[key]
                    if answer[0] == expected[0] and not difference(
                        expected[1], answer[1], question.ordered
                    ):
                        equal += 1
            median = found["median_query_ms"]
            table[engine][f"load {workspace}"] = f"{found['load_s']:.2f} s"
            table[engine][f"median question {workspace}"] = (
                f"{median:.1f} ms" if median is not None else "–"
            )
            table[engine][f"peak memory {workspace}"] = f"{found['peak_mb']:.0f} MB"
            table[engine]["a write"] = found["write"]
            table[engine][f"6-hop query, 2 s timeout, {workspace}"] = found["long_query"]
        table[engine]["questions with Neo4j's rows"] = f"{equal} of {len(QUESTIONS)}"
        table[engine]["install size"] = f"{install_mb(DISTRIBUTIONS[engine]):.1f} MB"
    for row in table["ladybug"]:
        print(f"| {row} | " + " | ".join(table[e].get(row, "") for e in ENGINES) + " |")


if __name__ == "__main__":
    main()
