"""Column headers of other tools (Kumu, Gephi, Pajek, spreadsheets) read as Grenswerk's
fields, in Dutch and English.

The values in those columns (kinds, types, …) are read through :mod:`graph.vocabulary`.

Examples
--------
>>> node_field("Naam"), relationship_field("Van"), relationship_field("Doel")
('name', 'source', 'target')
>>> node_field("Kleur") is None
True
"""

from __future__ import annotations

from functools import lru_cache

from graph.model import normalise

__all__ = ["node_field", "relationship_field"]

_NODE_FIELDS: dict[str, str] = {}
_REL_FIELDS: dict[str, str] = {}
for _words, _field in (
    ("id,key,sleutel,code,identifier,node id,element id", "id"),
    ("name,naam,label,titel,title", "name"),
    ("kind,soort,type,categorie,category,node kind,element type", "kind"),
    (
        "org_type,org type,organisation type,organization type,organisatietype,"
        "type organisatie,soort organisatie",
        "org_type",
    ),
    ("sector,praktijk,practice,branche,domein,domain", "sector"),
    ("description,beschrijving,omschrijving,toelichting", "description"),
    (
        "aliases,alias,aliassen,synoniemen,synonyms,ook bekend als,also known as,afkorting",
        "aliases",
    ),
    ("activity_type,activity type,soort activiteit,type activiteit", "activity_type"),
    ("date,datum", "date"),
    ("role,rol,functie,function,position", "role"),
    ("url,website,link,webpagina", "url"),
    ("tags,labels,trefwoorden,keywords", "tags"),
):
    for _word in _words.split(","):
        _NODE_FIELDS[normalise(_word)] = _field
for _words, _field in (
    ("id,key,sleutel,code,identifier,relationship id,connection id", "id"),
    ("from,van,source,bron,begin,start node,from id,van id", "source"),
    ("to,naar,target,doel,end,eind,to id,naar id", "target"),
    (
        "type,soort,relatie,relation,relationship,relationship type,connection type,"
        "soort relatie,relatietype",
        "type",
    ),
    ("role,rol,functie,function", "role"),
    ("kind,partnership,partnerschap,soort partnerschap,partner kind", "kind"),
    ("mechanism,mechanisme,leermechanisme,learning mechanism", "mechanism"),
    ("strength,sterkte,weight,gewicht,intensity,intensiteit", "strength"),
    ("frequency,frequentie,how often,hoe vaak", "frequency"),
    ("quote,citaat,fragment", "quote"),
    ("description,beschrijving,omschrijving,toelichting", "description"),
    ("tags,labels,trefwoorden,keywords", "tags"),
):
    for _word in _words.split(","):
        _REL_FIELDS[normalise(_word)] = _field
for _table in (_NODE_FIELDS, _REL_FIELDS):
    for _words, _field in (
        ("since,vanaf,sinds,start,start date,begindatum,startdatum,from date", "since"),
        ("until,tot,tot en met,einde,end date,einddatum,to date", "until"),
        ("provenance,herkomst,sources,bronnen,source ids,bron ids,bron", "provenance"),
        ("quote,citaat", "quote"),
    ):
        for _word in _words.split(","):
            _table.setdefault(normalise(_word), _field)


@lru_cache(maxsize=4096)
def node_field(header: str) -> str | None:
    """The node field a column header names (Dutch or English), or ``None``."""
    return _NODE_FIELDS.get(normalise(header))


@lru_cache(maxsize=4096)
def relationship_field(header: str) -> str | None:
    """The relationship field a column header names (Dutch or English), or ``None``."""
    return _REL_FIELDS.get(normalise(header))
