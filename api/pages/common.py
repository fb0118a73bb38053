"""Server-rendered web pages (Jinja2, no front-end build): workspaces, map, node,
path finder, import; Dutch by default, English by choice (a cookie).

Pages log in with an API key and get a session (a random id kept hashed on the server,
never the key itself; see :mod:`api.keys`). Every form carries a CSRF token
(:mod:`api.csrf`); :class:`api.gate.Gate` has checked the session before a page runs.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader
from starlette.concurrency import run_in_threadpool

from api.csrf import check_csrf, csrf_token, remember_csrf
from api.deps import CacheDep, KeysDep, OptionalKeyDep, SettingsDep, StoreDep, check_access
from api.gate import SESSION_COOKIE
from api.i18n import LANGUAGES, labels, language
from api.keys import Key
from api.routes.maps import map_html
from api.routes.transfer import run_import, save_uploads
from graph.analysis.centrality import MEASURES
from graph.analysis.ego import drawn_route
from graph.analysis.registry import AnalysisOptions
from graph.errors import GrenswerkError
from graph.model import WORKSPACE_PATTERN
from importers import FORMATS

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parents[1] / "templates"))
templates.env.loader = ChoiceLoader(
    [
        FileSystemLoader(str(Path(__file__).parents[1] / "templates")),
        FileSystemLoader(str(Path(__file__).parents[2] / "visualizations" / "templates")),
    ]
)


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(
        request,
        name,
        {
            "t": labels(request),
            "lang": language(request),
            "csrf_token": csrf_token(request),
            **context,
        },
        status_code=status,
    )
    remember_csrf(request, response)
    return response


def local_path(target: str | None) -> str:
    """``target`` if it is a path on this site, else ``/`` (no open redirects).

    >>> [local_path(t) for t in ("/w/demo?x=1", "//evil.example", "/\\evil", "https://x", "")]
    ['/w/demo?x=1', '/', '/', '/', '/']
    """
    if (
        not target
        or not target.startswith("/")
        or target.startswith(("//", "/\\"))
        or any(c in target for c in "\r\n\t")
    ):
        return "/"
    return target


def page_key(key: OptionalKeyDep) -> Key:
    if key is None:
        raise HTTPException(status_code=401, detail="login")
    return key


page_key.required_role = "key"  # type: ignore[attr-defined]

PageKey = Annotated[Key, Depends(page_key)]


def _page_workspace(role: str) -> Any:
    def check(key: PageKey, store: StoreDep, workspace: str) -> str:
        return _workspace(key, store, workspace, role)

    check.required_role = role  # type: ignore[attr-defined]
    return check


ViewerPage = Annotated[str, Depends(_page_workspace("viewer"))]
EditorPage = Annotated[str, Depends(_page_workspace("editor"))]


async def csrf_checked(request: Request) -> None:
    """Refuse a form post without the page's CSRF token (403)."""
    form = await request.form()
    token = form.get("csrf_token")
    check_csrf(request, token if isinstance(token, str) else None)


Csrf = Depends(csrf_checked)


def _workspace(key: Key, store: Any, workspace: str, role: str = "viewer") -> str:
    if not re.match(WORKSPACE_PATTERN, workspace):
        raise HTTPException(404, f"no workspace {workspace!r}")
    return check_access(key, store, workspace, role)


async def error_page(request: Request, exc: Any) -> Response:
    if exc.status_code == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    response = _render(request, "error.html", status=exc.status_code, message=str(exc.detail))
    for name, value in (getattr(exc, "headers", None) or {}).items():
        response.headers[name] = value
    return response


async def validation_page(request: Request, exc: RequestValidationError) -> Response:
    message = "; ".join(
        f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
    )
    return _render(request, "error.html", status=422, message=message)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _render(request, "login.html", next=local_path(next))


@router.post("/login", dependencies=[Csrf])
def login(
    request: Request,
    keys: KeysDep,
    settings: SettingsDep,
    key: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    failed = request.app.state.failed_keys
    address = request.client.host if request.client else "?"
    wait = failed.wait(address)
    if wait:
        raise HTTPException(
            429, f"too many failed key checks; try again in {wait} s", {"Retry-After": str(wait)}
        )
    found = keys.verify(key.strip())
    if found is None:
        failed.record(address)
        return _render(request, "login.html", status=401, next=local_path(next), failed=True)
    session = keys.create_session(found, lifetime_s=settings.session_hours * 3600)
    target = local_path(next)
    if target == "/" and found.workspace != "*":
        target = f"/w/{found.workspace}"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request, keys: KeysDep) -> Response:
    keys.end_session(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/lang", dependencies=[Csrf])
def set_language(lang: Annotated[str, Form()], back: Annotated[str, Form()] = "/") -> Response:
    response = RedirectResponse(local_path(back), status_code=303)
    if lang in LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, key: PageKey) -> HTMLResponse:
    visible = [w for w in store.workspaces() if key.sees(w.name)]
    return _render(request, "workspaces.html", workspaces=visible, key=key)


