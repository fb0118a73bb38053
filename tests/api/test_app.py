"""The HTTP API: every route, the access matrix, bad input."""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.api.conftest import Env
from tests.conftest import on_both

ROLES = ["viewer", "analyst", "editor", "admin"]

# (method, path, lowest role allowed, request kwargs)
ROUTES: list[tuple[str, str, str, dict]] = [  # type: ignore[type-arg]
    ("GET", "/api/workspaces/demo", "viewer", {}),
    ("GET", "/api/workspaces/demo/map", "viewer", {}),
    ("GET", "/api/workspaces/demo/nodes", "analyst", {"params": {"q": "roc"}}),
    ("GET", "/api/workspaces/demo/nodes/cinop", "analyst", {}),
    ("GET", "/api/workspaces/demo/nodes/cinop/ego", "analyst", {"params": {"depth": 2}}),
    ("GET", "/api/workspaces/demo/relationships", "analyst", {"params": {"type": "works_at"}}),
    ("GET", "/api/workspaces/demo/analyses/centrality", "analyst", {}),
    ("GET", "/api/workspaces/demo/recommendations/noorderpoort", "analyst", {}),
    (
        "GET",
        "/api/workspaces/demo/change",
        "analyst",
        {"params": {"before": "2017-01-01", "after": "2023-01-01"}},
    ),
    (
        "GET",
        "/api/workspaces/demo/paths/shortest",
        "analyst",
        {"params": {"source": "cinop", "target": "noorderpoort"}},
    ),
    (
        "GET",
        "/api/workspaces/demo/paths/learning",
        "analyst",
        {"params": {"source": "cinop", "target": "noorderpoort"}},
    ),
    ("GET", "/api/workspaces/demo/export/gexf", "analyst", {}),
    (
        "POST",
        "/api/workspaces/demo/nodes",
        "editor",
        {"json": {"id": "new-theme", "kind": "theme", "name": "praktijkleren"}},
    ),
    (
        "PATCH",
        "/api/workspaces/demo/nodes/examinering",
        "editor",
        {"json": {"description": "toetsing"}},
    ),
    (
        "POST",
        "/api/workspaces/demo/import",
        "editor",
        {
            "files": {"files": ("n.csv", b"name,kind\nNieuw College,organisation\n")},
            "data": {"dry_run": "true"},
        },
    ),
    ("GET", "/api/workspaces/demo/keys", "admin", {}),
    ("POST", "/api/workspaces/demo/keys", "admin", {"json": {"role": "viewer"}}),
]


@pytest.mark.parametrize(
    ("method", "path", "lowest", "kwargs"), ROUTES, ids=[f"{r[0]} {r[1]}" for r in ROUTES]
)
def test_access_matrix(env: Env, method: str, path: str, lowest: str, kwargs: dict) -> None:  # type: ignore[type-arg]
    assert env.client.request(method, path, **kwargs).status_code == 401
    for role in ROLES:
        response = env.client.request(method, path, headers=env.as_(role), **kwargs)
        if ROLES.index(role) >= ROLES.index(lowest):
            assert response.status_code < 400, (role, response.text)
        else:
            assert response.status_code == 403, (role, response.status_code)
    # a key of another workspace learns nothing: 404, like a workspace that is not there
    response = env.client.request(method, path, headers=env.as_("other-admin"), **kwargs)
    assert response.status_code == 404
    assert response.json() == {"detail": "no workspace 'demo'"}
    response = env.client.request(
        method, path.replace("/demo", "/nowhere"), headers=env.as_("admin"), **kwargs
    )
    assert response.status_code == 404


def test_health_is_public(env: Env) -> None:
    health = env.client.get("/health")
    assert health.status_code == 200 and health.json()["status"] == "ok"


def test_workspace_list_shows_only_yours(env: Env) -> None:
    mine = env.client.get("/api/workspaces", headers=env.as_("viewer")).json()
    assert [w["name"] for w in mine] == ["demo"]
    everything = env.client.get("/api/workspaces", headers=env.as_("server")).json()
    assert [w["name"] for w in everything] == ["demo", "other"]


@on_both
def test_create_and_delete_workspace(env: Env) -> None:
    refused = env.client.post("/api/workspaces", json={"name": "roc-x"}, headers=env.as_("admin"))
    assert refused.status_code == 403
    created = env.client.post("/api/workspaces", json={"name": "roc-x"}, headers=env.as_("server"))
    assert created.status_code == 201
    admin = {"Authorization": f"Bearer {created.json()['admin_key']}"}
    assert env.client.get("/api/workspaces/roc-x", headers=admin).json()["nodes"] == 0
    again = env.client.post("/api/workspaces", json={"name": "roc-x"}, headers=env.as_("server"))
    assert again.status_code == 409
    bad = env.client.post("/api/workspaces", json={"name": "Bad Name"}, headers=env.as_("server"))
    assert bad.status_code == 422
    assert env.client.delete("/api/workspaces/roc-x", headers=admin).status_code == 204
    assert env.client.get("/api/workspaces/roc-x", headers=admin).status_code == 401


