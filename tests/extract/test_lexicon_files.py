"""The word lists of the rules are data: pipelines/words.toml and the [titles] of cues.toml."""

from __future__ import annotations

import re
import shutil

from kg.extract.lexicon import NAME_TITLE_LISTS, load_lexicon
from kg.extract.pipeline import ExtractConfig
from kg.extract.tokenizer import headline_words
from kg.resources import pipelines_path


def test_a_lexicon_folder_of_ones_own_without_the_new_lists_gets_the_bundled_ones(tmp_path):
    for name in ("triggers.tsv", "frames.tsv"):
        shutil.copy(pipelines_path(name), tmp_path / name)
    cues = pipelines_path("cues.toml").read_text(encoding="utf-8")
    for name in NAME_TITLE_LISTS:  # an older cues.toml: without the name lists
        cues = re.sub(rf"^{name} = \[[^\]]*\]\n", "", cues, flags=re.MULTILINE)
    assert "before_surname" not in cues
    (tmp_path / "cues.toml").write_text(cues, encoding="utf-8")
    own, bundled = load_lexicon(str(tmp_path)), load_lexicon()
    for name in NAME_TITLE_LISTS:
        assert own.cue("titles", name) == bundled.cue("titles", name) != frozenset()
    assert own.lists == bundled.lists  # no words.toml: the bundled one
    assert own.word_list("arguments", "quantity") >= {"million", "package"}


def test_name_titles_are_not_headline_words_but_cue_words_are():
    words = headline_words(load_lexicon())
    assert "sheikh" not in words and "colonel" not in words  # only before names
    assert {"pressures", "oppose", "spokesman", "former"} <= words


def test_words_toml_is_part_of_the_configuration_digest():
    assert pipelines_path("words.toml") in ExtractConfig()._data_files()
