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
    problems = [p for p in intake.problems if p.code not in skip]
    errors = sum(p.is_error for p in problems)
    console.print(msg.CHECK_SUMMARY.format(files=len(intake.files), ok=len(intake.accepted),
                                           rejected=len(intake.rejected), errors=errors,
                                           warnings=len(problems) - errors))
    hidden = len(intake.problems) - len(problems)
    if hidden:
        console.print(msg.CHECK_SKIPPED.format(n=hidden, codes=", ".join(sorted(skip))))


def shown_name(path) -> str:
    """The file's name, or for a file inside a .zip archive 'archive.zip/inner/name.xlsx'."""
    from pathlib import Path
    path = Path(path)
    for parent in path.parents:
        if parent.suffix.lower() == ".zip":
            return f"{parent.name}/{path.relative_to(parent).as_posix()}"
    return path.name
