"""The library: what `pcmd consolidate` does, callable from a notebook or another program.

    import pcmd_reports as pcmd
    plan = pcmd.load_plan()
    period = plan.period("2024-H1")
    result = pcmd.consolidate(plan, period, pcmd.read_returns("inputs", plan, period))
    outputs = pcmd.write_outputs(result, "outputs/2024-H1")

Every failure a user can act on is a `PcmdError` whose text is the Vietnamese message;
the command line only prints it. Output file names have one owner: `output_names`.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from . import messages as msg
from .vnformat import moment
from .consolidation import Consolidation
from .consolidation import consolidate as _consolidate
from .errors import PcmdError
from .intake import Intake
from .plan import Period, Plan, Unit, load_plan

if TYPE_CHECKING:
    from .rollup import Rollup

__all__ = ["load_plan", "read_returns", "consolidate", "roll_up", "write_outputs", "write_report", "load_saved",
           "diff_files", "close_period", "output_names", "helpers", "Outputs", "OutputNames", "PcmdError", "NoReturns",
           "PeriodClosed"]

SUMMARY_MODULE = "pcmd_reports.summary_xlsx"


class NoReturns(PcmdError):
    """The input folder holds no workbook to consolidate."""
    exit_code = 1


class InputMissing(PcmdError):
    """The input folder given does not exist (a wrong path on the command line)."""


class NotAParent(PcmdError):
    """A roll-up asked of a unit that no unit reports to."""


class PeriodClosed(PcmdError):
    """The period's outputs are closed (`pcmd close`): nothing writes over them unless reopened."""
    exit_code = 1


@dataclass(frozen=True)
class OutputNames:
    """Where a period's outputs go: the one place that names them."""
    folder: Path
    period: str

    @property
    def json(self) -> Path:
        return self.folder / f"TongHop_{self.period}.json"

    @property
    def summary(self) -> Path:
        return self.folder / f"TongHop_{self.period}.xlsx"

    @property
    def report(self) -> Path:
        return self.folder / f"BaoCao_{self.period}.docx"

    @property
    def pdf(self) -> Path:
        return self.report.with_suffix(".pdf")

    @property
    def lock(self) -> Path:
        return self.folder / f"KhoaSo_{self.period}.json"

    @property
    def reminders(self) -> Path:
        return self.folder / "don-doc"

    @property
    def reminder(self) -> Path:
        return self.reminders / f"CongVan_DonDoc_{self.period}.docx"

    def feedback(self, unit: str) -> Path:
        return self.reminders / f"PhanHoi_{unit}_{self.period}.xlsx"

    def reminder_files(self, folder: Path | None = None) -> list[Path]:
        """The reminder set of the period as it stands in `folder` (by default `reminders`): the
        letter, its PDF and every unit's feedback workbook; one run's set replaces all of them."""
        import re
        folder = Path(folder) if folder is not None else self.reminders
        if not folder.is_dir():
            return []
        letter = {self.reminder.name, self.reminder.with_suffix(".pdf").name}
        feedback = re.compile(r"PhanHoi_.+_" + re.escape(self.period) + r"\.xlsx")
        return sorted(p for p in folder.iterdir()
                      if p.is_file() and (p.name in letter or feedback.fullmatch(p.name)))

    def archive(self, closed_at: str) -> Path:
        """Where reopening a closed period keeps its closed set: `da-khoa_2024-06-20_10-11-12`,
        after the closing time of its lock (an ISO time, as `pcmd close` writes it)."""
        stamp = str(closed_at).replace("T", "_").replace(":", "-")
        return self.folder / f"da-khoa_{stamp}"

    def rollup(self, parent: Unit) -> Path:
        """The folder of a unit's own form filled from the returns of the units under it
        (named after the form: `tong-hop_020_huyen-thanh-tri`)."""
        from .forms import form_filename
        return self.folder / f"tong-hop_{Path(form_filename(parent)).stem}"

    @staticmethod
    def forms(period: str, under: Unit | None = None) -> Path:
        """Where `pcmd templates` writes a period's forms; the forms of the units under a unit
        in a sub-folder named after that unit's own form (`020_huyen-thanh-tri`)."""
        from .forms import form_filename
        base = Path("outputs") / "bieu-mau" / period
        return base / Path(form_filename(under)).stem if under else base

    @property
    def set(self) -> list[Path]:
        """The output set a run writes and a closed period freezes."""
        return [self.json, self.summary, self.report, self.pdf]

    @classmethod
    def beside(cls, saved: Path, period: str) -> "OutputNames":
        """The names of the set a saved consolidation (TongHop_<period>.json) belongs to."""
        return cls(Path(saved).parent, period)


