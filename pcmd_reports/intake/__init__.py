"""Read returned forms: one file into a Submission plus Problems, never a traceback.

A file is identified by its `_meta` sheet, not its name, and read by defined names,
never by row position. Values come from python-calamine (fast); defined names, sheet
files and the few facts calamine hides (formula errors, formulas without a cached value)
come from a small, guarded parse of the workbook's XML.

The package: `model` (what reading gives), `readers` (the formats, one registry),
`rules` (numbers, dates, text and the checks of each cell), `files` (folders and .zip
archives), `pool` (child and helper processes). The public names are all here.
"""
from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Literal, overload

from .. import messages as msg
from ..plan import Period, Plan
from ..problem_codes import ProblemCode as Code
from ..problems import Problem
from ..safetext import safe_path
from .files import (MAX_FILE_BYTES, NOT_A_FORM_SUFFIXES, _digest, _load, _stat, find_files, find_open_marks,
                    find_other_files)
from .model import (AcceptedFile, Difficulty, FileFacts, FileResult, Figure, HotspotReport, Intake, NewHotspot,
                    Recommendation, RejectedFile, Submission, TaskResult, _NeedsChild, _Rejected, inside)
from .pool import PARALLEL_FROM, _read_in_child, _read_parallel, call, default_workers, helpers
from .readers import FORMATS, SPREADSHEET_SUFFIXES, Format, _open_book, _sniff
from .rules import (MAX_COUNT, MAX_MONEY, _attribute_by_name, _peer_warnings, _Reader, _supersede, clean_text, fold,
                    parse_count, parse_date, read_count, unit_from_name)

__all__ = ["MAX_COUNT", "MAX_FILE_BYTES", "MAX_MONEY", "NOT_A_FORM_SUFFIXES", "PARALLEL_FROM", "SPREADSHEET_SUFFIXES",
           "FORMATS", "Format", "AcceptedFile", "Difficulty", "FileFacts", "FileResult", "RejectedFile", "Figure", "HotspotReport", "Intake", "NewHotspot",
           "Recommendation", "Submission", "TaskResult", "call", "clean_text", "default_workers", "find_files",
           "find_open_marks", "find_other_files", "fold", "helpers", "inside", "parse_count", "parse_date", "read_count", "read_file",
           "read_folder", "unit_from_name"]


@overload
def read_file(path: str | Path, plan: Plan, period: Period | None = None, defer: Literal[False] = False) -> FileResult: ...


@overload
def read_file(path: str | Path, plan: Plan, period: Period | None = None, defer: bool = False) -> FileResult | None: ...


def read_file(path: str | Path, plan: Plan, period: Period | None = None, defer: bool = False) -> FileResult | None:
    """Read one returned workbook. Never raises for bad data: problems are in the result.

    A file that needs python-calamine (native code) is read in a child process of its own,
    so that a crash, a time or a memory overrun there costs that file only; with `defer`
    (in a helper process), None is returned instead, for the caller to do that.
    """
    try:
        return _read_file(path, plan, period)
    except _NeedsChild:
        return None if defer else _read_in_child(Path(path), plan, period)


def _read_file(path: str | Path, plan: Plan, period: Period | None = None) -> FileResult:
    path = Path(path)
    read_at = datetime.now().replace(microsecond=0)
    size, mtime = _stat(path)
    facts = FileFacts(path=path, size=size, sha256="", mtime=mtime, read_at=read_at)
    try:
        data = _load(path, size)
        facts.sha256 = hashlib.sha256(data).hexdigest()
        _sniff(path, data)
        book = _open_book(path, data)
        return AcceptedFile.of(facts, _Reader(book, plan, period, facts).read())
    except _Rejected as r:
        facts.problems.insert(0, Problem(file=safe_path(path), message=r.message, code=r.code, unit=facts.unit))
    except _NeedsChild:
        raise
    except Exception as e:  # a reader library choked on something we did not foresee
        facts.problems.insert(0, Problem(file=safe_path(path), message=msg.FILE_UNEXPECTED_ERROR.format(error=type(e).__name__),
                                         code=Code.UNREADABLE, unit=facts.unit))
    return RejectedFile.of(facts)


def _not_a_form(path: Path, plan: Plan) -> RejectedFile:
    size, mtime = _stat(path)
    now = datetime.now().replace(microsecond=0)
    return RejectedFile(path=path, size=size, sha256=_digest(path, size), read_at=now, mtime=mtime,
                        problems=[Problem(file=safe_path(path), code=Code.NOT_A_FORM,
                                          message=msg.FILE_NOT_A_FORM.format(ext=path.suffix.lower()))])


def read_folder(paths, plan: Plan, period: Period | None = None, on_file=None, workers: int | None = None,
                pool=None) -> Intake:
    """Read every returned workbook; one bad file never stops the others.

    Many files are read in parallel processes (`pool`, from `helpers`, or a pool of
    `workers` started here); results keep the sorted file order, so the outcome does not
    depend on which process finished first.
    """
    files = find_files(paths if isinstance(paths, (list, tuple)) else [paths])
    if len(files) > 1 and pool is not None:  # helpers already started: any share of the work helps
        results = _read_parallel(files, period, on_file, pool)
    elif len(files) >= PARALLEL_FROM and (workers if workers is not None else default_workers()) > 1:
        with helpers(plan, workers) as own:
            results = _read_parallel(files, period, on_file, own)
    else:
        results = []
        for f in files:
            results.append(read_file(f, plan, period))
            if on_file:
                on_file(f)
    others = find_other_files(paths if isinstance(paths, (list, tuple)) else [paths])
    if others:
        results = sorted(results + [_not_a_form(f, plan) for f in others], key=lambda r: str(r.path))
    _attribute_by_name(results, plan)
    _supersede(results)
    _peer_warnings(results, plan)
    return Intake(files=results)