@on_both
def test_node_crud_and_gdpr_delete(env: Env) -> None:
    editor = env.as_("editor")
    made = env.client.post(
        "/api/workspaces/demo/nodes",
        headers=editor,
        json={"id": "anna", "kind": "person", "name": "Anna de Vries"},
    )
    assert made.status_code == 201 and made.json()["name"] == "Anna de Vries"
    tie = env.client.post(
        "/api/workspaces/demo/relationships",
        headers=editor,
        json={"type": "works_at", "source": "anna", "target": "cinop"},
    )
    assert tie.status_code == 201
    wrong = env.client.post(
        "/api/workspaces/demo/relationships",
        headers=editor,
        json={"type": "works_at", "source": "cinop", "target": "anna"},
    )
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["field"] == "type"
    assert "from person to organisation" in wrong.json()["detail"][0]["message"]
    ghost = env.client.post(
        "/api/workspaces/demo/relationships",
        headers=editor,
        json={"type": "works_at", "source": "anna", "target": "ghost"},
    )
    assert ghost.status_code == 422
    patched = env.client.patch(
        "/api/workspaces/demo/nodes/anna", headers=editor, json={"role": "docent"}
    )
    assert patched.json()["role"] == "docent"
    rel_id = tie.json()["id"]
    assert (
        env.client.patch(
            f"/api/workspaces/demo/relationships/{rel_id}",
            headers=editor,
            json={"role": "adviseur"},
        ).json()["role"]
        == "adviseur"
    )
    gone = env.client.delete("/api/workspaces/demo/nodes/anna", headers=editor)
    assert gone.json() == {"deleted": 1}
    assert (
        env.client.get(f"/api/workspaces/demo/relationships/{rel_id}", headers=editor).status_code
        == 404
    )
    assert env.client.delete("/api/workspaces/demo/nodes/anna", headers=editor).status_code == 404


def test_bad_node_input_is_422_never_500(env: Env) -> None:
    editor = env.as_("editor")
    for body in (
        {"kind": "planet", "name": "x", "id": "x"},
        {"kind": "person"},
        {"id": "x", "kind": "person", "name": "X", "since": "gisteren"},
    ):
        response = env.client.post("/api/workspaces/demo/nodes", headers=editor, json=body)
        assert response.status_code == 422, body
    response = env.client.post(
        "/api/workspaces/demo/nodes",
        headers=editor,
        content=b"not json",
    )
    assert response.status_code == 422


@on_both
def test_search_and_filters(env: Env) -> None:
    analyst = env.as_("analyst")
    found = env.client.get(
        "/api/workspaces/demo/nodes", headers=analyst, params={"q": "noorderpoort"}
    ).json()
    assert found[0]["id"] == "noorderpoort"
    people = env.client.get(
        "/api/workspaces/demo/nodes", headers=analyst, params={"kind": "person"}
    ).json()
    assert {p["kind"] for p in people} == {"person"} and len(people) == 10
    on_theme = env.client.get(
        "/api/workspaces/demo/nodes", headers=analyst, params={"theme": "flexibilisering"}
    ).json()
    assert "netwerk-flexibilisering-mbo" in {n["id"] for n in on_theme}


@on_both
def test_analyses_and_their_errors(env: Env) -> None:
    analyst = env.as_("analyst")
    result = env.client.get("/api/workspaces/demo/analyses/brokerage", headers=analyst).json()
    assert result["analysis"] == "brokerage" and result["rows"]
    paths = env.client.get(
        "/api/workspaces/demo/paths/learning",
        headers=analyst,
        params={"source": "roc-midden-nederland", "target": "cinop"},
    ).json()
    assert paths["rows"][0]["names"] == ["ROC Midden-Nederland", "CINOP"]
    for path, params in (
        ("/analyses/nonsense", {}),
        ("/analyses/paths", {}),
        ("/analyses/communities", {"method": "magic"}),
        ("/analyses/centrality", {"at": "gisteren"}),
        ("/nodes/nobody/ego", {}),
        ("/recommendations/examinering", {}),
    ):
        response = env.client.get("/api/workspaces/demo" + path, headers=analyst, params=params)
        assert response.status_code in (404, 422), (path, response.status_code)
        assert "detail" in response.json()


