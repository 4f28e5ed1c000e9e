"""Store benchmark: load rate and analyst-query latency, Oxigraph (geokg) against plain rdflib.

Builds a knowledge graph from the Reuters-21578 corpus and the Wikipedia "Current events"
days of ``../shared/corpus`` and measures, in one run on the same data:

- extraction (reported, not benchmarked: spaCy dominates it);
- the build path of ``kg build``: :meth:`GraphStore.add_article` per article into an on-disk
  store (one transaction per article), in triples per second;
- bulk loading the same N-Quads into pyoxigraph (on disk, in memory) and into a plain rdflib
  in-memory :class:`~rdflib.Dataset`;
- five typical analyst queries (named queries of ``kg/store/rq``) through
  :meth:`GraphStore.query` on the on-disk store (as ``kg query`` runs them) and on its copy in
  memory (``GraphStore.open(folder, in_memory=True)``, timed too), and through rdflib's own
  SPARQL engine on the in-memory Dataset (union default graph everywhere), checking that the
  engines return the same number of rows;
- the cost of one index lookup (a seek) on disk and in memory, which explains the rest.

Extraction results are cached (``--cache``), so a second run measures the store alone::

    .venv/bin/python bench/bench_store.py                 # everything, about 15 minutes
    .venv/bin/python bench/bench_store.py --limit 2000    # a Reuters subset
    .venv/bin/python bench/bench_store.py --results bench/RESULTS.md

The target (issue 5): every query at least 10x faster than rdflib and none over 100 ms.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import json
import multiprocessing
import pickle
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "geokg-bench-cache"

Extracted = list[tuple[Any, list[Any], list[Any]]]  # (Article, statements, actors)


# ---------------------------------------------------------------- extraction (cached)


def _extract_shard(args: tuple[list[str], int, int, int | None, str]) -> str:
    """Worker: extract every ``jobs``-th article (from ``shard``) and pickle the results."""
    try:
        return _extract_shard_unsafe(args)
    except Exception as error:  # KGError does not pickle back to the parent: send text
        raise RuntimeError(f"{type(error).__name__}: {error}") from None


def _extract_shard_unsafe(args: tuple[list[str], int, int, int | None, str]) -> str:
    inputs, shard, jobs, limit, out = args
    from kg.actors.context import actors_for
    from kg.extract.pipeline import Extractor
    from kg.ingest import read_articles

    extractor = Extractor()

    def mine():  # type: ignore[no-untyped-def]
        # Reuters-21578 has a few malformed dates ('31-MAR-198'): read those articles undated
        for index, article in enumerate(read_articles(inputs, bad_dates="drop")):
            if limit is not None and index >= limit:
                return
            if index % jobs == shard:
                yield article

    results: Extracted = []
    tokens = 0
    started = time.perf_counter()
    for article, statements in extractor.pipe(mine()):
        tokens += len(article.text.split())
        results.append((article, statements, actors_for(statements, extractor.kb)))
    seconds = time.perf_counter() - started
    with open(out, "wb") as handle:
        pickle.dump(
            {
                "results": results,
                "seconds": seconds,
                "words": tokens,
                "software": extractor.software_version,
                "config": extractor.config.digest(),
                "model": extractor.config.model,
            },
            handle,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    return out


def extract(inputs: list[str], *, limit: int | None, jobs: int, cache: Path) -> dict[str, Any]:
    """Extract (or read from ``cache``) the statements of ``inputs``, in ``jobs`` processes."""
    key = hashlib.sha256(json.dumps([inputs, limit, jobs]).encode()).hexdigest()[:12]
    cache.mkdir(parents=True, exist_ok=True)
    shards = [cache / f"extract-{key}-{i}of{jobs}.pickle" for i in range(jobs)]
    missing = [i for i, path in enumerate(shards) if not path.is_file()]
    wall = 0.0
    if missing:
        print(f"extracting {len(missing)} shard(s) in {len(missing)} process(es) …", flush=True)
        started = time.perf_counter()
        context = multiprocessing.get_context("spawn")
        with context.Pool(len(missing)) as pool:
            pool.map(_extract_shard, [(inputs, i, jobs, limit, str(shards[i])) for i in missing])
        wall = time.perf_counter() - started
    results: Extracted = []
    seconds = words = 0.0
    meta: dict[str, Any] = {}
    for path in shards:
        with open(path, "rb") as handle:
            part = pickle.load(handle)
        results.extend(part["results"])
        seconds = max(seconds, part["seconds"])
        words += part["words"]
        meta = {k: part[k] for k in ("software", "config", "model")}
    results.sort(key=lambda r: r[0].doc_id)
    return {
        "results": results,
        "seconds": seconds,
        "wall": wall,
        "words": int(words),
        "cached": not missing,
        "jobs": jobs,
        **meta,
    }


# ---------------------------------------------------------------- loading


def build_store(results: Extracted, folder: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """The ``kg build`` write path: one :meth:`GraphStore.add_article` per article."""
    from kg.rdf.convert import ExtractorRun
    from kg.store import GraphStore

    run = ExtractorRun(meta["software"], meta["config"], meta["model"])
    gc.collect()
    started = time.perf_counter()
    with GraphStore.open(folder) as store:
        for article, statements, actors in results:
            store.add_article(article, statements, actors, run=run)
        seconds = time.perf_counter() - started
        stats = store.stats()
        buffer = io.BytesIO()
        store.dump("nq", buffer)
    return {"seconds": seconds, "stats": stats, "nquads": buffer.getvalue()}


def bulk_loads(nquads: bytes, scratch: Path) -> dict[str, float]:
    """Seconds to load the same N-Quads into pyoxigraph, on disk and in memory."""
    import pyoxigraph as ox

    seconds: dict[str, float] = {}
    gc.collect()
    started = time.perf_counter()
    disk = ox.Store(str(scratch / "bulk"))
    disk.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    disk.flush()
    seconds["oxigraph_disk_bulk"] = time.perf_counter() - started
    del disk
    gc.collect()
    memory = ox.Store()
    started = time.perf_counter()
    memory.load(nquads, format=ox.RdfFormat.N_QUADS)
    seconds["oxigraph_memory"] = time.perf_counter() - started
    del memory
    return seconds


def memory_copy(folder: Path) -> tuple[float, Any]:
    """Seconds to read the on-disk store into memory as analysts do, and that copy."""
    from kg.store import GraphStore

    gc.collect()
    started = time.perf_counter()
    copy = GraphStore.open(folder, in_memory=True)
    return time.perf_counter() - started, copy


def rdflib_load(nquads: bytes) -> tuple[float, Any]:
    """Seconds to parse the same N-Quads into a plain rdflib Dataset (union default graph)."""
    from rdflib import Dataset

    gc.collect()
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(data=nquads, format="nquads")
    return time.perf_counter() - started, dataset


# ---------------------------------------------------------------- queries


@dataclass
class Timed:
    name: str
    description: str
    params: dict[str, str] = field(default_factory=dict)
    disk: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)
    rdflib: list[float] = field(default_factory=list)
    rows: int = 0
    rdflib_rows: int | None = None
    rdflib_parse: float = 0.0
    typical: bool = False  # a query about an actor of the top ten, not the busiest

    @property
    def timed_out(self) -> bool:
        return self.rdflib_rows is not None and self.rdflib_rows < 0

    def speedup(self, engine: str = "disk") -> float:
        """rdflib's median time over Oxigraph's (a lower bound when rdflib timed out)."""
        return statistics.median(self.rdflib) / statistics.median(getattr(self, engine))


def _ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:,.1f} ({max(seconds) * 1000:,.1f})"


def _rdflib_ms(timed: Timed) -> str:
    ms = statistics.median(timed.rdflib) * 1000
    return f"> {ms:,.0f}" if timed.timed_out else f"{ms:,.0f}"


def _label_of(store: Any, iri: str) -> str:
    import pyoxigraph as ox

    rows = store.query("SELECT ?l WHERE { ?a rdfs:label ?l }", bindings={"a": ox.NamedNode(iri)}).rows
    return str(rows[0][0])


def _ranked(store: Any, rank: int) -> tuple[str, str, str]:
    """The label of the rank-th busiest actor and the labels of the rank-th busiest pair."""
    actor = (
        store.query(
            "SELECT ?a (COUNT(?st) AS ?n) WHERE { ?st a gkg:Statement ; rdf:subject|rdf:object ?a } "
            f"GROUP BY ?a ORDER BY DESC(?n) ?a OFFSET {rank - 1} LIMIT 1"
        )
        .terms[0][0]
        .value
    )
    pair = store.query(
        "SELECT ?s ?o (COUNT(?st) AS ?n) WHERE { ?st a gkg:Statement ; rdf:subject ?s ; "
        f"rdf:object ?o FILTER(?s != ?o) }} GROUP BY ?s ?o ORDER BY DESC(?n) ?s ?o "
        f"OFFSET {rank - 1} LIMIT 1"
    ).terms[0]
    return _label_of(store, actor), _label_of(store, pair[0].value), _label_of(store, pair[1].value)


def analyst_queries(store: Any) -> list[Timed]:
    """The five queries, with parameters chosen from the data (the busiest actor and pair),
    then the three about one actor again for the tenth busiest actor and pair."""
    actor, a, b = _ranked(store, 1)
    queries = [
        Timed("who-pressures-whom", "who pressures whom (PLOVER DEMAND), counted"),
        Timed("relations-of-actor", f"every statement of the busiest actor ({actor})", {"actor": actor}),
        Timed("dyad-history", f"history of the busiest pair ({a} / {b})", {"a": a, "b": b}),
        Timed("actor-degree", "degree of every actor (centrality input)"),
        Timed("actor-timeline", f"timeline of the busiest actor ({actor}), with headlines", {"actor": actor}),
    ]
    actor, a, b = _ranked(store, 10)
    queries += [
        Timed(
            "relations-of-actor", f"every statement of the 10th busiest actor ({actor})", {"actor": actor}, typical=True
        ),
        Timed("dyad-history", f"history of the 10th busiest pair ({a} / {b})", {"a": a, "b": b}, typical=True),
        Timed("actor-timeline", f"timeline of the 10th busiest actor ({actor})", {"actor": actor}, typical=True),
    ]
    return queries


def _rdflib_run(dataset: Any, text: str, bindings: dict[str, Any], timeout: float) -> tuple[float, int]:
    """Seconds and rows of one rdflib query, run in a forked child that is killed at ``timeout``.

    Returns ``(timeout, -1)`` when the query did not finish in time.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        gc.disable()  # as for Oxigraph: no collector pauses inside the timed call
        started = time.perf_counter()
        rows = list(dataset.query(text, initBindings=bindings))
        send.send((time.perf_counter() - started, len(rows)))

    process = context.Process(target=child, daemon=True)
    process.start()
    try:
        if receive.poll(timeout):
            return receive.recv()  # type: ignore[no-any-return]
        return timeout, -1
    finally:
        if process.is_alive():
            process.kill()
        process.join()


