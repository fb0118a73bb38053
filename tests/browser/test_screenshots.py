"""Every page in Dutch at 1400×900, pictured for the README (issue 12, "Done when").

The pictures go where GRENSWERK_SCREENSHOTS says (``make test`` sets docs/screenshots,
see tests/browser/test_maps.py), otherwise to a temporary folder. Each is re-saved as a
palette PNG so the committed pictures stay small; the test checks each is a 1400×900 PNG.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from PIL import Image
from playwright.sync_api import Browser, Page

from api.app import create_app
from api.config import Settings
from api.keys import ALL, KeyStore
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.api.conftest import TEST_SECRET
from tests.browser.test_maps import SHOTS, wait_for_map
from tests.conftest import DEMO_DIR
from tests.live import _free_port

pytestmark = pytest.mark.browser

EXAMPLE_DIR = Path(__file__).parents[2] / "graph" / "data" / "voorbeeld"
WIDTH, HEIGHT = 1400, 900
#: the largest picture we commit (bytes)
MAX_BYTES = 400_000
#: a nodes file with three mistakes: an unknown kind, a missing name and a bad date
BAD_NODES = (
    "id,kind,name,date\n"
    "roc-oost,organisatie,ROC Oost,\n"
    "anna,persoon,,\n"
    "kick-off,activiteit,Startbijeenkomst,31-02-2024\n"
    "bedrijf-x,bedrijf,Bedrijf X,\n"
)


@dataclass
class Server:
    url: str
    key: str


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A live server holding the demo and the fictional ROC, with a key that opens both."""
    data = tmp_path_factory.mktemp("shots")
    store = SQLiteStore(data / "grenswerk.sqlite3")
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    import_paths(store, [EXAMPLE_DIR], ImportOptions("voorbeeld-roc"))
    keys = KeyStore(SQLiteStore(":memory:"))
    token = keys.create(ALL, "admin")
    port = _free_port()
    app = create_app(
        Settings(environment="test", secret_key=TEST_SECRET, data_dir=data), store=store, keys=keys
    )
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{port}", token)
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def dutch(browser: Browser, server: Server) -> Iterator[Page]:
    """A Dutch page at 1400×900, logged in."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="nl-NL")
    context.add_cookies([{"name": "lang", "value": "nl", "url": server.url}])
    opened = context.new_page()
    opened.goto(f"{server.url}/login")
    opened.fill("input[name=key]", server.key)
    opened.click("button[type=submit]")
    opened.wait_for_url(f"{server.url}/")
    yield opened
    context.close()


def shoot(page: Page, name: str) -> Path:
    """Picture the viewport into SHOTS/name.png, as a small palette PNG."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    return path


def assert_picture(path: Path) -> None:
    with Image.open(path) as picture:
        assert (picture.format, picture.size) == ("PNG", (WIDTH, HEIGHT)), path.name
    assert path.stat().st_size <= MAX_BYTES, (path.name, path.stat().st_size)


def test_login_page(browser: Browser, server: Server) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    context.add_cookies([{"name": "lang", "value": "nl", "url": server.url}])
    page = context.new_page()
    page.goto(f"{server.url}/login")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_picture(shoot(page, "01-inloggen"))
    context.close()


#: (picture name, address, what to wait for) of the pages that need no input
PAGES = [
    ("02-werkruimten", "/", "h1"),
    ("03-overzicht-voorbeeld-roc", "/w/voorbeeld-roc/overview", "h1"),
    ("04-kaart-voorbeeld-roc", "/w/voorbeeld-roc", "map"),
    ("05-kaart-demo", "/w/demo", "map"),
    ("06-organisatie", "/w/voorbeeld-roc/node/roc-voorbeeldstad", "h1"),
    ("07-persoon", "/w/voorbeeld-roc/node/hanna-zijlstra", "h1"),
    ("08-route", "/w/demo/paths?source=roc-midden-nederland&target=cinop", "map"),
    ("09-geen-route", "/w/demo/paths?source=roc-midden-nederland&target=mbo-raad", "h1"),
    ("10-importeren", "/w/demo/import", "h1"),
    ("12-hulp", "/w/demo/help", "h1"),
    ("13-niet-gevonden", "/w/demo/node/bestaat-niet", "h1"),
    # the advisor's pages (issue 13)
    ("14-toevoegen", "/w/demo/node-new", "h1"),
    ("15-organisatie-wijzigen", "/w/demo/node/cinop/edit", "h1"),
    ("16-wijzigingen", "/w/demo/changes", "h1"),
    ("17-dubbelingen", "/w/demo/duplicates", "h1"),
    ("18-sleutels-en-deellinks", "/w/demo/keys", "h1"),
    ("19-vragenlijsten", "/w/demo/surveys", "h1"),
]


@pytest.mark.parametrize(("name", "address", "ready"), PAGES, ids=[p[0] for p in PAGES])
def test_dutch_page(dutch: Page, server: Server, name: str, address: str, ready: str) -> None:
    response = dutch.goto(server.url + address)
    assert response is not None
    assert response.status == (404 if name == "13-niet-gevonden" else 200)
    assert dutch.locator("html").get_attribute("lang") == "nl"
    if ready == "map":
        wait_for_map(dutch)
    else:
        dutch.wait_for_selector(ready)
    dutch.wait_for_load_state("networkidle")
    assert_picture(shoot(dutch, name))


def test_import_result_with_problems(dutch: Page, server: Server, tmp_path: Path) -> None:
    bad = tmp_path / "knopen.csv"
    bad.write_text(BAD_NODES, encoding="utf-8")
    dutch.goto(f"{server.url}/w/demo/import")
    dutch.set_input_files("input[name=files]", str(bad))
    dutch.click("button[name=preview]")
    dutch.wait_for_selector("table.problems")
    assert "knopen.csv" in dutch.locator("table.problems").inner_text()
    assert_picture(shoot(dutch, "11-importeren-problemen"))
