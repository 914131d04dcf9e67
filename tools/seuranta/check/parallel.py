"""Checking many files on every core: forked workers share the loaded tree and return findings.

Only where fork exists and the work is large enough to pay for the processes;
results come back in the order the names were given, so output is deterministic.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import select
import struct
import sys
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait
from typing import Any, NamedTuple

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


class Rounds(NamedTuple):
    """What `balanced()` runs in its workers, on pieces of its items.

    `load(piece)` reads a piece (without the cycle collector: it must make no reference cycle);
    `publish(loaded piece)` is what the other workers see of it, as bytes; `prepare(loaded pieces, the
    others' parts)` makes what checks; `check(checker, loaded piece)` gives a worker's own piece's results
    by name; `adopt(checker, piece loaded here again)` gives the results of another worker's piece, or None
    when the piece no longer reads as its owner read it (its owner then checks it)."""

    load: Callable[[list[Any]], Any]
    publish: Callable[[Any], bytes]
    prepare: Callable[[list[Any], list[bytes]], Any]
    check: Callable[[Any, Any], dict[str, Any]]
    adopt: Callable[[Any, Any], dict[str, Any] | None]


PIECE = 16  # items a worker takes at a time: small, so that the workers end together
SENT_EVERY = 8  # pieces whose results a worker sends at once: the parent wakes up less often
_ID = struct.Struct("<H")  # a piece's number in a queue (`_queue()`)
_MOST_PIECES = select.PIPE_BUF // _ID.size  # a queue is written at once, atomically


def pieces(items: list[Any]) -> list[list[Any]]:
    """The items in consecutive pieces of `PIECE` (larger when there would be too many for a queue)."""
    size = max(PIECE, -(-len(items) // _MOST_PIECES))
    return [items[at : at + size] for at in range(0, len(items), size)]


def balanced(
    items: list[Any], rounds: Rounds, *, count: int, combine: Callable[[list[bytes]], Any] | None = None
) -> tuple[Any, dict[str, Any]]:
    """`rounds` run over `items` by `count` forked workers that share the work as they go.

    First round: each worker loads whichever piece is next until none is left, so a worker slowed by
    the machine loads fewer, and writes each piece's published part on a board of its own (a file in
    memory) that the others read once the parent has passed on the parts' sizes; the parent reads them only for
    `combine(every part)`, while the workers check, and returns that (None without `combine`). Second round: each worker checks its own pieces, then loads
    again and checks the pieces the others have not reached yet. A piece that reads differently the
    second time goes back to its owner. Returns the combined parts and every piece's results by name."""
    context = multiprocessing.get_context("fork")
    split = pieces(items)
    loads = _queue(range(len(split)))
    queues = [os.pipe() for _ in range(count)]
    boards = [_board() for _ in range(count)]
    pipes = [context.Pipe() for _ in range(count)]
    ends = [end for pipe in pipes for end in pipe]
    procs = [
        context.Process(target=_worker, args=(_Place(me, loads, queues, ends, boards), split, rounds, child))
        for me, (_, child) in enumerate(pipes)
    ]
    done = False
    try:
        try:
            for proc in procs:
                proc.start()
        finally:  # the workers hold their ends: a worker that dies is an end of file here, not a wait
            for fd in (loads, *(end for queue in queues for end in queue)):
                os.close(fd)
            for _, child in pipes:
                child.close()
        conns = [parent for parent, _ in pipes]
        combined = _exchange(conns, boards, combine)
        results = _collected(conns)
        done = True
        return combined, results
    finally:
        for board in boards:
            os.close(board)
        for proc in procs:  # a worker that has said its last word ends by itself: multiprocessing reaps it later
            if not done and proc.pid is not None:
                proc.terminate()  # a worker still waiting for a failed one's part would wait for ever
                proc.join()


def _queue(ids: Iterable[int]) -> int:
    """A pipe holding the piece numbers `ids`, each taken by whichever process reads it first; its read end."""
    read, write = os.pipe()
    try:
        os.write(write, b"".join(_ID.pack(at) for at in ids))
    finally:
        os.close(write)
    return read


def _taken(queue: int) -> Iterator[int]:
    """The piece numbers this process takes from a queue until it is empty (a number is taken by one process)."""
    while got := os.read(queue, _ID.size):
        yield _ID.unpack(got)[0]


def _exchange(conns: list[Any], boards: list[int], combine: Callable[[list[bytes]], Any] | None) -> Any:
    """The sizes of every worker's published parts (on its board) passed on to every worker; `combine` of them."""
    sizes = [pickle.loads(_received(conn)) for conn in conns]
    for conn in conns:
        _forward(conn, pickle.dumps(sizes))
    return (
        combine([p for board, its in zip(boards, sizes, strict=True) for p in _parts(board, its)]) if combine else None
    )