def output_names(period: Period | str, out_dir: str | Path | None = None) -> OutputNames:
    code = period if isinstance(period, str) else period.code
    return OutputNames(Path(out_dir) if out_dir else Path("outputs") / code, code)


@contextmanager
def helpers(plan: Plan, workers: int | None = None):
    """Helper processes for one run, shared by `read_returns` and `write_outputs` (yields the
    pool, or None on one core). Start them before any thread of yours: where processes are
    forked, a lock held by a thread at that moment would stay held in the helpers. While
    they read, this process loads the workbook writer's library."""
    from .intake import helpers as _helpers
    with _helpers(plan, workers) as pool:
        if pool:
            threading.Thread(target=_preload, daemon=True).start()
        yield pool


def _preload() -> None:
    """The workbook writer and its template's look, loaded while the helpers read the returns."""
    import_module(SUMMARY_MODULE)
    from .summary_template import load
    try:
        load()
    except Exception:  # noqa: BLE001 - a broken template is reported when the workbook is written
        pass


def read_returns(paths, plan: Plan, period: Period | None = None, on_file=None, pool=None) -> Intake:
    """Every returned workbook under `paths` (files or folders), read and checked; one bad
    file never stops the others. Raises NoReturns when there is no workbook at all."""
    from .intake import find_files, find_other_files, read_folder

    paths = [Path(p) for p in (paths if isinstance(paths, (list, tuple)) else [paths])]
    for p in paths:
        if not p.exists():
            raise InputMissing(msg.CONSOLIDATE_INPUT_MISSING.format(path=p))
    if not find_files(paths):
        others = find_other_files(paths)
        raise NoReturns(msg.CONSOLIDATE_NOTHING.format(
            path=", ".join(map(str, paths)),
            others=msg.CONSOLIDATE_NOTHING_OTHERS.format(n=len(others)) if others else ""))
    return read_folder(paths, plan, period, on_file=on_file, pool=pool)


def consolidate(plan: Plan, period: Period, returns: Intake, as_of: date | None = None,
                under: str | None = None) -> Consolidation:
    """The returns against the plan's targets: totals, coverage, pace, hotspots, provenance;
    with `under` (a unit others report to), over the returns of the units under it."""
    return _consolidate(plan, period, returns, as_of=as_of, under=under)


def roll_up(plan: Plan, period: Period, paths, parent: str | Unit, out_dir: str | Path | None = None) -> Rollup:
    """The form of a unit that others report to (a district), filled from their returns under
    `paths` (and its own return among them, if there), ready to send on: the returns are read
    and totalled like the consolidator's (`consolidate(..., under=...)`), then written into
    the unit's own form in `out_dir` (by default `output_names(period).rollup(parent)`)."""
    from .rollup import rollup, write_rollup

    unit = plan.unit(parent) if isinstance(parent, str) else parent
    if unit is None or not plan.communes_of(unit.code):
        raise NotAParent(msg.NO_SUB_UNITS.format(code=parent if isinstance(parent, str) else parent.code))
    returns = read_returns(paths, plan, period)
    result = rollup(plan, period, unit, returns)
    if not result.reported:  # nothing to fill the form with: no form is written
        others = sorted({s.unit for s in returns.submissions} - {unit.code})
        raise NoReturns(msg.ROLLUP_NOTHING.format(
            unit=unit.display, period=period.name,
            found=msg.ROLLUP_NOTHING_FOUND.format(names=", ".join(plan.known_unit(c).name for c in others[:5])
                                                  + (", …" if len(others) > 5 else "")) if others else ""))
    write_rollup(plan, period, result, Path(out_dir) if out_dir else output_names(period).rollup(unit))
    return result


