"""``--directed``: a symmetric tie (partners_with, collaborates_with) counts both ways,
whichever order its file happened to write it in; a directed tie counts once."""

from __future__ import annotations

from graph.analysis.registry import AnalysisOptions, run_analysis
from graph.analysis.subgraphs import simple_graph
from graph.convert import to_networkx
from graph.model import Node, Relationship

TIES = [
    ("partners_with", "a", "b"),
    ("partners_with", "b", "c"),
    ("collaborates_with", "c", "d"),
    ("collaborates_with", "a", "d"),
]


def graph(ties: list[tuple[str, str, str]]):  # type: ignore[no-untyped-def]
    nodes = [Node(id=n, kind="organisation", name=n.upper(), workspace="w") for n in "abcd"]
    rels = [Relationship(type=t, source=s, target=o, workspace="w") for t, s, o in ties]
    rels.append(Relationship(type="related_to", source="a", target="c", workspace="w"))
    return to_networkx("w", nodes, rels)


def degrees(ties: list[tuple[str, str, str]]) -> dict[str, tuple[float, float]]:
    result = run_analysis(
        "centrality", graph(ties), AnalysisOptions(directed=True, measures=("degree",))
    )
    return {row["id"]: (row["in_degree"], row["out_degree"]) for row in result.rows}


def test_symmetric_ties_count_both_ways_in_either_order() -> None:
    forth = degrees(TIES)
    back = degrees([(t, o, s) for t, s, o in TIES])
    assert forth == back
    # a: partners b, collaborates d (both ways), related_to c (out only)
    assert forth == {"a": (2, 3), "b": (2, 2), "c": (3, 2), "d": (2, 2)}


def test_the_directed_simple_graph_has_both_arcs_of_a_symmetric_tie() -> None:
    simple = simple_graph(graph(TIES), directed=True)
    assert simple.has_edge("b", "a") and simple.has_edge("a", "b")
    assert simple.has_edge("a", "c") and not simple.has_edge("c", "a")
    assert simple["b"]["a"]["weight"] == 1.0
