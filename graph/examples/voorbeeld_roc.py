"""A fictional but realistic workspace, ``voorbeeld-roc``: one ROC and its partners.

Every name is invented (no real person or company), every node and tie carries the
provenance ``fictief-voorbeeld``, whose description says it is fictional, and every
organisation has ``fictional: true``. The network is generated deterministically from a
seed, so the files in ``graph/data/`` are the same on every machine::

    python -m graph.examples.voorbeeld_roc        # writes graph/data/voorbeeld-roc-*.csv

What it holds, for a manager's questions ("who connects our school to companies in
techniek?", "which sector do we barely reach?", "which new tie would add most?"):

* ROC Voorbeeldstad (the school) with six teams (zorg, techniek, ICT, bouw, handel,
  horeca), each with a team leader and practice coordinators;
* about 150 companies across those six sectors, most tied to the ROC through placements
  (``partners_with``), some through a coordinator (``collaborates_with``);
* SBB, the municipality, a university of applied sciences, a practoraat;
* regional networks, activities from 2019 to 2026, and themes;
* deliberately uneven: techniek and zorg well reached, horeca barely.

>>> nodes, rels = generate()
>>> len([n for n in nodes if n["org_type"] == "company"])
150
>>> generate() == (nodes, rels)
True
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path
from typing import Any

__all__ = ["NODE_COLUMNS", "RELATIONSHIP_COLUMNS", "SEED", "generate", "write"]

SEED = 2026
SOURCE = "fictief-voorbeeld"
NODE_COLUMNS = [
    "id",
    "kind",
    "name",
    "org_type",
    "sector",
    "activity_type",
    "date",
    "since",
    "until",
    "role",
    "description",
    "provenance",
    "fictional",
]
RELATIONSHIP_COLUMNS = [
    "from",
    "type",
    "to",
    "role",
    "mechanism",
    "strength",
    "frequency",
    "since",
    "until",
    "provenance",
]

#: sector → (companies, share of them the ROC reaches, company name parts)
SECTORS: dict[str, tuple[int, float, list[str], list[str]]] = {
    "zorg": (
        30,
        0.8,
        ["Zorggroep", "Thuiszorg", "Zorgcentrum", "Revalidatiecentrum", "Woonzorg"],
        ["De Linde", "Het Anker", "Zonnehof", "De Wilgen", "Rivierzicht", "Oosterpark"],
    ),
    "techniek": (
        30,
        0.8,
        ["Installatietechniek", "Metaalbewerking", "Machinebouw", "Elektrotechniek"],
        [
            "Van Dalen",
            "Brugman",
            "Hofstede",
            "De Kempen",
            "Noordhoek",
            "Veldkamp",
            "Smeding",
            "Oudewater",
        ],
    ),
    "ICT": (
        25,
        0.6,
        ["Softwarehuis", "ICT Diensten", "Datacentrum", "Webbureau"],
        ["Pixelwerk", "Bitbrug", "Codekade", "Netwerf", "Datadijk", "Cloudhaven", "Rekenhof"],
    ),
    "bouw": (
        25,
        0.6,
        ["Bouwbedrijf", "Aannemersbedrijf", "Timmerfabriek", "Renovatiebedrijf"],
        ["Stellingwerf", "De Graaf", "Molenaar", "Korenbeek", "Huisman", "Ter Horst", "Blokland"],
    ),
    "handel": (
        25,
        0.5,
        ["Groothandel", "Supermarkt", "Logistiek", "Bouwmarkt"],
        [
            "Voorbeeldstad",
            "Centrum",
            "Het Plein",
            "De Markt",
            "Havenzicht",
            "Westpoort",
            "Oostkade",
        ],
    ),
    "horeca": (
        15,
        0.2,
        ["Hotel", "Restaurant", "Catering", "Grand Café"],
        ["De Gouden Leeuw", "Stadszicht", "De Smaak", "Aan de Gracht", "Het Proeflokaal"],
    ),
}
FIRST = [
    "Anouk",
    "Bram",
    "Chantal",
    "Daan",
    "Esra",
    "Fleur",
    "Gijs",
    "Hanna",
    "Imran",
    "Jesse",
    "Kim",
    "Lotte",
    "Mehmet",
    "Noor",
    "Olaf",
    "Priya",
    "Ruben",
    "Sanne",
    "Tess",
    "Yusuf",
]
LAST = [
    "Achterberg",
    "Bosveld",
    "Dijkhuis",
    "Evertsen",
    "Gerritse",
    "Hoekstra",
    "IJzerman",
    "Koopmans",
    "Lammers",
    "Meijering",
    "Nijland",
    "Oudshoorn",
    "Postma",
    "Roelofs",
    "Schilder",
    "Terpstra",
    "Uittenbogaard",
    "Vermeulen",
    "Wolters",
    "Zijlstra",
]
THEMES = {
    "praktijkleren": "Praktijkleren in de regio",
    "doorlopende-leerlijnen": "Doorlopende leerlijnen mbo-hbo",
    "technologisering": "Technologisering van het werk",
    "arbeidsmarkttekorten": "Arbeidsmarkttekorten",
    "leven-lang-ontwikkelen": "Leven lang ontwikkelen",
    "examinering-in-de-praktijk": "Examinering in de praktijk",
    "hybride-leeromgeving": "Hybride leeromgeving",
}
SECTOR_THEMES = {
    "zorg": ["arbeidsmarkttekorten", "praktijkleren", "hybride-leeromgeving"],
    "techniek": ["technologisering", "hybride-leeromgeving", "examinering-in-de-praktijk"],
    "ICT": ["technologisering", "leven-lang-ontwikkelen"],
    "bouw": ["arbeidsmarkttekorten", "praktijkleren"],
    "handel": ["leven-lang-ontwikkelen", "examinering-in-de-praktijk"],
    "horeca": ["arbeidsmarkttekorten"],
}
#: the institutions' own collaborations: (one, other, mechanism, strength, frequency, since)
COLLABORATIONS = [
    ("roc", "hogeschool", "reflection", 3, 4, "2020-09-01"),
    ("roc", "sbb", "coordination", 3, 6, "2019-01-01"),
    ("roc", "gemeente", "coordination", 2, 2, "2021-01-01"),
    ("practoraat", "hogeschool", "transformation", 2, 3, "2023-02-01"),
]
MECHANISMS = ["identification", "coordination", "reflection", "transformation"]


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.nodes: list[dict[str, Any]] = []
        self.rels: list[dict[str, Any]] = []
        self._ids: set[str] = set()
        self._people: set[str] = set()

    def node(self, kind: str, name: str, **fields: Any) -> str:
        node_id = _slug(name)
        while node_id in self._ids:
            node_id += "-2"
        self._ids.add(node_id)
        row = dict.fromkeys(NODE_COLUMNS, "")
        row.update(id=node_id, kind=kind, name=name, provenance=SOURCE, **fields)
        if kind == "organisation":
            row["fictional"] = "true"
        self.nodes.append(row)
        return node_id

    def tie(self, source: str, rel_type: str, target: str, **fields: Any) -> None:
        row = dict.fromkeys(RELATIONSHIP_COLUMNS, "")
        row.update({"from": source, "type": rel_type, "to": target, "provenance": SOURCE})
        row.update({k: str(v) for k, v in fields.items()})
        self.rels.append(row)

    def person(self, role: str) -> str:
        while True:
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            if name not in self._people:
                self._people.add(name)
                return self.node("person", name, role=role)

    def year(self, low: int = 2019, high: int = 2025) -> str:
        return f"{self.rng.randint(low, high)}-{self.rng.choice(['02', '09'])}-01"


def _institutions(b: _Builder) -> dict[str, str]:
    b.nodes.append(
        {
            **dict.fromkeys(NODE_COLUMNS, ""),
            "id": SOURCE,
            "kind": "source",
            "name": "Fictief voorbeeld (gegenereerd)",
            "description": "Fictief: alle namen in deze werkruimte zijn verzonnen; gegenereerd "
            f"door graph/examples/voorbeeld_roc.py met seed {SEED}. "
            "Fictional: every name in this workspace is invented.",
            "provenance": SOURCE,
        }
    )
    b._ids.add(SOURCE)
    o = {
        "roc": b.node("organisation", "ROC Voorbeeldstad", org_type="school", sector="mbo"),
        "sbb": b.node(
            "organisation", "SBB regio Voorbeeldstad", org_type="sector_body", sector="mbo"
        ),
        "gemeente": b.node(
            "organisation", "Gemeente Voorbeeldstad", org_type="government", sector="overheid"
        ),
        "hogeschool": b.node(
            "organisation", "Hogeschool Voorbeeldstad", org_type="school", sector="hbo"
        ),
        "practoraat": b.node(
            "organisation",
            "Practoraat Praktijkleren Voorbeeldstad",
            org_type="knowledge_institute",
            sector="onderzoek",
        ),
    }
    for theme_id, label in THEMES.items():
        b.node("theme", label)
        assert _slug(label) and theme_id  # ids are made from the labels
    return o


def _theme_id(theme: str) -> str:
    return _slug(THEMES[theme])


def _networks(b: _Builder, o: dict[str, str]) -> dict[str, str]:
    n = {
        "techniekpact": b.node("network", "Techniekpact Voorbeeldstad"),
        "zorgalliantie": b.node("network", "Zorgalliantie Regio Voorbeeldstad"),
        "leerwerkakkoord": b.node("network", "Regionaal Leerwerkakkoord"),
    }
    for org in ("roc", "gemeente", "sbb"):
        b.tie(o[org], "member_of", n["leerwerkakkoord"], since="2020-01-01")
    b.tie(o["roc"], "member_of", n["techniekpact"], since="2019-09-01")
    b.tie(o["hogeschool"], "member_of", n["techniekpact"], since="2021-02-01")
    b.tie(o["roc"], "member_of", n["zorgalliantie"], since="2019-02-01")
    b.tie(o["practoraat"], "part_of", o["roc"], since="2022-09-01")
    b.tie(n["techniekpact"], "works_on", _theme_id("technologisering"))
    b.tie(n["zorgalliantie"], "works_on", _theme_id("arbeidsmarkttekorten"))
    b.tie(n["leerwerkakkoord"], "works_on", _theme_id("leven-lang-ontwikkelen"))
    b.tie(o["practoraat"], "works_on", _theme_id("praktijkleren"))
    b.tie(o["hogeschool"], "works_on", _theme_id("doorlopende-leerlijnen"))
    b.tie(o["roc"], "works_on", _theme_id("doorlopende-leerlijnen"))
    for one, other, mechanism, strength, frequency, since in COLLABORATIONS:
        b.tie(
            o[one],
            "collaborates_with",
            o[other],
            mechanism=mechanism,
            strength=strength,
            frequency=frequency,
            since=since,
        )
    return n


def _sector(b: _Builder, o: dict[str, str], n: dict[str, str], sector: str) -> None:
    count, reach, kinds, names = SECTORS[sector]
    leader = b.person(f"teamleider {sector}")
    b.tie(leader, "works_at", o["roc"], role=f"teamleider {sector}", since=b.year(2019, 2021))
    coordinators = []
    for _ in range(2 if reach > 0.3 else 1):
        person = b.person(f"praktijkcoördinator {sector}")
        b.tie(person, "works_at", o["roc"], role="praktijkcoördinator", since=b.year(2019, 2023))
        coordinators.append(person)
    network = {"techniek": "techniekpact", "zorg": "zorgalliantie"}.get(sector)
    combinations = [f"{kind} {name}" for kind in kinds for name in names]
    assert len(combinations) >= count, sector
    b.rng.shuffle(combinations)
    for index in range(count):
        name = combinations[index]
        company = b.node("organisation", name, org_type="company", sector=sector)
        if index < 3 or b.rng.random() < 0.5:
            b.tie(company, "works_on", _theme_id(b.rng.choice(SECTOR_THEMES[sector])))
        if network and b.rng.random() < 0.4:
            b.tie(company, "member_of", n[network], since=b.year(2019, 2024))
        if b.rng.random() >= reach:
            continue  # not (yet) a partner of the ROC: room for recommendations
        since = b.year()
        until = ""
        if b.rng.random() < 0.12:
            until = f"{int(since[:4]) + b.rng.randint(1, 2)}-07-01"
        if b.rng.random() < 0.35 and coordinators:
            mechanism = b.rng.choices(MECHANISMS, weights=[4, 4, 2, 1])[0]
            b.tie(
                b.rng.choice(coordinators),
                "collaborates_with",
                company,
                mechanism=mechanism,
                strength=b.rng.randint(1, 3),
                frequency=b.rng.randint(1, 8),
                since=since,
                until=until,
            )
        b.tie(
            o["roc"],
            "partners_with",
            company,
            since=since,
            until=until,
            strength=b.rng.randint(1, 3),
        )


def _activities(b: _Builder, o: dict[str, str], n: dict[str, str]) -> None:
    plan = [
        ("Kick-off Techniekpact", "meeting", "2019-10-10", "techniekpact", "technologisering"),
        (
            "Werkconferentie praktijkleren",
            "conference",
            "2021-03-18",
            "leerwerkakkoord",
            "praktijkleren",
        ),
        (
            "Studiedag doorlopende leerlijnen",
            "study_day",
            "2022-11-09",
            "techniekpact",
            "doorlopende-leerlijnen",
        ),
        (
            "Zorgtafel arbeidsmarkt",
            "meeting",
            "2023-05-24",
            "zorgalliantie",
            "arbeidsmarkttekorten",
        ),
        (
            "Leerwerkplaats hybride leren",
            "project",
            "2024-09-01",
            "leerwerkakkoord",
            "hybride-leeromgeving",
        ),
        (
            "Regiodag leven lang ontwikkelen",
            "conference",
            "2025-10-02",
            "leerwerkakkoord",
            "leven-lang-ontwikkelen",
        ),
        (
            "Praktijkexamens samen ontwerpen",
            "work_session",
            "2026-03-12",
            "leerwerkakkoord",
            "examinering-in-de-praktijk",
        ),
    ]
    companies = [r["id"] for r in b.nodes if r.get("org_type") == "company"]
    for name, kind, date, network, theme in plan:
        activity = b.node("activity", name, activity_type=kind, date=date)
        b.tie(n[network], "organises", activity)
        b.tie(activity, "addresses", _theme_id(theme))
        b.tie(o["roc"], "participates_in", activity)
        for company in b.rng.sample(companies, 6):
            b.tie(company, "participates_in", activity)
    b.tie(o["practoraat"], "facilitates", n["leerwerkakkoord"], since="2022-09-01")


def generate(seed: int = SEED) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The workspace's node rows and relationship rows (our CSV columns)."""
    b = _Builder(seed)
    o = _institutions(b)
    n = _networks(b, o)
    for sector in SECTORS:
        _sector(b, o, n, sector)
    _activities(b, o, n)
    return b.nodes, b.rels


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(folder: Path, seed: int = SEED) -> tuple[Path, Path]:
    """Write ``voorbeeld-roc-nodes.csv`` and ``voorbeeld-roc-relationships.csv``."""
    nodes, rels = generate(seed)
    node_path = folder / "voorbeeld-roc-nodes.csv"
    rel_path = folder / "voorbeeld-roc-relationships.csv"
    node_path.write_text(_csv(nodes, NODE_COLUMNS), encoding="utf-8")
    rel_path.write_text(_csv(rels, RELATIONSHIP_COLUMNS), encoding="utf-8")
    return node_path, rel_path


if __name__ == "__main__":  # pragma: no cover
    for path in write(Path(__file__).parents[1] / "data" / "voorbeeld"):
        print(path)