def _oxigraph_runs(store: Any, text: str, bindings: dict[str, Any], repeat: int) -> tuple[list[float], int]:
    """Seconds of ``repeat`` warm runs, with Python's cyclic collector paused as timeit does.

    (The rdflib Dataset in the same process holds millions of Python objects: a full collection
    in the middle of a query would add half a second that has nothing to do with Oxigraph.)
    """
    rows = len(store.query(text, bindings=bindings))  # warm-up
    seconds = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            result = store.query(text, bindings=bindings)
            seconds.append(time.perf_counter() - started)
            assert len(result) == rows
    finally:
        gc.enable()
    return seconds, rows


def time_oxigraph(disk: Any, memory: Any, *, repeat: int) -> list[Timed]:
    """Time the analyst queries on the on-disk and the in-memory Oxigraph store."""
    from kg.store.named_queries import named_queries

    timings = analyst_queries(disk)
    for timed in timings:
        query = named_queries()[timed.name]
        bindings = query.bind(timed.params)
        timed.disk, timed.rows = _oxigraph_runs(disk, query.text, bindings, repeat)
        timed.memory, rows = _oxigraph_runs(memory, query.text, bindings, repeat)
        assert rows == timed.rows
        print(f"  {timed.name:20} disk {_ms(timed.disk)} ms   memory {_ms(timed.memory)} ms   rows {rows}", flush=True)
    return timings


