"""Checking many files on every core: forked workers share the loaded tree and return findings.

Only where fork exists and the work is large enough to pay for the processes;
results come back in the order the names were given, so output is deterministic.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable
from typing import Any

MIN_FILES = 400
CHUNKS_PER_WORKER = 4
_WORK: list[Callable[[Any], Any]] = []


def _run(names: list[Any]) -> list[Any]:
    return [_WORK[0](name) for name in names]


def _acyclic_run(names: list[Any]) -> list[Any]:
    """`_run` for work that makes no reference cycle (loading): the collector, which would walk every value
    built so far again and again, is left off while it runs."""
    gc.disable()
    try:
        return _run(names)
    finally:
        gc.enable()


def workers() -> int:
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)


def worth(files: int) -> bool:
    """Whether forking workers pays for this many files on this machine."""
    return workers() > 1 and files >= MIN_FILES and fork_available()


def map_names(work: Callable[[Any], Any], names: list[Any], *, acyclic: bool = False) -> list[Any]:
    """`[work(n) for n in names]`, spread over forked processes when that pays; `acyclic` work makes no
    reference cycle, so the workers run it without the cycle collector."""
    count = workers()
    if not worth(len(names)):
        return [work(name) for name in names]
    # Several chunks per worker: the results of one are read back here while the workers go on with the next.
    pieces = count * CHUNKS_PER_WORKER
    chunks = [names[i::pieces] for i in range(pieces)]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _WORK[:] = [work]
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(pool.map(_acyclic_run if acyclic else _run, chunks))
    except BrokenProcessPool as err:  # a worker ended from outside (a signal, out of memory): not a wait for ever
        raise WorkerFailed("a worker process ended without its results") from err
    finally:
        _WORK.clear()
    results: list[Any] = [None] * len(names)
    for offset, part in enumerate(parts):
        results[offset::pieces] = part
    return results


def spread(items: list[Any], count: int) -> list[list[Any]]:
    return [items[i::count] for i in range(count)]


def two_rounds(
    chunks: list[list[Any]],
    *,
    first: Callable[[list[Any]], Any],
    second: Callable[[Any, list[Any]], Any],
    combine: Callable[[list[Any]], Any] | None = None,
) -> tuple[Any, list[Any]]:
    """Run `first(chunk)` in one forked worker per chunk, hand every worker the others' public parts (their
    `public` attribute, or the whole first result), and collect `second(own first, the others' public
    parts)`: workers keep what they built in the first round. The parent passes each public part on as the
    bytes it came in, unread; it reads them only for `combine(every public part)`, while the workers check,
    and returns that (None without `combine`). The first round loads: it must make no reference cycle, for
    it runs without the cycle collector."""
    context = multiprocessing.get_context("fork")
    pipes = [context.Pipe() for _ in chunks]
    procs = [
        context.Process(target=_worker, args=(chunk, child, first, second, len(chunks) - 1))
        for chunk, (_, child) in zip(chunks, pipes, strict=False)
    ]
    for proc in procs:
        proc.start()
    for _, child in pipes:
        child.close()  # the workers hold their ends: a worker that dies is an end of file here, not a wait
    done = False
    try:
        publics = [_received(parent) for parent, _ in pipes]
        for at, (parent, _) in enumerate(pipes):
            for other, public in enumerate(publics):
                if other != at:
                    _forward(parent, public)
        combined = combine([pickle.loads(public) for public in publics]) if combine is not None else None
        del publics
        results = [pickle.loads(_received(parent)) for parent, _ in pipes]
        done = True
        return combined, results
    finally:
        for proc in procs:
            if not done:
                proc.terminate()  # a worker still waiting for a failed one's part would wait for ever
            proc.join()


class WorkerFailed(Exception):
    """A worker ended without its results: the error it raised, or that it was ended from outside."""


_FAILED = b""  # what a failing worker sends first (a pickled object is never empty), then its error's words


def _received(conn: Any) -> bytes:
    """A worker's next message as bytes; `WorkerFailed` when it failed or ended without sending it."""
    try:
        got: bytes = conn.recv_bytes()
        if got == _FAILED:
            raise WorkerFailed(conn.recv())
    except (EOFError, OSError) as err:
        raise WorkerFailed("a worker process ended without its results") from err
    return got


def _forward(conn: Any, public: bytes) -> None:
    try:
        conn.send_bytes(public)
    except OSError as err:
        raise WorkerFailed("a worker process ended without its results") from err


def _worker(
    chunk: list[Any],
    conn: Any,
    first: Callable[[list[Any]], Any],
    second: Callable[[Any, list[Any]], Any],
    others: int,
) -> None:
    try:
        gc.disable()  # the first round loads (it makes no reference cycle): no collector walking what it built
        mine = first(chunk)
        gc.enable()
        gc.freeze()  # what it built lives to the end: later collections leave it alone
        conn.send(_public(mine))
        conn.send(second(mine, [conn.recv() for _ in range(others)]))
    except Exception as err:  # said once by the parent, as any error of a run is, not as a worker's traceback
        conn.send_bytes(_FAILED)
        conn.send(f"{type(err).__name__}: {err}")
    finally:
        conn.close()


def _public(mine: Any) -> Any:
    """What a worker's first round sends back: its `public` part when it has one."""
    return mine.public if hasattr(mine, "public") else mine


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
