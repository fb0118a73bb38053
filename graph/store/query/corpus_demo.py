"""The corpus's questions on the demo network (workspace ``demo``)."""

from __future__ import annotations

from graph.store.query.question import Question
from graph.store.query.question import question as _q

__all__ = ["DEMO"]


DEMO: list[Question] = [
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
        "deep-crossings",
        "Welke relaties gaan dieper dan coördinatie (reflectie of transformatie)?",
        "Which ties go deeper than coordination (reflection or transformation)?",
        """MATCH (a)-[r]->(b)
        WHERE r.mechanism_depth >= 3
        RETURN a.name AS source, r.type AS type, b.name AS target, r.mechanism AS mechanism
        ORDER BY source, target""",
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
        "aliases-and-text",
        "Welke knooppunten hebben 'netwerk' in hun naam?",
        "Which nodes have 'netwerk' in their name?",
        """MATCH (n)
        WHERE toLower(n.name) CONTAINS 'netwerk'
        RETURN n.name AS name, n.kind AS kind, size(n.aliases) AS aliases
        ORDER BY name""",
    ),
    _q(
        "return-node",
        "Alles wat er over Noorderpoort bekend is",
        "Everything known about Noorderpoort",
        """MATCH (o:Organisation {id: 'noorderpoort'})
        RETURN o""",
    ),
]
