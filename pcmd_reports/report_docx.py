"""The Word report, rendered with docxtpl from a template a clerk can edit in Word.

The context is built from the saved consolidation (its JSON) and the plan only, so that
`pcmd report` can render again after the template is fixed, without re-reading inputs,
and so that every figure in the report is the figure of the summary workbook.
Percentages are recomputed exactly from numerators and denominators, rounded on display.
"""
from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from . import messages as msg
from .atomic import atomic_path
from .plan import Indicator, Plan
from .vnformat import number, official_date, percent

TEMPLATE_NAME = "bao_cao.docx"
PACKAGED = Path(__file__).parent / "templates"


def template_path(name: str = TEMPLATE_NAME, explicit: str | Path | None = None) -> Path:
    """An explicit file, else ./templates/<name> where it exists, else the packaged copy."""
    if explicit:
        return Path(explicit)
    local = Path("templates") / name
    return local if local.exists() else PACKAGED / name


class TemplateProblem(Exception):
    """The template is broken (bad tag, unknown variable): the message is Vietnamese."""


def render_report(data: dict, plan: Plan, out: str | Path, template: str | Path | None = None,
                  number_text: str | None = None) -> Path:
    context = build_context(data, plan, number_text)
    return render(template_path(explicit=template), context, out)


def render(template: Path, context: dict, out: str | Path) -> Path:
    import jinja2
    from docxtpl import DocxTemplate

    if not Path(template).exists():
        raise TemplateProblem(msg.TEMPLATE_NOT_FOUND.format(path=template))
    try:
        doc = DocxTemplate(str(template))
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
        doc.render(context, jinja_env=env, autoescape=True)
    except jinja2.UndefinedError as e:
        raise TemplateProblem(msg.TEMPLATE_UNDEFINED.format(path=template, error=e.message)) from None
    except jinja2.TemplateSyntaxError as e:
        raise TemplateProblem(msg.TEMPLATE_SYNTAX.format(path=template, error=e.message)) from None
    except Exception as e:  # a corrupt .docx, or an XML part docxtpl cannot read
        if type(e).__module__.split(".")[0] in ("docx", "zipfile", "lxml", "docxtpl"):
            raise TemplateProblem(msg.TEMPLATE_UNREADABLE.format(path=template, error=type(e).__name__)) from None
        raise
    out = Path(out)
    with atomic_path(out) as tmp:
        doc.save(str(tmp))
    return out


# -- the content, sentence by sentence -------------------------------------------------------

def _pct(num: int | None, den: int | None):
    return None if not den or num is None else Fraction(100 * num, den)


def _actual(ind: Indicator, e: dict):
    """The exact actual: an int for counts and hotspots, a Fraction for ratios."""
    if ind.kind in ("ratio", "yesno"):
        return _pct(e.get("numerator"), e.get("denominator"))
    return e.get("actual")


def _of_target(ind: Indicator, e: dict):
    a = _actual(ind, e)
    if a is None or not ind.target or ind.compare == "at_most":
        return None
    return Fraction(a) * 100 / ind.target


def _who(plan: Plan, codes) -> str:
    return msg.COVERAGE_DISTRICTS if codes and all(plan.unit(c).is_district for c in codes) else msg.COVERAGE_UNITS


def _short(plan: Plan, code: str) -> str:
    u = plan.unit(code)
    return u.name if u.is_district else (u.short or u.name)


def sentence(plan: Plan, ind: Indicator, e: dict) -> str:
    a = _actual(ind, e)
    n, m = e["units_reporting"], e["units_expected"]
    if a is None:
        return msg.R_NO_DATA.format(label=ind.label)
    if ind.kind == "qualitative":
        return msg.R_QUALITATIVE.format(label=ind.label, value=number(a), measure=ind.measure, n=n)
    if ind.kind == "count" and ind.target is None:
        return msg.R_SUPPLEMENTARY.format(label=ind.label, value=number(a), measure=ind.measure)
    if ind.kind == "count":
        share = _of_target(ind, e)
        verb = msg.R_EXCEEDED if e["status"] == msg.STATUS_EXCEEDED else msg.R_REACHED
        return msg.R_COUNT.format(label=ind.label, value=number(a), target=number(ind.target), measure=ind.measure,
                                  verb=verb, share=percent(share))
    if ind.kind in ("ratio", "yesno"):
        cover = msg.COVERAGE.format(n=n, m=m, who=_who(plan, e["reported_by"]))
        return msg.R_RATIO.format(label=ind.label, num=number(e["numerator"]), den=number(e["denominator"]),
                                  value=percent(a), target=ind.target_text, cover=cover)
    if ind.kind == "hotspot":
        if ind.compare == "at_most":
            return msg.R_HOTSPOT_NEW.format(label=ind.label, value=number(a))
        return msg.R_HOTSPOT.format(label=ind.label, value=number(a), target=ind.target_text)
    return ind.label