def oxigraph_session(folder: str, repeat: int) -> tuple[list[Timed], dict[str, float], float]:
    """Everything timed on Oxigraph, run in a fresh process that holds only the store, as
    ``kg query`` or a notebook does (a heap of millions of Python objects from extraction
    slows Oxigraph's many small allocations). Returns the query timings, the cost of one
    lookup on disk and in memory, and the seconds taken to copy the store into memory."""
    from kg.store import GraphStore

    copy_seconds, memory = memory_copy(Path(folder))
    with GraphStore.open(folder, read_only=True) as disk:
        timings = time_oxigraph(disk, memory, repeat=repeat)
        actor = next(t for t in timings if "actor" in t.params).params["actor"]
        seeks = {"disk": lookup_cost(disk, actor, repeat), "memory": lookup_cost(memory, actor, repeat)}
    memory.close()
    print("lookup cost: " + ", ".join(f"{k} {v:.1f} µs" for k, v in seeks.items()), flush=True)
    return timings, seeks, copy_seconds


def time_rdflib(timings: list[Timed], dataset: Any, *, repeat: int, timeout: float) -> None:
    """Time the same queries, with the same parameters, on rdflib's engine (fills ``timings``)."""
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    from kg.store.named_queries import named_queries

    for timed in timings:
        query = named_queries()[timed.name]
        bindings = {
            key: (rdflib.URIRef(term.value) if term.__class__.__name__ == "NamedNode" else rdflib.Literal(term.value))
            for key, term in query.bind(timed.params).items()
        }
        started = time.perf_counter()
        prepareQuery(query.standard_text)  # parsing and algebra only: no data involved
        timed.rdflib_parse = time.perf_counter() - started
        for _ in range(repeat):
            seconds, n_rows = _rdflib_run(dataset, query.standard_text, bindings, timeout)
            timed.rdflib.append(seconds)
            timed.rdflib_rows = n_rows
            if n_rows < 0:  # timed out: one run says enough
                break
        print(f"  {timed.name:20} rdflib {_rdflib_ms(timed)} ms ({timed.rdflib_rows} rows)", flush=True)


