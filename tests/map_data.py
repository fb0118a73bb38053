"""The map of a page as the tests read it: ``#map-data`` (packed in columns by
visualizations.maps.page_data) unpacked into one dict per node and tie, as map.js does,
and ``#map-page`` (what belongs to the page: saved views, where to save them)."""

from __future__ import annotations

import html as markup
import json
import re
from typing import Any

__all__ = ["map_data", "map_page", "unpack"]


def _block(html: str, element_id: str) -> dict[str, Any]:
    found = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S
    )
    assert found, f"no #{element_id} on the page"
    data: dict[str, Any] = json.loads(markup.unescape(found.group(1)))
    return data


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """The packed map with ``nodes`` and ``edges`` as lists of dicts (ids, not indices)."""
    columns = packed["nodes"]
    ids = columns["id"]
    route = set(columns["route"])
    nodes = []
    for i in range(len(ids)):
        item = {key: columns[key][i] for key in ("id", "label", "title", "kind", "x", "y", "size")}
        item["group"] = packed["legend"][columns["group"][i]]["group"]
        item["rank"] = i
        if i in route:
            item["borderWidth"] = 4
        nodes.append(item)
    ties = packed["edges"]
    on_route = set(ties["route"])
    edges = [
        {
            **packed["tie_kinds"][kind],
            "from": ids[ties["from"][i]],
            "to": ids[ties["to"][i]],
            "width": 4 if i in on_route else 1,
        }
        for i, kind in enumerate(ties["kind"])
    ]
    clusters = [{**c, "members": [ids[m] for m in c["members"]]} for c in packed["clusters"]]
    return {**packed, "nodes": nodes, "edges": edges, "clusters": clusters}


def map_data(html: str) -> dict[str, Any]:
    """The page's map, unpacked."""
    return unpack(_block(html, "map-data"))


def map_page(html: str) -> dict[str, Any]:
    """What the page's map knows of the page (views, saving, exports, node links)."""
    return _block(html, "map-page")
