"""Statement records and graphs for the render tests, some full of hostile strings."""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
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


_KINDS = ("State", "Person", "GovernmentBody", "ArmedForce", "InternationalOrganization", "Organization", "Media")
_PREDICATES = (
    ("pressures", 3, "DEMAND"),
    ("meets", 1, "CONSULT"),
    ("attacks", 4, "ASSAULT"),
    ("supports", 1, "SUPPORT"),
)


def news_like_graph(n: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """``n`` actors shaped like a news corpus: about four fifths in one connected part made of
    communities of very different sizes around a few hubs, the rest in small groups (pairs
    named together in one article and nowhere else, a few triples and little stars)."""
    rng = np.random.default_rng(seed)
    shape = nx.Graph()
    main = int(0.8 * n)
    hubs: list[int] = []
    start = 0
    while start < main:
        size = min(main - start, max(5, int(rng.pareto(1.2) * 12)), 250)
        part = nx.barabasi_albert_graph(size, 2 if size > 3 else 1, seed=int(rng.integers(1 << 30)))
        shape.add_edges_from((start + u, start + v) for u, v in part.edges())
        shape.add_nodes_from(range(start, start + size))
        if hubs:  # the community's hub meets a few earlier ones; a few random links between communities
            for other in rng.choice(hubs, size=min(len(hubs), 2), replace=False):
                shape.add_edge(start, int(other))
            for _ in range(max(1, size // 15)):
                shape.add_edge(start + int(rng.integers(size)), int(rng.integers(start)))
        hubs.append(start)
        start += size
    while start < n:
        size = min(n - start, int(rng.choice([2, 2, 2, 2, 2, 2, 3, 3, 3, 5])))
        shape.add_edges_from((start, start + k) for k in range(1, size))
        shape.add_nodes_from(range(start, start + size))
        start += size
    G = nx.MultiDiGraph()
    for node in shape:
        G.add_node(NS + f"a{node}", label=f"Actor {node}", type=_KINDS[node % len(_KINDS)], key=f"a{node}")
    for u, v in shape.edges():
        name, quad, plover = _PREDICATES[(u + v) % len(_PREDICATES)]
        G.add_edge(
            NS + f"a{u}",
            NS + f"a{v}",
            name,
            predicate=name,
            plover=plover,
            quad_class=quad,
            modality="actual",
            negated=False,
            symmetric=name == "meets",
            statements=1,
            sources=1,
            confidence=0.5,
            first_date="2025-01-01",
            last_date="2025-01-01",
            evidence=[{"sentence": f"Actor {u} {name} Actor {v}.", "doc_id": "d", "date": "2025-01-01"}],
        )
    return G


@pytest.fixture()
def make_news_graph() -> Any:
    return news_like_graph
