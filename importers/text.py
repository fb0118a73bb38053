"""Text documents (meeting notes, articles): mentions of what the workspace knows.

The importer never invents entities. It finds names and aliases of nodes already
in the workspace (or in the same import), accent- and case-insensitively, and
near-misses with rapidfuzz (a multi-word name that differs by a letter or two),
then stores one ``source`` node for the document and a ``mentioned_in``
relationship per mentioned node and sentence, with the sentence quoted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import fuzz

from graph.model import Node, NodeKind, RelType, normalise, slugify
from importers.parsed import ParsedFile, decode_utf8
from importers.rows import Location, RawNode, RawRelationship

__all__ = ["document_title", "find_mentions", "read_text", "sentences"]

#: fuzzy matches must reach this rapidfuzz ratio (0-100)
FUZZY_THRESHOLD = 90.0
_MAX_NGRAM = 8
_QUOTE_LIMIT = 600
#: a title is looked for in the document's first lines, and is at most this long
_TITLE_LINES = 40
_TITLE_LIMIT = 160


def sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their line numbers; lines and paragraphs end a sentence too.

    >>> sentences("Eerste zin. Tweede zin!\\n\\nDerde")
    [(1, 'Eerste zin.'), (1, 'Tweede zin!'), (3, 'Derde')]
    """
    out: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for part in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'“‘(0-9À-Ý])", line):
            part = part.strip(" \t|•-*")
            if len(part) >= 2:
                out.append((number, part))
    return out


def document_title(text: str, fallback: str) -> str:
    """The document's title: its first line that reads like a heading.

    A heading has two to twelve words, letters, and no closing full stop, so a web
    page's "Zoek" button, its "Sluit dit zoekvak." and a long breadcrumb trail are
    passed over. Without one, the fallback (the file's name).

    >>> document_title("Zoek\\nSluit dit zoekvak.\\n>\\nVan het netwerk\\n", "x.txt")
    'Van het netwerk'
    >>> document_title("één woord", "verslag.txt")
    'één woord'
    >>> document_title("Dit is een zin.", "verslag.txt")
    'verslag.txt'
    """
    for line in text.splitlines()[:_TITLE_LINES]:
        line = " ".join(line.split()).strip(" |•-*#")
        words = line.split()
        if (
            2 <= len(words) <= 12
            and len(line) <= _TITLE_LIMIT
            and not line.endswith((".", ":", ";", ","))
            and sum(ch.isalpha() for ch in line) >= len(line) // 2
        ):
            return line
    return fallback


def find_mentions(text: str, nodes: Iterable[Node]) -> list[tuple[str, int, str, str]]:
    """(node id, line, sentence, matched words) for each mention, in reading order.

    >>> ilse = Node(id="ilse", kind="person", name="Ilse Hartgers", workspace="w")
    >>> [(m[0], m[3]) for m in find_mentions("Ilse Hartgers | ROC Midden-Nederland", [ilse])]
    [('ilse', 'ilse hartgers')]
    """
    terms: dict[str, set[str]] = defaultdict(set)
    fuzzy: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
    for node in nodes:
        if node.kind is NodeKind.SOURCE:
            continue
        for name in (node.name, *node.aliases):
            norm = normalise(name)
            if len(norm) < 3:
                continue
            terms[norm].add(node.id)
            words = norm.split()
            if len(words) >= 2 and len(norm) >= 10:
                fuzzy[(len(words), words[0][:2])].append((norm, node.id))
    found: list[tuple[str, int, str, str]] = []
    for line, sentence in sentences(text):
        words = normalise(sentence).split()
        hits: dict[str, str] = {}
        covered: set[int] = set()  # a longer name wins over the shorter names inside it
        for size in range(min(_MAX_NGRAM, len(words)), 0, -1):
            for start in range(0, len(words) - size + 1):
                span = range(start, start + size)
                if covered.intersection(span):
                    continue
                gram = " ".join(words[start : start + size])
                matched = list(terms.get(gram, ()))
                if size >= 2 and not matched:
                    matched = [
                        node_id
                        for norm, node_id in fuzzy.get((size, words[start][:2]), ())
                        if fuzz.ratio(gram, norm) >= FUZZY_THRESHOLD
                    ]
                for node_id in matched:
                    hits.setdefault(node_id, gram)
                if matched:
                    covered.update(span)
        for node_id, gram in hits.items():
            found.append((node_id, line, sentence, gram))
    return found


def read_text(path: Path, data: bytes, known: Iterable[Node]) -> ParsedFile:
    parsed = ParsedFile(str(path), "text", strict=True)
    text = decode_utf8(path, data, parsed)
    if text is None:
        return parsed
    if "\x00" in text:
        return parsed.fail("the file holds binary data; it is not a text document")
    source_id = "source-" + slugify(path.stem)
    title = document_title(text, path.name)
    parsed.nodes.append(
        RawNode(
            Location(parsed.path, element="document"),
            {
                "id": source_id,
                "kind": NodeKind.SOURCE.value,
                "name": title,
            },
            {"file": path.name},
        )
    )
    mentions = find_mentions(text, known)
    for node_id, line, sentence, gram in mentions:
        quote = sentence if len(sentence) <= _QUOTE_LIMIT else sentence[:_QUOTE_LIMIT] + "…"
        parsed.relationships.append(
            RawRelationship(
                Location(parsed.path, row=line),
                {
                    "source": node_id,
                    "target": source_id,
                    "type": RelType.MENTIONED_IN.value,
                    "quote": quote,
                    "provenance": source_id,
                },
                {"matched": gram},
            )
        )
    parsed.notes.append(
        f"{len(mentions)} mention(s) of {len({m[0] for m in mentions})} known node(s)"
    )
    return parsed
