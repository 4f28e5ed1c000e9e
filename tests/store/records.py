"""Hand-built records for the RDF, store and export tests (no extraction pipeline needed).

Imported as ``tests.store.records`` from tests/rdf, tests/store and tests/export.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kg.rdf.convert import ExtractorRun
from kg.types import Actor, Article, Evidence, Role, Statement

RUN = ExtractorRun("0.1.0", "c0ffee", "en_core_web_sm")

CHINA = Actor("china", "China", "State", wikidata="Q148", country="CHN", aliases=("PRC", "People's Republic of China"))
USA = Actor("united-states", "United States", "State", wikidata="Q30", country="USA", aliases=("U.S.", "Washington"))
TAIWAN = Actor("taiwan", "Taiwan", "State", wikidata="Q865", country="TWN")
XI = Actor(
    "xi-jinping",
    "Xi Jinping",
    "Person",
    wikidata="Q15031",
    country="CHN",
    aliases=("Xi", "Chinese President Xi Jinping"),
    roles=(Role("President of the People's Republic of China", of="china", kind="leader", start="2013-03-14"),),
)
TRUMP = Actor(
    "donald-trump",
    "Donald Trump",
    "Person",
    wikidata="Q22686",
    country="USA",
    aliases=("Trump",),
    roles=(
        Role("President of the United States", of="united-states", kind="leader", start="2017-01-20", end="2021-01-20"),
        Role("President of the United States", of="united-states", kind="leader", start="2025-01-20"),
    ),
)
WSJ = Actor("the-wall-street-journal", "The Wall Street Journal", "Media", country="USA", aliases=("WSJ",))
PLA = Actor(
    "peoples-liberation-army",
    "People's Liberation Army",
    "ArmedForce",
    wikidata="Q204057",
    country="CHN",
    part_of="china",
    aliases=("PLA",),
)
UNKNOWN = Actor("john-doe-holdings", "John Doe Holdings", "Organization", known=False)

TEXT = (
    "Xi Pressures Trump To Oppose Taiwan Independence\n\n"
    "Chinese President Xi Jinping pressured U.S. President Donald Trump on trade.\n"
    "Trump declined to approve military aid to Taiwan, The Wall Street Journal reported.\n"
    "China plans to hold talks with the United States in October.\n"
    "The PLA could attack Taiwan, analysts said.\n"
)


def article(text: str = TEXT, *, doc_id: str = "wn2025-0001", **extra: object) -> Article:
    """The sample article (headline, date, url and source set unless overridden)."""
    fields: dict[str, object] = {
        "title": "Xi Pressures Trump To Oppose Taiwan Independence",
        "date": date(2025, 9, 29),
        "url": "https://example.org/news/xi-trump",
        "source": "seeds/wn2025-0001.txt",
    }
    fields.update(extra)
    return Article(doc_id=doc_id, text=text, **fields)  # type: ignore[arg-type]


def evidence(art: Article, sentence: str, *, rule: str = "svo", trigger: str = "") -> Evidence:
    start = art.text.index(sentence)
    return Evidence(
        doc_id=art.doc_id,
        article_sha256=art.sha256,
        sentence=sentence,
        char_start=start,
        char_end=start + len(sentence),
        rule=rule,
        trigger=trigger,
    )


def statements(art: Article) -> list[Statement]:
    """Five statements: actual, negated+attributed, intended with a date, possible, structural."""
    lines = [line for line in art.text.split("\n") if line]
    return [
        Statement(XI, "pressures", TRUMP, evidence(art, lines[1], trigger="pressured"), confidence=0.82),
        Statement(
            TRUMP,
            "providesAidTo",
            TAIWAN,
            evidence(art, lines[2], rule="xcomp-negation", trigger="approve aid"),
            negated=True,
            attributed_to=WSJ,
            confidence=0.7,
        ),
        Statement(
            CHINA,
            "consults",
            USA,
            evidence(art, lines[3], trigger="hold talks"),
            modality="intended",
            date="2025-10",
            confidence=0.6,
        ),
        Statement(
            PLA, "attacks", TAIWAN, evidence(art, lines[4], trigger="attack"), modality="possible", confidence=0.4444
        ),
        Statement(XI, "leaderOf", CHINA, evidence(art, lines[1], rule="appos-title"), confidence=0.9),
    ]


def many(n: int, *, per_article: int = 10) -> list[tuple[Article, list[Statement]]]:
    """``n`` distinct articles with ``per_article`` actual statements each."""
    out = []
    for i in range(n):
        sentences = [f"Sentence {j} of article {i}: China pressures Taiwan." for j in range(per_article)]
        art = Article(
            doc_id=f"doc-{i:06d}",
            text="\n".join(sentences),
            title=f"Article {i}",
            date=date(2025, 1, 1 + i % 28),
            source="bench",
        )
        stmts = [Statement(CHINA, "pressures", TAIWAN, evidence(art, s), confidence=0.5) for s in sentences]
        out.append((art, stmts))
    return out


# parameters for the named queries that take some, matching the sample article
NAMED_QUERY_PARAMS = {
    "relations-of-actor": {"actor": "Taiwan"},
    "dyad-history": {"a": "Xi Jinping", "b": "https://w3id.org/geokg/actor/donald-trump"},
    "statements-by-source": {"source": "The Wall Street Journal"},
    "actor-timeline": {"actor": "Donald Trump", "since": "2025-01-01"},
}


def sample_store(folder: Path) -> Article:
    """Write the sample article and its statements into a new store at ``folder``, closed again."""
    from kg.store import GraphStore

    art = article()
    with GraphStore.open(folder) as store:
        store.add_article(art, statements(art), run=RUN)
    return art
