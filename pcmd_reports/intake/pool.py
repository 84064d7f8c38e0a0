"""Processes: a child process for each file python-calamine reads (whatever happens there
costs that file only), and the helper processes of a run, replaced when one dies."""
from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import cast

from .. import messages as msg
from ..plan import Period, Plan
from ..problem_codes import ProblemCode as Code
from ..problems import Problem
from ..safetext import safe_path
from . import readers
from .files import _digest, _stat
from .model import AcceptedFile, FileResult, RejectedFile
from .rules import _intern


CHILD_SECONDS = 60  # a form is read in well under a second
CHILD_MEMORY = 1024 * 1024 * 1024  # bytes a child may take on top of what it starts with


def _read_in_child(path: Path, plan: Plan, period: Period | None) -> FileResult:
    """read_file in a process of its own: whatever happens there (an exception, a native
    abort, more than CHILD_SECONDS or CHILD_MEMORY) costs this file only."""
    import multiprocessing

    ctx = multiprocessing.get_context()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child_read, args=(send, str(path), plan, period), daemon=True)
    child.start()
    send.close()
    reason = "died"
    try:
        if receive.poll(CHILD_SECONDS):
            outcome = receive.recv()  # EOFError when the child died before answering
            if isinstance(outcome, (AcceptedFile, RejectedFile)):
                outcome.path = path
                return outcome
            reason = outcome  # "memory"
        else:
            reason = "timeout"
    except (EOFError, OSError):
        pass
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    size, mtime = _stat(path)
    text = msg.FILE_CRASHED.format(reason=msg.CRASH_REASONS[reason].format(seconds=CHILD_SECONDS))
    now = datetime.now().replace(microsecond=0)
    return RejectedFile(path=path, size=size, sha256=_digest(path, size), read_at=now, mtime=mtime,
                        problems=[Problem(file=safe_path(path), message=text, code=Code.READER_CRASHED)])


def _child_read(send, path: str, plan: Plan, period: Period | None) -> None:
    from . import _read_file
    readers._ISOLATED["on"] = True
    _end_with_parent()
    try:
        import resource
        with open("/proc/self/statm") as fh:
            start = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (start + CHILD_MEMORY, resource.RLIM_INFINITY))
    except (ImportError, OSError, ValueError, AttributeError):
        pass  # not Linux: the time limit still holds
    outcome: FileResult | str
    try:
        outcome = _read_file(path, plan, period)
    except MemoryError:
        outcome = "memory"
    send.send(outcome)
    send.close()


def _end_with_parent() -> None:
    """In a helper or child process: exit when the process that started it is gone, however
    it ended (killed, crashed), instead of living on under another parent."""
    import threading
    import time
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


PARALLEL_FROM = 64  # below this many files, starting worker processes costs more than it saves


def default_workers() -> int:
    return min(os.cpu_count() or 1, 8)


@contextmanager
def helpers(plan: Plan, workers: int | None = None):
    """`workers` helper processes for one run (default: one per core), or None on a single core.

    They read returns (`read_folder(pool=...)`) and write outputs (`call`) while the main
    process does something else; each loads the plan once. They are started at once, before
    the caller starts any thread of its own: where processes are forked, a thread holding
    a lock at that moment would leave the copy of that lock held for good in the helper.
    """
    workers = workers if workers is not None else default_workers()
    if workers < 1 or (os.cpu_count() or 1) < 2:
        yield None
        return
    _WORKER_PLAN["plan"] = plan  # forked helpers find it already loaded; others load it from its file
    pool = _Helpers(plan, workers)
    try:
        yield pool
    finally:
        pool.shutdown()


class _Helpers:
    """A process pool that is replaced when one of its processes dies (BrokenProcessPool):
    what a helper was doing is lost, the pool is not."""

    def __init__(self, plan: Plan, workers: int):
        self.plan, self.workers = plan, workers
        self._start()

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor
        self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_worker_init,
                                        initargs=(str(self.plan.path),))
        self.pool.submit(int)  # starts the processes (all of them, where they are forked)

    def replace(self):
        self.pool.shutdown(wait=False, cancel_futures=True)
        self._start()

    def submit(self, fn, *args):
        from concurrent.futures.process import BrokenProcessPool
        try:
            return self.pool.submit(fn, *args)
        except BrokenProcessPool:
            self.replace()
            return self.pool.submit(fn, *args)

    def map(self, fn, *iterables, chunksize=1):
        return self.pool.map(fn, *iterables, chunksize=chunksize)

    def shutdown(self):
        self.pool.shutdown(wait=True, cancel_futures=True)


def call(module: str, function: str, *args):
    """module.function(*args), importing the module where it runs: a job for a helper
    process that does not make the main process import what only the helper needs."""
    from importlib import import_module
    return getattr(import_module(module), function)(*args)


_WORKER_PLAN: dict = {}


def _worker_init(plan_path: str) -> None:
    _end_with_parent()
    plan = _WORKER_PLAN.get("plan")
    if plan is None or str(plan.path) != plan_path:
        from ..plan import load_plan
        _WORKER_PLAN["plan"] = load_plan(plan_path)


def _worker_read(job: tuple[str, str | None]) -> FileResult | None:
    from . import read_file
    path, period_code = job
    plan = _WORKER_PLAN["plan"]
    return read_file(path, plan, plan.period(period_code) if period_code else None, defer=True)


def _read_parallel(files, period: Period | None, on_file, pool) -> list[FileResult]:
    """Helpers read the files; those that need a child process of their own (None from a
    helper) are read so afterwards, a few at a time. A helper that dies takes its share of
    the work with it: the pool is replaced and the files not yet read are read here."""
    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from . import read_file
    plan = pool.plan
    jobs = [(str(f), period.code if period else None) for f in files]
    results: list[FileResult | None] = []
    chunk = max(1, min(16, len(jobs) // (pool.workers * 8)))  # small chunks: no helper idles at the end
    try:
        for f, result in zip(files, pool.map(_worker_read, jobs, chunksize=chunk)):
            results.append(result)
            if on_file and result is not None:
                on_file(f)
    except BrokenProcessPool:
        if hasattr(pool, "replace"):
            pool.replace()
        for f in files[len(results):]:
            results.append(read_file(f, plan, period, defer=True))
            if on_file and results[-1] is not None:
                on_file(f)
    later = [k for k, r in enumerate(results) if r is None]
    if later:
        with ThreadPoolExecutor(max_workers=pool.workers) as threads:
            for k, result in zip(later, threads.map(lambda k: _read_in_child(files[k], plan, period), later)):
                results[k] = result
                if on_file:
                    on_file(files[k])
    for f, result in zip(files, results):
        assert result is not None  # every file is read by now
        result.path = f  # the same Path object the caller passed, not a copy
        for fig in (result.submission.figures.values() if isinstance(result, AcceptedFile) else ()):
            fig.name, fig.indicator, fig.sheet, fig.cell = (
                _intern(fig.name), _intern(fig.indicator), _intern(fig.sheet), _intern(fig.cell))
    return cast("list[FileResult]", results)