def _with_comparison(text: str, ind: Indicator, e: dict, label: str) -> str:
    """'…, đạt 53,3% chỉ tiêu năm. So với cùng kỳ năm 2023: 58 (tăng 10,3%).'"""
    if not label or e.get("previous") is None or _actual(ind, e) is None:
        return text
    return text + msg.COMPARE_SENTENCE.format(label=label, value=_shown(ind, e["previous"]), change=e["change"])


def _shown(ind: Indicator, value) -> str:
    if value is None:
        return ""
    return percent(value) if ind.kind in ("ratio", "yesno") else number(value)


def results(data: dict, plan: Plan) -> list[dict]:
    out = []
    inds = data["indicators"]
    for key, title in plan.section_titles.items():
        lines = []
        for ind in plan.indicators:
            if ind.section != key or ind.id not in inds:
                continue
            e = inds[ind.id]
            if ind.supplementary and e["actual"] is None:
                continue
            lines.append(_with_comparison(sentence(plan, ind, e), ind, e, data.get("compare_with", "")))
            for note in e.get("notes", []):
                lines.append(msg.R_ATTRIBUTED.format(unit=_short(plan, note["unit"]), text=note["text"]))
        if key == "1.4":
            lines += _hotspot_lines(data, plan)
        if lines:
            out.append({"heading": f"{len(out) + 1}. {title}", "paragraphs": lines})
    tasks = _task_lines(data, plan)
    if tasks:
        out.append({"heading": f"{len(out) + 1}. {msg.R_TASKS_HEADING}", "paragraphs": tasks})
    return out


def _hotspot_lines(data: dict, plan: Plan) -> list[str]:
    lines = []
    for h in plan.hotspots:
        e = data["hotspots"][h.id]
        note = f" ({e['note']})" if e["note"] else ""
        lines.append(msg.R_HOTSPOT_LINE.format(id=h.id, name=h.name, district=plan.unit(h.district).name,
                                               status=e["status"], note=note))
    for n in data["new_hotspots"]:
        details = ", ".join(x for x in (n["address"], n["level"], n["note"]) if x)
        lines.append(msg.R_NEW_HOTSPOT_LINE.format(name=n["name"], district=plan.unit(n["district"]).name,
                                                   details=f": {details}" if details else ""))
    return lines


def _task_lines(data: dict, plan: Plan) -> list[str]:
    lines = []
    subs = data["submissions"]
    for unit in plan.units:
        s = subs.get(unit.code)
        if not s or not s["tasks"]:
            continue
        lines.append(f"{unit.display}:")
        for t in plan.tasks_for(unit):
            if t.key in s["tasks"]:
                lines.append(f"- {s['tasks'][t.key]}")
    return lines


def _attributed(data: dict, plan: Plan, field: str) -> list[str]:
    subs = data["submissions"]
    return [msg.R_ATTRIBUTED.format(unit=_short(plan, u.code), text=subs[u.code][field])
            for u in plan.units if u.code in subs and subs[u.code][field]]


