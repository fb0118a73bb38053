"""The corpus's questions on the fictional ROC (workspace ``voorbeeld-roc``)."""

from __future__ import annotations

from graph.store.query.question import Question
from graph.store.query.question import question as _q

__all__ = ["ROC"]


ROC: list[Question] = [
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
        "members-per-network-roc",
        "Hoeveel organisaties en personen zijn lid van elk netwerk?",
        "How many organisations and people are members of each network?",
        """MATCH (n:Network)<-[:MEMBER_OF]-(m)
        RETURN n.name AS network, m.kind AS kind, count(*) AS members
        ORDER BY network, kind""",
        workspace="voorbeeld-roc",
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
]
