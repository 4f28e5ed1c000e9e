"""Dump what the pipeline produces, to compare two versions of it byte for byte (run by hand).

    PYTHONPATH=TREE .venv/bin/python bench/pipeline_identity.py OUT_DIR INPUT... [--config CFG] [--batch-size B]

Runs the extraction of ``Extractor.pipe`` over the inputs (batches of ``--batch-size``,
default 16 as there; long articles segment by segment) and writes three files into
``OUT_DIR``:

- ``statements.jsonl``: the records ``kg extract`` prints (with ``rule`` and ``trigger``);
- ``explain.txt``: what ``kg extract --explain`` prints for each statement;
- ``tokens.tsv``: every token of every processed doc with its text, tag, POS, morphology,
  lemma, dependency label and head, entity IOB and type, and sentence start.

Run it with the old tree and the new tree on ``PYTHONPATH`` (it uses only the API both
have) and compare with ``cmp`` or ``diff``. ``--config`` loads another spaCy config
(``ExtractConfig.config``), to compare two pipelines with the same code.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from kg.extract.pipeline import ExtractConfig, Extractor
from kg.extract.segments import SEGMENT_CHARS
from kg.ingest import read_articles
from kg.rdf.records import statement_to_json
from kg.types import Article, Statement


def _docs(
    extractor: Extractor, articles: list[Article], batch_size: int = 16
) -> Iterator[tuple[Article, list[tuple[Any, list[Statement]]]]]:
    """(article, [(doc, its statements)]) in the order and batching of ``Extractor.pipe``."""
    pending: list[Article] = []

    def flush() -> Iterator[tuple[Article, list[tuple[Any, list[Statement]]]]]:
        docs = ((extractor.make_doc(a), a) for a in pending)
        for doc, article in extractor.nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
            yield article, [(doc, extractor.statements(article, doc))]

    for article in articles:
        if len(article.text) > SEGMENT_CHARS:
            yield from flush()
            pending = []
            seen: set[tuple[str, ...]] = set()
            parts = []
            for doc, offset, _last in extractor.make_docs(article):
                doc = extractor.nlp(doc)
                parts.append((doc, extractor.statements(article, doc, offset=offset, seen=seen)))
            yield article, parts
            continue
        pending.append(article)
        if len(pending) >= batch_size:
            yield from flush()
            pending = []
    yield from flush()


def _write_tokens(out: TextIO, doc_id: str, doc: Any) -> None:
    out.write(f"# {doc_id}\n")
    for t in doc:
        out.write(
            f"{t.i}\t{t.text!r}\t{t.tag_}\t{t.pos_}\t{t.morph}\t{t.lemma_}\t{t.dep_}\t{t.head.i}"
            f"\t{t.ent_iob_}\t{t.ent_type_}\t{t.is_sent_start}\n"
        )


def _explain(st: Statement) -> str:
    flags = (["negated"] if st.negated else []) + ([st.modality] if st.modality != "actual" else [])
    attr = f" according to {st.attributed_to.label}" if st.attributed_to else ""
    return (
        f"{st.evidence.doc_id}: {st.subject.label} -{st.predicate}-> {st.object.label}"
        f"{' [' + ', '.join(flags) + ']' if flags else ''}{attr}  "
        f"(rule {st.evidence.rule}, trigger {st.evidence.trigger!r}, confidence {st.confidence:.2f})\n"
        f"    {st.evidence.sentence}\n"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--config", default=None)
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    extractor = Extractor(ExtractConfig(config=args.config))
    articles = list(read_articles(args.inputs))
    with (
        (out / "statements.jsonl").open("w") as st_out,
        (out / "explain.txt").open("w") as ex_out,
        (out / "tokens.tsv").open("w") as tok_out,
    ):
        for article, parts in _docs(extractor, articles, args.batch_size):
            for doc, statements in parts:
                _write_tokens(tok_out, article.doc_id, doc)
                for st in statements:
                    record = statement_to_json(st)
                    record["rule"] = st.evidence.rule
                    record["trigger"] = st.evidence.trigger
                    st_out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    ex_out.write(_explain(st))
    print(f"{len(articles)} articles -> {out}")


if __name__ == "__main__":
    main()
