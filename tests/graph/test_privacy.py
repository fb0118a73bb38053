"""People's names after ``forget`` and ``--pseudonymise``: none of them may be left in
any text of the workspace (names, aliases, descriptions, roles, properties, quotes).

The check is deliberately cruder than the code: every name part of three letters or
more is searched as a plain substring, case- and accent-folded, in the whole JSON of
the workspace. Parts that are ordinary words (``van``, ``Zwaan``, ``Zwart``, ``Ton``)
are replaced only where they are written with a capital, so for them the check is
that no capitalised whole word remains.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import orjson
import pytest

from graph.errors import NotFound
from graph.export import export_json, pseudonymise
from graph.model import Node, Provenance, Relationship
from graph.privacy import FORGOTTEN, ORDINARY_WORDS, PARTICLES, forget, scrub_names
from graph.store.base import Store
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.conftest import DEMO_DIR, on_both

#: the demo's people, with the ways their names are written in its sources
DEMO_PEOPLE = [
    "ilse-hartgers",
    "zwaan-zwart",
    "nikki-willems",
    "esther-klaster",
    "petra-van-beveren",
    "peter-lorist",
    "rieke-van-bommel",
    "maikel-mahangi",
    "ton-bruining",
    "sanne-akkerman",
]


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_parts(node: Node) -> tuple[set[str], set[str]]:
    """(parts searched as folded substrings, ordinary-word parts searched capitalised)."""
    words = {w for name in (node.name, *node.aliases) for w in re.split(r"[\s\-]+", name)}
    words = {w for w in words if len(w) >= 3 and fold(w) not in PARTICLES}
    plain = {fold(w) for w in words if fold(w) not in ORDINARY_WORDS}
    ordinary = {w for w in words if fold(w) in ORDINARY_WORDS}
    return plain, ordinary


def leftovers(text: str, people: list[Node]) -> list[str]:
    """Every name part of ``people`` that still stands in ``text``."""
    folded = fold(text)
    found = []
    for person in people:
        plain, ordinary = name_parts(person)
        found += [f"{person.id}: {part}" for part in plain if part in folded]
        for word in ordinary:
            capital = word[0].upper() + word[1:]
            if re.search(rf"(?<!\w){re.escape(capital)}(?!\w)", text):
                found.append(f"{person.id}: {capital}")
    return sorted(found)


def load_demo(store: Store) -> None:
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))


def everything(store: Store) -> str:
    """The whole workspace as our JSON export."""
    return export_json("demo", store.list_nodes("demo"), store.list_relationships("demo")).decode()


def demo_people(store: Store) -> list[Node]:
    people = store.get_nodes("demo", DEMO_PEOPLE)
    assert sorted(people) == sorted(DEMO_PEOPLE)  # the demo still has them all
    return [people[i] for i in DEMO_PEOPLE]


def test_the_demo_names_its_people_in_quotes(demo_store: SQLiteStore) -> None:
    """Without this the other tests here would prove nothing."""
    text = everything(demo_store)
    people = demo_people(demo_store)
    assert "door Petra en Peter:" in text
    assert len(leftovers(text, people)) >= 2 * len(people)


@pytest.mark.parametrize("person", ["petra-van-beveren", "peter-lorist", "ton-bruining"])
def test_forget_leaves_no_name_part_behind(store: Store, person: str) -> None:
    load_demo(store)
    people = demo_people(store)
    forgotten = next(p for p in people if p.id == person)
    others = [p for p in people if p.id != person]
    before = everything(store)
    result = forget(store, "demo", person)
    assert result.node.id == person
    after = everything(store)
    assert leftovers(after, [forgotten]) == []
    assert FORGOTTEN in after
    # nobody else lost a name: every other person's parts are where they were
    assert leftovers(after, others) == leftovers(before, others)
    assert store.get_node("demo", person) is None
    assert not store.list_relationships("demo", node_id=person)


@on_both
def test_forget_rewrites_the_quote_and_keeps_the_ties(demo_store: SQLiteStore) -> None:
    ties_before = len(demo_store.list_relationships("demo"))
    result = forget(demo_store, "demo", "petra-van-beveren")
    network = demo_store.get_node("demo", "velon-themagroep-flexibel-opleiden")
    assert network is not None
    assert network.provenance[0].quote == (
        "We starten met een korte stand van zaken door [verwijderd] en Peter: de themagroep "
        "Flexibel opleiden is gestart in 2021 en kent momenteel 10 leden."
    )
    rels = demo_store.list_relationships("demo")
    assert len(rels) == ties_before - result.relationships
    assert result.relationships == 5 and result.rewritten > 0


def test_forget_an_unknown_node(demo_store: SQLiteStore) -> None:
    with pytest.raises(NotFound, match="no node 'nobody' in workspace 'demo'"):
        forget(demo_store, "demo", "nobody")


def test_pseudonymise_leaves_no_name_part_behind(demo_store: SQLiteStore) -> None:
    people = demo_people(demo_store)
    nodes, rels = pseudonymise(demo_store.list_nodes("demo"), demo_store.list_relationships("demo"))
    text = export_json("demo", nodes, rels).decode()
    assert leftovers(text, people) == []
    doc = orjson.loads(text)
    pseudonyms = [n for n in doc["nodes"] if n["kind"] == "person"]
    assert all("role" not in n for n in pseudonyms)
    assert "door Persoon 6 en Persoon 5:" in text  # Petra and Peter, by sorted id


def _person(node_id: str, name: str, aliases: tuple[str, ...] = ()) -> Node:
    return Node(id=node_id, kind="person", name=name, aliases=list(aliases), workspace="w")


def test_scrub_names_rules() -> None:
    petra = _person("petra", "Petra van Béveren", ("P. van Beveren",))
    ton = _person("ton", "Ton Zwart")
    peter_j = _person("peter-j", "Peter Jansen")
    scrub = scrub_names([(petra, "X"), (ton, "Y")], keep=[peter_j])
    assert scrub("Gesprek met PETRA VAN BEVEREN en petra.") == "Gesprek met X en X."
    assert scrub("Mevrouw Van Beveren en Beveren's werk") == "Mevrouw X en X's werk"
    assert scrub("Petra\nvan Beveren") == "X"  # a line break inside the name
    assert scrub("Pétra en Petraschool") == "X en Petraschool"  # whole words only
    assert scrub("Een ton subsidie, zwart op wit; Ton en Zwart") == (
        "Een ton subsidie, zwart op wit; Y en Y"
    )
    assert scrub("Peter Jansen en Petra") == "Peter Jansen en X"  # another person stays
    assert scrub("van de Ven") == "van de Ven"  # particles alone are not names
    assert scrub("Petra, van Beveren;p.van-beveren") == "X, X;X"
    jw = scrub_names([(_person("jw", "Jan-Willem Ruiß"), "Z")], keep=[])
    assert jw("jan willem RUISS, Willem, Jan en een jan") == "Z, Z, Z en een jan"


def test_scrub_names_reaches_every_text_field() -> None:
    petra = _person("petra", "Petra Lorist")
    scrub = scrub_names([(petra, "X")], keep=[])
    node = Node(
        id="org",
        kind="organisation",
        name="Bureau Lorist",
        aliases=["Lorist BV"],
        description="opgericht door Petra",
        properties={"contact": "petra lorist", "leden": 3},
        provenance=[Provenance(source="s1", quote="Petra zei")],
        workspace="w",
    )
    rel = Relationship(
        type="works_at",
        source="petra",
        target="org",
        role="assistent van Petra",
        quote="Lorist!",
        properties={"matched": "Petra Lorist"},
        provenance=[Provenance(source="s1", quote="… Petra …")],
        workspace="w",
    )
    text = scrub.node(node).model_dump_json() + scrub.relationship(rel).model_dump_json()
    assert "Petra" not in text and "Lorist" not in text and '"leden":3' in text
    assert scrub.relationship(rel).id == rel.id and scrub.node(node).id == "org"


def test_the_api_delete_of_a_person_forgets_every_mention(tmp_path: Path) -> None:
    """DELETE /nodes/{id} of a person is the same forget as the console command's."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.config import Settings
    from api.keys import KeyStore
    from tests.api.conftest import TEST_SECRET

    store = SQLiteStore(tmp_path / "g.sqlite3")
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    keys = KeyStore(SQLiteStore(":memory:"))
    editor = {"Authorization": f"Bearer {keys.create('demo', 'editor')}"}
    app = create_app(Settings(environment="test", secret_key=TEST_SECRET), store=store, keys=keys)
    with TestClient(app) as client:
        gone = client.delete("/api/workspaces/demo/nodes/petra-van-beveren", headers=editor)
    assert gone.status_code == 200 and gone.json() == {"deleted": 1}
    texts = " ".join(
        [n.model_dump_json() for n in store.list_nodes("demo")]
        + [r.model_dump_json() for r in store.list_relationships("demo")]
    )
    assert "Petra" not in texts and "Beveren" not in texts
    store.close()
    keys.close()


def test_forget_takes_the_node_off_the_map_layout_and_saved_views(store: Store) -> None:
    from graph.views import SavedView

    load_demo(store)
    store.put_positions("demo", {"ilse-hartgers": (1.0, 2.0), "cinop": (3.0, 4.0)})
    store.put_view("demo", SavedView("Plek", {"moved": "cinop:5:6,ilse-hartgers:7:8"}, "t"))
    store.put_view(
        "demo", SavedView("Alleen", {"color_by": "sector", "moved": "ilse-hartgers:1:1"}, "t")
    )
    forget(store, "demo", "ilse-hartgers")
    assert store.get_positions("demo") == {"cinop": (3.0, 4.0)}
    assert store.get_view("demo", "Plek").settings == {"moved": "cinop:5:6"}  # type: ignore[union-attr]
    assert store.get_view("demo", "Alleen").settings == {"color_by": "sector"}  # type: ignore[union-attr]
