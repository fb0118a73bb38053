"""The OpenAPI description is true (issue 21, point 3): schemathesis sends generated
requests, valid and invalid, to every operation of the app with an editor key of the demo
workspace, and every answer must be documented (status, content type, body schema) and
none a server error. Bounded: a fixed number of examples per operation, derandomised."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.config import Settings
from api.keys import KeyStore
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.api.conftest import TEST_SECRET
from tests.conftest import DEMO_DIR

pytestmark = pytest.mark.slow

#: examples per operation (and per mode: valid and invalid requests)
EXAMPLES = 30
#: examples of the operations that draw (a PDF report, a picture)
FEW = 3
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _app(folder: Path) -> tuple[object, str]:
    store = SQLiteStore(folder / "grenswerk.sqlite3")
    import_paths(store, [DEMO_DIR], ImportOptions("demo"))
    keys = KeyStore(SQLiteStore(":memory:"))
    editor = keys.create("demo", "editor")
    settings = Settings(
        environment="test",
        secret_key=TEST_SECRET,
        data_dir=folder,
        max_upload_mb=1,
        failed_keys_per_address=10**6,
        failed_keys_global=10**6,
    )
    return create_app(settings, store=store, keys=keys), editor


_FOLDER = Path(__import__("tempfile").mkdtemp(prefix="grenswerk-schemathesis-"))
APP, EDITOR = _app(_FOLDER)


def _config(examples: int, coverage: bool) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": 21,
            "headers": {"Authorization": f"Bearer {EDITOR}"},
            "parameters": {"workspace": "demo"},
            "generation": {"max-examples": examples, "deterministic": True, "mode": "all"},
            "phases": {"stateful": {"enabled": False}, "coverage": {"enabled": coverage}},
        }
    )


#: the operations that draw (a PDF report, a picture: 0.3-3 s each) get a few examples
#: and no coverage phase (its boundary cases are many)
DRAWING = r"report\.pdf$|map\.(png|svg)$"
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=_config(EXAMPLES, True))
drawings = schemathesis.openapi.from_asgi("/openapi.json", APP, config=_config(FEW, False))


@schema.exclude(path_regex=DRAWING).parametrize()
def test_every_answer_is_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)


@drawings.include(path_regex=DRAWING).parametrize()
def test_every_drawing_is_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)


@pytest.fixture(scope="module", autouse=True)
def _running() -> Iterator[None]:
    from fastapi.testclient import TestClient

    with TestClient(APP):  # type: ignore[arg-type]
        yield