@dataclass
class Outputs:
    """What `write_outputs` wrote, and what the user should be told about it."""
    names: OutputNames
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Vietnamese lines: a period reopened, a PDF not made


def write_outputs(result: Consolidation, out_dir: str | Path | None = None, *, json_file: str | Path | None = None,
                  template: str | Path | None = None, number_text: str | None = None, pdf: bool = False,
                  compare_with: str | Path | None = None, reopen: bool = False, pool=None) -> Outputs:
    """The summary workbook, the JSON and the Word report (and its PDF) of a consolidation.

    One generation per run: the set is written into a staging folder and moved in together,
    under the folder's run lock; a closed period is never written over unless `reopen`.
    With helper processes (`pool`), one of them writes the JSON and the report while this
    process writes the workbook.
    """
    from .compare import apply, load_previous
    from .outputs import OutputSet
    from .report_json import to_json
    from .safetext import safe_data

    names = output_names(result.period, out_dir)
    done = Outputs(names=names)
    # the same period of an earlier year, its indicators that are this plan's (CompareProblem otherwise)
    previous = load_previous(compare_with, result.plan, result.period) if compare_with else None
    if json_file:
        guard_json_target(Path(json_file), names)
        guard_closed_target(Path(json_file))
    with OutputSet(names.folder) as staged:
        done.notes += _guard_closed(names, result, reopen)
        data = safe_data(to_json(result))  # one rule for text in every output (file names that are not UTF-8 too)
        if previous:
            apply(data, *previous)
        json_targets = [staged.path(names.json)] + ([staged.path(Path(json_file))] if json_file else [])
        job = (data, result.plan, json_targets, staged.path(names.report), template, number_text)
        from .intake import call
        reports = pool.submit(call, __name__, "_json_and_report", *job) if pool else None
        from .summary_xlsx import write_summary
        written = [write_summary(result, staged.path(names.summary), data["indicators"] if previous else None)]
        written += reports.result() if reports else _json_and_report(*job)
        if pdf:
            made, notes = pdf_copy(written[-1])
            written += made
            done.notes += notes
        done.files = staged.commit(written, obsolete=[names.pdf])  # no older PDF beside a newer report
    return done


def _write_json(data, target) -> None:
    import json

    from .atomic import atomic_path
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)  # streamed: no second copy in memory


def _json_and_report(data, plan, json_targets, report, template, number_text) -> list[Path]:
    """The JSON file(s) and the Word report; run by a helper process while the summary is written.
    A broken template raises TemplateProblem, for the caller to report."""
    from .report_docx import render_report
    for target in json_targets:
        _write_json(data, target)
    return json_targets + [render_report(data, plan, report, template=template, number_text=number_text)]


def write_report(data: dict, plan, out: Path, template: str | Path | None = None, number_text: str | None = None,
                 pdf: bool = False) -> tuple[list[Path], list[str]]:
    """The Word report of a saved consolidation (`pcmd report`), and its PDF with `pdf`, as one
    generation of its folder: an older PDF never stays beside the newer report. Returns the
    files written and Vietnamese notes (a PDF not made). A closed period's report is refused."""
    from .outputs import OutputSet
    from .report_docx import render_report

    out = Path(out)
    with OutputSet(out.parent) as staged:
        guard_closed_target(out)  # under the run lock: a `pcmd close` cannot slip in between
        made = [render_report(data, plan, staged.path(out), template=template, number_text=number_text)]
        notes: list[str] = []
        if pdf:
            pdfs, notes = pdf_copy(made[0])
            made += pdfs
        older = out.with_suffix(".pdf")
        had_pdf = older.exists()
        files = staged.commit(made, obsolete=[older])
        if had_pdf and older not in files:
            notes.append(msg.REPORT_PDF_REMOVED.format(path=older))
        return files, notes


