"""The workspaces a key sees, and a workspace's map."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.deps import CacheDep, StoreDep
from api.i18n import language
from api.pages.common import (
    DrawnMap,
    PageKey,
    counted_workspaces,
    drawn_map,
    page_workspace,
    render,
)

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, key: PageKey) -> HTMLResponse:
    visible = [w for w in store.workspaces() if key.sees(w.name)]
    counted = counted_workspaces(request, visible)
    return render(request, "workspaces.html", workspaces=visible, counted=counted, key=key)


def map_page_context(drawn: DrawnMap) -> dict[str, object]:
    """What map_page.html shows of a drawn map: the counts, the map, the filters' form
    (every filter as choices, the date the Dutch way) and a refusal."""
    filters = drawn.filters
    at = filters.at.strftime("%d-%m-%Y") if filters.at else filters.at_text
    return {
        "info": drawn.info,
        "map_body": drawn.body,
        "color_by": filters.color_by,
        "size_by": filters.size_by,
        "at": at,
        "highlight": filters.highlight,
        "groups": drawn.groups,
        "problem": drawn.problem,
    }


@router.get("/w/{workspace}", response_class=HTMLResponse)
def map_page(
    request: Request, store: StoreDep, cache: CacheDep, key: PageKey, workspace: str
) -> HTMLResponse:
    """The workspace's map (colour, size, every filter as choices, a date, a route, a
    saved view: the page's query); a filter the map refuses is said on the page, in its
    language, above an empty map, with the form to change it (422)."""
    page_workspace(key, store, workspace)
    drawn = drawn_map(
        request,
        store,
        cache,
        workspace,
        base=f"/w/{workspace}",
        save_to=f"/w/{workspace}/views" if key.allows("analyst") else "",
    )
    query = drawn.filters.query()
    download = f"/api/workspaces/{workspace}/map?" + urlencode(
        {"download": "true", **_api(query), "lang": language(request)}
    )
    report = f"/api/workspaces/{workspace}/report.pdf?" + urlencode(
        {**_api(query), "lang": language(request)}
    )
    return render(
        request,
        "map_page.html",
        422 if drawn.problem else 200,
        workspace=workspace,
        key=key,
        download=download,
        report=report,
        **map_page_context(drawn),
    )


def _api(query: dict[str, str]) -> dict[str, str]:
    """The page's filters as the API takes them (its theme filter is ``themes``)."""
    out = {k: v for k, v in query.items() if k != "theme"}
    if "theme" in query:
        out["themes"] = query["theme"]
    return out
