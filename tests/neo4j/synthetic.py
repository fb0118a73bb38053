"""A synthetic network as our CSV files (nodes and ties), for the large imports and
copies of the Neo4j tests: ``ties`` partnerships among ``ties // 10`` organisations,
plus ``ties // 20`` people, each working at one of them (people are ties too)."""

from __future__ import annotations

import csv
import random
from pathlib import Path


def synthetic_csv(folder: Path, ties: int, seed: int = 20) -> list[Path]:
    """Write ``knooppunten.csv`` and ``relaties.csv`` with exactly ``ties`` ties."""
    rng = random.Random(seed)
    organisations, people = max(ties // 10, 10), ties // 20
    folder.mkdir(parents=True, exist_ok=True)
    nodes = folder / "knooppunten.csv"
    with nodes.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "naam", "soort", "sector"])
        for i in range(organisations):
            w.writerow([f"o{i}", f"Organisatie {i}", "organisatie", f"sector {i % 7}"])
        for i in range(people):
            w.writerow([f"p{i}", f"Persoon {i}", "persoon", ""])
    rels = folder / "relaties.csv"
    with rels.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["van", "naar", "type", "sterkte", "vanaf"])
        for i in range(people):
            w.writerow([f"p{i}", f"o{rng.randrange(organisations)}", "werkt bij", "", ""])
        seen: set[tuple[int, int]] = set()
        while len(seen) < ties - people:
            a, b = rng.randrange(organisations), rng.randrange(organisations)
            pair = (min(a, b), max(a, b))
            if a == b or pair in seen:
                continue
            seen.add(pair)
            w.writerow(
                [f"o{a}", f"o{b}", "partner van", rng.randint(1, 5), f"20{rng.randint(10, 25)}"]
            )
    return [nodes, rels]
