"""Text documents: mentions of known entities, quoted, never new entities."""

from __future__ import annotations

from pathlib import Path

from graph.model import NodeKind, RelType
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from importers.text import find_mentions, sentences

W = "rivierenland"


def test_meeting_notes_mention_known_entities(sqlite_store: SQLiteStore, fixtures: Path) -> None:
    import_paths(
        sqlite_store, [fixtures / "knooppunten.csv", fixtures / "relaties.csv"], ImportOptions(W)
    )
    nodes_before = {n.id for n in sqlite_store.list_nodes(W)}
    plan, result = import_paths(
        sqlite_store, [fixtures / "verslag-bijeenkomst.txt"], ImportOptions(W)
    )
    new_nodes = {n.id for n in sqlite_store.list_nodes(W)} - nodes_before
    assert new_nodes == {"source-verslag-bijeenkomst"}  # only the document itself
    source = sqlite_store.get_node(W, "source-verslag-bijeenkomst")
    assert source is not None and source.kind is NodeKind.SOURCE
    mentions = sqlite_store.list_relationships(W, type=RelType.MENTIONED_IN)
    mentioned = {m.source for m in mentions}
    assert {
        "jan-bosman",
        "fatima-el-amrani",
        "roc-rivierenland",
        "gemeente-tiel",
        "bouwbedrijf-de-vries",
        "examinering",
        "praktijkleren",
        "regionaal-techniekpact",
    } <= mentioned
    fuzzy = [m for m in mentions if m.properties.get("matched") == "roc rivierenlnd"]
    assert [m.source for m in fuzzy] == ["roc-rivierenland"]  # a typo still found
    quote = next(m.quote for m in mentions if m.source == "examinering")
    assert quote == (
        "De examinering in de bbl-leerweg vraagt om betere afstemming met het leerbedrijf."
    )
    assert all(m.provenance[0].source == "source-verslag-bijeenkomst" for m in mentions)
    # importing the same notes again changes nothing
    _, again = import_paths(sqlite_store, [fixtures / "verslag-bijeenkomst.txt"], ImportOptions(W))
    assert not again.changed
    assert result.relationships_created == len(mentions)


def test_longest_name_wins() -> None:
    from graph.model import Node

    nodes = [
        Node(id="net", kind="network", name="Netwerk Flexibilisering mbo", workspace="w"),
        Node(id="flex", kind="theme", name="flexibilisering", workspace="w"),
    ]
    found = find_mentions("Het Netwerk Flexibilisering mbo ging van start.", nodes)
    assert [f[0] for f in found] == ["net"]
    found = find_mentions("Flexibilisering is lastig.", nodes)
    assert [f[0] for f in found] == ["flex"]


def test_sentences_keep_line_numbers() -> None:
    assert sentences("Een. Twee.\nDrie") == [(1, "Een."), (1, "Twee."), (2, "Drie")]


def test_seed_texts_against_the_demo(demo_store: SQLiteStore) -> None:
    seeds = Path(__file__).parents[3] / "shared" / "seeds"
    texts = sorted(seeds.glob("*.txt")) if seeds.exists() else []
    if not texts:  # the demo's own quotes stand in when shared/ is not beside the repo
        quote = "Ilse Hartgers | ROC Midden-Nederland"
        nodes = demo_store.list_nodes("demo")
        assert {m[0] for m in find_mentions(quote, nodes)} == {
            "ilse-hartgers",
            "roc-midden-nederland",
        }
        return
    plan, _ = import_paths(demo_store, texts, ImportOptions("demo"))
    mentioned = {r.source for r in plan.relationships}
    assert {"cinop", "ilse-hartgers", "common-eye", "velon", "mbo-digitaal"} <= mentioned


def test_a_document_is_named_by_its_heading_not_its_file(
    sqlite_store: SQLiteStore, tmp_path: Path
) -> None:
    """A manager reads the document's title on its page; the file's name stays beside it."""
    page = tmp_path / "001_138ec08a39fada55.txt"
    page.write_text(
        "Zoek\nSluit dit zoekvak.\n>\nDoorontwikkeling van het kwaliteitsnetwerk mbo\n"
        "Opdrachtgever\nKwaliteitsnetwerk MBO.\n",
        encoding="utf-8",
    )
    import_paths(sqlite_store, [page], ImportOptions(W))
    source = sqlite_store.get_node(W, "source-001-138ec08a39fada55")
    assert source is not None
    assert source.name == "Doorontwikkeling van het kwaliteitsnetwerk mbo"
    assert source.properties["file"] == "001_138ec08a39fada55.txt"
    # the same file again changes nothing
    _, again = import_paths(sqlite_store, [page], ImportOptions(W))
    assert not again.changed