def pdf_copy(report: Path) -> tuple[list[Path], list[str]]:
    from subprocess import CalledProcessError, TimeoutExpired

    from .pdf import to_pdf
    try:
        made = to_pdf(report)
    except (CalledProcessError, TimeoutExpired, OSError) as e:
        return [], [msg.PDF_FAILED.format(path=report, error=type(e).__name__)]
    return ([made], []) if made else ([], [msg.PDF_MISSING])


def _guard_closed(names: OutputNames, result: Consolidation, reopen: bool) -> list[str]:
    """A closed period is not overwritten. `reopen` first keeps the closed set as it was issued:
    its files, as the lock lists them, and the lock are copied into `names.archive(closed_at)`
    (the new set then replaces the files in the folder); the old lock is kept for the record
    under a name that no longer locks the period; then the run goes on."""
    from . import closing
    from .outputs import OutputFolderFailed
    lock = closing.read_lock(names.folder, names.period)
    if lock is None:
        return []
    changes = closing.input_changes(lock, [(str(f.path), f.sha256) for f in result.intake.files])
    detail = msg.CLOSED_CHANGED.format(changes=", ".join(changes)) if changes else msg.CLOSED_UNCHANGED
    if not reopen:
        raise PeriodClosed(msg.CLOSED_REFUSE.format(period=result.period.name, closed_at=moment(lock["closed_at"]),
                                                    lock=names.lock) + " " + detail)
    archived = closing.archive_closed(names.folder, names.period, lock)
    try:
        kept = closing.reopen(names.folder, names.period)
    except OSError as e:
        raise OutputFolderFailed(names.folder, e) from None
    note = msg.REOPENED_ARCHIVED.format(period=result.period.name, closed_at=moment(lock["closed_at"]),
                                        archive=archived.folder, files=", ".join(archived.files), old=kept)
    if archived.altered:
        note += " " + msg.REOPENED_ARCHIVE_ALTERED.format(changes=", ".join(archived.altered))
    return [note + " " + detail]


class JsonTargetRefused(PcmdError):
    """--json names a file it must not write over: a return, a workbook, this run's own output."""


def guard_json_target(target: Path, names: OutputNames) -> None:
    """The extra JSON copy goes only to a .json file that is not one of this run's outputs and is
    new or an earlier pcmd consolidation: never over a unit's return or the summary workbook."""
    import json
    if target.suffix.lower() != ".json":
        raise JsonTargetRefused(msg.JSON_TARGET_NOT_JSON.format(path=target))
    own = {p.resolve() for p in names.set}
    if target.resolve() in own:
        raise JsonTargetRefused(msg.JSON_TARGET_OWN.format(path=target))
    if target.exists():
        try:
            with open(target, encoding="utf-8") as fh:
                earlier = json.load(fh)
        except (OSError, ValueError):
            earlier = None
        if not (isinstance(earlier, dict) and "schema_version" in earlier and "indicators" in earlier):
            raise JsonTargetRefused(msg.JSON_TARGET_FOREIGN.format(path=target))


class NotComparable(PcmdError):
    """Two files `pcmd diff` cannot compare: missing, of two kinds, or a file that is not a return."""