@router.get("/w/{workspace}", response_class=HTMLResponse)
def map_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    key: PageKey,
    workspace: str,
    color_by: str = "kind",
    size_by: str = "",
    kinds: str = "",
    at: str = "",
    highlight: str = "",
) -> HTMLResponse:
    _workspace(key, store, workspace)
    try:
        when = dt.date.fromisoformat(at) if at else None
    except ValueError:
        raise HTTPException(422, f"{at!r} is not a date (YYYY-MM-DD)") from None
    if color_by not in ("kind", "org_type", "sector", "community"):
        raise HTTPException(422, f"unknown colouring {color_by!r}")
    if size_by and size_by not in MEASURES:
        raise HTTPException(422, f"unknown measure {size_by!r}")
    body = map_html(
        store,
        cache,
        workspace,
        color_by=color_by,
        size_by=size_by or None,
        kinds=kinds or None,
        at=when,
        highlight=highlight or None,
        node_link=f"/w/{workspace}/node/__ID__",
        fragment=True,
    )
    info = next(w for w in store.workspaces() if w.name == workspace)
    download = f"/api/workspaces/{workspace}/map?download=true&color_by={color_by}"
    return _render(
        request,
        "map_page.html",
        workspace=workspace,
        info=info,
        key=key,
        map_body=body,
        color_by=color_by,
        size_by=size_by,
        kinds=kinds,
        at=at,
        download=download,
    )


@router.get("/w/{workspace}/node/{node_id}", response_class=HTMLResponse)
def node_page(
    request: Request, store: StoreDep, cache: CacheDep, key: PageKey, workspace: str, node_id: str
) -> HTMLResponse:
    _workspace(key, store, workspace)
    node = store.get_node(workspace, node_id)
    if node is None:
        raise HTTPException(404, f"no node {node_id!r}")
    ties = store.list_relationships(workspace, node_id=node_id)
    others = store.get_nodes(workspace, {r.source for r in ties} | {r.target for r in ties})
    partners, themes, roles = [], [], []
    for rel in ties:
        other = others.get(rel.target if rel.source == node_id else rel.source)
        if other is None or rel.type.value == "mentioned_in":
            continue
        entry = {
            "node": other,
            "type": rel.type.value,
            "role": rel.role,
            "mechanism": rel.mechanism.value if rel.mechanism else None,
        }
        if other.kind.value == "theme":
            themes.append(entry)
        elif rel.type.value == "works_at":
            roles.append(entry)
        else:
            partners.append(entry)
    facts: dict[str, Any] = {}
    recommendations: list[dict[str, Any]] = []
    if node.kind.value in ("person", "organisation"):
        broker = cache.run(store, workspace, "brokerage", AnalysisOptions())
        mine = next((r for r in broker.rows if r["id"] == node_id), None)
        if mine is not None:
            counts = {
                role: mine[role]
                for role in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
            }
            best = max(counts, key=lambda role: counts[role])
            facts["brokerage"] = (
                f"{best} ({counts[best]} / {mine['total']})" if mine["total"] else "—"
            )
        recs = cache.run(store, workspace, "recommend", AnalysisOptions(node=node_id))
        recommendations = recs.rows[:5]
    central = cache.run(
        store, workspace, "centrality", AnalysisOptions(measures=("degree", "betweenness"))
    )
    row = next((r for r in central.rows if r["id"] == node_id), None)
    if row is not None:
        facts["centrality"] = f"degree {row['degree']:.0f}, betweenness {row['betweenness']:.3f}"
    return _render(
        request,
        "node.html",
        workspace=workspace,
        node=node,
        partners=partners,
        themes=themes,
        roles=roles,
        facts=facts,
        recommendations=recommendations,
        key=key,
    )


@router.get("/w/{workspace}/paths", response_class=HTMLResponse)
def paths_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    key: PageKey,
    workspace: str,
    source: str = "",
    target: str = "",
) -> HTMLResponse:
    _workspace(key, store, workspace)
    actors = [n for n in store.list_nodes(workspace) if n.kind.value in ("person", "organisation")]
    result = None
    map_body = None
    error = None
    if source and target:
        try:
            result = cache.run(
                store, workspace, "paths", AnalysisOptions(source=source, target=target, k=3)
            )
        except GrenswerkError as exc:
            error = str(exc)
        if result is not None and result.rows:
            best = drawn_route(cache.graph(store, workspace), result.rows[0]["nodes"])
            map_body = map_html(
                store,
                cache,
                workspace,
                highlight=",".join(best),
                node_link=f"/w/{workspace}/node/__ID__",
                fragment=True,
            )
    return _render(
        request,
        "paths.html",
        workspace=workspace,
        actors=actors,
        source=source,
        target=target,
        result=result,
        map_body=map_body,
        error=error,
        key=key,
    )


@router.get("/w/{workspace}/import", response_class=HTMLResponse)
def import_form(request: Request, store: StoreDep, key: PageKey, workspace: str) -> HTMLResponse:
    _workspace(key, store, workspace, "editor")
    return _render(request, "import.html", workspace=workspace, formats=FORMATS, key=key)


@router.post("/w/{workspace}/import", response_class=HTMLResponse, dependencies=[Csrf])
async def import_upload(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    key: PageKey,
    workspace: EditorPage,
    files: Annotated[list[UploadFile], File()],
    format: Annotated[str, Form()] = "auto",
    preview: Annotated[str | None, Form()] = None,
) -> HTMLResponse:
    report = problems = None
    message = None
    with tempfile.TemporaryDirectory(prefix="grenswerk-upload-") as tmp:
        try:
            paths = await save_uploads(files, Path(tmp), settings.max_upload_mb)
            report = await run_in_threadpool(
                run_import, store, workspace, paths, format, dry_run=preview is not None
            )
        except HTTPException as exc:
            if isinstance(exc.detail, dict):
                problems = exc.detail["problems"]
                message = exc.detail["message"]
            else:
                message = str(exc.detail)
    return _render(
        request,
        "import.html",
        workspace=workspace,
        formats=FORMATS,
        key=key,
        report=report,
        problems=problems,
        message=message,
        status=200 if report else 422,
    )
