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
from .errors import PcmdError
from .atomic import atomic_path
from .narrative import Figures
from .plan import Indicator, Plan, ReportSettings
from .vnformat import number, official_date, percent, roman

TEMPLATE_NAME = "bao_cao.docx"
PACKAGED = Path(__file__).parent / "templates"


def template_path(name: str = TEMPLATE_NAME, explicit: str | Path | None = None) -> Path:
    """An explicit file, else ./templates/<name> where it exists, else the packaged copy."""
    if explicit:
        return Path(explicit)
    local = Path("templates") / name
    return local if local.exists() else PACKAGED / name


class TemplateProblem(PcmdError):
    """The template is broken (bad tag, unknown variable): the message is Vietnamese."""


def render_report(data: dict, plan: Plan, out: str | Path, template: str | Path | None = None,
                  number_text: str | None = None, settings=None) -> Path:
    """The report of a consolidation (its JSON), with the office's settings and wording file."""
    from . import settings as settings_mod
    from . import wording

    path = template_path(explicit=template)
    try:
        context = build_context(data, plan, number_text, settings=settings or settings_mod.load(),
                                wording_file=wording.local_path(template))
    except (wording.WordingProblem, settings_mod.SettingsProblem) as e:
        raise TemplateProblem(str(e)) from None
    return render(path, context, out)


def render(template: Path, context: dict, out: str | Path) -> Path:
    import jinja2
    from docxtpl import DocxTemplate

    if not Path(template).exists():
        raise TemplateProblem(msg.TEMPLATE_NOT_FOUND.format(path=template))
    try:
        doc = DocxTemplate(str(template))
        context = dict(context)
        chart = context.pop("chart_png", None)
        if chart:
            from io import BytesIO

            from docx.shared import Mm
            from docxtpl import InlineImage
            context["chart"] = InlineImage(doc, BytesIO(chart), width=Mm(160))
        else:
            context.setdefault("chart", "")
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


# -- the content ---------------------------------------------------------------------------

def _shown(ind: Indicator, value) -> str:
    if value is None:
        return ""
    return percent(value) if ind.kind in ("ratio", "yesno") else number(value)


def _next_period_name(period_kind: str, year: int) -> str:
    if period_kind == "half":
        return msg.R_NEXT_HALF.format(year=year)
    if period_kind == "year":
        return msg.R_NEXT_YEAR.format(year=year + 1)
    return msg.R_NEXT_OTHER


def appendix1(data: dict, plan: Plan) -> list[dict]:
    """Phụ lục I: every indicator of the plan under its row of Phụ lục I, then the figures without a target."""
    from docxtpl import RichText

    rows, shown = [], set()
    inds = data["indicators"]

    def group(stt, text):
        rows.append({"stt": stt, "text": RichText(text, bold=True, size=20), "target": "", "actual": "",
                     "percent": "", "status": "", "coverage": "", "previous": "", "change": ""})

    for supplementary in (False, True):
        if supplementary and any(i.supplementary and i.id in inds for i in plan.indicators):
            group("", msg.SUPPLEMENTARY_HEADING)
        for ind in plan.indicators:
            if ind.supplementary != supplementary or ind.id not in inds:
                continue
            e = inds[ind.id]
            row = plan.row(ind.row) if ind.row else None
            parent = plan.parent_row(ind) if ind.row else None
            sharing = plan.sharing_row(ind)
            if parent is not None and parent.key not in shown:
                group(parent.stt, parent.text)
                shown.add(parent.key)
            if row is not None and sharing > 1 and row.key not in shown:
                group(row.stt, row.text)
                shown.add(row.key)
            if row is not None:
                shown.add(row.key)
            ratio = ind.kind in ("ratio", "yesno")
            a = Figures.actual(ind, e)
            actual = _shown(ind, a)
            if actual and ind.target is None and ind.measure and not ratio:
                actual += " " + ind.measure  # no target beside it to say the unit
            rows.append({
                "stt": ind.id, "text": RichText(row.text if row is not None and sharing == 1 else ind.label, size=20),  # 10 pt, as the table
                "target": ind.target_text, "actual": actual,
                "percent": "" if ratio else percent(e.get("percent_of_target")), "status": e.get("status_label") or "",
                "coverage": f"{e['units_reporting']}/{e['units_expected']}",
                "previous": _shown(ind, e.get("previous")), "change": e.get("change", "") or "",
            })
    return rows


