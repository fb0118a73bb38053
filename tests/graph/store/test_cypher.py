"""Every Cypher statement of the Neo4j backend, checked by Neo4j's own parser
(npm @neo4j-cypher/language-support, installed by the Makefile into tests/cypher)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.store.neo4j import cypher

LINTER = Path(__file__).parents[2] / "cypher"
SCHEMA = {
    "labels": [
        "Node",
        "Workspace",
        *cypher.NODE_LABELS.values(),
        *cypher.ACCESS_LABELS,
        *cypher.SURVEY_LABELS,
        *cypher.CHANGE_LABELS,
    ],
    "relationshipTypes": list(cypher.REL_TYPES.values()),
    # stored properties, and the keys of the $rows maps (row.source, row.target)
    "propertyKeys": [
        "workspace",
        "id",
        "kind",
        "name",
        "norm",
        "aliases",
        "data",
        "version",
        "created",
        "source",
        "target",
        "hash",
        "role",
        "label",
        "key_id",
        "expires",
        "survey_id",
        "invitation_id",
        "origins",
        "settings",
        "updated",
        "changes",
        "time",
        "actor",
        "action",
        "summary",
        "positions",
        # the fields in-database views filter on (graph/store/neo4j/cypher/analytics.py)
        "since",
        "until",
        "date",
        "strength",
        "view_fields",
    ],
}


def lint(statements: dict[str, tuple[str, dict[str, object]]]) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    node = shutil.which("node")
    assert node, "node is not installed: `make test` installs it (apt-get install nodejs)"
    assert (LINTER / "node_modules" / "@neo4j-cypher" / "language-support").exists(), (
        "the Cypher parser is not installed: `make test` runs npm ci in tests/cypher"
    )
    payload = {
        "schema": SCHEMA,
        "statements": [
            {"name": n, "query": q, "parameters": p, "extra": {}}
            for n, (q, p) in statements.items()
        ],
    }
    done = subprocess.run(
        [node, str(LINTER / "lint.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        cwd=LINTER,
    )
    return {r["name"]: r["diagnostics"] for r in json.loads(done.stdout)}


def _parameters(name: str) -> dict[str, object]:
    return cypher.PARAMETERS[name.split("[")[0]]


def test_every_statement_has_zero_diagnostics() -> None:
    statements = {n: (q, _parameters(n)) for n, q in cypher.ALL_STATEMENTS.items()}
    assert len(statements) >= 60
    results = lint(statements)
    assert results.keys() == statements.keys()
    problems = {n: d for n, d in results.items() if d}
    assert problems == {}


def test_the_check_catches_broken_statements() -> None:
    results = lint(
        {
            "typo": ("MATCH (n:Node {workspace: $workspace}) RETRN n", {"workspace": "w"}),
            "undeclared parameter": (
                "MATCH (n:Node {workspace: $nope}) RETURN n",
                {"workspace": "w"},
            ),
            "unknown label": (
                "MATCH (n:Nodes {workspace: $workspace}) RETURN n",
                {"workspace": "w"},
            ),
            "fine": ("MATCH (n:Node {workspace: $workspace}) RETURN n", {"workspace": "w"}),
        }
    )
    assert any(d["severity"] == "error" for d in results["typo"])
    assert any("$nope" in d["message"] for d in results["undeclared parameter"])
    assert any("Nodes" in d["message"] for d in results["unknown label"])
    assert results["fine"] == []


def test_each_area_names_its_statements_once() -> None:
    """The statement modules share one namespace (the package): every constant an area
    defines is in its ``__all__`` (so in the package and its syntax check), none is
    named in two areas, and each area declares the parameters of its own statements."""
    names = [n for area in cypher.AREAS for n in area.__all__ if n != "PARAMETERS"]
    assert len(names) == len(set(names))
    assert set(names) <= set(cypher.__all__)
    for area in cypher.AREAS:
        borrowed = set() if area is cypher.schema else {"NODE_LABELS", "REL_TYPES"}
        defined = {n for n in vars(area) if n.isupper() and not n.startswith("_")} - borrowed
        assert defined == set(area.__all__), area.__name__
        assert set(area.PARAMETERS) <= set(area.__all__), area.__name__
    assert sum(len(area.PARAMETERS) for area in cypher.AREAS) == len(cypher.PARAMETERS)


def test_labels_and_types_only_from_the_vocabulary() -> None:
    known = {
        "Node",
        "Workspace",
        *cypher.NODE_LABELS.values(),
        *cypher.REL_TYPES.values(),
        *cypher.ACCESS_LABELS,
        *cypher.SURVEY_LABELS,
        *cypher.CHANGE_LABELS,
    }
    for name, statement in cypher.ALL_STATEMENTS.items():
        for label in re.findall(r"[(\[][a-z]*:([A-Za-z_]+)", statement):
            assert label in known, (name, label)


def test_every_data_statement_is_scoped_to_a_workspace() -> None:
    for name, statement in cypher.ALL_STATEMENTS.items():
        if name.startswith("SCHEMA") or name.split("[")[0] in cypher.UNSCOPED:
            continue
        assert "$workspace" in statement, name


@pytest.mark.parametrize("name", sorted(cypher.PARAMETERS))
def test_declared_parameters_are_used(name: str) -> None:
    texts = [q for n, q in cypher.ALL_STATEMENTS.items() if n.split("[")[0] == name]
    assert texts, name
    for parameter in cypher.PARAMETERS[name]:
        assert all(f"${parameter}" in text for text in texts), (name, parameter)


@pytest.mark.parametrize(
    "family",
    [
        "EXISTING_RELATIONSHIPS",
        "LIST_RELATIONSHIPS_OF_TYPE",
        "CREATE_RELATIONSHIPS",
        "UPDATE_RELATIONSHIPS",
        "DELETE_RELATIONSHIPS",
    ],
)
def test_look_ups_by_type_name_the_type(family: str) -> None:
    """A relationship type in the pattern lets Neo4j use that type's index
    (``rel_<type>`` on workspace and id) instead of scanning the workspace."""
    statements = getattr(cypher, family)
    assert statements.keys() == set(cypher.REL_TYPES)
    for rel_type, statement in statements.items():
        name = cypher.REL_TYPES[rel_type]
        assert re.search(rf"\[r:{name}\b", statement), (family, rel_type)
        assert f"rel_{name.lower()}" in " ".join(cypher.SCHEMA)


def test_the_read_only_examples_are_real_cypher() -> None:
    """The queries the read-only check is tested with (tests/graph/store/test_neo4j.py)
    parse, so each refusal is the check's doing and not a broken query's."""
    from tests.graph.store.test_neo4j import ALLOWED, REFUSED

    params: dict[str, object] = {"workspace": "w", "workspaces": "w"}
    results = lint({q: (q, params) for q in [*REFUSED, *ALLOWED]})
    errors = {q: d for q, d in results.items() if any(x["severity"] == "error" for x in d)}
    assert errors == {}