def test_cached_per_version(env: Env) -> None:
    analyst = env.as_("analyst")
    first = env.client.get("/api/workspaces/demo/analyses/summary", headers=analyst).json()
    env.client.post(
        "/api/workspaces/demo/nodes",
        headers=env.as_("editor"),
        json={"id": "t-new", "kind": "theme", "name": "nieuw thema"},
    )
    second = env.client.get("/api/workspaces/demo/analyses/summary", headers=analyst).json()
    assert second["meta"]["nodes"] == first["meta"]["nodes"] + 1


@on_both
def test_import_preview_errors_and_write(env: Env) -> None:
    editor = env.as_("editor")
    good = ("n.csv", b"name,kind\nNieuw College,organisation\n")
    preview = env.client.post(
        "/api/workspaces/demo/import",
        headers=editor,
        files={"files": good},
        data={"dry_run": "true"},
    ).json()
    assert preview["dry_run"] and preview["nodes_new"] == 1 and preview["written"] is None
    bad = env.client.post(
        "/api/workspaces/demo/import",
        headers=editor,
        files={"files": ("r.csv", b"van,naar,type\nX,Y,works_at\n")},
    )
    assert bad.status_code == 422
    problems = bad.json()["detail"]["problems"]
    assert problems[0]["file"] == "r.csv" and problems[0]["row"] == 2
    assert problems[0]["column"] == "van"
    done = env.client.post("/api/workspaces/demo/import", headers=editor, files={"files": good})
    assert done.json()["written"]["nodes_created"] == 1


def test_upload_too_large_is_413(env: Env) -> None:
    big = b"name,kind\n" + b"x" * (2 * 1024 * 1024)
    response = env.client.post(
        "/api/workspaces/demo/import", headers=env.as_("editor"), files={"files": ("big.csv", big)}
    )
    assert response.status_code == 413 and "1 MB" in response.json()["detail"]


@on_both
@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_exports(env: Env, fmt: str) -> None:
    response = env.client.get(f"/api/workspaces/demo/export/{fmt}", headers=env.as_("analyst"))
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "json":
        assert len(json.loads(response.content)["nodes"]) == 79
    open_data = env.client.get(
        f"/api/workspaces/demo/export/{fmt}?pseudonymise=true", headers=env.as_("analyst")
    )
    assert b"Ilse Hartgers" not in open_data.content


@on_both
def test_maps_work_offline_and_escape(env: Env) -> None:
    env.client.post(
        "/api/workspaces/demo/nodes",
        headers=env.as_("editor"),
        json={"id": "xss", "kind": "theme", "name": "<img src=x onerror=alert(1)>"},
    )
    served = env.client.get("/api/workspaces/demo/map", headers=env.as_("viewer")).text
    assert "/static/vis/vis-network.min.js" in served
    assert "<img src=x" not in served and "\\u003cimg src=x" in served
    for page in (
        served,
        env.client.get("/api/workspaces/demo/map?download=true", headers=env.as_("viewer")).text,
    ):
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # no CDN
        assert "@import" not in page
    download = env.client.get(
        "/api/workspaces/demo/map?download=true&color_by=community", headers=env.as_("viewer")
    )
    assert "attachment" in download.headers["content-disposition"]
    assert "/static/vis/" not in download.text and "vis.Network" in download.text
    sized = env.client.get(
        "/api/workspaces/demo/map?size_by=betweenness", headers=env.as_("viewer")
    )
    assert sized.status_code == 200
    bad = env.client.get("/api/workspaces/demo/map?color_by=taste", headers=env.as_("viewer"))
    assert bad.status_code == 422


def test_static_assets_are_ours(env: Env) -> None:
    script = env.client.get("/static/vis/vis-network.min.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert env.client.get("/static/grenswerk.css").status_code == 200


@on_both
def test_cypher_answers_on_neo4j_and_is_501_on_the_embedded_store(env: Env, backend: str) -> None:
    response = env.client.post(
        "/api/workspaces/demo/cypher",
        headers=env.as_("server"),
        json={"query": "MATCH (n:Person {workspace: $workspace}) RETURN count(n) AS people"},
    )
    if backend == "neo4j":
        assert response.status_code == 200, response.text
        assert response.json()["rows"] == [{"people": 10}]
    else:
        assert response.status_code == 501 and "Neo4j backend" in response.json()["detail"]
    bad = env.client.post(
        "/api/workspaces/demo/cypher", headers=env.as_("server"), json={"query": ""}
    )
    assert bad.status_code == 422


def test_openapi_documents_every_route(env: Env) -> None:
    spec = env.client.get("/openapi.json").json()
    paths = spec["paths"]
    for _, path, _, _ in ROUTES:
        assert (
            path.replace("cinop", "{node_id}")
            .replace("noorderpoort", "{node}")
            .replace("examinering", "{node_id}")
            .replace("/demo", "/{workspace}")
            .replace("/gexf", "/{fmt}")
            .replace("/centrality", "/{name}")
            in paths
        ), path
    assert io  # the upload examples use io-like bodies
