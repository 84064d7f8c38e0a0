"""Render an Intake (files read, problems found) for the console and as JSON."""
from __future__ import annotations

from . import messages as msg
from .problem_codes import ProblemCode as Code
from .problems import SEVERITY_VI
from .safetext import safe_path

SCHEMA_VERSION = 1  # of the JSON of `pcmd check --json`


def sent_wrong_format(u) -> bool:
    """A unit whose only files are not forms (a Word letter, a PDF, a photo): it sent something, not the form."""
    return u.status == "rejected" and u.file is not None and any(p.code == Code.NOT_A_FORM for p in u.file.problems)


def unit_status_label(u) -> str:
    """'Đã báo cáo', 'Chưa báo cáo', 'Gửi tệp lỗi' or 'Gửi sai định dạng' for a unit of a consolidation."""
    return msg.UNIT_STATUS_WRONG_FORMAT if sent_wrong_format(u) else msg.UNIT_STATUS[u.status]


def file_status(f) -> str:
    if f.rejected:
        return "rejected"
    return "superseded" if f.superseded_by else "accepted"


def check_json(intake, skip=frozenset()) -> dict:
    return {"schema_version": SCHEMA_VERSION, "files": [{
        "file": str(f.path), "unit": f.unit or None,
        "status": file_status(f), "sha256": f.sha256,
        "problems": [p.to_dict() for p in f.problems if p.code not in skip],
    } for f in intake.files]}


def print_check(intake, plan, console, skip=frozenset()) -> None:
    """Each file with its problems; those whose code is in `skip` (`pcmd check --skip`) are not shown."""
    from rich.table import Table

    for f in intake.files:
        unit = plan.unit(f.unit) if f.unit else None
        shown = [p for p in f.problems if p.code not in skip]
        errors = sum(p.is_error for p in shown)
        warnings = len(shown) - errors
        colour = "red" if errors else ("yellow" if warnings else "green")
        console.print(f"[bold {colour}]" + msg.CHECK_FILE_LINE.format(
            file=safe_path(shown_name(f.path)), unit=unit.display if unit else msg.UNIT_UNKNOWN_LABEL,
            status=msg.CHECK_STATUS[file_status(f)], errors=errors, warnings=warnings) + "[/]")
        if not shown:
            continue
        table = Table(show_header=True, header_style="bold", expand=False)
        for h in msg.CHECK_HEADERS:
            table.add_column(h, overflow="fold")
        for p in shown:
            table.add_row(SEVERITY_VI[p.severity], p.where, p.message, style="red" if p.is_error else "yellow")
        console.print(table)
        if any(p.code == Code.NO_META for p in shown):  # the unit's message says "the form the office sent": which
            console.print(msg.CHECK_NO_META_HINT.format(file=safe_path(shown_name(f.path)), period=hint_period(intake),
                                                        unit=f.unit or msg.CHECK_HINT_UNIT), markup=False)
    problems = [p for p in intake.problems if p.code not in skip]
    errors = sum(p.is_error for p in problems)
    console.print(msg.CHECK_SUMMARY.format(files=len(intake.files), ok=len(intake.accepted),
                                           rejected=len(intake.rejected), errors=errors,
                                           warnings=len(problems) - errors))
    hidden = len(intake.problems) - len(problems)
    if hidden:
        console.print(msg.CHECK_SKIPPED.format(n=hidden, codes=", ".join(sorted(skip))))


def hint_period(intake) -> str:
    """The period of the forms read (for a command the clerk can type), when they are of one period."""
    periods = {f.submission.period for f in intake.accepted}
    return periods.pop() if len(periods) == 1 else msg.CHECK_HINT_PERIOD


def shown_name(path) -> str:
    """The file's name, or for a file inside a .zip archive 'archive.zip/inner/name.xlsx'."""
    from pathlib import Path
    path = Path(path)
    for parent in path.parents:
        if parent.suffix.lower() == ".zip":
            return f"{parent.name}/{path.relative_to(parent).as_posix()}"
    return path.name


def units_lines(c) -> list[str]:
    """The summary of a consolidation's units for the console (`pcmd status`, `pcmd consolidate`),
    to print with its files line. The units line counts units. Where the rejected files of known
    units are not one per unit left with nothing else (a unit's resend rejected beside the file
    that counts, a unit that sent two bad files), its rejected count is named as units ("chỉ gửi
    tệp lỗi hoặc sai định dạng"), never as a number of files that the files line contradicts.
    Further lines name the rejected files the units line does not count: a resend beside a
    file that counts, a file of no known unit."""
    rejected_units = c.units_with("rejected")
    files = c.intake.rejected
    same = len([f for f in files if f.unit]) == len(rejected_units)
    counts = dict(expected=len(c.units), submitted=len(c.units_with("submitted")), missing=len(c.units_with("missing")),
                  rejected=len(rejected_units), late=len(c.late))
    lines = [(msg.CONSOLIDATE_UNITS_LINE if same else msg.UNITS_LINE_SPLIT).format(**counts)]
    counted = {f.submission.unit for f in c.intake.accepted}
    names = {u.unit.code: u.unit.display for u in c.units}
    beside = [f"{shown_name(f.path)} ({names.get(f.unit, f.unit)})" for f in files if f.unit and f.unit in counted]
    if beside:
        lines.append(msg.REJECTED_BESIDE_LINE.format(files=", ".join(beside)))
    unknown = [shown_name(f.path) for f in files if not f.unit]
    if unknown:
        lines.append(msg.REJECTED_NO_UNIT_LINE.format(files=", ".join(unknown)))
    return lines


def unit_error_notes(u, files) -> list[str]:
    """What `pcmd status` says of a unit's errors, each put to the file it is in: "2 lỗi trong tệp"
    for the file shown (or any file that counts), "tệp X bị từ chối (1 lỗi)" for a rejected
    resend beside it. `files`: the unit's files with errors (`Intake.files_with_errors`)."""
    own = sum(len(f.errors) for f in files if not f.rejected or f is u.file)
    notes = [msg.STATUS_ERRORS.format(n=own)] if own else []
    notes += [msg.STATUS_OTHER_FILE_REJECTED.format(file=shown_name(f.path), n=len(f.errors))
              for f in files if f.rejected and f is not u.file]
    return notes
