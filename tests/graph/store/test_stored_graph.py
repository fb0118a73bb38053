"""The graph built straight from stored rows equals the graph built from decoded model
objects (graph.convert.to_networkx), value for value and type for type."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.convert import to_networkx
from graph.model import Node, NodeKind, Relationship, RelType
from graph.store.codec import decode_node, decode_relationship, encode
from graph.store.sqlite import SQLiteStore
from graph.store.stored_graph import stored_graph
from importers import ImportOptions, import_paths
from tests.conftest import DEMO_DIR

FIXTURES = Path(__file__).parents[2] / "fixtures"
W = "w"


def typed(value: Any) -> Any:
    """A value with the type of every part in it (3 and 3.0 differ, as do '3' and 3)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)


def picture(graph: nx.MultiDiGraph) -> tuple[Any, ...]:
    """Everything of a graph, in order: its attributes, nodes, ties and adjacency."""
    return (
        graph.graph,
        [(node, typed(data)) for node, data in graph.nodes(data=True)],
        [(u, v, k, typed(data)) for u, v, k, data in graph.edges(keys=True, data=True)],
        [(v, [(u, typed(dict(keys))) for u, keys in graph.pred[v].items()]) for v in graph],
        # as networkx keeps it: one key dict seen from both ends
        all(graph._succ[u][v] is graph._pred[v][u] for u, v in graph.edges()),
        graph.is_directed(),
        graph.is_multigraph(),
    )


def from_models(nodes: list[bytes], rels: list[bytes]) -> nx.MultiDiGraph:
    """What load_graph built before: a model object per row, then to_networkx."""
    return to_networkx(
        W,
        [decode_node(row, W) for row in nodes],
        [decode_relationship(row, W) for row in rels],
    )


@pytest.mark.parametrize(
    "files",
    [
        [DEMO_DIR / "demo-nodes.csv", DEMO_DIR / "demo-relationships.csv"],
        [FIXTURES / "knooppunten.csv", FIXTURES / "relaties.csv"],
        sorted((DEMO_DIR / "voorbeeld").glob("*.csv")),
        sorted(FIXTURES.glob("*.g*")) + sorted(FIXTURES.glob("*.net")),
    ],
    ids=["demo", "fixtures", "voorbeeld", "graphml-gexf-pajek"],
)
def test_a_loaded_workspace_is_the_graph_of_its_decoded_elements(
    tmp_path: Path, files: list[Path]
) -> None:
    store = SQLiteStore(tmp_path / "g.sqlite3", snapshots=False)
    import_paths(store, files, ImportOptions(W))
    loaded = store.load_graph(W)
    expected = to_networkx(W, store.list_nodes(W), store.list_relationships(W))
    assert loaded.number_of_edges() > 0
    assert picture(loaded) == picture(expected)


words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8)
ids = st.from_regex(r"[a-z][a-z0-9.-]{0,6}", fullmatch=True)
scalars = st.one_of(
    st.none(),
    st.integers(-(10**17), 10**17),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    words,
)
dates = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)))


@st.composite
def workspaces(draw: st.DrawFn) -> tuple[list[bytes], list[bytes]]:
    node_ids = draw(st.lists(ids, min_size=2, max_size=6, unique=True))
    nodes = []
    for node_id in node_ids:
        kind = draw(st.sampled_from([NodeKind.PERSON, NodeKind.ORGANISATION, NodeKind.THEME]))
        nodes.append(
            Node(
                id=node_id,
                workspace=W,
                kind=kind,
                name=draw(words.filter(str.strip)),
                aliases=draw(st.lists(words, max_size=2)),
                properties=draw(st.dictionaries(words, scalars, max_size=3)),
                provenance=draw(
                    st.lists(st.builds(dict, source=words, quote=st.none() | words), max_size=2)
                ),
                since=draw(dates),
                description=draw(st.none() | words),
                sector=draw(st.none() | words) if kind is NodeKind.ORGANISATION else None,
            )
        )
    rels = []
    for _ in range(draw(st.integers(0, 8))):
        source, target = draw(
            st.lists(st.sampled_from(node_ids), min_size=2, max_size=2, unique=True)
        )
        rels.append(
            Relationship(
                workspace=W,
                id=draw(st.sampled_from(["", "r1", "r2", "r3"])),
                type=draw(st.sampled_from([RelType.COLLABORATES_WITH, RelType.RELATED_TO])),
                source=source,
                target=target,
                strength=draw(st.none() | st.floats(0, 1e9) | st.integers(0, 9)),
                quote=draw(st.none() | words),
                properties=draw(st.dictionaries(words, scalars, max_size=2)),
            )
        )
    return [encode(node) for node in nodes], [encode(rel) for rel in rels]


@given(workspaces())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_stored_rows_give_the_models_graph(rows: tuple[list[bytes], list[bytes]]) -> None:
    nodes, rels = rows
    assert picture(stored_graph(W, nodes, rels)) == picture(from_models(nodes, rels))


def test_rows_the_model_completes_on_reading_go_through_the_model() -> None:
    """An organisation stored without org_type and a tie without an id (older rows) are
    completed as the model completes them; a tie whose end has no stored node still
    loads, its end a bare node, as add_edge makes it."""
    nodes = [
        b'{"id":"o","kind":"organisation","name":"ROC"}',
        b'{"id":"p","kind":"person","name":"Ilse"}',
    ]
    rels = [
        b'{"type":"works_at","source":"p","target":"o"}',
        b'{"id":"r9","type":"related_to","source":"p","target":"ghost"}',
    ]
    graph = stored_graph(W, nodes, rels)
    assert graph.nodes["o"]["org_type"] == "other"
    assert [k for _, _, k in graph.edges(keys=True)][0].startswith("works_at-")
    assert dict(graph.nodes["ghost"]) == {}
    assert picture(graph) == picture(from_models(nodes, rels))


def test_an_organisation_stored_without_its_practice_gets_the_models_default() -> None:
    row = b'{"id":"o","aliases":[],"properties":{},"provenance":[],"kind":"organisation",'
    row += b'"name":"ROC"}'
    graph = stored_graph(W, [row], [])
    assert graph.nodes["o"]["org_type"] == "other"
    assert picture(graph) == picture(from_models([row], []))
