"""Communes -> district: a district's own form, filled from its communes' forms.

The communes' returns are read by the same intake as every other form; their figures are
added up by the same rules as the city's (counts add up, a commune's Có/Không becomes the
district's numerator over its communes), and the result is written into the district's own
city-level form, which the city's consolidation then reads like any other district's.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import messages as msg
from . import names
from .forms import fill_form, form_filename, write_form
from .intake import Intake
from .plan import Period, Plan, Unit


@dataclass
class Rollup:
    district: Unit
    values: dict  # defined name of the district form -> value
    reported: list[str] = field(default_factory=list)  # commune codes with a return
    missing: list[str] = field(default_factory=list)
    own: bool = False  # the district's own form was among the inputs
    path: Path | None = None


def rollup(plan: Plan, period: Period, district: Unit, intake: Intake) -> Rollup:
    communes = plan.communes_of(district.code)
    codes = {c.code for c in communes}
    subs = {s.unit: s for s in intake.submissions if s.unit in codes and s.period == period.code}
    own = next((s for s in intake.submissions if s.unit == district.code and s.period == period.code), None)
    result = Rollup(district=district, values={}, reported=[c.code for c in communes if c.code in subs],
                    missing=[c.code for c in communes if c.code not in subs], own=own is not None)
    values = result.values
    if own is not None:  # the district's own work, hotspots, tasks and cover
        values.update({name: f.value for name, f in own.figures.items()})
        values.update({names.note(plan.indicator(k)): v for k, v in own.notes.items()})
        for hid, h in own.hotspots.items():
            hs = next(x for x in plan.hotspots if x.id == hid)
            values[names.hotspot_status(hs)] = h.status
            values[names.hotspot_note(hs)] = h.note
        for k, n in enumerate(own.new_hotspots, start=1):
            values.update({names.new_hotspot(k, "TEN"): n.name, names.new_hotspot(k, "DIACHI"): n.address,
                           names.new_hotspot(k, "MUCDO"): n.level, names.new_hotspot(k, "GC"): n.note})
        narratives = plan.narratives
        for task in plan.tasks_for(district):
            if task.key in own.tasks:
                values[names.task(task)] = own.tasks[task.key].text
                values[names.task_status(task)] = narratives.status_label(own.tasks[task.key].status) or None
        for k, x in enumerate(own.recommendations[:narratives.recommendation_rows], start=1):
            values[names.recommendation_addressee(k)] = narratives.addressee_label(x.addressee)
            values[names.recommendation_text(k)] = x.text
        for k, d in enumerate(own.difficulties[:narratives.difficulty_rows], start=1):
            values[names.difficulty(k)] = d.text
        values.update({names.CONTACT: own.contact, names.PHONE: own.phone, names.REPORT_DATE: own.report_date})
    cover = msg.ROLLUP_NOTE.format(n=len(subs), m=len(communes))
    for ind in plan.indicators:
        if not ind.commune_kind:
            continue
        answers = [s.value(ind.id) for s in subs.values()]
        if ind.commune_kind == "yesno":
            values[names.numerator(ind)] = sum(1 for a in answers if a == msg.YES)
            values[names.denominator(ind)] = len(communes)
        else:
            typed = [a for a in answers if isinstance(a, int)]
            if typed or names.value(ind) in values:
                values[names.value(ind)] = values.get(names.value(ind), 0) + sum(typed)
        note = names.note(ind)
        values[note] = "; ".join(x for x in (values.get(note), cover) if x)
    return result


def write_rollup(plan: Plan, period: Period, result: Rollup, out_dir: Path) -> Path:
    """The district's form, filled and valid, ready for the city's consolidation."""
    with tempfile.TemporaryDirectory() as tmp:
        form = write_form(plan, period, result.district, Path(tmp) / form_filename(result.district)).path
        result.path = fill_form(form, {k: v for k, v in result.values.items() if v not in (None, "")},
                                Path(out_dir) / form_filename(result.district))
    return result.path
