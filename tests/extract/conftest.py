from __future__ import annotations

from datetime import date

import pytest

from kg.extract.pipeline import Extractor
from kg.types import Article


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def triples(extractor):
    """Sentence → set of (subject, predicate, object, negated, modality) labels."""

    def run(text: str, day: date = date(2025, 9, 29)) -> set[tuple[str, str, str, bool, str]]:
        statements = extractor.extract(Article(doc_id="t", text=text, date=day))
        return {(s.subject.label, s.predicate, s.object.label, s.negated, s.modality) for s in statements}

    return run
