"""GraphStore on disk: persistence, the one-writer lock, bad paths, and what a crash leaves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.rdf.convert import article_quads
from kg.store import GraphStore, open_store
from kg.store.named_queries import named_queries
from kg.types import Article
from tests.store.records import RUN, TEXT, article, statements

TESTS = Path(__file__).resolve().parents[1]
NAMED = named_queries()


def run_python(code: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(TESTS.parent))
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@contextmanager
def held_by_another_process(path: Path) -> Iterator[None]:
    """A child process that holds ``path`` open for writing until the block ends."""
    child = run_python(
        """
        import sys
        from kg.store import GraphStore
        store = GraphStore.open(sys.argv[1])
        print("ready", flush=True)
        sys.stdin.readline()
        store.close()
        """,
        str(path),
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read() if child.stderr else line
        yield
    finally:
        child.communicate("done\n", timeout=30)


def one_article_store(folder: Path) -> tuple[Article, set, list[dict]]:
    """Write the sample article into a new store at ``folder``; its quads and records."""
    art = article()
    with GraphStore.open(folder) as store:
        store.add_article(art, statements(art), run=RUN)
        return art, set(store.quads()), list(store.iter_statements())


def test_on_disk_store_persists_across_reopen(tmp_path: Path) -> None:
    folder = tmp_path / "kg.store"
    art, before, records = one_article_store(folder)
    with GraphStore.open(folder) as store:
        assert set(store.quads()) == before
        assert list(store.iter_statements()) == records
        assert store.add_article(art, statements(art), run=RUN) is False
    with GraphStore.open(folder, read_only=True) as store:
        assert store.read_only
        assert store.stats()["statements"] == 5


def test_reopening_in_the_same_process_after_close(tmp_path: Path) -> None:
    folder = tmp_path / "kg.store"
    store = GraphStore.open(folder)
    with pytest.raises(StoreError) as error:
        GraphStore.open(folder)
    assert error.value.code == "E303"
    with pytest.raises(StoreError) as error:
        GraphStore.open(folder, read_only=True)
    assert error.value.code == "E319"
    store.close()
    GraphStore.open(folder).close()


def test_store_held_by_another_process(tmp_path: Path) -> None:
    folder = tmp_path / "kg.store"
    GraphStore.open(folder).close()
    with held_by_another_process(folder):
        for read_only in (False, True):
            with pytest.raises(StoreError) as error:
                GraphStore.open(folder, read_only=read_only)
            assert error.value.code == "E300"
            assert str(error.value) == (
                f"E300: store {folder.resolve()} is in use by another kg process; wait for it or use another --store"
            )
    GraphStore.open(folder).close()  # free again once the other process is gone


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    folder = tmp_path / "kg.store"
    GraphStore.open(folder).close()
    art = article()
    with GraphStore.open(folder, read_only=True) as store:
        for write in (
            lambda: store.add_article(art, statements(art), run=RUN),
            lambda: store.remove_article("x"),
            store.clear,
        ):
            with pytest.raises(StoreError) as error:
                write()
            assert error.value.code == "E308"


def test_in_memory_copy_answers_as_the_folder_and_lets_it_go(tmp_path: Path) -> None:
    folder = tmp_path / "kg.store"
    art, quads, records = one_article_store(folder)
    with GraphStore.open(folder, read_only=True) as store:
        degree = store.query(NAMED["actor-degree"].text).rows
    copy = GraphStore.open(folder, in_memory=True)
    assert copy.path is None and copy.copy_of == folder.resolve() and copy.read_only
    assert "a copy of" in repr(copy)
    assert set(copy.quads()) == quads
    assert list(copy.iter_statements()) == records
    assert copy.query(NAMED["actor-degree"].text).rows == degree
    with pytest.raises(StoreError) as error:
        copy.remove_article(art.doc_id)
    assert error.value.code == "E330" and "in-memory copy" in error.value.message
    with GraphStore.open(folder) as store:  # the folder is free while the copy lives
        store.clear()
    assert set(copy.quads()) == quads  # and the copy does not follow it
    copy.close()

    for path, code in ((tmp_path / "missing", "E302"), (None, "E305")):
        with pytest.raises(StoreError) as error:
            GraphStore.open(path, in_memory=True)
        assert error.value.code == code
    assert not (tmp_path / "missing").exists()
    with pytest.raises(StoreError) as error:
        open_store("http://127.0.0.1:9/sparql", in_memory=True)
    assert error.value.code == "E329"


def test_paths_that_are_not_stores(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("hello")
    with pytest.raises(StoreError) as error:
        GraphStore.open(a_file)
    assert error.value.code == "E301"

    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("dear")
    with pytest.raises(StoreError) as error:
        GraphStore.open(documents)
    assert error.value.code == "E306"
    assert sorted(p.name for p in documents.iterdir()) == ["letter.txt"]  # nothing written

    with pytest.raises(StoreError) as error:
        GraphStore.open(tmp_path / "missing", read_only=True)
    assert error.value.code == "E302"
    assert not (tmp_path / "missing").exists()

    empty = tmp_path / "empty"
    empty.mkdir()
    GraphStore.open(empty).close()  # an empty folder becomes a store
    assert (empty / "CURRENT").is_file()


# ---------------------------------------------------------------- crashes

_WRITER = """
import sys
from tests.store.crash_writer import main
main(sys.argv[1])
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.4, 0.9, 1.6])
def test_a_killed_build_leaves_whole_articles_only(tmp_path: Path, delay: float) -> None:
    """SIGKILL a process that adds and replaces articles; every article is whole or absent."""
    from tests.store.crash_writer import N_VERSIONS, version

    folder = tmp_path / "kg.store"
    child = run_python(_WRITER, str(folder))
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "started"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)

    with GraphStore.open(folder) as store:
        by_doc: dict[str, list[str]] = {}
        for info in store.articles():
            by_doc.setdefault(info["doc_id"], []).append(info["iri"])
        assert by_doc, "the writer was killed before its first article; raise the delay"
        for doc_id, iris in by_doc.items():
            assert len(iris) == 1, f"{doc_id}: old and new version side by side"
            index = int(doc_id.split("-")[1])
            candidates = [version(index, v) for v in range(N_VERSIONS)]
            have = set(store.quads(iris[0]))
            assert any(have == set(article_quads(art, stmts, run=RUN)) for art, stmts in candidates), (
                f"{doc_id}: the graph is not any complete version"
            )
        # documents were written in order: no gaps
        indexes = sorted(int(d.split("-")[1]) for d in by_doc)
        assert indexes == list(range(len(indexes)))
        # the store is usable after the crash
        art = article()
        assert store.add_article(art, statements(art), run=RUN) is True


def test_nested_new_folder_and_forgotten_close(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / "kg.store"
    store = GraphStore.open(folder)
    assert store.path == folder.resolve()
    del store  # never closed: the lock and the in-process registration go with the object
    import gc

    gc.collect()
    GraphStore.open(folder).close()


def test_a_long_build_flushes_its_write_buffers_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every FLUSH_QUADS quads the memtables go to table files, so the writer's memory stays flat."""

    def tables() -> int:
        return sum(1 for path in (tmp_path / "s").iterdir() if path.suffix == ".sst")

    with GraphStore.open(tmp_path / "s") as store:
        first = article()
        store.add_article(first, statements(first), run=RUN)
        before = tables()  # the first write stays in the write-ahead log and the memtables
        monkeypatch.setattr("kg.store.embedded.FLUSH_QUADS", 10)
        for n in range(3):
            edited = article(TEXT + f"\nCopy {n}.", doc_id=f"copy-{n}")
            store.add_article(edited, statements(edited), run=RUN)
        assert tables() > before  # flushed while the store is open
        assert store.stats()["articles"] == 4
    with GraphStore.open(tmp_path / "s", read_only=True) as again:
        assert again.stats()["articles"] == 4
