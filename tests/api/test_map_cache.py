"""The map is drawn once per workspace version, options and day, then served from the
analysis cache (issue 21, point 10: drawing it again for every request was the soak's
costliest cached read); a write draws it anew, and so do other options."""

from __future__ import annotations

from typing import Any

import pytest

from api.services import maps
from graph.analysis.cache import AnalysisCache
from graph.model import Node
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, import_paths
from tests.conftest import DEMO_DIR


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The options of every map actually drawn."""
    calls: list[dict[str, Any]] = []
    real = maps.map_view

    def counting(*args: Any, **options: Any) -> maps.MapView:
        calls.append(options)
        return real(*args, **options)

    monkeypatch.setattr(maps, "map_view", counting)
    return calls


def test_the_map_is_drawn_once_per_version_and_options(drawn: list[dict[str, Any]]) -> None:
    store = SQLiteStore(":memory:")
    import_paths(store, [DEMO_DIR / "voorbeeld"], ImportOptions("v"))
    cache = AnalysisCache()
    first = maps.map_html(store, cache, "v", lang="nl")
    assert maps.map_html(store, cache, "v", lang="nl") is first
    assert len(drawn) == 1
    english = maps.map_html(store, cache, "v", lang="en")
    assert english != first and len(drawn) == 2
    assert maps.map_html(store, cache, "v", lang="nl", today="2020-01-01") != first
    assert len(drawn) == 3
    before = store.version("v")
    store.upsert(
        "v", [Node(id="nieuw", kind="theme", name="Nieuw thema in de kaart", workspace="v")]
    )
    after = maps.map_html(store, cache, "v", lang="nl")
    assert len(drawn) == 4 and "Nieuw thema in de kaart" in after
    kept = cache.keys()
    assert not [k for k in kept if k[2] == before]  # the old version's map is gone
