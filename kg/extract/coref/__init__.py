"""In-document coreference: pronouns, first person in quotations and definite descriptions
resolved to the actors mentioned before them (the ``kg_coref`` spaCy component)."""

from __future__ import annotations

from kg.extract.coref.component import CorefResolver, make_coref
from kg.extract.coref.resolve import Link

__all__ = ["CorefResolver", "Link", "make_coref"]
