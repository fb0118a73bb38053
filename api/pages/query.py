"""The page *Vragen*: an analyst asks the workspace a question in read-only Cypher, picks
one of the Dutch example questions or writes one, and sees the answer as a table, on
the map (its nodes highlighted) and as CSV."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import CacheDep, QueryEnginesDep, SettingsDep, StoreDep
from api.i18n import language, translations
from api.pages.common import AnalystPage, PageKey, render
from api.services.query import EXAMPLES, QueryAnswer, QueryError, answer_csv, cell, run_query

router = APIRouter(include_in_schema=False)

#: ids put in the map link at most (a URL has a length)
MAP_IDS = 300


def _message(exc: QueryError, lang: str, timeout_s: float) -> str:
    """What went wrong, in the page's language (the engine's own words where they help)."""
    word = getattr(exc, "word", "")
    gettext = translations(lang).gettext
    if exc.kind == "refused" and word == ";":
        return gettext("One question at a time: the text holds more than one statement.")
    if exc.kind == "refused":
        return gettext(
            "A question may only read: %(word)s is not allowed (changes, procedures, "
            "LOAD and COPY are refused)."
        ) % {"word": word or "?"}
    if exc.kind == "timeout":
        text = gettext("The question took longer than %(seconds)s seconds and was stopped.")
        return text % {"seconds": f"{timeout_s:g}"}
    if exc.kind == "memory":
        return gettext("The question needed more memory than allowed and was stopped.")
    if exc.kind == "busy":
        return gettext("The query engine of this workspace is busy; try again shortly.")
    text = gettext("The query engine did not understand the question: %(detail)s")
    return text % {"detail": str(exc)}


def _ask(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    engines: QueryEnginesDep,
    settings: SettingsDep,
    workspace: str,
    query: str,
) -> tuple[QueryAnswer | None, str | None]:
    try:
        answer = run_query(engines, cache, store, settings, workspace, query)
    except QueryError as exc:
        return None, _message(exc, language(request), settings.query_timeout_s)
    return answer, None


@router.get("/w/{workspace}/vragen", response_class=HTMLResponse)
def questions_page(
    request: Request,
    workspace: AnalystPage,
    key: PageKey,
    store: StoreDep,
    cache: CacheDep,
    engines: QueryEnginesDep,
    settings: SettingsDep,
    query: str = "",
    example: str = "",
) -> HTMLResponse:
    chosen = next((q for q in EXAMPLES if q.key == example), None)
    if chosen is not None and not query:
        query = chosen.cypher
    answer, error = (None, None)
    if query.strip():
        answer, error = _ask(request, store, cache, engines, settings, workspace, query)
    map_link = csv_link = None
    if answer is not None:
        csv_link = f"/w/{workspace}/vragen.csv?" + urlencode({"query": query})
        if answer.node_ids:
            map_link = f"/w/{workspace}?" + urlencode(
                {"highlight": ",".join(answer.node_ids[:MAP_IDS])}
            )
    lang = language(request)
    examples = [(q.key, q.nl if lang == "nl" else q.en) for q in EXAMPLES]
    rows = [[cell(v) for v in row] for row in answer.rows] if answer else []
    return render(
        request,
        "query.html",
        workspace=workspace,
        key=key,
        query=query,
        examples=examples,
        example=chosen.key if chosen else "",
        answer=answer,
        rows=rows,
        error=error,
        map_link=map_link,
        csv_link=csv_link,
        row_limit=settings.query_row_limit,
        timeout_s=settings.query_timeout_s,
    )


@router.get("/w/{workspace}/vragen.csv")
def questions_csv(
    request: Request,
    workspace: AnalystPage,
    store: StoreDep,
    cache: CacheDep,
    engines: QueryEnginesDep,
    settings: SettingsDep,
    query: str = "",
) -> Response:
    answer, error = _ask(request, store, cache, engines, settings, workspace, query)
    if answer is None:
        return Response(error or "", status_code=400, media_type="text/plain; charset=utf-8")
    return Response(
        answer_csv(answer),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{workspace}-vraag.csv"'},
    )
