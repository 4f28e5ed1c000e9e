"""The bad inputs of one run: kept aside, reported at the end, or the end of the run.

``kg extract`` and ``kg build`` read with :func:`kg.ingest.read_items`, which gives each bad
item (a file, a JSON Lines line, an input that names nothing) as its
:class:`~kg.errors.InputError` in the stream. :class:`InputProblems` takes that stream apart:
the good articles go on to the extractor, the errors are collected. With ``on_error="skip"``
(the default) every good article is kept and the errors are reported in one summary at the
end; with ``"fail"`` the stream ends at the first error, so that what came before it is still
processed (and committed), and :meth:`InputProblems.finish` raises that error. A stream that
raises its error (:func:`kg.ingest.read_articles`) stops the run in the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Literal, get_args

from kg.errors import Errors, InputError
from kg.types import Article

__all__ = ["InputProblems", "OnError"]

OnError = Literal["skip", "fail"]
"""What to do with a bad input: keep going and report it at the end, or stop there."""


class InputProblems:
    """The errors of the bad inputs of one run, under the policy ``on_error``.

    >>> problems = InputProblems("skip")
    >>> bad = Errors.E106.error(place="'b.txt'")
    >>> [a.doc_id for a in problems.articles([Article("a", "A."), bad, Article("c", "C.")])]
    ['a', 'c']
    >>> print(problems.report())
    skipped 1 bad input:
      E106: 'b.txt': the article is empty; remove it or give it some text
    """

    def __init__(self, on_error: OnError = "skip") -> None:
        if on_error not in get_args(OnError):
            raise Errors.E151.error(on_error=on_error)
        self.on_error: OnError = on_error
        self.errors: list[InputError] = []
        self._raised = False
        #: called with each bad input as it is recorded (the progress bar counts it)
        self.on_added: Callable[[InputError], None] | None = None

    @property
    def stopped(self) -> bool:
        """True when the run stopped at a bad input (``on_error="fail"``, or a stream that
        raised its error)."""
        return self._raised or (self.on_error == "fail" and bool(self.errors))

    def add(self, error: InputError) -> bool:
        """Record a bad input; True when the run goes on past it."""
        self.errors.append(error)
        if self.on_added is not None:
            self.on_added(error)
        return not self.stopped

    def articles(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        """The good articles of ``items``; errors are recorded (and end the stream under
        ``"fail"``). An :class:`InputError` raised by the iterator itself ends the stream too."""
        iterator = iter(items)
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                return
            except InputError as error:  # a stream that raises (read_articles) cannot go on
                self._raised = True
                self.add(error)
                return
            if isinstance(item, InputError):
                if not self.add(item):
                    return
                continue
            yield item

    def finish(self) -> None:
        """Raise the error the run stopped at (``on_error="fail"``, or raised by the stream)."""
        if self.stopped:
            raise self.errors[-1] if self._raised else self.errors[0]

    def report(self) -> str:
        """The summary of the skipped inputs (one line each), or "" when there were none."""
        if not self.errors:
            return ""
        n = len(self.errors)
        lines = [f"skipped {n} bad input{'s' if n != 1 else ''}:"]
        lines.extend(f"  {error}" for error in self.errors)
        return "\n".join(lines)
