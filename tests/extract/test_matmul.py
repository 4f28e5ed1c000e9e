"""kg.numpy_matmul.v1: the trained components multiply with numpy's BLAS on one thread, and
the statements stay those of the blis products (measured, not guaranteed by construction:
the vectors differ in their last bits, see kg/extract/matmul.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, TAG
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from kg.extract.pipeline import ExtractConfig, Extractor
from kg.ingest import read_articles
from kg.resources import pipelines_path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TRAINED = ("tok2vec", "tagger", "parser", "ner")


def _blis_config(tmp: Path) -> str:
    text = pipelines_path("geokg.cfg").read_text()
    text, found = re.subn(r"\[nlp\.after_pipeline_creation\]\n(?:[^\[\n][^\n]*\n)*", "", text)
    assert found == 1
    path = tmp / "blis.cfg"
    path.write_text(text)
    return str(path)


@pytest.fixture(scope="module")
def blis(tmp_path_factory) -> Extractor:
    """The geokg pipeline without the callback: thinc's default, blis."""
    return Extractor(ExtractConfig(config=_blis_config(tmp_path_factory.mktemp("cfg"))))


def test_the_config_asks_for_numpy_products_on_one_thread():
    cfg = spacy.util.load_config(pipelines_path("geokg.cfg"))
    assert cfg["nlp"]["after_pipeline_creation"] == {"@callbacks": "kg.numpy_matmul.v1", "threads": 1}


def test_every_layer_of_the_trained_components_multiplies_with_numpy(extractor, blis):
    for name in TRAINED:
        ours = list(extractor.nlp.get_pipe(name).model.walk())
        theirs = list(blis.nlp.get_pipe(name).model.walk())
        assert ours and all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in ours), name
        assert all(n.ops.use_blis for n in theirs), name
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_the_thread_setting_is_what_the_config_says():
    code = (
        "import spacy\nfrom threadpoolctl import threadpool_info\n"
        "from kg.extract.matmul import make_numpy_matmul\n"
        "def threads():\n"
        "    return sorted({p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas'})\n"
        "make_numpy_matmul(threads=2)(spacy.blank('en')); print(threads())\n"
        "make_numpy_matmul(threads=0)(spacy.blank('en')); print(threads())\n"
        "make_numpy_matmul(threads=1)(spacy.blank('en')); print(threads())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split("\n")[:3] == ["[2]", "[2]", "[1]"]  # 0 leaves the setting alone


def test_statements_and_tokens_equal_those_of_blis(extractor, blis):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.rglob("*.txt"))[:8]]
    attrs = [TAG, POS, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    for ours, theirs in zip(extractor.nlp.pipe(texts), blis.nlp.pipe(texts), strict=True):
        assert (ours.to_array(attrs) == theirs.to_array(attrs)).all(), ours.text[:80]
    articles = list(read_articles([str(SEEDS)]))
    ours_st = [s for _, st in extractor.pipe(articles) for s in st]
    assert ours_st and ours_st == [s for _, st in blis.pipe(articles) for s in st]


def test_the_callback_is_a_spacy_entry_point():
    from importlib.metadata import entry_points

    points = {ep.name: ep.value for ep in entry_points(group="spacy_callbacks")}
    assert points.get("kg.numpy_matmul.v1") == "kg.extract.matmul:make_numpy_matmul"
