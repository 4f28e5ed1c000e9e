"""Every Python block of the README and of docs/ runs as written.

The blocks of one page run in order in one namespace (a later block may use what an earlier
one made), in a folder that holds what the pages assume: the bundled ``seeds/`` and a store
``kg-demo`` built from the seed article, as ``kg demo`` leaves it. A block that needs what a
test cannot give (a running server, a corpus of your own) says so in an HTML comment on the
line before it: ``<!-- not run: reason -->``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"(?:<!--\s*not run:\s*(?P<reason>.*?)\s*-->\s*\n)?```python\n(?P<code>.*?)```", re.S)


def blocks(page: Path) -> list[tuple[str, str | None]]:
    """(code, reason it is not run) of each Python block of ``page``, in order."""
    return [(m["code"], m["reason"]) for m in _BLOCK.finditer(page.read_text(encoding="utf-8"))]


RUNNABLE = [page for page in PAGES if any(reason is None for _, reason in blocks(page))]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.builder import build_store
    from kg.extract.pipeline import Extractor
    from kg.ingest import read_articles
    from kg.store import GraphStore

    folder = tmp_path_factory.mktemp("snippets")
    (folder / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    with GraphStore.open(folder / "kg-demo") as store:
        build_store(read_articles([str(SEED_ARTICLE)]), store, extractor=Extractor())
    return folder


def test_the_pages_have_python_blocks() -> None:
    assert len(blocks(ROOT / "README.md")) >= 3
    assert sum(len(blocks(page)) for page in PAGES) >= 10
    assert ROOT / "README.md" in RUNNABLE


@pytest.mark.parametrize("page", RUNNABLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_block_runs(page: Path, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runnable = [code for code, reason in blocks(page) if reason is None]
    monkeypatch.chdir(workdir)
    monkeypatch.setattr("builtins.print", lambda *args, **kwargs: None)
    namespace: dict[str, object] = {"__name__": "snippet"}
    for number, code in enumerate(runnable, 1):
        try:
            exec(compile(code, f"{page.name} block {number}", "exec"), namespace)
        except Exception as exc:  # the page's own words fail: say which block
            pytest.fail(f"{page.relative_to(ROOT)}, Python block {number}: {type(exc).__name__}: {exc}")
    assert os.getcwd() == str(workdir)
