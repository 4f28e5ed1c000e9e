"""Generic actors: a state and a sector ("Malian rebels" → Mali: rebels; docs/rdf-model.md, "Generic actors").

The agent words come from ``pipelines/agents.tsv`` (PETRARCH's ``Phoenix.agents.txt``,
converted by ``pipelines/tools/convert_agents.py``): each surface form with its CAMEO agent
code, the sector of the generic actor, the word of its label and the class it implies. GOV
forms stand for the state itself and make no generic actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import Errors
from kg.resources import pipelines_path
from kg.types import ACTOR_TYPES, Actor

__all__ = ["GOV", "AgentWords", "Sector", "generic_actor", "generic_key", "load_agent_words"]

#: the sector of words that stand for the state itself ("the Kenyan government")
GOV = "GOV"


@dataclass(frozen=True, slots=True)
class Sector:
    """A sector of generic actors: CAMEO agent code, label word and actor class."""

    code: str
    word: str
    actor_type: str


@dataclass(frozen=True, slots=True)
class AgentWords:
    """Agent phrases (lower case, words joined by one blank) → their sector."""

    sectors: dict[str, Sector]
    phrases: dict[str, Sector]
    #: the most words an agent phrase has
    longest: int
    #: the phrases that are plural forms ("rebels", "security forces")
    plurals: frozenset[str] = frozenset()

    def get(self, words: str) -> Sector | None:
        """The sector of an agent phrase, or None."""
        return self.phrases.get(words)


def generic_key(country: str, sector: str) -> str:
    """The key of a generic actor: ``{iso3}-{sector}`` in lower case.

    >>> generic_key("MLI", "REB")
    'mli-reb'
    """
    return f"{country.lower()}-{sector.lower()}"


def generic_actor(state: Actor, sector: Sector, phrase: str) -> Actor:
    """The generic actor of ``state`` and ``sector``, seen as ``phrase``.

    >>> mali = Actor("mali", "Mali", "State", country="MLI")
    >>> a = generic_actor(mali, Sector("REB", "rebels", "Organization"), "Malian rebels")
    >>> a.key, a.label, a.type, a.sector, a.part_of, a.aliases
    ('mli-reb', 'Mali: rebels', 'Organization', 'REB', 'mali', ('Malian rebels',))
    """
    if not state.country or sector.code == GOV:
        raise Errors.E208.error(state=state.key, sector=sector.code)
    return Actor(
        key=generic_key(state.country, sector.code),
        label=f"{state.label}: {sector.word}",
        type=sector.actor_type,  # type: ignore[arg-type]  # checked against ACTOR_TYPES when read
        country=state.country,
        aliases=(phrase,),
        part_of=state.key,
        sector=sector.code,
        known=False,
    )


def _rows(path: Path) -> list[list[str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise Errors.E217.error(path=path, reason=exc.strerror) from None
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return rows[1:]  # the header


def read_sectors(path: Path) -> dict[str, Sector]:
    """``agent_sectors.tsv``: sector code → :class:`Sector`, in the order of the file."""
    out: dict[str, Sector] = {}
    for n, row in enumerate(_rows(path), 2):
        if len(row) != 3 or row[2] not in ACTOR_TYPES:
            raise Errors.E218.error(path=path, n=n, actor_types=", ".join(ACTOR_TYPES))
        out[row[0]] = Sector(*row)
    return out


@cache
def load_agent_words(folder: str | None = None) -> AgentWords:
    """Read ``agent_sectors.tsv``, ``agents.tsv`` and ``agents_added.tsv`` (forms Phoenix lacks,
    optional) from ``folder`` (default: the bundled ``pipelines/``; a folder without
    ``agents.tsv`` uses the bundled files).

    A phrase listed with several sectors ("security forces": MIL and COP) takes the one
    listed first in ``agent_sectors.tsv``; a phrase of ``agents_added.tsv`` replaces the same
    phrase of ``agents.tsv`` ("military intelligence": SPY, not MIL).
    """
    base = Path(folder) if folder and (Path(folder) / "agents.tsv").is_file() else pipelines_path()
    sectors = read_sectors(base / "agent_sectors.tsv")
    order = {code: i for i, code in enumerate(sectors)}
    phrases: dict[str, Sector] = {}
    plurals: set[str] = set()
    seen_added: set[str] = set()
    for name in ("agents.tsv", "agents_added.tsv"):
        if name == "agents_added.tsv" and not (base / name).is_file():
            continue
        for n, row in enumerate(_rows(base / name), 2):
            if len(row) != 6 or row[3] not in sectors:
                raise Errors.E219.error(path=base / name, n=n)
            phrase, sector = " ".join(row[0].lower().split()), sectors[row[3]]
            added = name == "agents_added.tsv" and phrase not in seen_added
            if added or phrase not in phrases or order[sector.code] < order[phrases[phrase].code]:
                phrases[phrase] = sector
            if name == "agents_added.tsv":
                seen_added.add(phrase)
            if row[1] == "plural":
                plurals.add(phrase)
    longest = max((p.count(" ") + 1 for p in phrases), default=0)
    return AgentWords(sectors=sectors, phrases=phrases, longest=longest, plurals=frozenset(plurals))
