"""Chasing the missing: a reminder letter (công văn đôn đốc) and per-unit feedback on errors.

The reminder folder holds one generation (`write_reminders`): the letter, its PDF and the
feedback workbooks of one run move in together, and what an earlier run wrote that this one
does not (the feedback of a unit that has since fixed its file, a PDF not asked for again, a
letter when nobody is missing any more) goes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from . import messages as msg
from .atomic import atomic_path
from .consolidation import Consolidation
from .problems import SEVERITY_VI
from .report_check import sent_wrong_format, unit_status_label
from .report_docx import render, template_path
from .safetext import text_cell
from .vnformat import official_date, short_date
from .xlstyle import BORDER, HEAD_FILL, WRAP, font, print_setup

REMINDER_TEMPLATE = "cong_van_don_doc.docx"
LIST_ABOVE = 8  # more addressees than this: "Các đơn vị có tên tại danh sách kèm theo", listed once, attached


def addressees(c: Consolidation) -> list:
    """Units that have not reported, or whose only file was rejected, in plan order."""
    return [u for u in c.units if u.status in ("missing", "rejected")]


def _reporters(plan, period) -> str:
    """Who the plan asks to report the period, by level: "các Sở, ban, ngành, đoàn thể Thành phố và
    Ủy ban nhân dân các quận, huyện, thị xã"."""
    levels = {u.level for u in plan.expected_units(period)}
    parts = []
    for lv in plan.levels:
        if lv.code in levels:
            name = lv.name[:1].upper() + lv.name[1:]
            parts.append(msg.REMIND_REPORTERS_LOCAL.format(name=lv.name) if lv.local
                         else msg.REMIND_REPORTERS_OTHER.format(name=name))
    return msg.REMIND_REPORTERS_JOIN.join(parts)


def reminder_context(c: Consolidation, deadline: date, number_text: str | None = None) -> dict:
    plan, period = c.plan, c.period
    con, rep = plan.consolidator, plan.report
    units = addressees(c)
    missing = [u for u in units if u.status == "missing"]
    wrong_format = [u for u in units if sent_wrong_format(u)]
    rejected = [u for u in units if u.status == "rejected" and u not in wrong_format]
    plan_date = f"{plan.date.day:02d}/{plan.date.month:02d}/{plan.date.year}" if plan.date else "…"
    body = [msg.REMIND_OPENING.format(number=plan.number or "…", date=plan_date, issuer=plan.issuer_ref,
                                      subject=plan.subject, agency=con.agency, period=period.name,
                                      due=short_date(period.due), reporters=_reporters(plan, period))]
    if len(units) > LIST_ABOVE:  # named once, in the attached list
        body.append(msg.REMIND_MISSING_LISTED.format(as_of=short_date(c.as_of), n=len(units)))
    else:
        if missing:
            body.append(msg.REMIND_MISSING.format(as_of=short_date(c.as_of), names=", ".join(u.unit.display for u in missing)))
        if rejected:
            body.append(msg.REMIND_REJECTED.format(names=", ".join(u.unit.display for u in rejected)))
        if wrong_format:
            body.append(msg.REMIND_WRONG_FORMAT.format(names=", ".join(u.unit.display for u in wrong_format)))
    body.append(msg.REMIND_ASK.format(agency=con.agency, deadline=short_date(deadline), reported_to=rep.reported_to,
                                      office=con.office, address=con.address, email=con.email))
    n = len(units)
    many = n > LIST_ABOVE
    lines = ([msg.REMIND_LISTED] if many else
             [f"- {u.unit.display}{';' if i < n - 1 else '.'}" for i, u in enumerate(units)])
    return {
        "letterhead_parent": list(con.letterhead_parent),
        "letterhead_agency": list(con.letterhead_agency),
        "attached": [{"stt": str(i), "name": u.unit.display, "status": unit_status_label(u)}
                     for i, u in enumerate(units, start=1)] if many else [],
        "attached_title": msg.REMIND_LIST_TITLE.format(period=period.name).upper(),
        "doc_number": number_text or f"{msg.R_BLANK_NUMBER}/{con.letter_code}",
        "place": plan.place,
        "doc_date": official_date(c.as_of),
        "plan_short": msg.REMIND_PLAN_SHORT.format(number=plan.number or "…"),
        "period_name": period.name,
        "addressees": lines,
        "body": body,
        "recipients": ["- Như trên;", *[r for r in rep.recipients if r.startswith("- Lưu")]] or ["- Như trên;"],
        "signer_authority": rep.signer_authority,
        "signer_title": rep.signer_title,
        "signer_name": rep.signer_name,
    }


