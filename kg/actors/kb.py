"""The actor knowledge base: canonical actors with aliases, codes and dated roles.

The knowledge base is data (``ontology/actors/*.jsonl``, one actor per line, format in
``ontology/README.md``); users add or override actors with their own files in the same
format. This module loads those files into :class:`KnowledgeBase`, which answers the
questions actor linking asks: which actor does this name denote, which state does this
demonym or capital stand for, who held this office on that day.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cache
from pathlib import Path

from kg.actors import cache as kb_cache
from kg.errors import Errors
from kg.rdf.iris import slugify
from kg.resources import ontology_path
from kg.types import ACTOR_TYPES, Actor, Role

__all__ = ["KnowledgeBase", "default_kb", "load_kb", "name_key"]

_ROLE_KINDS = ("leader", "official", "spokesperson", "member")


def name_key(name: str) -> str:
    """Normalised form of a name for look-ups: case-folded, no full stops, no leading "the".

    >>> name_key("The U.S.")
    'us'
    >>> name_key("Beijing’s")
    "beijing's"
    """
    name = unicodedata.normalize("NFC", name).replace("’", "'").casefold().replace(".", "")
    name = re.sub(r"\s+", " ", name).strip()
    return re.sub(r"^the ", "", name)


@dataclass(slots=True)
class KnowledgeBase:
    """Actors by key, with the indexes linking needs.

    Build it with :func:`load_kb` (files) or :meth:`from_records` (dicts).
    """

    actors: dict[str, Actor] = field(default_factory=dict)
    #: exact surface forms (case as written) → actor key, for the phrase matcher
    surface: dict[str, str] = field(default_factory=dict)
    #: surface forms that name a state by its demonym ("Chinese") → state key
    demonyms: dict[str, str] = field(default_factory=dict)
    #: capitals and seats of government ("Beijing", "the Kremlin") → state key
    capitals: dict[str, str] = field(default_factory=dict)
    #: surnames that on their own name a prominent person ("Xi") → person key
    short_names: dict[str, str] = field(default_factory=dict)
    #: name_key(alias) → actor key, for case-insensitive look-ups
    by_name: dict[str, str] = field(default_factory=dict)
    #: (kind, of-key) → persons with such a role
    role_index: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    #: ISO alpha-3 → state key
    by_iso3: dict[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------------ building

    @classmethod
    def from_records(cls, records: Iterable[dict], *, origin: str = "<records>") -> KnowledgeBase:
        kb = cls()
        kb.add_records(records, origin=origin)
        return kb

    def add_records(self, records: Iterable[dict], *, origin: str = "<records>") -> None:
        """Add (or, for an existing key, replace) actors from dicts in the file format."""
        for n, rec in enumerate(records, 1):
            actor, extras = _parse_record(rec, f"{origin}:{n}")
            self._add(actor, extras)

    def _add(self, actor: Actor, extras: dict[str, list[str]]) -> None:
        if actor.key in self.actors:
            self._forget(actor.key)
        self.actors[actor.key] = actor
        for alias in (actor.label, *actor.aliases):
            self.surface.setdefault(alias, actor.key)
            self.by_name.setdefault(name_key(alias), actor.key)
        for demonym in extras["demonyms"]:
            self.demonyms.setdefault(demonym, actor.key)
        for capital in extras["capitals"] + extras["seats"]:
            self.capitals.setdefault(capital, actor.key)
            if capital.startswith("the "):
                self.capitals.setdefault("The " + capital[4:], actor.key)
        for short in extras["short_names"]:
            self.short_names.setdefault(short, actor.key)
        for role in actor.roles:
            if role.of and actor.key not in self.role_index[(role.kind, role.of)]:
                self.role_index[(role.kind, role.of)].append(actor.key)
        if actor.type == "State" and actor.country:
            self.by_iso3.setdefault(actor.country, actor.key)

    def _forget(self, key: str) -> None:
        for index in (self.surface, self.demonyms, self.capitals, self.short_names, self.by_name):
            for name in [n for n, k in index.items() if k == key]:
                del index[name]
        for holders in self.role_index.values():
            while key in holders:
                holders.remove(key)

    # ------------------------------------------------------------------ questions

    def __contains__(self, key: object) -> bool:
        return key in self.actors

    def __getitem__(self, key: str) -> Actor:
        return self.actors[key]

    def __len__(self) -> int:
        return len(self.actors)

    def get(self, key: str | None) -> Actor | None:
        return self.actors.get(key) if key else None

    def lookup(self, name: str) -> Actor | None:
        """The actor a name denotes, case-insensitively, or None.

        Tries the exact surface form, then the normalised name, then capitals and demonyms.
        """
        key = (
            self.surface.get(name)
            or self.by_name.get(name_key(name))
            or self.capitals.get(name)
            or self.demonyms.get(name)
        )
        return self.actors.get(key) if key else None

    def holders(self, kind: str, of: str, on: Date | None) -> list[Actor]:
        """Persons holding a role of ``kind`` ("leader", "official"...) of actor ``of`` on a day."""
        out = []
        for key in self.role_index.get((kind, of), []):
            person = self.actors[key]
            if any(r.kind == kind and r.of == of and r.holds_on(on) for r in person.roles):
                out.append(person)
        return out

    def roles_of(self, person_key: str, on: Date | None = None) -> list[Role]:
        person = self.actors.get(person_key)
        if person is None:
            return []
        return [r for r in person.roles if on is None or r.holds_on(on)]

    def state_of(self, key: str) -> Actor | None:
        """The state an actor is or belongs to (by part_of chain, else by country code)."""
        seen: set[str] = set()
        actor = self.actors.get(key)
        while actor is not None and actor.key not in seen:
            if actor.type == "State":
                return actor
            seen.add(actor.key)
            if actor.part_of and actor.part_of in self.actors:
                actor = self.actors[actor.part_of]
            else:
                break
        if actor is not None and actor.country and actor.country in self.by_iso3:
            return self.actors[self.by_iso3[actor.country]]
        return None

    def iter_surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """(text, actor key, kind) for every surface form the phrase matcher should find.

        kind is "name", "demonym", "capital" or "short".
        """
        for text, key in self.surface.items():
            yield text, key, "name"
        for text, key in self.capitals.items():
            yield text, key, "capital"
        for text, key in self.demonyms.items():
            yield text, key, "demonym"
        for text, key in self.short_names.items():
            yield text, key, "short"

    def mint(self, label: str, type_: str, *, country: str | None = None) -> Actor:
        """An actor for a name the knowledge base does not hold.

        The key is the slug of the name, so the same name gives the same actor in every
        article and every build; a slug that a known actor already uses gets the type added.
        """
        key = slugify(label)
        if key in self.actors:
            key = f"{key}-{slugify(type_)}"
        return Actor(key=key, label=label, type=type_, country=country, known=False)  # type: ignore[arg-type]

    def mint_namesake(self, label: str, type_: str, country: str) -> Actor:
        """An actor named like a known one but of another country ("Abdoulaye Diop", the
        Malian minister, not the Senegalese one): key ``{slug}-{iso3}``."""
        return Actor(
            key=f"{slugify(label)}-{country.lower()}",
            label=label,
            type=type_,  # type: ignore[arg-type]
            country=country,
            known=False,
        )


def _parse_record(rec: dict, where: str) -> tuple[Actor, dict[str, list[str]]]:
    if not isinstance(rec, dict):
        raise Errors.E201.error(where=where)
    try:
        key, label, type_ = rec["key"], rec["label"], rec["type"]
    except KeyError as exc:
        raise Errors.E202.error(where=where, key=exc.args[0]) from None
    if type_ not in ACTOR_TYPES:
        raise Errors.E203.error(where=where, type=type_, actor_types=", ".join(ACTOR_TYPES))
    if key != slugify(key):
        raise Errors.E204.error(where=where, key=key, slug=slugify(key))
    roles = []
    for r in rec.get("roles") or []:
        kind = r.get("kind", "official")
        if kind not in _ROLE_KINDS:
            raise Errors.E205.error(where=where, kind=kind, role_kinds=", ".join(_ROLE_KINDS))
        roles.append(Role(office=r["office"], of=r.get("of"), kind=kind, start=r.get("start"), end=r.get("end")))
    extras = {name: [str(x) for x in rec.get(name) or []] for name in ("demonyms", "capitals", "seats", "short_names")}
    aliases = tuple(dict.fromkeys(str(a) for a in (rec.get("aliases") or []) if a))
    actor = Actor(
        key=key,
        label=label,
        type=type_,
        wikidata=rec.get("wikidata"),
        country=rec.get("iso3") or rec.get("country"),
        aliases=aliases,
        part_of=rec.get("part_of"),
        roles=tuple(roles),
        known=True,
    )
    return actor, extras


def _read_jsonl(path: Path) -> Iterator[dict]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise Errors.E206.error(path=path, reason=exc.strerror) from None
    with handle:
        for n, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise Errors.E207.error(path=path, n=n, msg=exc.msg) from None


def load_kb(extra: Sequence[str | Path] = (), *, base: Sequence[str | Path] | None = None) -> KnowledgeBase:
    """Load the bundled knowledge base, then the user's files (which add or override actors).

    The result is cached per user, keyed by the files' contents (see :mod:`kg.actors.cache`).

    Parameters
    ----------
    extra:
        Actor files in the same JSON Lines format; a later file's actor replaces an earlier
        one with the same key.
    base:
        Files to load instead of the bundled ``ontology/actors/*.jsonl``.
    """
    files = [Path(p) for p in base] if base is not None else sorted(ontology_path("actors").glob("*.jsonl"))
    paths = [*files, *(Path(p) for p in extra)]
    key = kb_cache.digest(paths)
    name = f"kb-{key}.pickle"
    if key is not None:
        cached = kb_cache.load(name)
        if isinstance(cached, KnowledgeBase):
            return cached
    kb = KnowledgeBase()
    for path in paths:
        kb.add_records(_read_jsonl(path), origin=str(path))
    if key is not None:
        kb_cache.save(name, kb)
    return kb


@cache
def default_kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process."""
    return load_kb()