def appendix_hotspots(data: dict, plan: Plan, appendix: str) -> list[dict]:
    return [{"stt": str(h.number), "name": h.name, "district": plan.known_unit(h.district).name, "level": h.level,
             "status": data["hotspots"][h.id]["status"], "note": data["hotspots"][h.id]["note"]}
            for h in plan.hotspots if h.appendix == appendix]


def appendix_tasks(data: dict, plan: Plan) -> list[dict]:
    """Phụ lục IV: for each task of the plan, one row per unit that reported it, in plan order."""
    narr = plan.narratives
    groups = []
    units = plan.units + plan.communes
    for section in plan.sections:
        for t in section.tasks:
            rows: list[dict] = []
            for unit in units:
                s = data["submissions"].get(unit.code)
                if not s or t not in plan.tasks_for(unit):
                    continue
                entry = s.get("tasks", {}).get(t.key)
                status, text = (entry.get("status"), entry.get("text", "")) if isinstance(entry, dict) else (None, entry or "")
                label = (narr.status_label(status) if status else "") or msg.TASK_STATUS_BLANK
                rows.append({"stt": str(len(rows) + 1), "unit": unit.display if not unit.local else unit.name,
                             "status": label, "text": text})
            if rows:
                groups.append({"heading": f"{plan.task_ref(t.key)}. {t.text}", "rows": rows})
    return groups


def unit_rows(data: dict, plan: Plan) -> list[dict]:
    u = data["units"]
    rejected = {r["unit"] for r in u["rejected"] if r["unit"]}
    rows = []
    for k, code in enumerate(u["expected"], start=1):
        unit = plan.known_unit(code)
        sub = data["submissions"].get(code)
        if code in u.get("status", {}):
            status = u["status"][code]["label"]  # 'Gửi sai định dạng' told apart from 'Gửi tệp lỗi'
        elif sub:
            status = msg.UNIT_STATUS["submitted"]
        elif code in rejected:
            status = msg.UNIT_STATUS["rejected"]
        else:
            status = msg.UNIT_STATUS["missing"]
        when = date.fromisoformat(sub["report_date"]) if sub and sub["report_date"] else None
        note = msg.LATE if code in u["late"] else ""
        built = u.get("built_from", {}).get(code)
        if built:
            note = (note + "; " if note else "") + msg.R_BUILT_NOTE.format(n=len(built["covers"]))
        rows.append({"stt": str(k), "name": unit.display, "status": status,
                     "date": f"{when.day}/{when.month}/{when.year}" if when else "", "note": note})
    return rows


def rejected_rows(data: dict, plan: Plan) -> list[dict]:
    out: list[dict] = []
    for r in data["units"]["rejected"]:
        unit = plan.unit(r["unit"]) if r.get("unit") else None
        out.append({"stt": str(len(out) + 1), "file": Path(r["file"]).name, "unit": unit.display if unit else "",
                    "reason": " ".join(r["errors"])})
    return out


def excluded_rows(data: dict, plan: Plan) -> list[dict]:
    """Values rejected inside accepted files: excluded from the totals, listed with their reason."""
    accepted = {f["file"] for f in data.get("files", []) if f.get("status") == "accepted"}
    out: list[dict] = []
    for p in data["problems"]:
        if p["severity"] != "error" or p["file"] not in accepted or not p.get("cell"):
            continue
        unit = plan.unit(p["unit"]) if p.get("unit") else None
        out.append({"stt": str(len(out) + 1), "unit": unit.display if unit else "",
                    "where": f"{p['sheet']}!{p['cell']}", "message": p["message"]})
    return out


def _chart(data: dict, plan: Plan, w) -> tuple[bytes | None, str]:
    """The progress picture of the numbered indicators, and its caption; (None, "") when nothing to draw."""
    from .chart import progress_png
    from .statuses import IndicatorStatus as St

    bars, pace = [], None
    for ind in plan.indicators:
        e = data["indicators"].get(ind.id)
        if ind.supplementary or not e or e.get("percent_of_target") is None or not e.get("status"):
            continue
        st = St(e["status"])
        kind = "unsure" if st is St.INSUFFICIENT else "good" if st.favourable else "short"
        bars.append((ind.id, float(e["percent_of_target"]), kind))
        pace = e.get("pace") if e.get("pace") is not None else pace
    if not bars:
        return None, ""
    unsure = w("bieu_do", "unsure") if any(kind == "unsure" for _, _, kind in bars) else ""
    if plan.year_share(plan.known_period(data["period"])) is None:
        return progress_png(bars, None), w("bieu_do", "caption_year", unsure=unsure)
    extra = w("bieu_do", "pace", pace=percent(pace, 0)) if pace is not None else ""
    return progress_png(bars, pace), w("bieu_do", "caption", pace=extra, unsure=unsure)