def write_reminder(c: Consolidation, out: Path, deadline: date | None = None, template: str | Path | None = None,
                   number_text: str | None = None) -> Path:
    deadline = deadline or max(c.as_of, c.period.due) + timedelta(days=3)
    context = reminder_context(c, deadline, number_text)
    return render(template_path(REMINDER_TEMPLATE, template), context, out)


@dataclass
class Reminders:
    """What `write_reminders` wrote, and what the clerk should be told about it."""
    addressed: int = 0  # units the letter is sent to (0: no letter)
    letter: Path | None = None
    pdf: Path | None = None
    feedback: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # files of an earlier run this one no longer makes
    notes: list[str] = field(default_factory=list)  # Vietnamese lines: a PDF not made


def write_reminders(c: Consolidation, out: Path, deadline: date | None = None, template: str | Path | None = None,
                    number_text: str | None = None, pdf: bool = False) -> Reminders:
    """The reminder letter (when a unit is to be chased), its PDF (with `pdf`) and the feedback
    workbooks, as one generation of the folder `out`, under its run lock."""
    from .api import output_names, pdf_copy
    from .outputs import OutputSet

    out = Path(out)
    names = output_names(c.period)
    done = Reminders()
    with OutputSet(out) as staged:
        before = names.reminder_files(out)
        made: list[Path] = []
        units = addressees(c)
        if units:
            made.append(write_reminder(c, staged.path(out / names.reminder.name), deadline, template, number_text))
            done.addressed = len(units)
            if pdf:
                pdfs, done.notes = pdf_copy(made[0])
                made += pdfs
        made += write_feedback(c, out, staged)
        files = staged.commit(made, obsolete=before)
    done.letter = next((f for f in files if f.suffix == ".docx"), None)
    done.pdf = next((f for f in files if f.suffix == ".pdf"), None)
    done.feedback = [f for f in files if f.suffix == ".xlsx"]
    done.removed = [f for f in before if f not in files]
    return done


def _feedback_intro(c: Consolidation, code: str, files: list) -> str:
    """What the unit is told above the list: whether anything of it was recorded."""
    accepted = [f for f in c.intake.accepted if f.submission.unit == code]
    rejected = [f for f in files if f.rejected]
    parts = []
    if any(not f.rejected for f in files):  # cells left out of a file that counts
        parts.append(msg.FEEDBACK_INTRO)
    if rejected:
        listed = ", ".join(f.path.name for f in rejected)
        parts.append(msg.FEEDBACK_INTRO_RESEND_REJECTED.format(files=listed, kept=", ".join(f.path.name for f in accepted))
                     if accepted else msg.FEEDBACK_INTRO_REJECTED.format(files=listed))
    return " ".join(parts)


def write_feedback(c: Consolidation, folder: Path, staged=None) -> list[Path]:
    """One short workbook per unit whose file had errors: what to fix, sheet and cell. With
    `staged` (an OutputSet), written into its staging folder for the set to move in together."""
    by_unit = c.intake.files_with_errors()
    written = []
    for unit in c.plan.units:
        files = by_unit.get(unit.code)
        if not files:
            continue
        wb = Workbook()
        ws = wb.active
        ws.title = msg.FEEDBACK_SHEET
        ws["A1"] = msg.FEEDBACK_TITLE.format(unit=unit.display, period=c.period.name)
        ws["A1"].font = font(bold=True, size=13)
        ws["A2"] = text_cell(_feedback_intro(c, unit.code, files))
        ws["A2"].data_type = "s"  # a file name that starts with '=' stays text
        ws["A2"].font = font(italic=True)
        ws["A2"].alignment = WRAP
        ws.merge_cells("A2:F2")
        ws.row_dimensions[2].height = 48
        for i, (h, w) in enumerate(zip(msg.FEEDBACK_HEADERS, (6, 34, 16, 10, 10, 80)), start=1):
            cell = ws.cell(row=4, column=i, value=h)
            cell.font = font(bold=True)
            cell.fill = HEAD_FILL
            cell.border = BORDER
            ws.column_dimensions[cell.column_letter].width = w
        r = 5
        for f in files:
            for p in f.problems:
                row = [r - 4, f.path.name, p.sheet, p.cell, SEVERITY_VI[p.severity], p.message]
                for i, v in enumerate(row, start=1):
                    cell = ws.cell(row=r, column=i, value=text_cell(v))
                    if isinstance(v, str):
                        cell.data_type = "s"  # a file name or a unit's text that starts with '=' stays text
                    cell.font = font()
                    cell.alignment = WRAP
                    cell.border = BORDER
                r += 1
        print_setup(ws, title_rows="4:4")
        from .api import output_names
        path = Path(folder) / output_names(c.period).feedback(unit.code).name
        if staged is not None:
            path = staged.path(path)
        with atomic_path(path) as tmp:
            wb.save(tmp)
        written.append(path)
    return written
