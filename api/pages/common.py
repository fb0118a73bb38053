"""What every web page uses: the templates, rendering with labels and a CSRF token,
the logged-in key, the workspace check, and error pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from api.csrf import check_csrf, csrf_token, remember_csrf
from api.deps import OptionalKeyDep, StoreDep, check_access
from api.i18n import format_date_for, format_number, language, translations, vocabulary_label
from api.services.counts import NetworkCounts, counts_sentence, drawn_sentence, kinds_sentence
from api.services.maps import map_view
from api.services.options import BadOptions
from api.services.profiles import NodeProfile, change_svg, group_partners, ordinal
from api.services.views import list_views, view_query
from api.validation import bad_options
from graph.access import Key
from graph.analysis.cache import AnalysisCache
from graph.analysis.centrality import MEASURES
from graph.errors import GrenswerkError, StoreUnavailable
from graph.model import WORKSPACE_PATTERN
from graph.store.base import Store, WorkspaceInfo

templates = Jinja2Templates(directory=str(Path(__file__).parents[1] / "templates"))
templates.env.loader = ChoiceLoader(
    [
        FileSystemLoader(str(Path(__file__).parents[1] / "templates")),
        FileSystemLoader(str(Path(__file__).parents[2] / "visualizations" / "templates")),
    ]
)
templates.env.add_extension("jinja2.ext.i18n")


@pass_context
def _gettext(context: Context, message: str) -> str:
    return translations(context["lang"]).gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return translations(context["lang"]).ngettext(singular, plural, n)


@pass_context
def _pgettext(context: Context, ctx: str, message: str) -> str:
    return str(translations(context["lang"]).pgettext(ctx, message))


@pass_context
def _npgettext(context: Context, ctx: str, singular: str, plural: str, n: int) -> str:
    return translations(context["lang"]).npgettext(ctx, singular, plural, n)


@pass_context
def _number(context: Context, value: float | int, digits: int | None = None) -> str:
    return format_number(value, context["lang"], digits)


@pass_context
def _date(context: Context, value: Any, form: str = "long") -> str:
    return format_date_for(value, context["lang"], form)


templates.env.install_gettext_callables(  # type: ignore[attr-defined]
    _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext
)
templates.env.filters["number"] = _number
templates.env.filters["date"] = _date


@pass_context
def _label(context: Context, value: Any, vocabulary: str | None = None) -> str:
    return vocabulary_label(str(getattr(value, "value", value)), context["lang"], vocabulary)


templates.env.filters["label"] = _label


@pass_context
def _kinds(context: Context, by_kind: dict[str, int]) -> str:
    return kinds_sentence(by_kind, context["lang"])


templates.env.filters["kinds"] = _kinds


def say(request: Request, message: str, **params: Any) -> str:
    """``message`` (a catalogue's msgid) in the language of the request's page, its
    ``%(name)s`` fields filled from ``params``."""
    text = translations(language(request)).gettext(message)
    return text % params if params else text


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page; ``here`` (where the workspace's pages live: ``/w/<workspace>``,
    or a share link's ``/s/<token>``) defaults to the workspace's own pages."""
    here = f"/w/{context['workspace']}" if context.get("workspace") else ""
    response = templates.TemplateResponse(
        request,
        name,
        {
            "lang": language(request),
            "csrf_token": csrf_token(request),
            "here": here,
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
    """The logged-in key; without one, a 401 that the error page turns into the login."""
    if key is None:
        raise HTTPException(status_code=401, detail="login")
    return key


page_key.required_role = "key"  # type: ignore[attr-defined]

PageKey = Annotated[Key, Depends(page_key)]


def _page_workspace(role: str) -> Any:
    def check(key: PageKey, store: StoreDep, workspace: str) -> str:
        return page_workspace(key, store, workspace, role)

    check.required_role = role  # type: ignore[attr-defined]
    return check


ViewerPage = Annotated[str, Depends(_page_workspace("viewer"))]
AnalystPage = Annotated[str, Depends(_page_workspace("analyst"))]
EditorPage = Annotated[str, Depends(_page_workspace("editor"))]
AdminPage = Annotated[str, Depends(_page_workspace("admin"))]


async def csrf_checked(request: Request) -> None:
    """Refuse a form post without the page's CSRF token (403)."""
    form = await request.form()
    token = form.get("csrf_token")
    check_csrf(request, token if isinstance(token, str) else None)


Csrf = Depends(csrf_checked)


def service_error(exc: GrenswerkError) -> HTTPException:
    """A refusal of the service layer as the error page's 422."""
    if isinstance(exc, StoreUnavailable):
        raise exc  # 503 with Retry-After (api.app)
    if isinstance(exc, BadOptions):
        return bad_options(exc)
    return HTTPException(422, str(exc))


def page_workspace(key: Key, store: Any, workspace: str, role: str = "viewer") -> str:
    """``workspace`` if the key may open it with ``role``; else 404 or 403."""
    if not re.match(WORKSPACE_PATTERN, workspace):
        raise HTTPException(404, f"no workspace {workspace!r}")
    return check_access(key, store, workspace, role)


async def error_page(request: Request, exc: Any) -> Response:
    """An HTTP error as a page (a 401 as the login form, to come back after)."""
    if exc.status_code == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    response = render(
        request,
        "error.html",
        status=exc.status_code,
        message=str(exc.detail),
        code=exc.status_code,
        **_error_navigation(request, exc.status_code),
    )
    for name, value in (getattr(exc, "headers", None) or {}).items():
        response.headers[name] = value
    return response


def _error_navigation(request: Request, status: int) -> dict[str, Any]:
    """What an error page links to: the navigation of the workspace in its address when
    the visitor's key opens that workspace (a 404 inside a workspace keeps its menu)."""
    key = getattr(request.state, "key", None)
    found = re.match(r"^/w/([^/]+)(/|$)", request.url.path)
    if key is None or found is None or status in (401, 403):
        return {"key": key}
    workspace = found.group(1)
    if not re.fullmatch(WORKSPACE_PATTERN.strip("^$"), workspace) or not key.sees(workspace):
        return {"key": key}
    store = getattr(request.app.state, "store", None)
    try:
        exists = store is not None and store.has_workspace(workspace)
    except StoreUnavailable:
        exists = False
    if not exists:
        return {"key": key}
    return {"key": key, "workspace": workspace}


async def validation_page(request: Request, exc: RequestValidationError) -> Response:
    """A refused request as a page naming each parameter and what is wrong."""
    message = "; ".join(
        f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
    )
    return render(request, "error.html", status=422, message=message, code=422)


def check_map_options(request: Request, color_by: str, size_by: str) -> None:
    """Refuse a colouring or a size measure the map does not know (422, in the page's
    language); the map page and the shared map take the same ones."""
    if color_by not in ("kind", "org_type", "sector", "community"):
        raise HTTPException(422, say(request, "unknown colouring %(value)r", value=color_by))
    if size_by and size_by not in MEASURES:
        raise HTTPException(422, say(request, "unknown measure %(value)r", value=size_by))


@dataclass
class DrawnMap:
    """A map drawn for a page: its HTML, what it shows, or the problem that kept it
    empty (a filter the map refuses, shown above the empty map)."""

    body: str = ""
    #: ``nodes`` and ``relationships`` drawn; ``counted``, the workspace's counts in a
    #: sentence, and ``drawn``, what the map shows of them
    info: SimpleNamespace = field(
        default_factory=lambda: SimpleNamespace(nodes=0, relationships=0, counted="", drawn="")
    )
    problem: str = ""


def drawn_map(
    request: Request,
    store: Store,
    cache: AnalysisCache,
    workspace: str,
    filters: dict[str, str],
    *,
    base: str,
    save_to: str = "",
) -> DrawnMap:
    """The map of the map page and of a share link: ``filters`` as the page's query
    gives them (``color_by``, ``size_by``, ``kinds``, ``at``, ``highlight``), node links
    and saved views under ``base``; ``save_to`` where views are saved ("" for none)."""
    check_map_options(request, filters["color_by"], filters["size_by"])
    lang = language(request)
    counts = NetworkCounts.of_graph(cache.graph(store, workspace))
    counted = counts_sentence(counts, lang)
    try:
        view = map_view(
            store,
            cache,
            workspace,
            color_by=filters["color_by"],
            size_by=filters["size_by"] or None,
            kinds=filters["kinds"] or None,
            at_text=filters["at"] or None,
            highlight=filters["highlight"] or None,
            node_link=f"{base}/node/__ID__",
            fragment=True,
            lang=lang,
            views=True,
            saved=[(v.name, view_query(v)) for v in list_views(store, workspace)],
            save_to=save_to,
        )
    except StoreUnavailable:
        raise
    except GrenswerkError as exc:
        return DrawnMap(
            info=SimpleNamespace(nodes=0, relationships=0, counted=counted, drawn=""),
            problem=str(exc),
        )
    shown = drawn_sentence(view.nodes, view.relationships, counts, lang)
    info = SimpleNamespace(
        nodes=view.nodes, relationships=view.relationships, counted=counted, drawn=shown
    )
    return DrawnMap(view.html, info)


def counted_workspaces(request: Request, infos: list[WorkspaceInfo]) -> dict[str, str]:
    """Each listed workspace's counts in a sentence (as every page says them)."""
    lang = language(request)
    return {w.name: counts_sentence(NetworkCounts.of_info(w), lang) for w in infos}


def render_node(request: Request, profile: NodeProfile, **context: Any) -> HTMLResponse:
    """The node page of a profile (:func:`api.services.profiles.node_profile`), for the
    workspace's pages and a share link's alike; ``context`` adds what differs."""
    return render(
        request,
        "node.html",
        node=profile.node,
        partners=profile.partners,
        themes=profile.themes,
        roles=profile.roles,
        brokerage=profile.brokerage,
        centrality=profile.centrality,
        recommendations=profile.recommendations,
        ranks=profile.ranks,
        neighbours=profile.neighbours,
        partner_groups=group_partners(profile.partners, language(request)),
        change=profile.change,
        change_chart=Markup(
            change_svg(profile.change, say(request, "Direct relations on 1 January of each year"))
        ),
        ordinal=lambda n: ordinal(n, language(request)),
        **context,
    )