def _recipients(rep: ReportSettings, extra: list[str]) -> list[str]:
    base = list(rep.recipients)
    if not extra:
        return base
    last = base.pop() if base and base[-1].lstrip("- ").startswith("Lưu") else None
    return base + list(extra) + ([last] if last else [])


def build_context(data: dict, plan: Plan, number_text: str | None = None, settings=None, wording_file=None,
                  template=None) -> dict:
    from docxtpl import RichText

    from . import narrative
    from . import settings as settings_mod
    from . import wording

    settings = settings or settings_mod.Settings()
    w = wording.load(wording_file)
    body = narrative.build(data, plan, w)
    con, rep = plan.consolidator, settings.applied_to(plan.report)
    period = plan.known_period(data["period"])
    when = narrative.report_date(data, settings.report_date)
    suffix = settings.number_suffix or con.report_code
    doc_number = number_text or f"{msg.R_BLANK_NUMBER}/{suffix}"
    note = RichText(body["clerk_note"], italic=True, highlight="yellow")
    chart_png, caption = _chart(data, plan, w)
    return {
        "letterhead_parent": list(con.letterhead_parent),
        "letterhead_agency": list(con.letterhead_agency),
        "agency": con.agency,
        "doc_number": doc_number,
        "place": plan.place,
        "doc_date": official_date(when),
        "report_subject": rep.subject,
        "period_name": period.name,
        "recipient": rep.recipient,
        "opening": body["opening"],
        "coverage_line": body["coverage_line"],
        "situation": body["situation"],
        "results": body["results"],
        "strengths": body["strengths"],
        "weaknesses": body["weaknesses"],
        "causes": body["causes"],
        "clerk_note": note,
        "headings": body["headings"],
        "next_period_name": _next_period_name(period.kind, plan.year),
        "next_steps": body["next_steps"],
        "recommendations": body["recommendations"],
        "no_recommendations": w("kien_nghi", "none") if not body["recommendations"] else "",
        "closing": body["closing"],
        "recipients": _recipients(rep, settings.extra_recipients),
        "signer_authority": rep.signer_authority,
        "signer_title": rep.signer_title,
        "signer_name": rep.signer_name,
        "chart_caption": caption,
        "chart_png": chart_png,
        "compare": bool(data.get("compare_with")),
        "compare_label": data.get("compare_with", ""),
        "appendix1_title": msg.R_APPENDIX_INDICATORS.format(subject=rep.subject,
                                                           period=period.name).upper(),
        "hotspot_appendices": [{"number": a, "title": plan.appendices.get(a, {}).get("title", "").upper(),
                                "rows": appendix_hotspots(data, plan, a)} for a in plan.hotspot_appendices],
        "district_label": plan.local_level.column if plan.local_level else "",
        "tasks_appendix": roman(2 + len(plan.hotspot_appendices)),
        "reporting_appendix": roman(3 + len(plan.hotspot_appendices)),
        "appendix4_title": msg.R_APPENDIX_TASKS.format(where=plan.tasks_where).upper(),
        "appendix5_title": msg.R_APPENDIX_REPORTING.format(period=period.name).upper(),
        "appendix1": appendix1(data, plan),
        "appendix4": appendix_tasks(data, plan),
        "requests_received": body["requests_received"],
        "requests_title": w("kien_nghi", "received_title", agency=con.agency),
        "unit_rows": unit_rows(data, plan),
        "rejected_rows": rejected_rows(data, plan),
        "excluded_rows": excluded_rows(data, plan),
    }


def sample_data(plan: Plan) -> dict:
    """A consolidation of no submissions: every variable of the report present, for checking a template."""
    from .consolidation import consolidate
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
    unknown = set(used) - set(context) - {"chart"}
    if not unknown:
        from . import wording
        beside = wording.local_path(path)
        problems = wording.check(beside) if beside else []
        if problems:
            raise TemplateProblem("\n".join(problems))
        render(path, context, out)
    return unknown
