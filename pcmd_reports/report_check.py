"""Render an Intake (files read, problems found) for the console and as JSON."""
from __future__ import annotations

from . import messages as msg
from .problems import SEVERITY_VI
from .safetext import safe_path


def sent_wrong_format(u) -> bool:
    """A unit whose only files are not forms (a Word letter, a PDF, a photo): it sent something, not the form."""
    return u.status == "rejected" and u.file is not None and any(p.code == "not_a_form" for p in u.file.problems)


def unit_status_label(u) -> str:
    """'Đã báo cáo', 'Chưa báo cáo', 'Gửi tệp lỗi' or 'Gửi sai định dạng' for a unit of a consolidation."""
    return msg.UNIT_STATUS_WRONG_FORMAT if sent_wrong_format(u) else msg.UNIT_STATUS[u.status]


def file_status(f) -> str:
    if f.rejected:
        return "rejected"
    return "superseded" if f.superseded_by else "accepted"


def check_json(intake) -> dict:
    return {"files": [{
        "file": str(f.path), "unit": f.unit or None,
        "status": file_status(f), "sha256": f.sha256,
        "problems": [p.to_dict() for p in f.problems],
    } for f in intake.files]}


def print_check(intake, plan, console) -> None:
    from rich.table import Table

    for f in intake.files:
        unit = plan.unit(f.unit) if f.unit else None
        errors = sum(p.is_error for p in f.problems)
        warnings = len(f.problems) - errors
        colour = "red" if errors else ("yellow" if warnings else "green")
        console.print(f"[bold {colour}]" + msg.CHECK_FILE_LINE.format(
            file=safe_path(f.path.name), unit=unit.display if unit else msg.UNIT_UNKNOWN_LABEL,
            status=msg.CHECK_STATUS[file_status(f)], errors=errors, warnings=warnings) + "[/]")
        if not f.problems:
            continue
        table = Table(show_header=True, header_style="bold", expand=False)
        for h in msg.CHECK_HEADERS:
            table.add_column(h, overflow="fold")
        for p in f.problems:
            table.add_row(SEVERITY_VI[p.severity], p.where, p.message, style="red" if p.is_error else "yellow")
        console.print(table)
    problems = intake.problems
    errors = sum(p.is_error for p in problems)
    console.print(msg.CHECK_SUMMARY.format(files=len(intake.files), ok=len(intake.accepted),
                                           rejected=len(intake.rejected), errors=errors,
                                           warnings=len(problems) - errors))
