"""A per-user cache of the compiled actor knowledge base, keyed by the data files' content.

Loading the bundled knowledge base (tens of thousands of actors) and tokenising every
surface form for the phrase matcher take seconds; both results depend only on the actor
files (and, for the tokens, on the tokenizer), so they are kept as pickles in the user's
cache folder: ``$GEOKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/geokg``, else ``~/.cache/geokg``.
``GEOKG_CACHE_DIR=off`` turns the cache off. A file's name holds a hash of everything it
depends on, so a changed actor file or tokenizer simply misses the cache; a cache that
cannot be read or written is ignored (the result is then computed as without a cache).
Only the six most recently used entries of each kind are kept.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "digest", "load", "save", "tokenised"]

#: bump when the layout of cached objects changes
FORMAT = b"geokg-actor-cache-2"  # 2: Actor.sector
#: entries of each kind kept (the most recently used ones)
KEEP = 6


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    value = os.environ.get("GEOKG_CACHE_DIR")
    if value is not None:
        return None if value.strip().lower() in ("", "0", "off", "no") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geokg"


def digest(paths: Iterable[Path], *extra: bytes) -> str | None:
    """A hash of the files' names and contents (and of ``extra``); None if one cannot be read."""
    h = hashlib.blake2b(FORMAT, digest_size=16)
    try:
        for path in paths:
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    for item in extra:
        h.update(item)
    return h.hexdigest()


def load(name: str) -> Any | None:
    """The object cached under ``name``, or None (no cache, no entry, unreadable entry)."""
    folder = cache_dir()
    if folder is None:
        return None
    paused = gc.isenabled()
    gc.disable()  # tens of thousands of new objects: the cyclic collector would run many times
    try:
        with (folder / name).open("rb") as handle:
            obj = pickle.load(handle)
        os.utime(folder / name)  # most recently used: kept by the pruning
        return obj
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    finally:
        if paused:
            gc.enable()


def save(name: str, obj: Any) -> None:
    """Cache ``obj`` under ``name`` (atomically: concurrent processes never see half a file)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=".tmp-", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / name)
        _prune(folder, name.split("-", 1)[0])
    except (OSError, pickle.PicklingError):
        if "temporary" in locals():
            temporary.unlink(missing_ok=True)


def _prune(folder: Path, prefix: str, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` most recently used entries of one kind (``kb``, ``tokens``)."""
    entries = sorted(folder.glob(f"{prefix}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)


def tokenised(texts: list[str], tokenizer: Any) -> list[tuple[str, ...]]:
    """The token texts of each text as ``tokenizer`` (a spaCy tokenizer) splits them, cached.

    The cache key holds the texts and the tokenizer's serialised rules, so a different
    model, spaCy version or special case misses the cache.
    """
    key = digest((), "\n".join(texts).encode(), tokenizer.to_bytes())
    name = f"tokens-{key}.pickle"
    cached = load(name)
    if isinstance(cached, list) and len(cached) == len(texts):
        return cached
    tokens = [tuple(t.text for t in doc) for doc in tokenizer.pipe(texts)]
    save(name, tokens)
    return tokens
