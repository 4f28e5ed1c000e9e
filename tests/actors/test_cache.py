"""The per-user cache of the compiled knowledge base and of tokenised surface forms."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import spacy

from kg.actors import cache
from kg.actors.kb import KnowledgeBase, load_kb
from kg.errors import InputError

ACTOR = {"key": "ruritania", "label": "Ruritania", "type": "State", "country": "RUR", "aliases": ["Ruritania"]}


@pytest.fixture()
def actor_file(tmp_path: Path) -> Path:
    path = tmp_path / "actors.jsonl"
    path.write_text(json.dumps(ACTOR) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "expected"),
    [("off", None), ("", None), ("0", None), ("/somewhere/geokg", Path("/somewhere/geokg"))],
)
def test_cache_dir_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str, expected: Path | None) -> None:
    monkeypatch.setenv("GEOKG_CACHE_DIR", value)
    assert cache.cache_dir() == expected


def test_cache_dir_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GEOKG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "geokg"


def test_knowledge_base_is_cached_by_content(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, actor_file: Path) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GEOKG_CACHE_DIR", str(folder))
    first = load_kb(base=[actor_file])
    assert len(list(folder.glob("kb-*.pickle"))) == 1
    again = load_kb(base=[actor_file])
    assert isinstance(again, KnowledgeBase) and again.actors == first.actors and again.surface == first.surface
    # a changed file is another key: the change is seen, the old entry is not used
    actor_file.write_text(json.dumps({**ACTOR, "aliases": ["Ruritania", "Rurita"]}) + "\n", encoding="utf-8")
    changed = load_kb(base=[actor_file])
    assert changed.lookup("Rurita") is not None
    assert len(list(folder.glob("kb-*.pickle"))) == 2


def test_unreadable_cache_entry_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, actor_file: Path) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GEOKG_CACHE_DIR", str(folder))
    load_kb(base=[actor_file])
    (entry,) = folder.glob("kb-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_kb(base=[actor_file]).lookup("Ruritania") is not None


def test_cache_off_writes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, actor_file: Path) -> None:
    monkeypatch.setenv("GEOKG_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert load_kb(base=[actor_file]).lookup("Ruritania") is not None
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_missing_file_still_gives_the_loader_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEOKG_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(InputError, match="E206"):
        load_kb(base=[tmp_path / "missing.jsonl"])


def test_tokenised_forms_match_the_tokenizer_and_are_cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GEOKG_CACHE_DIR", str(folder))
    tokenizer = spacy.blank("en").tokenizer
    texts = ["the U.S.", "Côte d'Ivoire", "Al-Shabaab"]
    expected = [tuple(t.text for t in tokenizer(text)) for text in texts]
    assert cache.tokenised(texts, tokenizer) == expected
    assert len(list(folder.glob("tokens-*.pickle"))) == 1
    assert cache.tokenised(texts, tokenizer) == expected
    tokenizer.add_special_case("Al-Shabaab", [{"ORTH": "Al-Shabaab"}])  # another tokenizer: another entry
    assert cache.tokenised(texts, tokenizer)[2] == ("Al-Shabaab",)
    assert len(list(folder.glob("tokens-*.pickle"))) == 2


def test_only_the_most_recently_used_entries_are_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEOKG_CACHE_DIR", str(tmp_path))
    for n in range(cache.KEEP + 3):
        cache.save(f"kb-{n}.pickle", n)
        os.utime(tmp_path / f"kb-{n}.pickle", (n, n))
    cache.save("tokens-x.pickle", "x")  # another kind: counted apart
    assert cache.load("kb-3.pickle") == 3  # used: kept over newer entries
    cache.save("kb-new.pickle", "new")
    kept = {p.name for p in tmp_path.glob("kb-*.pickle")}
    assert len(kept) == cache.KEEP and {"kb-new.pickle", "kb-3.pickle"} <= kept and "kb-0.pickle" not in kept
    assert cache.load("tokens-x.pickle") == "x"
