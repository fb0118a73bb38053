"""Server-rendered web pages (Jinja2, no front-end build): workspaces, map, node,
path finder, import, and the forms that add, change and delete nodes and ties and
create a workspace; Dutch by default, English by choice (a cookie).

Pages log in with an API key and get a session (a random id kept hashed on the server,
never the key itself; see :mod:`api.keys`). Every form carries a CSRF token
(:mod:`api.csrf`); :class:`api.gate.Gate` has checked the session before a page runs.
Each module is one page's adapter over :mod:`api.services`; :mod:`api.pages.common`
holds what they share.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.pages import (
    auth,
    changes,
    duplicates,
    edit_node,
    edit_tie,
    howto,
    imports,
    keys,
    map,
    new_workspace,
    node,
    overview,
    paths,
    query,
    shared,
    survey,
    survey_respond,
    survey_review,
    surveys,
    views,
)
from api.pages.common import error_page, validation_page

__all__ = ["error_page", "router", "validation_page"]

router = APIRouter(include_in_schema=False)
for _module in (auth, map, overview, node, paths, query, imports, howto, keys, views, shared):
    router.include_router(_module.router)
for _module in (surveys, survey, survey_review, survey_respond, changes, duplicates):
    router.include_router(_module.router)
for _module in (edit_node, edit_tie, new_workspace):
    router.include_router(_module.router)
