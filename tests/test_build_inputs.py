"""``kg build`` and ``kg extract`` through the real command: nothing good is lost.

Bad inputs beside good ones (every good article kept, every bad one reported at the end),
``--on-error fail``, ``--replace`` that never removes what it has not replaced, the same text
under two doc_ids, and article graphs that do not depend on the path the files were read from.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import GraphStore
from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.slow

GOOD = "Russia attacked Ukraine on Monday.\n"
OTHER = "Xi Jinping met Donald Trump in Busan.\n"


def kg(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, timeout=300, cwd=cwd, check=False
    )


def doc_ids(store: Path) -> list[str]:
    with GraphStore.open(store, read_only=True) as st:
        return [a["doc_id"] for a in st.articles()]


def nquads(store: Path) -> list[str]:
    import io

    with GraphStore.open(store, read_only=True) as st:
        out = io.BytesIO()
        st.dump("nq", out)
    return sorted(line for line in out.getvalue().decode("utf-8").splitlines() if line)


def skipped_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    lines = result.stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("skipped "))
    return [line.strip() for line in lines[start + 1 :]]


def test_good_file_beside_empty_file_is_kept(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    store = tmp_path / "store"
    result = kg("build", tmp_path / "good.txt", tmp_path / "empty.txt", "--store", store)
    assert result.returncode == 1, result.stderr
    assert doc_ids(store) == ["good"]
    (line,) = skipped_lines(result)
    assert line.startswith("E106: ") and "empty.txt" in line
    assert "Traceback" not in result.stderr

    extracted = kg("extract", tmp_path / "good.txt", tmp_path / "empty.txt")
    assert extracted.returncode == 1
    assert {json.loads(line)["doc_id"] for line in extracted.stdout.splitlines()} == {"good"}
    assert skipped_lines(extracted)[0].startswith("E106: ")


def test_many_articles_then_empty_file_keep_every_article(tmp_path: Path) -> None:
    """33 articles (three batches of the extractor) and an empty file after them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = [f"{i:03d}" for i in range(33)]
    for i, name in enumerate(names):
        (corpus / f"{name}.txt").write_text(f"Report {i}: Russia attacked Ukraine.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    store = tmp_path / "store"
    result = kg("build", corpus, tmp_path / "empty.txt", "--store", store)
    assert result.returncode == 1, result.stderr
    assert doc_ids(store) == names
    assert "Built 33 article(s) (33 new or changed)" in result.stdout


def test_bad_jsonl_line_between_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": GOOD}) + "\n{not json\n" + json.dumps({"id": "b", "text": OTHER}) + "\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    result = kg("build", path, "--store", store)
    assert result.returncode == 1, result.stderr
    assert doc_ids(store) == ["a", "b"]
    (line,) = skipped_lines(result)
    assert line.startswith("E110: ") and "m.jsonl', line 2:" in line
    extracted = kg("extract", path)
    assert extracted.returncode == 1
    assert {json.loads(x)["doc_id"] for x in extracted.stdout.splitlines()} == {"a", "b"}
    assert "m.jsonl', line 2:" in skipped_lines(extracted)[0]


def test_on_error_fail_stops_at_the_first_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": GOOD}) + "\n[1]\n" + json.dumps({"id": "b", "text": OTHER}) + "\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    result = kg("build", path, "--store", store, "--on-error", "fail")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("error E111: ")
    assert doc_ids(store) == ["a"]  # written before the bad line, and nothing after it


def test_replace_with_a_missing_input_touches_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("build", SEED_ARTICLE, "--store", store).returncode == 0
    before = nquads(store)
    result = kg("build", tmp_path / "nope.txt", "--store", store, "--replace")
    assert result.returncode == 2
    assert "E100" in result.stderr
    assert nquads(store) == before


def test_replace_removes_the_others_only_when_nothing_was_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    store = tmp_path / "store"
    assert kg("build", tmp_path / "a.txt", tmp_path / "b.txt", "--store", store).returncode == 0
    skipped = kg("build", tmp_path / "a.txt", tmp_path / "empty.txt", "--store", store, "--replace")
    assert skipped.returncode == 1
    assert doc_ids(store) == ["a", "b"]  # b may be what the skipped input held: kept
    assert "Kept 1 article(s)" in skipped.stdout
    done = kg("build", tmp_path / "a.txt", "--store", store, "--replace")
    assert done.returncode == 0, done.stderr
    assert doc_ids(store) == ["a"]
    assert "Removed 1 article(s)" in done.stdout
    # the store now holds what a build of a.txt alone into an empty store holds
    fresh = tmp_path / "fresh"
    assert kg("build", tmp_path / "a.txt", "--store", fresh).returncode == 0
    assert nquads(store) == nquads(fresh)


def test_same_text_under_two_ids_is_reported_and_counted_once(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "three.txt").write_text(OTHER, encoding="utf-8")
    store = tmp_path / "store"
    result = kg("build", tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "three.txt", "--store", store)
    assert result.returncode == 1
    assert "Built 2 article(s) (2 new or changed)" in result.stdout
    assert doc_ids(store) == ["one", "three"]
    (line,) = skipped_lines(result)
    assert line.startswith("E118: ") and "'two'" in line and "'one'" in line


def test_the_same_files_read_from_another_path_give_the_same_graphs(tmp_path: Path) -> None:
    here = tmp_path / "here" / "corpus"
    (here / "sub").mkdir(parents=True)
    shutil.copy(SEED_ARTICLE, here / SEED_ARTICLE.name)
    (here / "sub" / "b.jsonl").write_text(json.dumps({"id": "b", "text": OTHER}) + "\n", encoding="utf-8")
    there = tmp_path / "elsewhere" / "deeper" / "copy"
    shutil.copytree(here, there)
    first, second = tmp_path / "s1", tmp_path / "s2"
    assert kg("build", here, "--store", first).returncode == 0
    assert kg("build", "copy", "--store", second, cwd=there.parent).returncode == 0
    quads = nquads(first)
    assert quads == nquads(second)
    assert not any(str(tmp_path) in line for line in quads)
    assert any(f'"{SEED_ARTICLE.name}"' in line and "/source>" in line for line in quads)
    # building the copy into the first store rewrites nothing
    again = kg("build", there, "--store", first)
    assert "(0 new or changed" in again.stdout


# ---------------------------------------------------------------- a killed --replace


def _graphs(store: Path) -> dict[str, list[set[str]]]:
    """The article graphs of a store by doc_id, each as the set of its quads (as text)."""
    with GraphStore.open(store) as st:
        found: dict[str, list[set[str]]] = {}
        for info in st.articles():
            found.setdefault(info["doc_id"], []).append({str(q) for q in st.quads(info["iri"])})
    return found


def _corpus(folder: Path, edition: int, names: list[str]) -> Path:
    folder.mkdir()
    for i, name in enumerate(names):
        text = f"Report {i}, edition {edition}: Russia attacked Ukraine. China pressured Taiwan.\n"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_killed_replace_leaves_every_article_old_or_new(tmp_path: Path) -> None:
    """SIGKILL ``--replace`` in the middle: every article is there, in its old or new version."""
    import os
    import signal

    names = [f"doc-{i:03d}" for i in range(40)]
    old, new = _corpus(tmp_path / "old", 0, names), _corpus(tmp_path / "new", 1, names)
    victim, reference = tmp_path / "victim", tmp_path / "reference"
    assert kg("build", old, "--store", victim).returncode == 0
    assert kg("build", new, "--store", reference).returncode == 0
    before, after = _graphs(victim), _graphs(reference)

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.replace_writer", str(new), str(victim)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert child.stdout is not None
    done = [child.stdout.readline().strip() for _ in range(5)]
    assert done == names[:5], child.stderr.read() if child.stderr else ""
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)

    have = _graphs(victim)
    assert sorted(have) == names  # nothing lost
    versions = []
    for name in names:
        (graph,) = have[name]  # one version, never both
        assert graph in (before[name][0], after[name][0]), f"{name}: neither old nor new"
        versions.append("new" if graph == after[name][0] else "old")
    assert versions[:5] == ["new"] * 5 and versions[-1] == "old"  # killed in the middle