#: one index lookup per statement of an actor (Oxigraph joins ?st rdf:predicate row by row)
LOOKUP_QUERY = (
    "SELECT ?l (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?l . ?st rdf:subject|rdf:object ?a . "
    "?st rdf:predicate ?p } GROUP BY ?l"
)
#: the same statements without the per-row lookup
SCAN_QUERY = "SELECT ?l (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?l . ?st rdf:subject|rdf:object ?a } GROUP BY ?l"


def lookup_cost(store: Any, actor: str, repeat: int) -> float:
    """Microseconds one triple-pattern lookup (an index seek) costs in ``store``.

    Times :data:`LOOKUP_QUERY` and :data:`SCAN_QUERY` for the statements of ``actor`` (a label)
    and divides the difference of their medians by the number of statements.
    """
    bindings = {"l": actor}
    with_lookup, n = _oxigraph_runs(store, LOOKUP_QUERY, bindings, repeat)
    scan, _ = _oxigraph_runs(store, SCAN_QUERY, bindings, repeat)
    rows = int(store.query(SCAN_QUERY, bindings=bindings).terms[0][1].value)
    assert n == 1 and rows > 0
    return (statistics.median(with_lookup) - statistics.median(scan)) / rows * 1e6


# ---------------------------------------------------------------- report


def machine() -> dict[str, str]:
    def run(*args: str) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    memory = run("free", "-h").splitlines()
    total = memory[1].split()[1] if len(memory) > 1 else "?"
    import pyoxigraph
    import rdflib

    return {
        "cpu": cpu,
        "nproc": run("nproc"),
        "memory": total,
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        "os": platform.platform(terse=True),
    }


def _shown(path: str) -> str:
    """``../shared/corpus/…`` for a path under the shared folder, else the path."""
    resolved = Path(path).resolve()
    if resolved.is_relative_to(ROOT.parent):
        return "../" + str(resolved.relative_to(ROOT.parent))
    return path


def _row(t: Timed) -> str:
    """One table row of the query timings."""
    same = "" if t.rows == t.rdflib_rows or t.timed_out else f" (rdflib {t.rdflib_rows})"
    over = "> " if t.timed_out else ""
    return (
        f"| `{t.name}`: {t.description} | {t.rows:,}{same} | {_ms(t.disk)} | {_ms(t.memory)} | "
        f"{_rdflib_ms(t)} ({t.rdflib_parse * 1000:,.0f}) | {over}{t.speedup():,.0f}× / "
        f"{over}{t.speedup('memory'):,.0f}× |"
    )


