"""``kg_line_breaks``: line structure → sentence starts, before the parser runs.

News text arrives with headlines, datelines and paragraphs on lines of their own; the
parser would glue a headline to the first sentence. This component starts a sentence after
every blank line, and after every single line break unless the text is hard-wrapped (most
lines of similar, long length, as in wire copy), where a line break is only layout.
"""

from __future__ import annotations

from statistics import median

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["LineBreaks", "is_hard_wrapped", "make_line_breaks"]


def is_hard_wrapped(text: str, *, min_lines: int = 6) -> bool:
    """True when the text looks wrapped at a fixed width (line breaks inside sentences).

    >>> is_hard_wrapped("Short title\\n\\nOne paragraph.\\n\\nAnother one.")
    False
    >>> is_hard_wrapped("\\n".join(["word " * 14] * 10))
    True
    """
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    if len(lengths) < min_lines:
        return False
    typical = median(lengths)
    if not 40 <= typical <= 100:
        return False
    near = sum(1 for n in lengths if abs(n - typical) <= 12)
    return near / len(lengths) >= 0.6


class LineBreaks:
    """Sets ``Token.is_sent_start`` after line breaks (see the module docstring)."""

    def __init__(self, *, split_single: str = "auto") -> None:
        if split_single not in ("auto", "always", "never"):
            raise ValueError("split_single must be 'auto', 'always' or 'never'")
        self.split_single = split_single

    def __call__(self, doc: Doc) -> Doc:
        if self.split_single == "auto":
            single = not is_hard_wrapped(doc.text)
        else:
            single = self.split_single == "always"
        for i, token in enumerate(doc[:-1]):
            ws = token.text if token.is_space else token.whitespace_
            if "\n" not in ws:
                continue
            if ws.count("\n") >= 2 or single:
                nxt = i + 1
                while nxt < len(doc) and doc[nxt].is_space:
                    nxt += 1
                if nxt < len(doc):
                    doc[nxt].is_sent_start = True
        return doc


@Language.factory(
    "kg_line_breaks",
    assigns=["token.is_sent_start"],
    default_config={"split_single": "auto"},
)
def make_line_breaks(nlp: Language, name: str, split_single: str) -> LineBreaks:
    """Start sentences at line breaks; place it before the parser."""
    return LineBreaks(split_single=split_single)
