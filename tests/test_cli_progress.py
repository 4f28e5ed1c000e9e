"""The total of ``kg build``'s progress bar: the articles the inputs hold, read before the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli.progress import article_count

ARTICLE = '{"id": "a", "text": "Xi met Trump."}'

# a JSON Lines file's content -> the articles it holds
JSONL = [
    (f"{ARTICLE}\n{ARTICLE}\n", 2),
    (f"{ARTICLE}\n\n{ARTICLE}\n\n", 2),  # blank lines are not articles
    (f"{ARTICLE}\n   \t\n{ARTICLE}", 2),  # nor are lines of spaces; the last needs no newline
    ("\n\n", 0),
    ("", 0),
]


@pytest.mark.parametrize(("content", "articles"), JSONL)
def test_a_json_lines_file_counts_its_lines_that_are_not_blank(tmp_path: Path, content: str, articles: int) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(content, encoding="utf-8")
    assert article_count([str(path)]) == articles


def test_text_files_count_one_each_and_standard_input_cannot_be_counted(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Xi met Trump.\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(f"{ARTICLE}\n\n", encoding="utf-8")
    assert article_count([str(tmp_path)]) == 3
    assert article_count([str(tmp_path / "a.txt"), "-"]) is None