def report(
    found: dict[str, Any],
    built: dict[str, Any],
    bulk: dict[str, float],
    timings: list[Timed],
    seeks: dict[str, float],
    *,
    inputs: list[str],
    limit: int | None,
    repeat: int,
    rdflib_repeat: int,
    timeout: float,
) -> str:
    info = machine()
    typical = [t for t in timings if t.typical]
    timings = [t for t in timings if not t.typical]
    stats = built["stats"]
    triples = stats["triples"]
    n_articles = len(found["results"])
    n_statements = sum(len(r[1]) for r in found["results"])
    fast = [t for t in timings if max(t.disk) <= 0.1]
    faster = [t for t in timings if t.speedup() >= 10]
    lines = [
        "## Store",
        "",
        f"Run {date.today().isoformat()} with `.venv/bin/python bench/bench_store.py"
        f"{f' --limit {limit}' if limit else ''}`. Machine: {info['cpu']}, {info['nproc']} CPUs "
        f"(`nproc`), {info['memory']} RAM (`free -h`), {info['os']}; Python {info['python']}, "
        f"pyoxigraph {info['pyoxigraph']}, rdflib {info['rdflib']}.",
        "",
        "Data: "
        + " + ".join(f"`{_shown(i)}`" for i in inputs)
        + f": {n_articles:,} articles{' (the first ' + str(limit) + ')' if limit else ''}, "
        f"{found['words']:,} words, all extracted with the real pipeline ({found['software']}) "
        f"in {found['seconds'] / 60:.1f} min ({found['jobs']} process(es)): {n_statements:,} "
        f"statements (Reuters 1987 is mostly economic news; few sentences relate two actors). "
        f"Store: {stats['articles']:,} article graphs (identical texts share one), "
        f"{stats['actors']:,} actors, "
        f"{stats['statements']:,} statement nodes, {triples:,} quads (ontology and actor graphs "
        "included).",
        "",
        "### Load rate",
        "",
        "| path | seconds | quads/s |",
        "|---|---:|---:|",
        f"| `kg build` write path: `GraphStore.add_article` per article, on disk (one transaction "
        f"per article, conversion to RDF and actor upserts included) | {built['seconds']:.1f} | "
        f"{triples / built['seconds']:,.0f} |",
        f"| pyoxigraph `bulk_load` of the N-Quads dump, on disk | {bulk['oxigraph_disk_bulk']:.1f} | "
        f"{triples / bulk['oxigraph_disk_bulk']:,.0f} |",
        f"| pyoxigraph `load` of the N-Quads dump, in memory | {bulk['oxigraph_memory']:.1f} | "
        f"{triples / bulk['oxigraph_memory']:,.0f} |",
        f"| the on-disk store read into memory (`GraphStore.open(folder, in_memory=True)`, what "
        f"the memory column below queries) | {bulk['oxigraph_copy']:.1f} | "
        f"{triples / bulk['oxigraph_copy']:,.0f} |",
        f"| rdflib `Dataset.parse` of the N-Quads dump, in memory | {bulk['rdflib_memory']:.1f} | "
        f"{triples / bulk['rdflib_memory']:,.0f} |",
        "",
        "### Analyst queries",
        "",
        f"The named queries of `kg/store/rq/` as shipped, union default graph in every engine. "
        f"Oxigraph through `GraphStore.query` (parsing, evaluation and conversion of the results "
        f"to Python included), on the on-disk store opened read-only as `kg query` does and on its "
        f"copy in memory (`in_memory=True`, for notebooks and scripts): median (max) of {repeat} warm runs. "
        f"rdflib {info['rdflib']}'s "
        f"own SPARQL engine on an in-memory `Dataset(default_union=True)` with `initBindings`, "
        "running each query's plain SPARQL 1.1 form over the union graph (`kg/store/rq/standard/`, "
        "the same rows; what SPARQL servers get) "
        f"(query parsing included): median of {rdflib_repeat} runs in forked processes, each stopped after "
        f'{timeout:.0f} s ("> T": did not finish). Both engines return the same number of rows '
        "wherever rdflib finished. Python's cyclic garbage collector is paused during every timed "
        "call (as `timeit` does). Oxigraph is timed in a fresh process that holds only the store, "
        "as `kg query` does (in the process that had extracted the corpus, its times were up "
        "to twice as long: its many small allocations compete with a heap of millions of Python "
        "objects). Speed-up: rdflib over Oxigraph on disk, and in memory.",
        "",
        "| query | rows | Oxigraph disk ms | Oxigraph memory ms | rdflib ms (parsing) | speed-up disk / memory |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [_row(t) for t in timings]
    fast_memory = [t for t in timings if max(t.memory) <= 0.1]
    faster_memory = [t for t in timings if t.speedup("memory") >= 10]
    lines += [
        "",
        f"Target (issue 5), every query at least 10× faster than rdflib and none over 100 ms. "
        f"On disk: {len(faster)} of {len(timings)} queries at least 10× faster, {len(fast)} of "
        f"{len(timings)} under 100 ms in every run. In memory: {len(faster_memory)} of "
        f"{len(timings)} at least 10× faster, {len(fast_memory)} of {len(timings)} under 100 ms in "
        f"every run. {'Met.' if len(faster) == len(fast) == len(timings) else 'Not met on disk.'}",
        "",
    ]
    lines += [
        "The same queries about one actor, for the tenth busiest actor and pair (what an analyst "
        "looks up most days; the busiest actor above is a fifth of all statements):",
        "",
        "| query | rows | Oxigraph disk ms | Oxigraph memory ms | rdflib ms (parsing) | speed-up disk / memory |",
        "|---|---:|---:|---:|---:|---:|",
        *[_row(t) for t in typical],
        "",
    ]
    ratios = [statistics.median(t.disk) / statistics.median(t.memory) for t in timings]
    lines += [
        "What the numbers say:",
        "",
        f"- One triple-pattern lookup (an index seek) costs about {seeks['disk']:.1f} µs on the "
        f"on-disk RocksDB store and {seeks['memory']:.1f} µs in memory here (measured on the "
        "statements of the busiest actor: `" + LOOKUP_QUERY + "` against the same query without "
        "`?st rdf:predicate ?p`). On disk, every long string or IRI that a query returns, sorts "
        "on or takes `STR()` of is one more read from the store (in memory, a hash-map lookup), "
        "and reading along one index is far cheaper than seeking. So the same engine is "
        f"{min(ratios):.1f} to {max(ratios):.1f}× slower on disk than in memory on these "
        "queries; one that fetches ten properties and three texts for each of a thousand "
        "statements spends about 100 ms on disk in these reads alone.",
        "- rdflib's times include parsing each query (the figure in parentheses); its evaluation "
        "is what takes the time.",
        "- How the named queries are written for Oxigraph 0.5 (docs/sparql-cookbook.md): "
        "selective patterns first (it mostly keeps the written order); the statements of an "
        "actor found in one `GRAPH ?article { … }` block and their properties read in a second "
        "one, so each lookup stays in one article's index range and the article is the graph's "
        "name (20 to 45 % less on disk than over the union graph); optional values inside "
        "`LATERAL { OPTIONAL { … } }`, looked up per row, where a plain OPTIONAL read the "
        "property for every article in the store (about 25 ms for the headline even when a "
        "query has one row); `rdf:subject|rdf:object` instead of a UNION joined to the rest. "
        "`actor-degree`, which reads every statement, puts each pattern in a sub-select of its "
        "own (read once along its index, hash-joined in memory: 2 to 3× faster on disk than a "
        "lookup per statement and property), counts each statement for its subject and its "
        "object through `LATERAL` instead of joining twice, and orders by `SUBSTR(?label, 1, 12)` "
        "before `?label` (the same order with far fewer string reads on disk). SPARQL servers and "
        "rdflib get each query's standard SPARQL 1.1 form.",
        "- `GraphStore.query` converts literals to Python values only when `rows` is first read "
        "(`terms` are what the CLI formats); converting every row eagerly had cost as much as the "
        "query itself on the larger results.",
        "",
    ]
    return "\n".join(lines)


def write_section(path: Path, section: str, title: str = "## Store\n") -> None:
    """Replace the section ``title`` of ``path`` (or append it), keeping other sections."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    start = text.find(title)
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section.rstrip("\n") + "\n" + (text[end:] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


# ---------------------------------------------------------------- a built store (--store)
#
# Every named query on a store that ``kg build`` made (the full Reuters corpus), about its
# busiest actor, pair and source: Oxigraph on disk as ``kg query`` runs it (the first run in a
# fresh process, then warm runs), the same query as written in another source tree (--before),
# interleaved, and rdflib in memory on the standard SPARQL form.

#: the statements of each actor, as subject or object (the busiest actor is the first row)
BUSIEST_ACTOR = (
    "SELECT ?a (COUNT(?st) AS ?n) WHERE { ?st a gkg:Statement ; rdf:subject|rdf:object ?a } "
    "GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1"
)
BUSIEST_PAIR = (
    "SELECT ?s ?o (COUNT(?st) AS ?n) WHERE { ?st a gkg:Statement ; rdf:subject ?s ; rdf:object ?o "
    "FILTER(?s != ?o) } GROUP BY ?s ?o ORDER BY DESC(?n) ?s ?o LIMIT 1"
)
BUSIEST_SOURCE = (
    "SELECT ?a (COUNT(?st) AS ?n) WHERE { ?st gkg:attributedTo ?a } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1"
)


@dataclass
class NamedTimed:
    """One named query on a built store: Oxigraph before and after, and rdflib."""

    name: str
    params: dict[str, str]  # parameter -> actor IRI
    shown: str  # the parameters as labels, for the report
    rows: int = 0
    cold: float = 0.0
    warm: list[float] = field(default_factory=list)
    before_rows: int | None = None
    before_cold: float = 0.0
    before_warm: list[float] = field(default_factory=list)
    same_rows: bool | None = None
    rdflib: list[float] = field(default_factory=list)
    rdflib_rows: int | None = None


def busiest(store: Any) -> dict[str, str]:
    """The IRIs of the busiest actor (``actor``), pair (``a``, ``b``) and source (``source``)."""
    pair = store.query(BUSIEST_PAIR).terms[0]
    return {
        "actor": store.query(BUSIEST_ACTOR).terms[0][0].value,
        "a": pair[0].value,
        "b": pair[1].value,
        "source": store.query(BUSIEST_SOURCE).terms[0][0].value,
    }


def named_cases(store: Any) -> list[NamedTimed]:
    """Every named query, its required parameters bound to the busiest actor, pair or source."""
    from kg.store.named_queries import named_queries

    chosen = busiest(store)
    cases = []
    for name, query in sorted(named_queries().items()):
        params = {p: chosen[p] for p in query.required}
        shown = ", ".join(f"{p}={_label_of(store, iri)}" for p, iri in params.items())
        cases.append(NamedTimed(name, params, shown))
    return cases


def _query_text(tree: Path | None, name: str) -> str:
    """The Oxigraph text of named query ``name``: this tree's, or the one in ``tree``."""
    from kg.store.named_queries import named_queries

    if tree is None:
        return named_queries()[name].text
    return (tree / "kg" / "store" / "rq" / f"{name}.rq").read_text(encoding="utf-8")


def _first_run(folder: str, name: str, text: str, params: dict[str, str]) -> tuple[float, int]:
    """Seconds and rows of the first run of a query in this (fresh) process, store just opened."""
    from kg.store import GraphStore
    from kg.store.named_queries import named_queries

    bindings = named_queries()[name].bind(params)
    with GraphStore.open(folder, read_only=True) as store:
        started = time.perf_counter()
        rows = len(store.query(text, bindings=bindings))
        return time.perf_counter() - started, rows


def _warm_session(folder: str, cases: list[NamedTimed], before: Path | None, repeat: int) -> list[NamedTimed]:
    """Warm runs of every case in a fresh process, this tree's text and ``before``'s in turn
    (one warm-up each first; the cyclic collector paused as timeit does)."""
    from kg.store import GraphStore
    from kg.store.named_queries import named_queries

    with GraphStore.open(folder, read_only=True) as store:
        for case in cases:
            bindings = named_queries()[case.name].bind(case.params)
            texts = {"after": _query_text(None, case.name)}
            if before is not None:
                texts["before"] = _query_text(before, case.name)
            results = {version: store.query(text, bindings=bindings).terms for version, text in texts.items()}
            if before is not None:
                case.same_rows = results["after"] == results["before"]
            times: dict[str, list[float]] = {version: [] for version in texts}
            gc.collect()
            gc.disable()
            try:
                for _ in range(repeat):
                    for version, text in texts.items():
                        started = time.perf_counter()
                        store.query(text, bindings=bindings).terms  # noqa: B018 - the rows, as kg query reads them
                        times[version].append(time.perf_counter() - started)
            finally:
                gc.enable()
            case.warm, case.before_warm = times["after"], times.get("before", [])
    return cases


def time_named(folder: str, cases: list[NamedTimed], before: Path | None, repeat: int) -> None:
    """First runs (one fresh process each) and warm runs of every case on the on-disk store."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1, maxtasksperchild=1) as pool:
        for case in cases:
            case.cold, case.rows = pool.apply(
                _first_run, (folder, case.name, _query_text(None, case.name), case.params)
            )
            if before is not None:
                case.before_cold, case.before_rows = pool.apply(
                    _first_run, (folder, case.name, _query_text(before, case.name), case.params)
                )
    with context.Pool(1) as pool:
        timed = pool.apply(_warm_session, (folder, cases, before, repeat))
    for case, result in zip(cases, timed, strict=True):
        case.warm, case.before_warm, case.same_rows = result.warm, result.before_warm, result.same_rows
        print(
            f"  {case.name:22} rows {case.rows:>5}  cold {case.cold * 1000:7.1f} ms  warm {_mmm(case.warm)} ms"
            + (f"  before: cold {case.before_cold * 1000:.1f} warm {_mmm(case.before_warm)}" if before else ""),
            flush=True,
        )


def time_named_rdflib(cases: list[NamedTimed], dataset: Any, *, repeat: int, timeout: float) -> None:
    """rdflib on the standard SPARQL form of every case (fills ``rdflib`` and ``rdflib_rows``)."""
    import rdflib

    from kg.store.named_queries import named_queries

    for case in cases:
        query = named_queries()[case.name]
        bindings = {key: rdflib.URIRef(term.value) for key, term in query.bind(case.params).items()}
        for _ in range(repeat):
            seconds, rows = _rdflib_run(dataset, query.standard_text, bindings, timeout)
            case.rdflib.append(seconds)
            case.rdflib_rows = rows
            if rows < 0:
                break
        print(f"  {case.name:22} rdflib {_mmm(case.rdflib)} ms ({case.rdflib_rows} rows)", flush=True)


def _mmm(seconds: list[float]) -> str:
    """min / median / max in milliseconds."""
    if not seconds:
        return "–"
    return " / ".join(f"{v * 1000:,.1f}" for v in (min(seconds), statistics.median(seconds), max(seconds)))


def named_report(
    folder: str, stats: dict[str, int], cases: list[NamedTimed], *, before: Path | None, repeat: int, load: str
) -> str:
    """The ``## Queries on the full Reuters store`` section of bench/RESULTS.md."""
    info = machine()
    met = [c for c in cases if statistics.median(c.warm) <= 0.1 and _speedup(c) >= 10]
    lines = [
        f"## Queries on the full Reuters store ({date.today().isoformat()})",
        "",
        f"Run with `PYTHONPATH=. .venv/bin/python bench/bench_store.py --store {folder}"
        f"{' --before ' + str(before) if before else ''} --repeat {repeat}`. Machine: {info['cpu']}, "
        f"{info['nproc']} CPUs, {info['memory']} RAM; Python {info['python']}, pyoxigraph {info['pyoxigraph']}, "
        f"rdflib {info['rdflib']}. Load average (1 min) before / after: {load}.",
        "",
        f"Store: `kg build ../shared/corpus/reuters21578.jsonl --jobs 2`: {stats['articles']:,} article graphs, "
        f"{stats['actors']:,} actors, {stats['statements']:,} statements, {stats['triples']:,} quads. Every named "
        "query of `kg/store/rq/`, its parameters bound to the busiest actor (most statements as subject or "
        "object), pair and credited source, as IRIs (`kg query` resolves a name to its IRI first). "
        "Oxigraph on disk through `GraphStore.query`, rows read as `kg query` reads them: *first* is the "
        "first run in a fresh process that has just opened the store (its block cache empty; the files in "
        "the page cache), *warm* min / median / max of "
        f"{repeat} runs in one process, before and after interleaved. rdflib in memory: the same quads in a "
        "`Dataset(default_union=True)`, each query's standard SPARQL 1.1 form (`kg/store/rq/standard/`) "
        "with `initBindings`, min / median / max of runs in forked processes. Speed-up: rdflib's median "
        "over Oxigraph's warm median (after). Targets (issue 17): ≥ 10× rdflib and ≤ 100 ms.",
        "",
        "| query (parameters) | rows | before: first ms | before: warm ms | after: first ms | after: warm ms "
        "| rdflib ms | speed-up | targets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for c in cases:
        same = "" if c.same_rows in (None, True) else " (rows differ!)"
        rdflib_rows = "" if c.rdflib_rows in (None, c.rows) else f" (rdflib {c.rdflib_rows})"
        lines.append(
            f"| `{c.name}`{' (' + c.shown + ')' if c.shown else ''} | {c.rows:,}{rdflib_rows}{same} | "
            f"{c.before_cold * 1000:,.1f} | {_mmm(c.before_warm)} | {c.cold * 1000:,.1f} | {_mmm(c.warm)} | "
            f"{_mmm(c.rdflib)} | {_speedup(c):,.0f}× | {'met' if c in met else 'missed'} |"
        )
    lines += ["", f"{len(met)} of {len(cases)} named queries meet both targets.", ""]
    return "\n".join(lines)


def _speedup(case: NamedTimed) -> float:
    return statistics.median(case.rdflib) / statistics.median(case.warm)


def store_main(args: argparse.Namespace) -> None:
    """``--store DIR``: every named query on a built store (see the section notes above)."""
    import os

    from kg.store import GraphStore

    load = f"{os.getloadavg()[0]:.1f}"
    with GraphStore.open(args.store, read_only=True) as store:
        stats = store.stats()
        cases = named_cases(store)
        buffer = io.BytesIO()
        store.dump("nq", buffer)
    print(f"{stats}; busiest: " + "; ".join(f"{c.name}: {c.shown}" for c in cases if c.shown), flush=True)
    time_named(str(args.store), cases, args.before, args.repeat)
    seconds, dataset = rdflib_load(buffer.getvalue())
    print(f"rdflib parsed the store in {seconds:.1f} s", flush=True)
    time_named_rdflib(cases, dataset, repeat=args.rdflib_repeat, timeout=args.rdflib_timeout)
    load += f" / {os.getloadavg()[0]:.1f}"
    section = named_report(str(args.store), stats, cases, before=args.before, repeat=args.repeat, load=load)
    print()
    print(section)
    if args.results is not None:
        write_section(args.results, section, title="## Queries on the full Reuters store")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--reuters", default=str(SHARED / "reuters21578.jsonl"))
    parser.add_argument("--current-events", default=str(SHARED / "current_events"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="extraction cache folder")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per Oxigraph query")
    parser.add_argument("--rdflib-repeat", type=int, default=3, help="timed runs per rdflib query")
    parser.add_argument(
        "--rdflib-timeout", type=float, default=300.0, help="stop an rdflib query after this many seconds"
    )
    parser.add_argument("--results", type=Path, default=None, help="write the section to this file")
    parser.add_argument("--store", type=Path, default=None, help="time every named query on this built store")
    parser.add_argument("--before", type=Path, default=None, help="with --store: a source tree to compare with")
    args = parser.parse_args(argv)
    if args.store is not None:
        store_main(args)
        return

    inputs = [args.reuters, args.current_events]
    for path in inputs:
        if not Path(path).exists():
            raise SystemExit(f"{path} is missing; give --reuters and --current-events")
    found = extract(inputs, limit=args.limit, jobs=args.jobs, cache=args.cache)
    print(
        f"{len(found['results'])} articles, {sum(len(r[1]) for r in found['results'])} statements"
        f"{' (cached)' if found['cached'] else ''}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="geokg-bench-") as scratch:
        built = build_store(found["results"], Path(scratch) / "store", found)
        print(f"built {built['stats']} in {built['seconds']:.1f} s", flush=True)
        bulk = bulk_loads(built["nquads"], Path(scratch))
        # as with `kg query`, Oxigraph is timed in a process that holds only the store
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            timings, seeks, bulk["oxigraph_copy"] = pool.apply(
                oxigraph_session, (str(Path(scratch) / "store"), args.repeat)
            )
        bulk["rdflib_memory"], dataset = rdflib_load(built["nquads"])
        print("loads: " + ", ".join(f"{k} {v:.1f} s" for k, v in bulk.items()), flush=True)
        time_rdflib(timings, dataset, repeat=args.rdflib_repeat, timeout=args.rdflib_timeout)
    section = report(
        found,
        built,
        bulk,
        timings,
        seeks,
        inputs=inputs,
        limit=args.limit,
        repeat=args.repeat,
        rdflib_repeat=args.rdflib_repeat,
        timeout=args.rdflib_timeout,
    )
    print()
    print(section)
    if args.results is not None:
        write_section(args.results, section)
        print(f"wrote {args.results}")


if __name__ == "__main__":
    main()
