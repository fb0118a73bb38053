"""The console command, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from graph.analysis.result import Result
from graph.analysis.subgraphs import filter_view, simple_graph
from graph.store.sqlite import SQLiteStore
from tests.conftest import on_both
from tests.graph.analysis.test_change_cache_run import KNOWN

runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path, neo4j_settings: dict[str, str]) -> Path:
    """The data folder; with ``@on_both`` the commands also run on the real Neo4j, with
    the settings of the environment (``GRENSWERK_STORE=neo4j``, its address)."""
    return tmp_path / "data"


def gw(data: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--data-dir", str(data), *args])
    return result.exit_code, result.output


@on_both
def test_demo_is_idempotent(data: Path) -> None:
    code, output = gw(data, "demo")
    assert code == 0 and "79 nodes" in output
    code, output = gw(data, "demo")
    assert code == 0 and "(0 nodes and 0 relationships new)" in output


@on_both
def test_stats_json(data: Path) -> None:
    gw(data, "demo")
    code, output = gw(data, "stats", "-w", "demo", "--json")
    assert code == 0
    stats = json.loads(output)
    assert {"nodes", "relationships", "by_kind", "by_type", "components", "density"} <= set(stats)
    assert stats["nodes"] == 79 and stats["by_kind"]["organisation"] == 12
    assert stats["by_type"]["works_at"] == 5
    code, output = gw(data, "stats", "-w", "demo")
    assert code == 0 and "relationships" in output


def test_workspaces(data: Path) -> None:
    gw(data, "demo")
    code, output = gw(data, "workspaces", "--json")
    assert code == 0 and json.loads(output)[0]["name"] == "demo"
    code, output = gw(data, "workspaces")
    assert code == 0 and "demo" in output


def test_export_import_round_trip(data: Path, tmp_path: Path) -> None:
    gw(data, "demo")
    for fmt in ("json", "graphml", "gexf", "csv"):
        target = tmp_path / (f"out.{fmt}" if fmt != "csv" else "out-csv")
        code, output = gw(data, "export", "-w", "demo", "--format", fmt, "-o", str(target))
        assert code == 0, output
        code, output = gw(data, "import", str(target), "-w", f"copy-{fmt}")
        assert code == 0, output
        code, output = gw(data, "stats", "-w", f"copy-{fmt}", "--json")
        assert json.loads(output)["relationships"] == 190


def test_export_pseudonymised(data: Path, tmp_path: Path) -> None:
    gw(data, "demo")
    target = tmp_path / "open.json"
    code, _ = gw(data, "export", "-w", "demo", "-f", "json", "-o", str(target), "--pseudonymise")
    assert code == 0
    assert "Ilse Hartgers" not in target.read_text(encoding="utf-8")


@on_both
def test_forget_removes_a_person_completely(data: Path, tmp_path: Path) -> None:
    gw(data, "demo")
    code, output = gw(data, "forget", "ilse-hartgers", "-w", "demo")
    assert code == 0 and "Ilse Hartgers" in output
    target = tmp_path / "after.json"
    gw(data, "export", "-w", "demo", "-f", "json", "-o", str(target))
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert all(n["id"] != "ilse-hartgers" for n in doc["nodes"])
    assert all("ilse-hartgers" not in (r["source"], r["target"]) for r in doc["relationships"])
    code, output = gw(data, "forget", "ilse-hartgers", "-w", "demo")
    assert code == 1 and "no node" in output


def test_errors_are_messages(data: Path, tmp_path: Path) -> None:
    code, output = gw(data, "stats", "-w", "nope")
    assert code == 1 and "no workspace 'nope'" in output and "Traceback" not in output
    code, output = gw(data, "export", "-w", "nope", "-f", "xml", "-o", str(tmp_path / "x"))
    assert code == 1 and "unknown format" in output
    code, output = gw(data, "import", str(tmp_path), "--two-mode", "person")
    assert code == 1 and "--two-mode" in output


def test_delete_workspace(data: Path) -> None:
    gw(data, "demo")
    code, _ = gw(data, "delete-workspace", "demo", "--yes")
    assert code == 0
    code, output = gw(data, "delete-workspace", "demo", "--yes")
    assert code == 1 and "no workspace" in output


def test_bad_settings_are_a_message(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRENSWERK_ENVIRONMENT", "production")
    code, output = gw(data, "workspaces")
    assert code == 1 and "GRENSWERK_SECRET_KEY" in output


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    for command in ("import", "export", "stats", "workspaces", "demo", "serve", "forget"):
        assert command in result.output


ANALYSE_ARGS = {
    "paths": ["--from", "roc-midden-nederland", "--to", "cinop"],
    "recommend": ["--node", "noorderpoort"],
    "change": ["--before", "2017-01-01", "--after", "2023-01-01"],
}


#: what the table shows on the demo (the values are derived in test_change_cache_run.py)
TABLE_FACTS = {
    "summary": "nodes: 74",
    "centrality": "centrality (first 20 of 74)",
    "brokerage": "brokerage (first 20 of 22)",
    "holes": "holes (first 20 of 74)",
    "ei": "network: -0.4444",
    "communities": "count: 5",
    "potential": "potential (first 20 of 22)",
    "paths": "1. ROC Midden-Nederland → CINOP  (potential 0.517, 1 hop(s))",
    "recommend": "candidates: 2",
    "change": "change (first 20 of 40)",
}


@pytest.mark.parametrize("name", list(TABLE_FACTS))
def test_analyse_every_analysis(data: Path, demo_store: SQLiteStore, name: str) -> None:
    gw(data, "demo")
    code, output = gw(data, "analyse", name, "-w", "demo", *ANALYSE_ARGS.get(name, []))
    assert code == 0, output
    assert TABLE_FACTS[name] in output, output
    args = ("--json", "--with-meta", *ANALYSE_ARGS.get(name, []))
    code, output = gw(data, "analyse", name, "-w", "demo", *args)
    assert code == 0, output
    document = json.loads(output)
    result = Result(document["analysis"], document["rows"], document["meta"])
    graph = demo_store.load_graph("demo")
    KNOWN[name](result, simple_graph(filter_view(graph)))


def test_analyse_json_node_level_rows(data: Path) -> None:
    gw(data, "demo")
    code, output = gw(
        data, "analyse", "centrality", "-w", "demo", "--json", "--measures", "betweenness"
    )
    rows = json.loads(output)
    assert isinstance(rows, list) and len(rows) == 74
    first = rows[0]
    assert {"id", "name", "betweenness"} <= set(first)
    assert first["betweenness"] == max(r["betweenness"] for r in rows)
    code, output = gw(data, "analyse", "communities", "-w", "demo", "--json", "--with-meta")
    document = json.loads(output)
    assert document["meta"]["modularity"] > 0 and document["rows"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nonsense"], "unknown analysis"),
        (["paths"], "needs a source and a target"),
        (["centrality", "--at", "gisteren"], "--at"),
        (["communities", "--method", "magic"], "bad option"),
        (["centrality", "--measures", "fame"], "unknown measure"),
        (["recommend", "--node", "nobody"], "no node 'nobody'"),
        (["centrality", "--engine", "gds"], "cannot run analyses inside its database"),
        (["centrality", "--engine", "gpu"], "--engine"),
    ],
)
def test_analyse_errors(data: Path, args: list[str], message: str) -> None:
    gw(data, "demo")
    code, output = gw(data, "analyse", *args[:1], "-w", "demo", *args[1:])
    assert code == 1 and message in output and "Traceback" not in output


def test_analyse_says_which_engine_ran(data: Path) -> None:
    gw(data, "demo")
    code, output = gw(data, "analyse", "centrality", "-w", "demo", "--measures", "degree")
    assert code == 0
    assert "engine: local" in output
    assert "engine_reason: the store cannot run analyses inside its database" in output


def test_copy_command(data: Path, tmp_path: Path) -> None:
    gw(data, "demo")
    target = tmp_path / "copy.sqlite3"
    code, output = gw(
        data, "copy", "--from", f"sqlite:{data / 'grenswerk.sqlite3'}", "--to", f"sqlite:{target}"
    )
    assert code == 0 and "demo: 79 nodes, 190 relationships" in output
    code, output = gw(data, "copy", "--from", "nowhere", "--to", f"sqlite:{target}")
    assert code == 1 and "unknown store location" in output


def test_cypher_needs_neo4j(data: Path) -> None:
    gw(data, "demo")
    code, output = gw(data, "cypher", "MATCH (n {workspace: $workspace}) RETURN n", "-w", "demo")
    assert code == 1 and "need the Neo4j backend" in output


def test_unreachable_neo4j_is_a_message(data: Path) -> None:
    code, output = gw(data, "copy", "--from", "neo4j://127.0.0.1:1", "--to", "sqlite:x")
    assert code == 1 and "cannot reach Neo4j" in output and "Traceback" not in output


@on_both
def test_keys_commands(data: Path) -> None:
    gw(data, "demo")
    result = runner.invoke(
        app,
        [
            "--data-dir",
            str(data),
            "keys",
            "create",
            "--workspace",
            "demo",
            "--role",
            "viewer",
            "--label",
            "bestuur",
        ],
    )
    assert result.exit_code == 0
    token = result.stdout.strip().splitlines()[0]
    assert token.startswith("gw_")
    from api.config import Settings
    from api.keys import KeyStore
    from graph.store import open_store

    keys = KeyStore(open_store(Settings(data_dir=data)), close_store=True)
    found = keys.verify(token)
    assert found is not None and (found.workspace, found.role) == ("demo", "viewer")
    keys.close()
    code, output = gw(data, "keys", "list", "--workspace", "demo")
    assert code == 0 and "bestuur" in output and token not in output
    assert gw(data, "keys", "revoke", str(found.id))[0] == 0
    assert gw(data, "keys", "revoke", str(found.id))[0] == 1
    code, output = gw(data, "keys", "create", "--workspace", "demo", "--role", "boss")
    assert code == 1 and "unknown role" in output
    code, output = gw(data, "keys", "create", "--role", "admin")
    assert code == 1 and "--workspace W or --all" in output
    code, output = gw(data, "keys", "create", "--workspace", "nope", "--role", "admin")
    assert code == 1 and "no workspace 'nope'" in output
    assert gw(data, "keys", "create", "--all", "--role", "admin")[0] == 0


@on_both
def test_demo_also_loads_the_fictional_roc(data: Path) -> None:
    code, output = gw(data, "demo")
    assert code == 0
    assert "fictional example ROC in workspace 'voorbeeld-roc': 190 nodes" in output
    code, output = gw(data, "workspaces", "--json")
    assert [w["name"] for w in json.loads(output)] == ["demo", "voorbeeld-roc"]
    code, output = gw(data, "demo", "--no-example", "-w", "alleen")
    assert code == 0 and "voorbeeld-roc" not in output
