"""Labels of the web pages in Dutch (the default) and English; the choice is kept in a
cookie."""

from __future__ import annotations

from fastapi import Request

__all__ = ["LANGUAGES", "labels", "language"]

LANGUAGES = ("nl", "en")

_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "workspaces": "Werkruimtes",
        "map": "Kaart",
        "paths": "Leerroutes",
        "import": "Importeren",
        "login": "Inloggen",
        "logout": "Uitloggen",
        "key": "Toegangssleutel",
        "login_intro": "Log in met de toegangssleutel die u van uw beheerder kreeg.",
        "wrong_key": "Deze sleutel is niet bekend.",
        "nodes": "knopen",
        "relationships": "relaties",
        "color_by": "Kleur naar",
        "size_by": "Grootte naar",
        "kinds": "Soorten",
        "themes": "Thema's",
        "date": "Op datum",
        "show": "Toon",
        "download": "Download als HTML",
        "partners": "Partners",
        "roles": "Rollen",
        "brokerage": "Makelaarsrol",
        "centrality": "Centraliteit",
        "recommendations": "Aanbevolen partners",
        "from": "Van",
        "to": "Naar",
        "find": "Zoek leerroutes",
        "no_path": "Geen route gevonden tussen deze twee.",
        "potential": "leerpotentieel",
        "file": "Bestand",
        "format": "Formaat",
        "preview": "Voorbeeld (niets opslaan)",
        "upload": "Importeren",
        "problems": "Problemen: er is niets opgeslagen",
        "done": "Geïmporteerd",
        "would": "Zou toevoegen",
        "error": "Fout",
        "none": "geen",
        "kind": "soort",
        "none_yet": "Nog geen werkruimtes.",
        "back": "Terug",
        "language": "Taal",
        "reasons": "waarom",
    },
    "en": {
        "workspaces": "Workspaces",
        "map": "Map",
        "paths": "Learning paths",
        "import": "Import",
        "login": "Log in",
        "logout": "Log out",
        "key": "Access key",
        "login_intro": "Log in with the access key your administrator gave you.",
        "wrong_key": "This key is not known.",
        "nodes": "nodes",
        "relationships": "relationships",
        "color_by": "Colour by",
        "size_by": "Size by",
        "kinds": "Kinds",
        "themes": "Themes",
        "date": "At date",
        "show": "Show",
        "download": "Download as HTML",
        "partners": "Partners",
        "roles": "Roles",
        "brokerage": "Brokerage role",
        "centrality": "Centrality",
        "recommendations": "Recommended partners",
        "from": "From",
        "to": "To",
        "find": "Find learning paths",
        "no_path": "No path found between these two.",
        "potential": "learning potential",
        "file": "File",
        "format": "Format",
        "preview": "Preview (write nothing)",
        "upload": "Import",
        "problems": "Problems: nothing was written",
        "done": "Imported",
        "would": "Would add",
        "error": "Error",
        "none": "none",
        "kind": "kind",
        "none_yet": "No workspaces yet.",
        "back": "Back",
        "language": "Language",
        "reasons": "why",
    },
}


def language(request: Request) -> str:
    lang = request.cookies.get("lang", "nl")
    return lang if lang in LANGUAGES else "nl"


def labels(request: Request) -> dict[str, str]:
    return _LABELS[language(request)]
