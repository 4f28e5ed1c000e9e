"""InputProblems: good articles go on, bad inputs are kept aside (skip) or end the run (fail)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.errors import InputError
from kg.ingest.problems import InputProblems
from kg.types import Article

A, B, C = Article("a", "A."), Article("b", "B."), Article("c", "C.")
BAD1 = InputError("E106", "'x.txt': the article is empty; remove it or give it some text")
BAD2 = InputError("E110", "'m.jsonl', line 2: not JSON; write one JSON object per line")

# policy, stream, doc_ids that go on, codes recorded, error finish() raises (or None)
CASES = [
    ("skip", [A, BAD1, B, BAD2, C], ["a", "b", "c"], ["E106", "E110"], None),
    ("fail", [A, BAD1, B, BAD2, C], ["a"], ["E106"], "E106"),
    ("skip", [BAD1], [], ["E106"], None),
    ("fail", [A, B], ["a", "b"], [], None),
    ("skip", [], [], [], None),
]


@pytest.mark.parametrize(("policy", "stream", "kept", "codes", "raised"), CASES)
def test_policies(policy, stream, kept, codes, raised) -> None:
    problems = InputProblems(policy)
    assert [a.doc_id for a in problems.articles(stream)] == kept
    assert [e.code for e in problems.errors] == codes
    assert bool(problems.report()) == bool(codes)
    if raised is None:
        problems.finish()
    else:
        with pytest.raises(InputError) as info:
            problems.finish()
        assert info.value.code == raised


def test_a_stream_that_raises_ends_the_run_even_under_skip() -> None:
    def stream() -> Iterator[Article]:
        yield A
        raise BAD2

    problems = InputProblems("skip")
    assert [a.doc_id for a in problems.articles(stream())] == ["a"]
    with pytest.raises(InputError, match="E110"):
        problems.finish()


def test_report_lists_every_skipped_input_on_its_own_line() -> None:
    problems = InputProblems()
    list(problems.articles([BAD1, A, BAD2]))
    assert problems.report().splitlines() == ["skipped 2 bad inputs:", f"  {BAD1}", f"  {BAD2}"]


def test_unknown_policy_is_a_one_line_error() -> None:
    with pytest.raises(InputError, match="E151"):
        InputProblems("ignore")  # type: ignore[arg-type]