def assessment(data: dict, plan: Plan) -> list[dict]:
    inds = data["indicators"]
    met, short = [], []
    for ind in plan.indicators:
        e = inds.get(ind.id)
        if not e or e["status"] not in (msg.STATUS_MET, msg.STATUS_EXCEEDED, msg.STATUS_NOT_MET):
            continue
        a = _actual(ind, e)
        shown = percent(a) if ind.kind in ("ratio", "yesno") else number(a)
        line = msg.R_INDICATOR_ITEM.format(id=ind.id, label=ind.label, value=shown, target=ind.target_text)
        (short if e["status"] == msg.STATUS_NOT_MET else met).append(line)
    u = data["units"]
    names = lambda codes: ", ".join(plan.unit(c).name for c in codes)  # noqa: E731
    reporting = [msg.R_UNITS.format(n=len(u["submitted"]), m=len(u["expected"]))]
    if u["missing"]:
        reporting.append(msg.R_UNITS_MISSING.format(n=len(u["missing"]), names=names(u["missing"])))
    if u["late"]:
        reporting.append(msg.R_UNITS_LATE.format(names=names(u["late"])))
    for code, built in u.get("built_from", {}).items():
        covers = ", ".join(plan.period(p).name for p in built["covers"])
        gaps = msg.R_BUILT_GAPS.format(gaps=", ".join(plan.period(p).name for p in built["gaps"])) if built["gaps"] else ""
        reporting.append(msg.R_BUILT_FROM.format(unit=plan.unit(code).display, n=len(built["covers"]), covers=covers, gaps=gaps))
    rejected = [r["unit"] for r in u["rejected"] if r["unit"] and r["unit"] not in u["submitted"]]
    if rejected:
        reporting.append(msg.R_UNITS_REJECTED.format(names=names(sorted(set(rejected), key=lambda c: [x.code for x in plan.units].index(c)))))
    sections = [
        (msg.R_MET, met or [msg.R_NONE]),
        (msg.R_NOT_MET, short or [msg.R_NONE]),
        (msg.DIFFICULTIES, _attributed(data, plan, "difficulties") or [msg.R_NONE_REPORTED]),
        (msg.R_REPORTING, reporting),
    ]
    return [{"heading": f"{i}. {h}", "paragraphs": p} for i, (h, p) in enumerate(sections, start=1)]


def next_steps(data: dict, plan: Plan) -> list[str]:
    lines = []
    for ind in plan.indicators:
        e = data["indicators"].get(ind.id)
        if not e or e["status"] not in (msg.STATUS_NOT_MET, msg.STATUS_NO_DATA) or ind.target is None:
            continue
        a = _actual(ind, e)
        if ind.kind in ("count", "hotspot") and ind.compare != "at_most" and a is not None:
            lines.append(msg.R_REMAINING.format(label=ind.label, rest=number(ind.target - a), measure=ind.measure,
                                                target=ind.target_text))
        elif ind.kind in ("ratio", "yesno") and a is not None:
            lines.append(msg.R_RATIO_TO_GO.format(label=ind.label, value=percent(a), target=ind.target_text))
        elif a is None:
            lines.append(msg.R_NO_DATA_TO_GO.format(label=ind.label, target=ind.target_text))
        else:
            lines.append(msg.R_NOT_MET_GENERIC.format(label=ind.label, target=ind.target_text))
    return lines or [msg.R_KEEP_GOING]


def _next_period_name(period_kind: str, year: int) -> str:
    if period_kind == "half":
        return msg.R_NEXT_HALF.format(year=year)
    if period_kind == "year":
        return msg.R_NEXT_YEAR.format(year=year + 1)
    return msg.R_NEXT_OTHER


def appendix1(data: dict, plan: Plan) -> list[dict]:
    rows, shown = [], set()
    inds = data["indicators"]
    for ind in plan.indicators:
        if ind.supplementary or ind.id not in inds:
            continue
        e = inds[ind.id]
        if ind.row.startswith("3.") and "3" not in shown:
            r3 = plan.row("3")
            rows.append({"stt": r3.stt, "text": r3.text, "target": "", "actual": "", "percent": "", "status": "",
                         "previous": "", "change": "", "note": ""})
            shown.add("3")
        row = plan.row(ind.row)
        text = row.text if sum(1 for i in plan.indicators if i.row == ind.row) == 1 else ind.label
        a = _actual(ind, e)
        ratio_like = ind.kind in ("ratio", "yesno")
        note = ""
        if ratio_like and e["units_reporting"]:
            note = msg.COVERAGE.format(n=e["units_reporting"], m=e["units_expected"], who=_who(plan, e["reported_by"]))
        rows.append({
            "stt": ind.id, "text": text, "target": ind.target_text,
            "actual": percent(a) if ratio_like else number(a),
            "percent": percent(_of_target(ind, e)), "status": e["status"] or "", "note": note,
            "previous": _shown(ind, e.get("previous")), "change": e.get("change", ""),
        })
    return rows


def appendix_hotspots(data: dict, plan: Plan, appendix: str) -> list[dict]:
    return [{"stt": str(h.number), "name": h.name, "district": plan.unit(h.district).name, "level": h.level,
             "status": data["hotspots"][h.id]["status"], "note": data["hotspots"][h.id]["note"]}
            for h in plan.hotspots if h.appendix == appendix]


