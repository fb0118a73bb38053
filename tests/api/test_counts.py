"""One count of a workspace, said in one sentence, on every surface (issue 22): the
workspace list, the map, the overview, the PDF report, ``grenswerk stats`` and the
API's ``/stats`` say the same numbers for demo and voorbeeld-roc. Before, demo was "79
onderdelen, 190 relaties" on the list, "74 onderdelen, 116 relaties" on the map and
"74 / 114" in the PDF; voorbeeld-roc's PDF said "Onderdelen 189" over kinds adding up to
190."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.services.counts import NetworkCounts, counts_sentence
from cli.app import app
from importers import ImportOptions, import_paths
from tests.api.conftest import Env
from tests.api.test_i18n import visible
from tests.api.test_pages import login
from tests.api.test_reports import _pdf_text, _squeeze

VOORBEELD = Path(__file__).parents[2] / "graph" / "data" / "voorbeeld"
EXPECTED = {
    "demo": (
        NetworkCounts(79, 5, 190, 74),
        "79 onderdelen, waarvan 5 brondocumenten, en 190 relaties, waarvan 74 vermeldingen "
        "in een brondocument",
    ),
    "voorbeeld-roc": (
        NetworkCounts(190, 1, 339, 0),
        "190 onderdelen, waarvan 1 brondocument, en 339 relaties",
    ),
}


def _flat(html: str) -> str:
    return " ".join(visible(html).split())


@pytest.mark.parametrize("workspace", ["demo", "voorbeeld-roc"])
def test_every_surface_counts_alike(env: Env, workspace: str, tmp_path: Path) -> None:
    if workspace != "demo":
        import_paths(env.store, [VOORBEELD], ImportOptions(workspace))
    counts, sentence = EXPECTED[workspace]
    assert counts_sentence(counts, "nl") == sentence
    login(env, "server")
    listed = _flat(env.client.get("/").text)
    assert f"{workspace} — {sentence}" in listed, listed
    mapped = _flat(env.client.get(f"/w/{workspace}").text)
    assert f"{workspace} : {sentence}." in mapped, mapped  # the name is bold
    drawn = re.search(r"De kaart toont ([\d.]+) onderdelen en ([\d.]+) relaties", mapped)
    assert drawn is not None
    assert "brondocumenten en vermeldingen staan er niet op" in mapped
    overview = _flat(env.client.get(f"/w/{workspace}/overview").text)
    assert f"Dit netwerk bevat {sentence}." in overview, overview
    kinds = re.search(r"Per soort: (.*?)\.", overview)
    assert kinds is not None
    added = sum(int(n.replace(".", "")) for n in re.findall(r"([\d.]+) \w", kinds.group(1)))
    assert added == counts.nodes, kinds.group(1)  # the kinds add up to the count
    pdf = env.client.get(f"/api/workspaces/{workspace}/report.pdf", headers=env.as_("server"))
    assert _squeeze(f"Dit netwerk bevat {sentence}.") in _pdf_text(pdf.content)
    api = env.client.get(f"/api/workspaces/{workspace}/stats", headers=env.as_("server")).json()
    english = counts_sentence(counts, "en")
    assert (api["nodes"], api["sources"], api["relationships"], api["mentions"]) == (
        counts.nodes,
        counts.sources,
        counts.relationships,
        counts.mentions,
    )
    assert api["counted"] == english
    data = tmp_path / "cli"
    runner = CliRunner()
    runner.invoke(app, ["--data-dir", str(data), "demo"])
    result = runner.invoke(app, ["--data-dir", str(data), "stats", "-w", workspace, "--json"])
    cli = json.loads(result.output)
    assert {k: cli[k] for k in ("nodes", "sources", "relationships", "mentions", "counted")} == {
        **counts.as_dict(),
        "counted": english,
    }
