"""Statement records and graphs for the render tests, some full of hostile strings."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from kg.analysis import graph_from_statements

NS = "https://w3id.org/geokg/actor/"

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"'><svg onload=alert(1)>",
    "</script><script>alert(1)</script>",
)


def actor(key: str, label: str, kind: str = "State") -> dict[str, Any]:
    return {"id": NS + key, "label": label, "type": kind, "wikidata": "Q148", "country": "CHN"}


def record(number: int, subject: dict[str, Any], predicate: str, obj: dict[str, Any], **extra: Any) -> dict[str, Any]:
    base = {
        "id": f"https://w3id.org/geokg/statement/{number:032x}",
        "doc_id": f"doc-{number}",
        "article": f"{number:064x}",
        "subject": subject,
        "predicate": predicate,
        "object": obj,
        "negated": False,
        "modality": "actual",
        "attributed_to": None,
        "date": "2025-09-28",
        "sentence": f"Sentence {number}.",
        "char_start": 0,
        "char_end": 11,
        "confidence": 0.75,
        "url": f"https://news.example.org/{number}",
    }
    base.update(extra)
    return base


@pytest.fixture()
def hostile() -> tuple[str, ...]:
    return HOSTILE


@pytest.fixture()
def hostile_records() -> list[dict[str, Any]]:
    """Every string an article can supply carries one of the hostile strings."""
    a = actor("a", "Xi " + HOSTILE[0], "Person")
    b = actor("b", "Trump " + HOSTILE[1], "Person")
    c = actor("c", HOSTILE[2], "State")
    d = actor("d", HOSTILE[3], "Media")
    source = {"id": NS + "wsj", "label": "WSJ " + HOSTILE[3], "type": "Media"}
    records = []
    for number, (s, p, o) in enumerate(
        [(a, "pressures", b), (b, "meets", a), (c, "attacks", d), (d, "criticizes", a)], start=1
    ):
        records.append(
            record(
                number,
                s,
                p,
                o,
                sentence=f"{HOSTILE[number % 4]} said {HOSTILE[(number + 1) % 4]}",
                headline=HOSTILE[(number + 2) % 4],
                source=HOSTILE[(number + 3) % 4],
                doc_id=f"doc {HOSTILE[number % 4]}",
                attributed_to=source,
            )
        )
    records.append(record(9, c, "providesAidTo", a, negated=True, sentence=HOSTILE[3]))
    return records


@pytest.fixture()
def hostile_graph(hostile_records: list[dict[str, Any]]) -> nx.MultiDiGraph:
    return graph_from_statements(hostile_records, negated=None)


@pytest.fixture()
def mixed_graph() -> nx.MultiDiGraph:
    """One relation of each style: quad classes, structural, modalities, negation, mutual."""
    china, taiwan, usa = actor("china", "China"), actor("taiwan", "Taiwan"), actor("usa", "USA")
    xi, pla = actor("xi", "Xi Jinping", "Person"), actor("pla", "PLA", "ArmedForce")
    records = [
        record(1, usa, "supports", taiwan),
        record(2, usa, "providesAidTo", taiwan, doc_id="other", article="f" * 64),
        record(3, usa, "providesAidTo", taiwan),
        record(4, china, "pressures", taiwan),
        record(5, china, "attacks", taiwan, modality="possible"),
        record(6, china, "mobilizesAgainst", taiwan, modality="intended"),
        record(7, xi, "leaderOf", china),
        record(8, pla, "partOf", china),
        record(9, usa, "meets", china),
        record(10, usa, "sanctions", china, negated=True),
    ]
    return graph_from_statements(records, negated=None)


def big_graph(n: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """A scale-free graph of ``n`` actors shaped like graph_from_statements output."""
    shape = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.MultiDiGraph()
    for node in shape:
        G.add_node(NS + f"a{node}", label=f"Actor {node}", type="State", key=f"a{node}")
    for u, v in shape.edges():
        G.add_edge(
            NS + f"a{u}",
            NS + f"a{v}",
            "pressures",
            predicate="pressures",
            plover="DEMAND",
            quad_class=3,
            modality="actual",
            negated=False,
            symmetric=False,
            statements=1,
            sources=1,
            confidence=0.5,
            first_date="2025-01-01",
            last_date="2025-01-01",
            evidence=[{"sentence": f"{u} pressures {v}.", "doc_id": "d", "date": "2025-01-01", "confidence": 0.5}],
        )
    return G


@pytest.fixture()
def make_big_graph() -> Any:
    return big_graph