def diff_files(old: str | Path, new: str | Path, plan: Plan) -> list:
    """What changed between two returns of one unit for one period (.xlsx, …), or between two
    consolidations of one period (.json): a list of `changes.Change`, cell by cell."""
    from .changes import (consolidation_changes, load_consolidation, same_consolidation, same_return,
                          submission_changes)
    from .intake import AcceptedFile, read_file

    paths = [Path(old), Path(new)]
    for p in paths:
        if not p.exists():
            raise NotComparable(msg.PATH_MISSING.format(path=p))
    kinds = {p.suffix.lower() == ".json" for p in paths}
    if len(kinds) != 1:
        raise NotComparable(msg.DIFF_KINDS)
    if kinds == {True}:
        a, b = (load_consolidation(p) for p in paths)
        same_consolidation(a, b, *paths)
        return consolidation_changes(a, b)
    subs = []
    for p in paths:
        r = read_file(p, plan)
        if not isinstance(r, AcceptedFile):
            raise NotComparable(msg.DIFF_UNREADABLE.format(file=p, reason=r.problems[0].message))
        subs.append(r.submission)
    same_return(subs[0], subs[1], plan)
    return submission_changes(subs[0], subs[1], plan)


class SavedUnreadable(PcmdError):
    """A saved consolidation (TongHop_<kỳ>.json) that is missing, not pcmd's, or of another plan."""


def load_saved(path: str | Path, plan: Plan) -> tuple[dict, Period]:
    """A consolidation saved as JSON by `write_outputs`, of this plan: its data and its period,
    to render the report again (`pcmd report`) without reading the returns."""
    import json
    path = Path(path)
    if not path.exists():
        raise SavedUnreadable(msg.REPORT_FROM_MISSING.format(path=path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        code = data["period"]
        other = data.get("plan")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as e:
        raise SavedUnreadable(msg.REPORT_FROM_BAD.format(path=path, error=e)) from None
    if isinstance(other, str) and other != plan.id:  # a consolidation of another plan: name the plan file to use
        found = _bundled_plan_file(other)
        raise SavedUnreadable(msg.REPORT_OTHER_PLAN.format(path=path, got=other, want=plan.id,
                                                           plan_file=found or msg.REPORT_PLAN_FILE_UNKNOWN))
    period = plan.period(code) if isinstance(code, str) else None
    if period is None:
        raise SavedUnreadable(msg.REPORT_FROM_BAD.format(path=path, error=code))
    return data, period


def _bundled_plan_file(plan_id: str) -> str:
    """The plan file that comes with pcmd whose [plan] id is `plan_id`, as a clerk would type it."""
    import os

    from .plan import DEFAULT_PLAN
    from .tomlfile import tomllib
    for f in sorted(DEFAULT_PLAN.parent.glob("*.toml")):
        try:
            if tomllib.loads(f.read_text(encoding="utf-8-sig")).get("plan", {}).get("id") == plan_id:
                try:
                    shorter = os.path.relpath(f)
                except ValueError:  # Windows: another drive
                    return str(f)
                return shorter if not shorter.startswith("..") else str(f)
        except (OSError, ValueError):
            continue
    return ""


class NeedsConsolidation(PcmdError):
    """A period is closed only after it has been consolidated."""


@dataclass
class Closed:
    """What `close_period` did: the lock, where it is, and whether this call wrote it."""
    names: OutputNames
    lock: dict
    path: Path
    new: bool


def close_period(period: Period, out_dir: str | Path | None = None) -> Closed:
    """Close a consolidated period (`pcmd close`): the lock records the SHA-256 of the set and of
    every input, and nothing writes over the set unless reopened. A period already closed is
    left as it is (`new` False)."""
    from . import closing
    names = output_names(period, out_dir)
    existing = closing.read_lock(names.folder, period.code)
    if existing:
        return Closed(names, existing, closing.lock_path(names.folder, period.code), new=False)
    if not names.json.is_file():
        raise NeedsConsolidation(msg.CLOSE_NEEDS_CONSOLIDATION.format(path=names.json, period=period.code))
    lock = closing.close(names.folder, period.code)  # under the folder's run lock
    return Closed(names, lock, closing.lock_path(names.folder, period.code), new=True)


def guard_closed_target(target: Path) -> None:
    """No option writes over a closed period's outputs (--json into a closed period's folder, say)."""
    from . import closing
    lock = closing.closed_lock_of(target.parent)
    if lock is not None:
        raise PeriodClosed(msg.CLOSED_TARGET.format(path=target, lock=lock))
