"""Read-only Cypher for analysts of a workspace: the API, the page *Vragen* and
``grenswerk query``, scoped to the workspace by construction, with refusals, limits and
errors as clear answers (never a 500)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app as cli_app
from graph.model import Node, Relationship
from tests.api.conftest import Env
from tests.api.test_pages import login

URL = "/api/workspaces/demo/query"
MEMBERS = (
    "MATCH (n:Network)<-[:MEMBER_OF]-(m) "
    "RETURN n.name AS network, count(m) AS members ORDER BY members DESC, network"
)


def ask(env: Env, query: str, who: str = "analyst", **extra: object) -> tuple[int, object]:
    response = env.client.post(URL, json={"query": query, **extra}, headers=env.as_(who))
    if response.headers["content-type"].startswith("application/json"):
        return response.status_code, response.json()
    return response.status_code, response.text


def test_an_analyst_of_the_workspace_asks_a_question(env: Env) -> None:
    status, body = ask(env, MEMBERS)
    assert status == 200
    assert body["columns"] == ["network", "members"]
    assert body["rows"][0] == ["Netwerk Flexibilisering mbo", 4]
    assert body["truncated"] is False


def test_a_viewer_may_not_and_the_key_is_checked_first(env: Env) -> None:
    assert ask(env, MEMBERS, "viewer")[0] == 403
    assert ask(env, MEMBERS, None)[0] == 401
    # the gate refuses before the body is read: a body that is not even JSON gets 401 too
    refused = env.client.post(
        URL, content=b"\xff" * 10, headers={"Content-Type": "application/json"}
    )
    assert refused.status_code == 401


def test_another_workspaces_data_is_out_of_reach_whatever_the_text_says(env: Env) -> None:
    status, body = ask(
        env, "MATCH (n) WHERE n.name = 'Geheim' OR n.id = 'secret' RETURN n.id AS id"
    )
    assert status == 200 and body["rows"] == []
    status, body = ask(env, "MATCH (n) RETURN count(*) AS nodes")
    assert body["rows"] == [[79]]  # the demo's 79 nodes, not the other workspace's
    # a key of the other workspace sees only its own node, through the same engine
    other = env.client.post(
        "/api/workspaces/other/query",
        json={"query": "MATCH (n) RETURN n.name AS name"},
        headers=env.as_("other-admin"),
    )
    assert other.json()["rows"] == [["Geheim"]]
    assert ask(env, MEMBERS, "other-admin")[0] == 404


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("CREATE (:Theme {id: 'x', name: 'x'})", "CREATE"),
        ("MATCH (n) DETACH DELETE n", "DETACH"),
        ("MATCH (n:Theme) SET n.name = 'x'", "SET"),
        ("MATCH (n) MERGE (m:Theme {id: 'x'}) RETURN m", "MERGE"),
        ("LOAD FROM '/etc/passwd' RETURN *", "LOAD"),
        ("COPY (MATCH (n) RETURN n.id) TO '/tmp/grenswerk-leak.csv'", "COPY"),
        ("CALL show_tables() RETURN *", "CALL"),
        ("INSTALL httpfs", "INSTALL"),
        ("ATTACH '/tmp/x' AS other (dbtype lbug)", "ATTACH"),
    ],
)
def test_writes_procedures_and_files_are_refused_in_one_line(
    env: Env, query: str, word: str
) -> None:
    status, body = ask(env, query)
    assert status == 400
    assert body["detail"] == (
        f"the query may only read: {word} is not allowed "
        "(writes, procedures, LOAD and COPY are refused)"
    )


def test_a_second_statement_is_refused_and_words_in_strings_do_not_count(env: Env) -> None:
    status, body = ask(env, "MATCH (n) RETURN count(*) AS n; MATCH (n) DETACH DELETE n")
    assert status == 400 and "one query at a time" in body["detail"]
    status, body = ask(
        env, "MATCH (n) WHERE n.name <> 'CREATE; DELETE' RETURN count(*) AS n // SET nothing"
    )
    assert status == 200, body


def test_a_query_the_engine_does_not_understand_is_a_400_with_its_message(env: Env) -> None:
    status, body = ask(env, "MATCH (n:Nope) RETURN n")
    assert status == 400 and "Nope" in body["detail"]
    status, body = ask(env, "MATCH (n RETURN n")
    assert status == 400 and "Parser exception" in body["detail"]


def test_the_row_limit_cuts_and_says_so(env: Env) -> None:
    status, body = ask(env, "MATCH (t:Theme) RETURN t.name AS theme ORDER BY theme", limit=5)
    assert status == 200
    assert len(body["rows"]) == 5 and body["truncated"] is True and body["row_limit"] == 5


def test_a_long_query_is_stopped_at_the_timeout(env: Env) -> None:
    status, body = ask(env, "UNWIND range(1, 2000000000) AS x RETURN sum(x) AS s", timeout=1)
    assert status == 422
    assert body["detail"] in (
        "the query took longer than 1 s and was stopped",
        "the query needed more than 2048 MB of memory and was stopped",
    )
    # the next query gets a fresh engine
    assert ask(env, MEMBERS)[0] == 200


def test_nodes_come_back_whole_and_name_the_maps_nodes(env: Env) -> None:
    status, body = ask(env, "MATCH (o:Organisation {id: 'noorderpoort'}) RETURN o")
    assert status == 200
    node = body["rows"][0][0]
    assert node["_label"] == "Organisation" and node["name"] == "Noorderpoort"
    assert body["node_ids"] == ["noorderpoort"]
    status, body = ask(env, "MATCH (o:Organisation) WHERE o.org_type = 'school' RETURN o.name AS n")
    assert sorted(body["node_ids"]) == ["noorderpoort", "roc-midden-nederland"]


def test_the_answer_as_csv(env: Env) -> None:
    status, text = ask(env, MEMBERS, format="csv")
    assert status == 200
    rows = list(csv.reader(io.StringIO(str(text))))
    assert rows[0] == ["network", "members"] and rows[1] == ["Netwerk Flexibilisering mbo", "4"]


def test_the_page_offers_examples_and_shows_the_answer_in_dutch(env: Env) -> None:
    login(env, "analyst")
    page = env.client.get("/w/demo").text
    assert 'href="/w/demo/vragen"' in page
    page = env.client.get("/w/demo/vragen").text
    assert "Voorbeeldvragen" in page and "Hoeveel organisaties zijn er van elk type?" in page
    page = env.client.get("/w/demo/vragen", params={"example": "organisations-by-type"}).text
    assert "knowledge_institute" in page and "4 rijen" in page
    assert 'href="/w/demo/vragen.csv?query=' in page
    assert 'href="/w/demo?highlight=' not in page  # types are no nodes
    page = env.client.get(
        "/w/demo/vragen", params={"query": "MATCH (p:Person) RETURN p.name AS n"}
    ).text
    assert "Toon 10 onderdelen op de kaart" in page and "/w/demo?highlight=" in page


def test_the_page_says_a_refusal_in_dutch_and_escapes_everything(env: Env) -> None:
    login(env, "analyst")
    page = env.client.get("/w/demo/vragen", params={"query": "MATCH (n) DELETE n"}).text
    assert "Een vraag mag alleen lezen: DELETE is niet toegestaan" in page
    env.store.upsert(
        "demo",
        [Node(id="x-script", kind="theme", name="<script>alert(1)</script>", workspace="demo")],
    )
    page = env.client.get(
        "/w/demo/vragen",
        params={"query": "MATCH (t:Theme {id: 'x-script'}) RETURN t.name AS n, '<b>' AS b"},
    ).text
    assert (
        "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    )
    assert "<b>" not in page.split('id="rows"')[1]
    csv_text = env.client.get("/w/demo/vragen.csv", params={"query": "RETURN '=1+1' AS f"}).text
    assert csv_text.splitlines()[1] == "'=1+1"


def test_a_viewer_sees_no_questions_page(env: Env) -> None:
    login(env, "viewer")
    assert env.client.get("/w/demo/vragen").status_code == 403
    assert 'href="/w/demo/vragen"' not in env.client.get("/w/demo").text


def test_the_console_command(env: Env) -> None:
    runner = CliRunner()
    data_dir = Path(env.store.path).parent  # the demo store is grenswerk.sqlite3 in it
    result = runner.invoke(
        cli_app, ["--data-dir", str(data_dir), "query", "-w", "demo", "--csv", MEMBERS]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["network,members", "Netwerk Flexibilisering mbo,4"]
    result = runner.invoke(
        cli_app, ["--data-dir", str(data_dir), "query", "-w", "demo", "MATCH (n) DELETE n"]
    )
    assert result.exit_code == 1 and "DELETE is not allowed" in result.output
    assert "Traceback" not in result.output


def test_the_same_engine_serves_a_workspace_key_on_neo4j(neo4j_store: object) -> None:
    """On Neo4j, a workspace's analyst key gets the embedded engine over its workspace."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.config import Settings
    from api.keys import KeyStore
    from graph.store.sqlite import SQLiteStore
    from tests.api.conftest import TEST_SECRET

    store = neo4j_store
    store.upsert(  # type: ignore[attr-defined]
        "w1",
        [
            Node(id="a", kind="organisation", name="A", workspace="w1"),
            Node(id="t", kind="theme", name="T", workspace="w1"),
        ],
        [Relationship(type="works_on", source="a", target="t", workspace="w1")],
    )
    store.upsert("w2", [Node(id="b", kind="organisation", name="B", workspace="w2")])  # type: ignore[attr-defined]
    keys = KeyStore(SQLiteStore(":memory:"))
    token = keys.create("w1", "analyst")
    app = create_app(Settings(environment="test", secret_key=TEST_SECRET), store=store, keys=keys)  # type: ignore[arg-type]
    with TestClient(app) as client:
        response = client.post(
            "/api/workspaces/w1/query",
            json={
                "query": "MATCH (o:Organisation) OPTIONAL MATCH (o)-[:WORKS_ON]->(t) "
                "RETURN o.name AS o, t.name AS t"
            },
            headers={"Authorization": f"Bearer {token}"},
        )
    keys.close()
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [["A", "T"]]


test_the_same_engine_serves_a_workspace_key_on_neo4j = pytest.mark.neo4j(
    test_the_same_engine_serves_a_workspace_key_on_neo4j
)
