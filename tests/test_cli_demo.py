"""``kg demo`` and ``kg actors`` as a user runs them: the demo never touches what a user made,
and an actor search shows the actor that is named first."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env
    )


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    shutil.copy(SEED_ARTICLE, folder / SEED_ARTICLE.name)
    return folder


def test_demo_builds_its_own_store_and_map_and_may_rebuild_them(tmp_path: Path, seeds: Path) -> None:
    first = kg("demo", "--seeds", str(seeds), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "kg-demo").is_dir() and not (tmp_path / "kg-store").exists()
    assert (tmp_path / "graph.html").is_file()
    assert "graph.html" in first.stdout and "open it in a web browser" in first.stdout
    assert "–pressures→" in first.stdout
    assert max(len(line) for line in first.stdout.splitlines()) <= 80  # readable in 80 columns
    again = kg("demo", "--seeds", str(seeds), cwd=tmp_path)
    assert again.returncode == 0, again.stderr


def test_demo_refuses_a_store_it_did_not_make(tmp_path: Path, seeds: Path) -> None:
    built = kg("build", str(SEED_ARTICLE), "--store", "mine", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    before = sorted(p.name for p in (tmp_path / "mine").iterdir())
    result = kg("demo", "--seeds", str(seeds), "--store", "mine", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error E171:") and "mine" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == before
    query = kg(
        "query",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--store",
        "mine",
        "--format",
        "csv",
        cwd=tmp_path,
    )
    assert query.returncode == 0 and int(query.stdout.split()[-1]) > 0


def test_demo_does_not_overwrite_a_file_it_did_not_write(tmp_path: Path, seeds: Path) -> None:
    mine = tmp_path / "graph.html"
    mine.write_text("<html>my own page</html>", encoding="utf-8")
    result = kg("demo", "--seeds", str(seeds), cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("error E172:")
    assert mine.read_text(encoding="utf-8") == "<html>my own page</html>"
    assert not (tmp_path / "kg-demo").exists()


@pytest.mark.parametrize(
    ("search", "first"),
    [("Xi", "Xi Jinping"), ("xi jinping", "Xi Jinping"), ("Q15031", "Xi Jinping"), ("Putin", "Vladimir Putin")],
)
def test_actor_search_shows_the_named_actor_first_and_says_what_was_cut(
    tmp_path: Path, search: str, first: str
) -> None:
    result = kg("actors", search, "--limit", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(first + "  (")
    if search == "Xi":
        assert "more; use --limit" in result.stdout.splitlines()[-1]


def test_a_terminated_extraction_leaves_no_file_behind(tmp_path: Path) -> None:
    import signal
    import time

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "extract", str(ROOT / "seeds"), "-o", "out.jsonl"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.jsonl.tmp*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # until the output is being written
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temporary file, no half-written output


def test_kg_build_shows_progress_on_a_terminal_and_nothing_with_quiet(tmp_path: Path) -> None:
    import pty

    seeds = tmp_path / "in"
    seeds.mkdir()
    for name in ("wn2019-0002.txt", "wn2019-0016.txt"):
        shutil.copy(ROOT / "seeds" / "wikinews" / name, seeds / name)
    (seeds / "empty.txt").write_text("", encoding="utf-8")  # a skipped input counts on the bar too
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "100"}
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(seeds), "--store", "s"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
    )
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        screen += chunk
    stdout, _ = process.communicate(timeout=300)
    os.close(leader)
    assert process.returncode == 1  # an input was skipped
    assert b"articles/s" in screen and b"3/3" in screen
    assert stdout.startswith("Built 2 article(s)")
    quiet = kg("build", str(seeds), "--store", "s2", "--quiet", cwd=tmp_path)
    assert quiet.returncode == 1 and quiet.stdout == "" and "articles/s" not in quiet.stderr
