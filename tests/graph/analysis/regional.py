"""A generated regional map of 10 000 nodes for the tests that compare engines: schools
as hubs, companies tied to them by placements (some ended, some also collaborating,
some written the other way round), people working at them, networks, themes and dated
activities, about 16 000 ties. Seeded: the same workspace on every machine.

>>> nodes, ties = regional("r", 1000)
>>> len(nodes), len({n.kind for n in nodes}), len(ties) > len(nodes)
(1000, 5, True)
"""

from __future__ import annotations

import datetime as dt
import random

from graph.model import Node, Relationship

__all__ = ["regional"]


def regional(
    workspace: str, n: int = 10_000, seed: int = 20
) -> tuple[list[Node], list[Relationship]]:
    """``n`` nodes and their ties (see the module)."""
    rng = random.Random(seed)
    schools = [f"school-{i}" for i in range(max(3, n // 170))]
    people = [f"persoon-{i}" for i in range(n * 26 // 100)]
    networks = [f"netwerk-{i}" for i in range(n // 50)]
    themes = [f"thema-{i}" for i in range(n // 100)]
    activities = [f"activiteit-{i}" for i in range(n // 250)]
    rest = n - len(schools) - len(people) - len(networks) - len(themes) - len(activities)
    companies = [f"bedrijf-{i}" for i in range(rest)]
    nodes = [
        Node(id=s, kind="organisation", name=f"ROC {s}", org_type="school", workspace=workspace)
        for s in schools
    ]
    nodes += [
        Node(
            id=c,
            kind="organisation",
            name=f"Bedrijf {c}",
            org_type="company",
            sector=rng.choice("ABCDEF"),
            workspace=workspace,
        )
        for c in companies
    ]
    nodes += [Node(id=p, kind="person", name=f"Persoon {p}", workspace=workspace) for p in people]
    nodes += [
        Node(
            id=w,
            kind="network",
            name=f"Netwerk {w}",
            workspace=workspace,
            since=dt.date(2012 + rng.randint(0, 10), 1, 1),
        )
        for w in networks
    ]
    nodes += [Node(id=t, kind="theme", name=f"Thema {t}", workspace=workspace) for t in themes]
    nodes += [
        Node(
            id=a,
            kind="activity",
            name=f"Activiteit {a}",
            workspace=workspace,
            date=dt.date(2015 + rng.randint(0, 9), rng.randint(1, 12), 1),
        )
        for a in activities
    ]
    ties: list[Relationship] = []

    def tie(kind: str, a: str, b: str, **extra: object) -> None:
        ties.append(Relationship(type=kind, source=a, target=b, workspace=workspace, **extra))

    hub = [1 / (r + 1) ** 0.9 for r in range(len(schools))]
    for c in companies:
        school = rng.choices(schools, hub)[0]
        since = dt.date(2010 + rng.randint(0, 14), 9, 1)
        until = since.replace(year=since.year + rng.randint(1, 6)) if rng.random() < 0.2 else None
        pair = (c, school) if rng.random() < 0.5 else (school, c)
        tie("partners_with", *pair, strength=float(rng.randint(1, 5)), since=since, until=until)
        if rng.random() < 0.1:  # a second tie between the same two
            tie("collaborates_with", c, school, mechanism="coordination")
        if rng.random() < 0.15:
            tie("partners_with", c, rng.choice(companies[:200]), strength=float(rng.randint(1, 3)))
    for p in people:
        tie(
            "works_at",
            p,
            rng.choice(schools) if rng.random() < 0.4 else rng.choice(companies),
            since=dt.date(2008 + rng.randint(0, 16), 1, 1),
        )
        if rng.random() < 0.1:
            tie("collaborates_with", p, rng.choice(people), strength=float(rng.randint(1, 4)))
    for _ in range(n // 5):
        tie("member_of", rng.choice(companies + schools), rng.choice(networks))
    for _ in range(n // 5):
        tie("works_on", rng.choice(companies + people), rng.choice(themes))
    for a in activities:
        tie("addresses", a, rng.choice(themes))
        for p in rng.sample(people, 5):
            tie("participates_in", p, a)
    unique = {t.id: t for t in ties if t.source != t.target}
    return nodes, list(unique.values())