def _board() -> int:
    """A file in memory that one worker writes and the others read (a plain unnamed file where there is none)."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("seuranta-part", os.MFD_CLOEXEC)
    import tempfile

    with tempfile.TemporaryFile() as file:
        return os.dup(file.fileno())


def _write(board: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    done = 0
    while done < len(data):
        done += os.pwrite(board, view[done:], offset + done)


def _parts(board: int, sizes: list[int]) -> list[bytes]:
    """The parts written on a board, one after the other, of these sizes."""
    data = _read(board, sum(sizes))
    parts = []
    start = 0
    for size in sizes:
        parts.append(data[start : start + size])
        start += size
    return parts


def _read(board: int, size: int) -> bytes:
    parts = []
    done = 0
    while done < size:
        got = os.pread(board, size - done, done)
        if not got:
            raise OSError("a worker's part ended short")
        parts.append(got)
        done += len(got)
    return b"".join(parts)


def _collected(conns: list[Any]) -> dict[str, Any]:
    """Every worker's results, read as they come (a piece's results, until the list of the pieces it gives
    back); then each piece given back is checked by its owner, and the workers end."""
    found: dict[str, Any] = {}
    returned: list[int] = []
    was = gc.isenabled()
    gc.disable()  # the results make no reference cycle
    try:
        waiting = list(conns)
        while waiting:
            for conn in wait(waiting):
                answer = pickle.loads(_received(conn))
                if isinstance(answer, dict):
                    found.update(answer)
                else:
                    returned += answer
                    waiting.remove(conn)
        for conn in conns:
            _forward(conn, pickle.dumps(returned))
        for conn in conns if returned else []:
            found.update(pickle.loads(_received(conn)))
    finally:
        if was:
            gc.freeze()  # counted among the long-lived objects: the next young collection does not walk them
            gc.unfreeze()
            gc.enable()
    return found


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


class _Place(NamedTuple):
    """A worker's number and the queues of pieces: every piece to load, and each worker's loaded ones."""

    me: int
    loads: int
    queues: list[tuple[int, int]]  # (read, write) ends
    ends: list[Any]  # every end of the parent's pipes to the workers
    boards: list[int]  # where each worker's published part is written


def _worker(place: _Place, split: list[list[Any]], rounds: Rounds, conn: Any) -> None:
    try:
        for end in place.ends:
            if end is not conn:  # only the parent holds another worker's end: its death is an end of file there
                end.close()
        for at, (_, write) in enumerate(place.queues):
            if at != place.me:
                os.close(write)
        gc.disable()  # the first round loads (it makes no reference cycle): no collector walking what it built
        mine, sizes = _first(place, split, rounds)
        own = place.queues[place.me][1]
        os.write(own, b"".join(_ID.pack(at) for at in mine))  # at most PIPE_BUF bytes: written at once
        os.close(own)
        conn.send_bytes(pickle.dumps(sizes))
        every = pickle.loads(conn.recv_bytes())
        checker = rounds.prepare(list(mine.values()), _others(place, every))  # their parts are not kept
        gc.enable()
        gc.freeze()  # what it built lives to the end: later collections leave it alone
        conn.send_bytes(pickle.dumps(_second(place, split, rounds, checker, mine, conn)))
        back = pickle.loads(conn.recv_bytes())
        if back:  # pieces another worker read differently: each owner checks its own
            conn.send_bytes(pickle.dumps(_own(rounds, checker, mine, [at for at in back if at in mine])))
    except Exception as err:  # said once by the parent, as any error of a run is, not as a worker's traceback
        conn.send_bytes(_FAILED)
        conn.send(f"{type(err).__name__}: {err}")
    finally:
        conn.close()
        _end()


def _others(place: _Place, sizes: list[list[int]]) -> list[bytes]:
    """The parts the other workers published, read from their boards (`sizes`: every worker's parts' sizes)."""
    return [p for at, board in enumerate(place.boards) if at != place.me for p in _parts(board, sizes[at])]


def _end() -> None:
    """A worker's end once its last word is sent: what it built is not taken apart object by object (the
    system frees its memory at once), so the run need not wait for that."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(0)


def _first(place: _Place, split: list[list[Any]], rounds: Rounds) -> tuple[dict[int, Any], list[int]]:
    """The first round in a worker: the pieces it takes from the queue, loaded, each one's published part
    written on its board as it goes; with the parts' sizes."""
    mine: dict[int, Any] = {}
    sizes: list[int] = []
    written = 0
    for at in _taken(place.loads):
        mine[at] = loaded = rounds.load(split[at])
        part = rounds.publish(loaded)
        _write(place.boards[place.me], part, written)
        written += len(part)
        sizes.append(len(part))
    return mine, sizes


def _second(
    place: _Place, split: list[list[Any]], rounds: Rounds, checker: Any, mine: dict[int, Any], conn: Any
) -> list[int]:
    """The second round in a worker: its own pieces as it takes them from its queue, then the pieces it takes
    from the others' queues, loaded again here. The results are sent every few pieces, as they are found (the
    parent reads them meanwhile); returns the pieces it gives back to their owners."""
    returned: list[int] = []
    found: dict[str, Any] = {}
    held = 0
    for turn in _turns(place.me, len(place.queues)):
        for at in _taken(place.queues[turn][0]):
            if turn == place.me:
                found.update(rounds.check(checker, mine[at]))
            else:
                gc.disable()
                try:
                    loaded = rounds.load(split[at])
                finally:
                    gc.enable()
                adopted = rounds.adopt(checker, loaded)
                if adopted is None:
                    returned.append(at)
                    continue
                found.update(adopted)
            held += 1
            if held == SENT_EVERY:
                if found:
                    conn.send_bytes(pickle.dumps(found))
                found, held = {}, 0
    if found:
        conn.send_bytes(pickle.dumps(found))
    return returned


def _turns(me: int, count: int) -> list[int]:
    """The queues a worker takes pieces from, in order: its own, then each other worker's."""
    return [(me + step) % count for step in range(count)]


def _own(rounds: Rounds, checker: Any, mine: dict[int, Any], back: list[int]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for at in back:
        found.update(rounds.check(checker, mine[at]))
    return found


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
