"""Grenswerk's closed vocabulary in Dutch and English: the names of kinds, relationship
types, organisation types, activity types and mechanisms, their synonyms, and strict
parsing of them.

The enumerations themselves live in :mod:`graph.model`; this module says how people
write them. Column headers of other tools are read in :mod:`importers.synonyms`.

Examples
--------
>>> kind_for("Leerbedrijf")
(<NodeKind.ORGANISATION: 'organisation'>, <OrgType.COMPANY: 'company'>, None)
>>> type_for("Werkt samen met")
<RelType.COLLABORATES_WITH: 'collaborates_with'>
>>> strict_kind("persoon")
<NodeKind.PERSON: 'person'>
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from functools import lru_cache
from typing import Any

from graph.model import ActivityType, Mechanism, NodeKind, OrgType, RelType, normalise

__all__ = [
    "DUTCH_ACTIVITY_TYPES",
    "DUTCH_KINDS",
    "DUTCH_MECHANISMS",
    "DUTCH_ORG_TYPES",
    "DUTCH_TYPES",
    "KindMatch",
    "activity_type_for",
    "kind_for",
    "mechanism_for",
    "node_kinds",
    "org_type_for",
    "relationship_types",
    "strict_kind",
    "strict_type",
    "type_for",
    "vocabulary_names",
]

KindMatch = tuple[NodeKind, OrgType | None, ActivityType | None]

_KINDS: dict[str, KindMatch] = {}


def _add(words: str, match: KindMatch) -> None:
    for word in words.split(","):
        _KINDS[normalise(word)] = match


_add(
    "person,persoon,personen,people,mens,individual,individu,participant,deelnemer,"
    "contact,contactpersoon,docent,teacher,adviseur,advisor,adviser,bestuurder,"
    "board member,schoolopleider,instituutsopleider,onderzoeker,researcher,manager",
    (NodeKind.PERSON, None, None),
)
_add(
    "organisation,organization,organisatie,org,instelling,institution,partij,party",
    (NodeKind.ORGANISATION, OrgType.OTHER, None),
)
_add(
    "school,roc,aoc,mbo,mbo instelling,mbo school,vakinstelling,onderwijsinstelling,"
    "vmbo,hbo,hogeschool,university,universiteit,lerarenopleiding,opleidingsinstituut,"
    "educational institution,college",
    (NodeKind.ORGANISATION, OrgType.SCHOOL, None),
)
_add(
    "company,bedrijf,leerbedrijf,erkend leerbedrijf,onderneming,business,firm,employer,"
    "werkgever,industry,bedrijfsleven,enterprise,corporation",
    (NodeKind.ORGANISATION, OrgType.COMPANY, None),
)
_add(
    "government,overheid,gemeente,municipality,ministerie,ministry,provincie,province,"
    "inspectie,inspectorate,public body",
    (NodeKind.ORGANISATION, OrgType.GOVERNMENT, None),
)
_add(
    "knowledge institute,knowledge_institute,kennisinstituut,kenniscentrum,advisory,"
    "adviesbureau,advies,consultancy,consultant,research institute,onderzoeksinstituut,"
    "expertisecentrum",
    (NodeKind.ORGANISATION, OrgType.KNOWLEDGE_INSTITUTE, None),
)
_add(
    "sector body,sector_body,branche,brancheorganisatie,branchevereniging,sectororganisatie,"
    "koepel,koepelorganisatie,umbrella organisation,trade association,vereniging,association",
    (NodeKind.ORGANISATION, OrgType.SECTOR_BODY, None),
)
_add(
    "network,netwerk,themagroep,theme group,community,platform,learning network,"
    "lerend netwerk,samenwerkingsverband,consortium",
    (NodeKind.NETWORK, None, None),
)
_add(
    "theme,thema,topic,onderwerp,knelpunt,bottleneck,issue,vraagstuk,subject",
    (NodeKind.THEME, None, None),
)
_add("activity,activiteit,event,evenement", (NodeKind.ACTIVITY, None, None))
_add(
    "meeting,bijeenkomst,netwerkbijeenkomst,werkbijeenkomst,vergadering",
    (NodeKind.ACTIVITY, None, ActivityType.MEETING),
)
_add(
    "session,sessie,kampvuursessie,online sessie,workshop",
    (NodeKind.ACTIVITY, None, ActivityType.SESSION),
)
_add("course,cursus,training,opleiding,leergang", (NodeKind.ACTIVITY, None, ActivityType.COURSE))
_add("study day,study_day,studiedag", (NodeKind.ACTIVITY, None, ActivityType.STUDY_DAY))
_add("conference,congres,symposium", (NodeKind.ACTIVITY, None, ActivityType.CONFERENCE))
_add("interview,gesprek", (NodeKind.ACTIVITY, None, ActivityType.INTERVIEW))
_add("work session,work_session,werksessie", (NodeKind.ACTIVITY, None, ActivityType.WORK_SESSION))
_add("project,traject,programma,programme", (NodeKind.ACTIVITY, None, ActivityType.PROJECT))
_add(
    "source,bron,document,article,artikel,report,rapport,verslag,notes,notulen",
    (NodeKind.SOURCE, None, None),
)
for _kind in NodeKind:
    _KINDS.setdefault(normalise(_kind.value), (_kind, None, None))

_TYPES: dict[str, RelType] = {}


def _add_type(words: str, rel_type: RelType) -> None:
    for word in words.split(","):
        _TYPES[normalise(word)] = rel_type


_add_type(
    "works at,works_at,werkt bij,werkzaam bij,employed by,employee of,medewerker van,"
    "in dienst bij,employment,works for,werkt voor",
    RelType.WORKS_AT,
)
_add_type(
    "member of,member_of,lid van,lid,member,membership,lidmaatschap,belongs to", RelType.MEMBER_OF
)
_add_type(
    "participates in,participates_in,neemt deel aan,deelname,participation,attends,"
    "attended,woont bij,deelnemer aan",
    RelType.PARTICIPATES_IN,
)
_add_type(
    "facilitates,faciliteert,begeleidt,facilitator,facilitation,leads,leidt", RelType.FACILITATES
)
_add_type(
    "organises,organizes,organiseert,organiser,organizer,initiator,initiative of", RelType.ORGANISES
)
_add_type("hosts,host,hosted,gastheer,ontvangt", RelType.HOSTS)
_add_type(
    "partners with,partners_with,partner,partner van,partnership,partnerschap,"
    "samenwerkingspartner,alliance,convenant",
    RelType.PARTNERS_WITH,
)
_add_type("works on,works_on,werkt aan,interest,interesse,expertise", RelType.WORKS_ON)
_add_type("addresses,behandelt,gaat over,about,topic of,has theme,heeft thema", RelType.ADDRESSES)
_add_type(
    "collaborates with,collaborates_with,collaborates,collaboration,werkt samen met,"
    "samenwerking,samenwerken,connection,connected,link,tie,edge,knows,kent,contact",
    RelType.COLLABORATES_WITH,
)
_add_type("mentioned in,mentioned_in,genoemd in,vermeld in", RelType.MENTIONED_IN)
_add_type("part of,part_of,onderdeel van,deel van,valt onder", RelType.PART_OF)
_add_type("related to,related_to,related,relatie,relation,gerelateerd", RelType.RELATED_TO)

_ORG_TYPES: dict[str, OrgType] = {}
for _word, (_k, _org, _) in _KINDS.items():
    if _k is NodeKind.ORGANISATION and _org is not None:
        _ORG_TYPES[_word] = _org
for _org_type in OrgType:
    _ORG_TYPES[normalise(_org_type.value)] = _org_type
_ORG_TYPES[normalise("overig")] = OrgType.OTHER

_MECHANISMS: dict[str, Mechanism] = {}
for _words, _mech in (
    ("identification,identificatie,identificeren", Mechanism.IDENTIFICATION),
    ("coordination,co-ordination,coordinatie,coördinatie,afstemming", Mechanism.COORDINATION),
    ("reflection,reflectie,perspective taking", Mechanism.REFLECTION),
    ("transformation,transformatie,co-creatie,cocreation,co-creation", Mechanism.TRANSFORMATION),
):
    for _word in _words.split(","):
        _MECHANISMS[normalise(_word)] = _mech


@lru_cache(maxsize=4096)
def kind_for(text: str) -> KindMatch | None:
    """The kind (and org/activity type) a free-text type names, or ``None``."""
    return _KINDS.get(normalise(text))


@lru_cache(maxsize=4096)
def type_for(text: str) -> RelType | None:
    """The relationship type a free-text type names, or ``None``."""
    return _TYPES.get(normalise(text))


@lru_cache(maxsize=4096)
def org_type_for(text: str) -> OrgType | None:
    """The organisation type a free text names, or ``None``."""
    return _ORG_TYPES.get(normalise(text))


@lru_cache(maxsize=4096)
def mechanism_for(text: str) -> Mechanism | None:
    """The boundary-crossing mechanism a free text names, or ``None``."""
    return _MECHANISMS.get(normalise(text))


#: The closed vocabulary's Dutch names: our strict formats accept these and nothing else.
DUTCH_KINDS: dict[str, NodeKind] = {
    "persoon": NodeKind.PERSON,
    "organisatie": NodeKind.ORGANISATION,
    "netwerk": NodeKind.NETWORK,
    "thema": NodeKind.THEME,
    "activiteit": NodeKind.ACTIVITY,
    "bron": NodeKind.SOURCE,
}
DUTCH_TYPES: dict[str, RelType] = {
    "werkt_bij": RelType.WORKS_AT,
    "lid_van": RelType.MEMBER_OF,
    "neemt_deel_aan": RelType.PARTICIPATES_IN,
    "faciliteert": RelType.FACILITATES,
    "organiseert": RelType.ORGANISES,
    "ontvangt": RelType.HOSTS,
    "partner_van": RelType.PARTNERS_WITH,
    "werkt_aan": RelType.WORKS_ON,
    "behandelt": RelType.ADDRESSES,
    "werkt_samen_met": RelType.COLLABORATES_WITH,
    "genoemd_in": RelType.MENTIONED_IN,
    "onderdeel_van": RelType.PART_OF,
    "gerelateerd_aan": RelType.RELATED_TO,
}


@lru_cache(maxsize=4096)
def strict_kind(text: str) -> NodeKind | None:
    """A kind by its English or Dutch vocabulary name, nothing looser.

    >>> strict_kind("Persoon"), strict_kind("leerbedrijf")
    (<NodeKind.PERSON: 'person'>, None)
    """
    key = normalise(text).replace(" ", "_")
    try:
        return NodeKind(key)
    except ValueError:
        return DUTCH_KINDS.get(key)


@lru_cache(maxsize=4096)
def strict_type(text: str) -> RelType | None:
    """A relationship type by its English or Dutch vocabulary name, nothing looser.

    >>> strict_type("works at"), strict_type("werkt_bij"), strict_type("partner")
    (<RelType.WORKS_AT: 'works_at'>, <RelType.WORKS_AT: 'works_at'>, None)
    """
    key = normalise(text).replace(" ", "_")
    try:
        return RelType(key)
    except ValueError:
        return DUTCH_TYPES.get(key)


#: The Dutch names messages list beside the English ones (each is accepted).
DUTCH_ORG_TYPES: dict[str, OrgType] = {
    "school": OrgType.SCHOOL,
    "bedrijf": OrgType.COMPANY,
    "overheid": OrgType.GOVERNMENT,
    "kennisinstituut": OrgType.KNOWLEDGE_INSTITUTE,
    "brancheorganisatie": OrgType.SECTOR_BODY,
    "overig": OrgType.OTHER,
}
DUTCH_ACTIVITY_TYPES: dict[str, ActivityType] = {
    "bijeenkomst": ActivityType.MEETING,
    "sessie": ActivityType.SESSION,
    "cursus": ActivityType.COURSE,
    "studiedag": ActivityType.STUDY_DAY,
    "congres": ActivityType.CONFERENCE,
    "gesprek": ActivityType.INTERVIEW,
    "werksessie": ActivityType.WORK_SESSION,
    "project": ActivityType.PROJECT,
    "overig": ActivityType.OTHER,
}
DUTCH_MECHANISMS: dict[str, Mechanism] = {
    "identificatie": Mechanism.IDENTIFICATION,
    "coördinatie": Mechanism.COORDINATION,
    "reflectie": Mechanism.REFLECTION,
    "transformatie": Mechanism.TRANSFORMATION,
}
_DUTCH: dict[type[StrEnum], Mapping[str, StrEnum]] = {
    NodeKind: DUTCH_KINDS,
    RelType: DUTCH_TYPES,
    OrgType: DUTCH_ORG_TYPES,
    ActivityType: DUTCH_ACTIVITY_TYPES,
    Mechanism: DUTCH_MECHANISMS,
}


@lru_cache(maxsize=4096)
def activity_type_for(text: str) -> ActivityType | None:
    """The activity type a free text names (English, Dutch or a synonym), or ``None``.

    >>> activity_type_for("study day"), activity_type_for("Bijeenkomst")
    (<ActivityType.STUDY_DAY: 'study_day'>, <ActivityType.MEETING: 'meeting'>)
    """
    key = normalise(text).replace(" ", "_")
    try:
        return ActivityType(key)
    except ValueError:
        pass
    if key in DUTCH_ACTIVITY_TYPES:
        return DUTCH_ACTIVITY_TYPES[key]
    match = kind_for(text)
    return match[2] if match else None


def vocabulary_names(vocabulary: Iterable[StrEnum]) -> str:
    """The names of a vocabulary for a message: English, with the Dutch name beside it.

    >>> vocabulary_names([NodeKind.PERSON, NodeKind.THEME])
    'person (persoon), theme (thema)'
    >>> vocabulary_names([OrgType.SCHOOL, OrgType.COMPANY])
    'school, company (bedrijf)'
    """
    names = []
    for value in vocabulary:
        dutch = [d for d, v in _DUTCH.get(type(value), {}).items() if v is value and d != value]
        names.append(f"{value} ({dutch[0]})" if dutch else str(value))
    return ", ".join(names)


def _accepted(english: Iterable[str], dutch: dict[str, Any]) -> str:
    by_value = {str(v): k for k, v in dutch.items()}
    return ", ".join(f"{e} ({by_value[e]})" if e in by_value else e for e in english)


def node_kinds(values: Iterable[str]) -> tuple[str, ...]:
    """Node kinds by their English or Dutch name, as the English ones.

    Parameters
    ----------
    values : iterable of str
        Kind names, English (``organisation``) or Dutch (``organisatie``), in any case.

    Returns
    -------
    tuple of str
        The English names, in the order given.

    Raises
    ------
    ValueError
        Naming every unknown value and the names accepted.

    Examples
    --------
    >>> node_kinds(["organisatie", "Person"])
    ('organisation', 'person')
    """
    return _strictly(
        values, strict_kind, "node kind(s)", _accepted((k.value for k in NodeKind), DUTCH_KINDS)
    )


def relationship_types(values: Iterable[str]) -> tuple[str, ...]:
    """Relationship types by their English or Dutch name, as the English ones.

    Parameters
    ----------
    values : iterable of str
        Type names, English (``works_at``, ``partners with``) or Dutch (``werkt_bij``).

    Returns
    -------
    tuple of str
        The English names, in the order given.

    Raises
    ------
    ValueError
        Naming every unknown value and the names accepted.

    Examples
    --------
    >>> relationship_types(["werkt_bij", "partners with"])
    ('works_at', 'partners_with')
    """
    return _strictly(
        values,
        strict_type,
        "relationship type(s)",
        _accepted((t.value for t in RelType), DUTCH_TYPES),
    )


def _strictly(
    values: Iterable[str], parse: Callable[[str], Any], what: str, accepted: str
) -> tuple[str, ...]:
    """Every value parsed, or one ValueError naming every unknown one and ``accepted``."""
    given = tuple(values)
    unknown = [v for v in given if parse(v) is None]
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(map(repr, unknown))}; use {accepted}")
    return tuple(str(parse(v)) for v in given)
