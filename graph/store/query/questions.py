"""Researcher questions in Cypher: the corpus that runs on the embedded engine and on
Neo4j with the same rows (``tests/query/test_corpus.py``), and the examples the page
*Vragen* offers (those marked ``example``: they name no node, so they answer on every
workspace).

Each question says what it asks in Dutch and English, which workspace the corpus runs
it on, and whether its rows come in a defined order (``ordered``: the query's
``ORDER BY`` decides every row's place; otherwise the rows are compared as a multiset).

Examples
--------
>>> len(QUESTIONS) >= 30
True
>>> all(q.cypher.lstrip().upper().startswith(("MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN"))
...     for q in QUESTIONS)
True
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EXAMPLES", "QUESTIONS", "Question"]


@dataclass(frozen=True)
class Question:
    """One researcher question."""

    key: str
    nl: str
    en: str
    cypher: str
    workspace: str = "demo"
    ordered: bool = True
    example: bool = False


def _q(key: str, nl: str, en: str, cypher: str, **options: object) -> Question:
    text = "\n".join(line.strip() for line in cypher.strip().splitlines())
    return Question(key, nl, en, text, **options)  # type: ignore[arg-type]


QUESTIONS: list[Question] = [
    _q(
        "organisations-by-type",
        "Hoeveel organisaties zijn er van elk type?",
        "How many organisations are there of each type?",
        """MATCH (o:Organisation)
        RETURN o.org_type AS type, count(*) AS organisations
        ORDER BY organisations DESC, type""",
        example=True,
    ),
    _q(
        "shared-theme-roc-mn",
        "Welke organisaties en netwerken delen een thema met ROC Midden-Nederland "
        "(via zijn netwerken), en sinds wanneer?",
        "Which organisations and networks share a theme with ROC Midden-Nederland "
        "(through its networks), and since when?",
        """MATCH (roc:Organisation {name: 'ROC Midden-Nederland'})-[:MEMBER_OF]->(net:Network)
        MATCH (net)-[:WORKS_ON]->(t:Theme)<-[w:WORKS_ON]-(other)
        WHERE other <> net
        RETURN other.name AS who, other.kind AS kind, t.name AS theme, w.since AS since
        ORDER BY who, theme""",
    ),
    _q(
        "shared-theme-roc-voorbeeldstad",
        "Welke organisaties werken aan hetzelfde thema als ROC Voorbeeldstad, en sinds wanneer?",
        "Which organisations work on the same theme as ROC Voorbeeldstad, and since when?",
        """MATCH (roc:Organisation {id: 'roc-voorbeeldstad'})-[:WORKS_ON]->(t:Theme)
        MATCH (t)<-[w:WORKS_ON]-(o:Organisation)
        WHERE o <> roc
        RETURN o.name AS organisation, t.name AS theme, w.since AS since
        ORDER BY theme, organisation""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "participants-flexibilisering",
        "Wie nam deel aan de activiteiten van Netwerk Flexibilisering mbo, met zijn of haar "
        "organisatie?",
        "Who took part in the activities of Netwerk Flexibilisering mbo, with their organisation?",
        """MATCH (n:Network {name: 'Netwerk Flexibilisering mbo'})-[:ORGANISES]->(a:Activity)
        MATCH (p:Person)-[:PARTICIPATES_IN]->(a)
        OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation)
        RETURN p.name AS person, o.name AS organisation, a.name AS activity
        ORDER BY person, activity""",
    ),
    _q(
        "people-per-organisation",
        "Hoeveel mensen werken bij elke organisatie?",
        "How many people work at each organisation?",
        """MATCH (p:Person)-[:WORKS_AT]->(o:Organisation)
        RETURN o.name AS organisation, count(p) AS people
        ORDER BY people DESC, organisation""",
        example=True,
    ),
    _q(
        "members-per-network",
        "Hoeveel leden heeft elk netwerk?",
        "How many members does each network have?",
        """MATCH (n:Network)
        OPTIONAL MATCH (n)<-[:MEMBER_OF]-(m)
        RETURN n.name AS network, count(m) AS members
        ORDER BY members DESC, network""",
        example=True,
    ),
    _q(
        "members-per-network-roc",
        "Hoeveel organisaties en personen zijn lid van elk netwerk?",
        "How many organisations and people are members of each network?",
        """MATCH (n:Network)<-[:MEMBER_OF]-(m)
        RETURN n.name AS network, m.kind AS kind, count(*) AS members
        ORDER BY network, kind""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "activities-by-date",
        "Welke activiteiten waren er, op welke datum?",
        "Which activities took place, on which date?",
        """MATCH (a:Activity)
        WHERE a.date IS NOT NULL
        RETURN a.date AS date, a.name AS activity, a.activity_type AS type
        ORDER BY date, activity""",
        example=True,
    ),
    _q(
        "activities-since-2021",
        "Welke activiteiten vonden plaats vanaf 2021?",
        "Which activities took place from 2021 on?",
        """MATCH (a:Activity)
        WHERE a.date >= date('2021-01-01')
        RETURN a.name AS activity, a.date AS date
        ORDER BY date""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "partnerships-active-mid-2024",
        "Hoeveel partnerschappen liepen op 1 juni 2024?",
        "How many partnerships were running on 1 June 2024?",
        """MATCH (a:Organisation)-[r:PARTNERS_WITH]->(b:Organisation)
        WHERE r.since <= date('2024-06-01') AND (r.until IS NULL OR r.until >= date('2024-06-01'))
        RETURN count(r) AS partnerships""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "partnerships-ending",
        "Welke partnerschappen van ROC Voorbeeldstad lopen af vóór 2026?",
        "Which partnerships of ROC Voorbeeldstad end before 2026?",
        """MATCH (roc:Organisation {id: 'roc-voorbeeldstad'})-[r:PARTNERS_WITH]-(o:Organisation)
        WHERE r.until < date('2026-01-01')
        RETURN o.name AS partner, r.since AS since, r.until AS until
        ORDER BY until, partner""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "partnership-span",
        "Sinds wanneer en tot wanneer lopen de partnerschappen, en hoe sterk zijn ze gemiddeld?",
        "From when to when do the partnerships run, and how strong are they on average?",
        """MATCH (:Organisation)-[r:PARTNERS_WITH]->(:Organisation)
        RETURN count(r) AS partnerships, min(r.since) AS first, max(r.until) AS last,
        avg(r.strength) AS mean_strength""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "partners-by-sector",
        "Met hoeveel organisaties per sector werkt ROC Voorbeeldstad samen als partner?",
        "With how many organisations per sector does ROC Voorbeeldstad partner?",
        """MATCH (roc:Organisation {id: 'roc-voorbeeldstad'})-[:PARTNERS_WITH]-(o:Organisation)
        RETURN o.sector AS sector, count(DISTINCT o) AS partners
        ORDER BY partners DESC, sector""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "mechanisms",
        "Hoe vaak komt elk leermechanisme voor op de relaties?",
        "How often does each learning mechanism occur on the ties?",
        """MATCH ()-[r]->()
        WHERE r.mechanism IS NOT NULL
        RETURN r.mechanism AS mechanism, r.mechanism_depth AS depth, count(*) AS ties
        ORDER BY depth""",
        workspace="voorbeeld-roc",
        example=True,
    ),
    _q(
        "deep-crossings",
        "Welke relaties gaan dieper dan coördinatie (reflectie of transformatie)?",
        "Which ties go deeper than coordination (reflection or transformation)?",
        """MATCH (a)-[r]->(b)
        WHERE r.mechanism_depth >= 3
        RETURN a.name AS source, r.type AS type, b.name AS target, r.mechanism AS mechanism
        ORDER BY source, target""",
    ),
    _q(
        "collaboration-strength",
        "Wat is de gemiddelde sterkte en frequentie van samenwerking per mechanisme?",
        "What is the mean strength and frequency of collaboration per mechanism?",
        """MATCH ()-[r:COLLABORATES_WITH]->()
        WHERE r.mechanism IS NOT NULL
        RETURN r.mechanism AS mechanism, count(*) AS ties, avg(r.strength) AS strength,
        avg(r.frequency) AS frequency, sum(r.strength) AS total
        ORDER BY mechanism""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "themes-most-worked-on",
        "Aan welke thema's wordt het meest gewerkt?",
        "Which themes are worked on most?",
        """MATCH (t:Theme)<-[:WORKS_ON]-(x)
        RETURN t.name AS theme, count(DISTINCT x) AS working_on
        ORDER BY working_on DESC, theme
        LIMIT 5""",
        workspace="voorbeeld-roc",
        example=True,
    ),
    _q(
        "boundary-objects",
        "Welke thema's zijn grensobjecten, en welke activiteiten gaan erover?",
        "Which themes are boundary objects, and which activities address them?",
        """MATCH (t:Theme)
        WHERE t.boundary_object = true
        OPTIONAL MATCH (a:Activity)-[:ADDRESSES]->(t)
        RETURN t.name AS theme, a.name AS activity
        ORDER BY theme, activity""",
    ),
    _q(
        "themes-without-activity",
        "Aan welke thema's wordt gewerkt zonder dat een activiteit erover gaat?",
        "Which themes are worked on without any activity addressing them?",
        """MATCH (t:Theme)<-[:WORKS_ON]-()
        WHERE NOT (t)<-[:ADDRESSES]-(:Activity)
        RETURN DISTINCT t.name AS theme
        ORDER BY theme""",
    ),
    _q(
        "flexscan-parts",
        "Uit welke onderdelen bestaat de FlexScan, en welke activiteiten behandelden ze?",
        "What are the parts of the FlexScan, and which activities addressed them?",
        """MATCH (part:Theme)-[:PART_OF]->(scan:Theme {name: 'FlexScan'})
        OPTIONAL MATCH (a:Activity)-[:ADDRESSES]->(part)
        RETURN part.name AS part, collect(a.name) AS activities
        ORDER BY part""",
    ),
    _q(
        "two-hops-from-cinop",
        "Wie of wat ligt binnen twee stappen van CINOP (zonder bronnen)?",
        "Who or what lies within two steps of CINOP (leaving out sources)?",
        """MATCH (c:Organisation {id: 'cinop'})-[*1..2]-(x)
        WHERE x <> c AND x.kind <> 'source'
        RETURN DISTINCT x.name AS name, x.kind AS kind
        ORDER BY kind, name""",
    ),
    _q(
        "paths-roc-to-noorderpoort",
        "Langs hoeveel wegen van hoogstens drie stappen is ROC Midden-Nederland met "
        "Noorderpoort verbonden (zonder bronnen, zonder terug te keren)?",
        "Along how many routes of at most three steps is ROC Midden-Nederland connected to "
        "Noorderpoort (without sources, never coming back)?",
        """MATCH p = (a:Organisation)-[*1..3]-(b:Organisation)
        WHERE a.id = 'roc-midden-nederland' AND b.id = 'noorderpoort'
        AND none(n IN nodes(p) WHERE n.kind = 'source')
        AND single(n IN nodes(p) WHERE n = a) AND single(n IN nodes(p) WHERE n = b)
        RETURN length(p) AS steps, count(*) AS routes
        ORDER BY steps""",
    ),
    _q(
        "part-of-chain",
        "Welke thema's vallen direct of indirect onder standaardisatie of bekostiging?",
        "Which themes fall directly or indirectly under standardisation or funding?",
        """MATCH (t:Theme)-[:PART_OF*1..3]->(k:Theme)
        WHERE k.id IN ['knelpunt-standaardisatie', 'knelpunt-bekostiging']
        RETURN k.name AS bottleneck, t.name AS theme
        ORDER BY bottleneck, theme""",
    ),
    _q(
        "shortest-route-length",
        "Hoeveel stappen liggen de organisaties van ROC Voorbeeldstad af "
        "(langs samenwerking en partnerschap, hoogstens drie)?",
        "How many steps are the organisations from ROC Voorbeeldstad "
        "(along collaboration and partnership, at most three)?",
        """MATCH p = (roc:Organisation)-[:COLLABORATES_WITH|PARTNERS_WITH*1..2]-(o:Organisation)
        WHERE roc.id = 'roc-voorbeeldstad' AND o <> roc
        WITH o, min(length(p)) AS steps
        RETURN steps, count(o) AS organisations
        ORDER BY steps""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "brokers-between-sectors",
        "Welke organisaties werken samen met organisaties uit twee of meer andere sectoren?",
        "Which organisations collaborate with organisations from two or more other sectors?",
        """MATCH (o:Organisation)-[:COLLABORATES_WITH|PARTNERS_WITH]-(p:Organisation)
        WHERE p.sector <> o.sector
        WITH o, count(DISTINCT p.sector) AS sectors
        WHERE sectors >= 2
        RETURN o.name AS organisation, sectors
        ORDER BY sectors DESC, organisation""",
        workspace="voorbeeld-roc",
        example=True,
    ),
    _q(
        "persons-without-organisation",
        "Welke personen werken (volgens de kaart) nergens?",
        "Which people work nowhere (according to the map)?",
        """MATCH (p:Person)
        WHERE NOT (p)-[:WORKS_AT]->(:Organisation)
        RETURN p.name AS person
        ORDER BY person""",
        example=True,
    ),
    _q(
        "optional-employer-of-facilitators",
        "Wie faciliteert wat, en bij welke organisatie werkt die persoon?",
        "Who facilitates what, and at which organisation does that person work?",
        """MATCH (p:Person)-[:FACILITATES]->(x)
        OPTIONAL MATCH (p)-[w:WORKS_AT]->(o:Organisation)
        RETURN p.name AS person, x.name AS facilitates, o.name AS organisation, w.role AS role
        ORDER BY person, facilitates""",
    ),
    _q(
        "degree-top",
        "Welke organisaties hebben de meeste relaties (zonder vermeldingen in bronnen)?",
        "Which organisations have the most ties (not counting mentions in sources)?",
        """MATCH (o:Organisation)-[r]-(x)
        WHERE x.kind <> 'source'
        RETURN o.name AS organisation, count(r) AS ties
        ORDER BY ties DESC, organisation
        LIMIT 5""",
        example=True,
    ),
    _q(
        "sources-mentioning-most",
        "Welke bron noemt de meeste organisaties en personen?",
        "Which source mentions the most organisations and people?",
        """MATCH (x)-[:MENTIONED_IN]->(s:Source)
        WHERE x.kind IN ['organisation', 'person']
        RETURN s.description AS source, count(DISTINCT x) AS mentioned
        ORDER BY mentioned DESC, source""",
    ),
    _q(
        "provenance-of-tie",
        "Op welke bronnen berust de samenwerking tussen ROC Midden-Nederland en Noorderpoort?",
        "Which sources does the collaboration of ROC Midden-Nederland and Noorderpoort rest on?",
        """MATCH (a:Organisation)-[r:COLLABORATES_WITH]-(b:Organisation)
        WHERE a.id = 'roc-midden-nederland' AND b.id = 'noorderpoort'
        UNWIND r.sources AS source
        RETURN r.since AS since, r.frequency AS frequency, source
        ORDER BY source""",
    ),
    _q(
        "knowledge-institutes-facilitating",
        "Welke kennisinstituten faciliteren netwerken of activiteiten, en met welke rol?",
        "Which knowledge institutes facilitate networks or activities, and in what role?",
        """MATCH (o:Organisation {org_type: 'knowledge_institute'})-[f:FACILITATES]->(x)
        RETURN o.name AS institute, x.name AS facilitates, x.kind AS kind, f.role AS role
        ORDER BY institute, facilitates""",
    ),
    _q(
        "ties-by-type",
        "Hoeveel relaties zijn er van elk type?",
        "How many ties are there of each type?",
        """MATCH ()-[r]->()
        RETURN r.type AS type, count(*) AS ties
        ORDER BY ties DESC, type""",
        example=True,
    ),
    _q(
        "nodes-by-kind",
        "Hoeveel knooppunten zijn er van elke soort?",
        "How many nodes are there of each kind?",
        """MATCH (n)
        RETURN n.kind AS kind, count(*) AS nodes
        ORDER BY nodes DESC, kind""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "shared-activities-roc",
        "Welke organisaties namen deel aan dezelfde activiteit als ROC Voorbeeldstad, "
        "uit welke sector?",
        "Which organisations took part in the same activity as ROC Voorbeeldstad, "
        "from which sector?",
        """MATCH (roc:Organisation {id: 'roc-voorbeeldstad'})-[:PARTICIPATES_IN]->(a:Activity)
        MATCH (a)<-[:PARTICIPATES_IN]-(o:Organisation)
        WHERE o <> roc
        RETURN a.name AS activity, a.date AS date, o.name AS organisation, o.sector AS sector
        ORDER BY date, organisation""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "skip-limit-organisations",
        "De organisaties 6 tot en met 10 op naam",
        "Organisations 6 to 10 by name",
        """MATCH (o:Organisation)
        RETURN o.name AS organisation
        ORDER BY organisation
        SKIP 5 LIMIT 5""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "aliases-and-text",
        "Welke knooppunten hebben 'netwerk' in hun naam?",
        "Which nodes have 'netwerk' in their name?",
        """MATCH (n)
        WHERE toLower(n.name) CONTAINS 'netwerk'
        RETURN n.name AS name, n.kind AS kind, size(n.aliases) AS aliases
        ORDER BY name""",
    ),
    _q(
        "unwind-years",
        "Hoeveel partnerschappen liepen er aan het begin van elk jaar?",
        "How many partnerships were running at the start of each year?",
        """UNWIND ['2020-01-01', '2022-01-01', '2024-01-01', '2026-01-01'] AS day
        MATCH (:Organisation)-[r:PARTNERS_WITH]->(:Organisation)
        WHERE r.since <= date(day) AND (r.until IS NULL OR r.until >= date(day))
        RETURN day, count(r) AS partnerships
        ORDER BY day""",
        workspace="voorbeeld-roc",
    ),
    _q(
        "return-node",
        "Alles wat er over Noorderpoort bekend is",
        "Everything known about Noorderpoort",
        """MATCH (o:Organisation {id: 'noorderpoort'})
        RETURN o""",
    ),
]

#: The questions the page *Vragen* offers (they name no node of a workspace).
EXAMPLES: list[Question] = [q for q in QUESTIONS if q.example]
