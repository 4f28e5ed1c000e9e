"""Extraction on a Dask cluster: workers on other machines, statements back to one writer.

``kg build --dask tcp://scheduler:8786`` (or ``--dask local``) sends the articles to the
workers of a Dask scheduler in partitions; each worker process loads the pipeline once (the
first partition it gets loads it, later ones reuse it) and sends back the statements of
every article of the partition, and this process, the only one that writes the store,
receives them in input order. Only a bounded window of partitions is in flight at any time,
so memory does not grow with the size of the input, and the store is the same as a build in
one process. See ``docs/scaling.md`` for a deployment.

Every worker must have geokg, spaCy, the model and the actor files named by the
configuration at the same paths; a worker whose pipeline differs from this process's (another
geokg or spaCy version, other data files) stops the build with an error rather than write
statements the store would record under the wrong extractor run.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

from kg.errors import Errors, KGError
from kg.extract.config import ExtractConfig, software_version
from kg.types import Actor, Article, Statement

if TYPE_CHECKING:
    from distributed import Client, Future

    from kg.extract.pipeline import Extractor

Extracted = tuple[list[Statement], list[Actor]]  # an article's statements and actor descriptions

__all__ = ["CONNECT_SECONDS", "LOCAL", "WORKER_WAIT_SECONDS", "check_dask", "cluster_pipe"]

LOCAL = "local"
"""The ``--dask`` value that starts a cluster of worker processes on this machine."""
CONNECT_SECONDS = 5.0
"""How long to try to reach the scheduler before giving up."""
WORKER_WAIT_SECONDS = 30.0
"""How long to wait for a scheduler without workers to get its first one."""

# on a worker process: the loaded pipelines, by configuration, and the lock that lets one
# task at a time use them (spaCy pipelines are not made to be shared by threads, and threads
# would not make extraction faster anyway: run workers with one thread each)
_extractors: dict[ExtractConfig, tuple[Extractor, tuple[str, str]]] = {}
_lock = threading.Lock()


def _distributed() -> ModuleType:
    try:
        import distributed
    except ImportError:
        raise Errors.E002.error() from None
    return distributed


def check_dask(address: str, *, jobs: int | None = None) -> None:
    """Check, before anything is loaded, that ``--dask ADDRESS`` can work: Dask is installed,
    the address is ``local`` or a scheduler address, and ``--jobs`` is given only with ``local``.

    Raises
    ------
    kg.errors.KGError
        E002 (Dask is not installed), E178 (not an address), E179 (``--jobs`` with a scheduler).
    """
    _distributed()
    if address == LOCAL:
        return
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls", "ws", "wss"):
            parse_host_port(location)
    except (ValueError, TypeError) as exc:
        raise Errors.E178.error(address=address, detail=exc) from None
    if scheme not in ("tcp", "tls", "ws", "wss", "ucx", "inproc"):
        raise Errors.E178.error(address=address, detail=f"unknown scheme {scheme!r}")
    if jobs is not None:
        raise Errors.E179.error(address=address)


def _identity(config: ExtractConfig) -> tuple[str, str]:
    """What a worker's pipeline must match: the software versions and the config digest
    (together, the extractor run the statements are recorded under)."""
    return software_version(config), config.digest()


def _worker_name() -> str:
    from distributed import get_worker

    try:
        return str(get_worker().address)
    except ValueError:  # not on a worker (a task run in the client, in tests)
        return f"pid {os.getpid()}"


def _worker_extractor(config: ExtractConfig, expected: tuple[str, str]) -> Extractor:
    """The pipeline of this worker process for ``config``, loaded at its first use, checked
    at every use against the pipeline of the process that writes the store."""
    if config not in _extractors:
        from kg.extract.pipeline import Extractor

        extractor = Extractor(config)
        _extractors[config] = extractor, (extractor.software_version, config.digest())
    extractor, found = _extractors[config]
    if found != expected:
        raise Errors.E404.error(
            worker_software=found[0], worker_config=found[1], software=expected[0], config=expected[1]
        )
    return extractor


def _extract_partition(config: ExtractConfig, expected: tuple[str, str], articles: list[Article]) -> list[Extracted]:
    """On a worker: the statements and actor descriptions of each article of a partition, in order."""
    done: list[Extracted] = []
    with _lock:
        try:
            extractor = _worker_extractor(config, expected)
            for _article, statements, actors in extractor.pipe_with_actors(articles):
                done.append((statements, actors))
        except KGError as exc:
            raise type(exc)(exc.code, f"on Dask worker {_worker_name()}: {exc.message}") from None
        except Exception as exc:
            at = articles[min(len(done), len(articles) - 1)].doc_id
            raise Errors.E405.error(
                worker=_worker_name(), doc_id=at[:80], kind=type(exc).__name__, detail=exc
            ) from None
    return done


def _client(distributed: ModuleType, *args: Any, **kwargs: Any) -> Client:
    """A ``distributed.Client`` that leaves closing to the caller: a client that failed to
    connect would otherwise try again when collected, print a traceback at exit and wait."""

    class Quiet(distributed.Client):  # type: ignore[name-defined]
        def __del__(self) -> None:
            pass

    client: Client = Quiet(*args, set_as_default=False, **kwargs)
    return client


@contextlib.contextmanager
def _connect(address: str, workers: int | None) -> Iterator[Client]:
    """A client of the scheduler at ``address`` (or of a local cluster), closed at the end."""
    distributed = _distributed()
    check_dask(address)
    with contextlib.ExitStack() as stack:
        if address == LOCAL:
            cluster = distributed.LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",  # its HTTP server starts anyway: on a free port
                silence_logs=logging.ERROR,
            )
            stack.callback(cluster.close)
            client = _client(distributed, cluster)
        else:
            try:
                client = _client(distributed, address, timeout=CONNECT_SECONDS)
            except Exception as exc:  # unreachable, or something that does not speak Dask
                raise Errors.E406.error(address=address, detail=f"{type(exc).__name__}: {exc}") from None
        stack.callback(client.close)
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError:
            raise Errors.E407.error(address=address, wait=WORKER_WAIT_SECONDS) from None
        _check_workers(client)
        yield client


def _check_workers(client: Client, module: str = __name__) -> None:
    """Stop with E409 unless every worker can import ``module`` (this one): a worker that
    cannot would fail to read its first task and leave it waiting for ever."""
    import importlib.util

    try:
        found = client.run(importlib.util.find_spec, module)  # a standard function: every worker reads it
    except ImportError as exc:
        raise Errors.E409.error(detail=f"{type(exc).__name__}: {exc}") from None
    missing = sorted(worker for worker, spec in found.items() if spec is None)
    if missing:
        raise Errors.E409.error(detail=f"{', '.join(missing)}: no module named {module!r}")


def _result(future: Future, articles: list[Article], address: str) -> list[Extracted]:
    """The statements of a submitted partition, with the failures of the cluster as errors."""
    from distributed import CancelledError, KilledWorker

    first, last = articles[0].doc_id[:80], articles[-1].doc_id[:80]
    try:
        result: list[Extracted] = future.result()
    except KGError:
        raise
    except KilledWorker as exc:
        raise Errors.E408.error(first=first, last=last, detail=exc) from None
    except (CancelledError, OSError) as exc:
        raise Errors.E406.error(address=address, detail=f"{type(exc).__name__}: {exc}") from None
    return result


def cluster_pipe(
    config: ExtractConfig,
    articles: Iterable[Article],
    *,
    address: str,
    workers: int | None = None,
    partition: int = 32,
) -> Iterator[tuple[Article, list[Statement], list[Actor]]]:
    """``(article, statements, actors)`` in input order, extracted by the workers of a Dask cluster
    (``actors``: the descriptions the article writes, :func:`kg.actors.context.actors_for`).

    Parameters
    ----------
    config : ExtractConfig
        The pipeline every worker loads (once per worker process); it must match the one of
        this process (same geokg and spaCy versions, same data files), else error E404.
    articles : iterable of Article
        Read lazily: at most two partitions per worker thread are out at any time.
    address : str
        A scheduler address (``tcp://host:8786``), or ``"local"`` for a cluster of worker
        processes on this machine, started here and stopped at the end.
    workers : int, optional
        The worker processes of a local cluster (default: one per core); a scheduler's
        workers are its own.
    partition : int, default 32
        Articles per task.

    Raises
    ------
    kg.errors.KGError
        E002 without Dask; E178, E406, E407 when the scheduler cannot be used; E408 when a
        worker died; an extraction error of a worker as itself (naming the worker), or E405.
    """
    stream = iter(articles)
    first = next(stream, None)
    if first is None:  # nothing to extract (every article already in the store): no cluster
        return
    stream = itertools.chain([first], stream)
    expected = _identity(config)
    with _connect(address, workers) as client:
        pending: deque[tuple[list[Article], Future]] = deque()
        while True:
            window = 2 * max(1, sum(client.nthreads().values()))  # workers may come and go
            while len(pending) < window and (chunk := list(itertools.islice(stream, partition))):
                pending.append((chunk, client.submit(_extract_partition, config, expected, chunk, pure=False)))
            if not pending:
                return
            chunk, future = pending.popleft()
            for article, (statements, actors) in zip(chunk, _result(future, chunk, address), strict=True):
                yield article, statements, actors
