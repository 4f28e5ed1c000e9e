"""The readers on real articles: the bundled seed, and Wikinews from ../shared when present."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from kg.ingest import read_articles


def test_seed_article(seed_article_path: Path) -> None:
    (article,) = read_articles([str(seed_article_path)])
    assert article.doc_id == "000_f816f7051cb6ef20"
    # lines 1-3 are a date stamp, a section label and a date; the headline is line 5
    assert article.title == "Xi Pressures Trump To Oppose Taiwan Independence"
    assert article.date == date(2025, 9, 29)
    assert article.source == seed_article_path.name
    assert article.url is None
    assert article.text.startswith("Today : Sep 29, 2025\nWorld News\n")
    assert "Xi Jinping is preparing to demand" in article.text


def test_seed_folder_and_glob_agree(seed_article_path: Path) -> None:
    folder = seed_article_path.parent
    by_folder = [a.doc_id for a in read_articles([str(folder)])]
    by_glob = [a.doc_id for a in read_articles([str(folder / "**" / "*.txt")])]
    assert by_folder == by_glob
    assert "000_f816f7051cb6ef20" in by_folder


def test_wikinews_article(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "wikinews" / "wn2019-0001.txt"
    (article,) = read_articles([str(path)])
    assert article.doc_id == "wn2019-0001"
    assert article.title == ("Magnitogorsk apartment building collapses after explosion, dozens dead")
    assert article.date == date(2019, 1, 4)  # "Friday, January 4, 2019" on line 3


def test_wikinews_folder_matches_its_index(shared_dir: Path) -> None:
    folder = shared_dir / "corpus" / "wikinews"
    with (folder / "INDEX.tsv").open(encoding="utf-8") as handle:
        index = {row["id"]: row for row in csv.DictReader(handle, delimiter="\t")}
    articles = list(read_articles([str(folder)]))
    assert sorted(a.doc_id for a in articles) == sorted(index)
    assert [a.doc_id for a in articles] == sorted(a.doc_id for a in articles)
    for article in articles:
        row = index[article.doc_id]
        assert article.title == row["title"], article.doc_id
        # some 2020 files carry no dateline: then no date, never a wrong one
        assert article.date is None or article.date.isoformat() == row["date"], article.doc_id
    dated = sum(a.date is not None for a in articles)
    assert dated >= 170
