"""``kg.numpy_matmul.v1``: the model's matrix products through numpy's BLAS, one thread.

thinc multiplies matrices with the ``blis`` package by default. The ``blis`` wheels pick
their kernels by the CPU they find, and on CPUs they do not recognise (the virtual AMD EPYC
machines geokg is benchmarked on among them) they fall back to the generic reference
kernels, about three times slower than the OpenBLAS that numpy's wheels carry. This callback
runs after the pipeline is created (``[nlp.after_pipeline_creation]`` in
``pipelines/geokg.cfg``) and gives every layer of every trained component thinc's
``NumpyOps(use_blis=False)``, which multiplies with numpy. The parser's and the NER's
transition loop keeps blis for its own small products (spaCy calls it from compiled code).

OpenBLAS starts a thread per core and lets idle threads spin, which costs more than it
gives on the small matrices of a spaCy model and fights the other worker processes of
``kg build --jobs``; ``threads`` sets how many BLAS threads the process uses (the setting is
process-wide, through threadpoolctl; 0 leaves it alone).

The vectors differ from blis's in their last bits, so a parse could in principle differ;
``bench/RESULTS.md`` records how the statements compared on the seed, development and
corpus articles.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.util import registry
from thinc.api import NumpyOps

__all__ = ["make_numpy_matmul", "use_numpy_matmul"]


def use_numpy_matmul(nlp: Language, *, threads: int = 1) -> Language:
    """Give every layer of ``nlp``'s trained components numpy's matrix product.

    Layers on another device (CupyOps on a GPU) keep theirs.

    >>> import spacy
    >>> nlp = use_numpy_matmul(spacy.blank("en"), threads=0)
    >>> nlp.pipe_names
    []
    """
    ops = NumpyOps(use_blis=False)
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):
                node.ops = ops
    if threads > 0:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=threads, user_api="blas")
    return nlp


@registry.callbacks("kg.numpy_matmul.v1")
def make_numpy_matmul(threads: int = 1) -> Callable[[Language], Language]:
    """The ``after_pipeline_creation`` callback of :func:`use_numpy_matmul`."""

    def after_pipeline_creation(nlp: Language) -> Language:
        return use_numpy_matmul(nlp, threads=threads)

    return after_pipeline_creation
