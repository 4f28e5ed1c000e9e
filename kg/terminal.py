"""Text bound for a terminal: article text may hold control characters and escape sequences.

An article (or an actor file) can carry bytes that a terminal obeys: ANSI escape sequences
that recolour, move the cursor or rewrite the title, carriage returns that overwrite a line.
Everything geokg prints from such data goes through :func:`printable` first.
"""

from __future__ import annotations

import re

__all__ = ["printable"]

# ESC-introduced sequences (CSI, OSC up to BEL or ST, and two-character ones), then any other
# C0 control but tab and newline, DEL, and the C1 controls
_SEQUENCES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline stay).

    >>> printable("Xi met \\x1b[31mTrump\\x1b[0m\\r today\\x07")
    'Xi met Trump today'
    >>> printable("line one\\n\\tline two")
    'line one\\n\\tline two'
    """
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))
