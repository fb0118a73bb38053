"""A node's change over the years on its page: a small inline SVG, escaped, fetching
nothing (issue 23, part 4)."""

from __future__ import annotations

from graph.model import Node, Relationship
from tests.api.conftest import Env
from tests.api.test_pages import login
from visualizations.charts import sparkline


def test_the_node_page_shows_its_change_escaped(env: Env) -> None:
    env.store.upsert(
        "demo",
        [
            Node(
                id="evil",
                kind="organisation",
                name="<script>x</script>",
                workspace="demo",
                since="2019-01-01",
            )
        ],  # fmt: skip
    )
    env.store.upsert(
        "demo",
        relationships=[
            Relationship(
                type="partners_with",
                source="evil",
                target="cinop",
                workspace="demo",
                since="2020-06-01",
            )
        ],  # fmt: skip
    )
    login(env, "viewer")
    page = env.client.get("/w/demo/node/evil").text
    assert "Verandering door de jaren" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="sparkline"' in page
    assert "<script>x</script>" not in page
    chart = page[page.index('class="sparkline"') : page.index("</svg>")]
    assert "http" not in chart.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    assert "Directe relaties op 1 januari van elk jaar, van" in page


def test_sparkline_escapes_its_label() -> None:
    svg = sparkline([("2019-01-01", 1.0)], label='"><script>')
    assert "<script>" not in svg and "&quot;&gt;&lt;script&gt;" in svg
