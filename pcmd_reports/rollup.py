"""Communes -> district: a district's own form, filled from its communes' forms.

The communes' returns are read by the same intake and totalled by the same consolidation
as the city's (`consolidate(..., under=district)`: the units the plan's levels put under the
district, and what they are asked); this module only writes those totals into the district's
own city-level form, beside the district's own work, which the city's consolidation then
reads like any other district's. A commune's Có/Không becomes the district's numerator over
all its communes, the denominator the form asks for ("Tổng số xã, phường, thị trấn").
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import messages as msg
from . import names
from .consolidation import Consolidation, consolidate
from .forms import fill_form, form_filename, write_form
from .intake import Intake, Submission
from .plan import Period, Plan, Unit
from .statuses import UnitState


@dataclass
class Rollup:
    district: Unit
    values: dict  # defined name of the district form -> value
    reported: list[str] = field(default_factory=list)  # commune codes with a return
    missing: list[str] = field(default_factory=list)
    own: bool = False  # the district's own form was among the inputs
    path: Path | None = None
    consolidation: Consolidation | None = None  # the communes' totals the values come from


def rollup(plan: Plan, period: Period, district: Unit, intake: Intake) -> Rollup:
    totals = consolidate(plan, period, intake, under=district.code)
    reported = [u.unit.code for u in totals.units if u.status == UnitState.SUBMITTED]
    own = next((s for s in intake.submissions if s.unit == district.code and s.period == period.code), None)
    result = Rollup(district=district, values={}, reported=reported, consolidation=totals,
                    missing=[u.unit.code for u in totals.units if u.status != UnitState.SUBMITTED], own=own is not None)
    values = result.values
    if own is not None:  # the district's own work, hotspots, tasks and cover
        values.update(_own_values(plan, district, own))
    cover = msg.ROLLUP_NOTE.format(n=len(reported), m=len(totals.units))
    for r in totals.indicators:
        ind = plan.known_indicator(r.id)  # the communes are asked the plan's own indicators
        if r.indicator.kind == "yesno":
            values[names.numerator(ind)] = r.numerator or 0
            values[names.denominator(ind)] = len(r.units_expected)
        elif r.actual is not None or names.value(ind) in values:
            values[names.value(ind)] = values.get(names.value(ind), 0) + (r.actual or 0)
        note = names.note(ind)
        values[note] = "; ".join(x for x in (values.get(note), cover) if x)
    return result


def _own_values(plan: Plan, district: Unit, own: Submission) -> dict:
    """The district's own return, as the defined names of its form."""
    values: dict = {name: f.value for name, f in own.figures.items()}
    values.update({names.note(plan.known_indicator(k)): v for k, v in own.notes.items()})
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
    return values


def write_rollup(plan: Plan, period: Period, result: Rollup, out_dir: Path) -> Path:
    """The district's form, filled and valid, ready for the city's consolidation."""
    with tempfile.TemporaryDirectory() as tmp:
        form = write_form(plan, period, result.district, Path(tmp) / form_filename(result.district)).path
        result.path = fill_form(form, {k: v for k, v in result.values.items() if v not in (None, "")},
                                Path(out_dir) / form_filename(result.district))
    return result.path
