"""The export route's new formats and options (issue 23, part 2): every format with its
provenance header, the options, and a clear refusal of a bad kind."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from tests.api.conftest import Env


@pytest.mark.parametrize(
    "fmt", ["json", "graphml", "gexf", "pajek", "edgelist", "adjacency", "incidence", "projection"]
)
def test_every_format_downloads_with_its_provenance(env: Env, fmt: str) -> None:
    response = env.client.get(f"/api/workspaces/demo/export/{fmt}", headers=env.as_("analyst"))
    assert response.status_code == 200, response.text
    made = json.loads(response.headers["X-Grenswerk-Provenance"])
    assert made["workspace"] == "demo" and made["what"] == f"export {fmt}"
    assert made["input_sha256"].startswith("sha256:") and "networkx" in made["versions"]


def test_the_options_reach_the_file(env: Env) -> None:
    dynamic = env.client.get(
        "/api/workspaces/demo/export/gexf", params={"dynamic": "true", "sources": "false"},
        headers=env.as_("analyst"),
    )  # fmt: skip
    graph = nx.read_gexf(io.BytesIO(dynamic.content))
    assert graph.graph["mode"] == "dynamic"
    assert not [n for n, d in graph.nodes(data=True) if d["kind"] == "source"]
    projection = env.client.get(
        "/api/workspaces/demo/export/projection",
        params={"rows": "organisation", "columns": "theme"}, headers=env.as_("analyst"),
    )  # fmt: skip
    assert projection.text.startswith("source,target,weight\n")


def test_a_bad_kind_is_refused_clearly(env: Env) -> None:
    response = env.client.get(
        "/api/workspaces/demo/export/incidence", params={"rows": "planeet"},
        headers=env.as_("analyst"),
    )  # fmt: skip
    assert response.status_code == 422
    assert "rows: unknown kind 'planeet'" in response.text
    same = env.client.get(
        "/api/workspaces/demo/export/incidence", params={"rows": "theme", "columns": "theme"},
        headers=env.as_("analyst"),
    )  # fmt: skip
    assert same.status_code == 422 and "two different kinds" in same.text