def unit_rows(data: dict, plan: Plan) -> list[dict]:
    u = data["units"]
    rejected = {r["unit"] for r in u["rejected"] if r["unit"]}
    rows = []
    for k, code in enumerate(u["expected"], start=1):
        unit = plan.unit(code)
        sub = data["submissions"].get(code)
        if sub:
            status = msg.UNIT_STATUS["submitted"]
        elif code in rejected:
            status = msg.UNIT_STATUS["rejected"]
        else:
            status = msg.UNIT_STATUS["missing"]
        when = date.fromisoformat(sub["report_date"]) if sub and sub["report_date"] else None
        rows.append({"stt": str(k), "name": unit.display, "status": status,
                     "date": f"{when.day}/{when.month}/{when.year}" if when else "",
                     "note": msg.LATE if code in u["late"] else ""})
    return rows


def build_context(data: dict, plan: Plan, number_text: str | None = None) -> dict:
    con, rep = plan.consolidator, plan.report
    period = plan.period(data["period"])
    as_of = date.fromisoformat(data["as_of"])
    doc_number = number_text or f"{msg.R_BLANK_NUMBER}/{con.get('report_code', 'BC')}"
    plan_date = f"{plan.date.day:02d}/{plan.date.month:02d}/{plan.date.year}" if plan.date else "…"
    return {
        "parent_body_upper": con.get("agency_upper_body", plan.issuer).upper(),
        "agency_upper": con.get("agency", "").upper(),
        "agency": con.get("agency", ""),
        "doc_number": doc_number,
        "place": plan.place,
        "doc_date": official_date(as_of),
        "doc_date_long": official_date(as_of),
        "report_subject": rep.get("subject", plan.title),
        "period_name": period.name,
        "recipient": rep.get("recipient", ""),
        "opening": msg.R_OPENING.format(number=plan.number or "…", date=plan_date, issuer=plan.issuer_ref,
                                        subject=plan.subject, agency=con.get("agency", ""), period=period.name),
        "results": results(data, plan),
        "assessment": assessment(data, plan),
        "next_period_name": _next_period_name(period.kind, plan.year),
        "next_steps": next_steps(data, plan),
        "recommendations": _attributed(data, plan, "recommendations") or [msg.R_NONE_REPORTED],
        "recipients": list(rep.get("recipients", [])),
        "signer_authority": rep.get("signer_authority", ""),
        "signer_title": rep.get("signer_title", ""),
        "signer_name": rep.get("signer_name", ""),
        "appendix1_title": plan.appendices.get("I", {}).get("title", ""),
        "appendix2_title": plan.appendices.get("II", {}).get("title", ""),
        "appendix3_title": plan.appendices.get("III", {}).get("title", ""),
        "appendix1": appendix1(data, plan),
        "appendix2": appendix_hotspots(data, plan, "II"),
        "appendix3": appendix_hotspots(data, plan, "III"),
        "unit_rows": unit_rows(data, plan),
    }


def sample_data(plan: Plan) -> dict:
    """A consolidation of no submissions: every variable of the report present, for checking a template."""
    from .consolidate import consolidate
    from .intake import Intake
    from .report_json import to_json

    period = next((p for p in plan.periods if p.kind == "half"), plan.periods[0])
    return to_json(consolidate(plan, period, Intake(files=[]), as_of=period.due))


def check_template(template: str | Path, plan: Plan, out: Path) -> set[str]:
    """Render the template with sample data; return the variables it uses that the report does not give."""
    from docxtpl import DocxTemplate

    path = Path(template)
    if not path.exists():
        raise TemplateProblem(msg.TEMPLATE_NOT_FOUND.format(path=path))
    context = build_context(sample_data(plan), plan)
    try:
        used = DocxTemplate(str(path)).get_undeclared_template_variables()
    except Exception as e:  # a tag so broken jinja cannot parse it
        import jinja2
        if isinstance(e, jinja2.TemplateSyntaxError):
            raise TemplateProblem(msg.TEMPLATE_SYNTAX.format(path=path, error=e.message)) from None
        raise TemplateProblem(msg.TEMPLATE_UNREADABLE.format(path=path, error=type(e).__name__)) from None
    unknown = set(used) - set(context)
    if not unknown:
        render(path, context, out)
    return unknown
