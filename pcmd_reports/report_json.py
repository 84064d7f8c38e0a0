"""The consolidation as JSON, for other systems and for checks."""
from __future__ import annotations

from fractions import Fraction

from .consolidation import Consolidation
from .intake import AcceptedFile
from .report_check import file_status, sent_wrong_format, unit_status_label

SCHEMA_VERSION = 1  # of the consolidation JSON: raised when a key changes meaning or goes


def _num(x, places=2):
    if x is None:
        return None
    if isinstance(x, Fraction):
        return x.numerator if x.denominator == 1 else round(float(x), places)
    return x


def to_json(c: Consolidation) -> dict:
    units = {
        "expected": [u.unit.code for u in c.units],
        "submitted": [u.unit.code for u in c.units_with("submitted")],
        "missing": [u.unit.code for u in c.units_with("missing")],
        "late": [u.unit.code for u in c.late],
        "rejected": [{"file": str(f.path), "unit": f.unit or None, "errors": [p.message for p in f.errors]}
                     for f in c.intake.rejected],
        "superseded": [{"file": str(f.path), "unit": f.submission.unit, "by": str(f.superseded_by)}
                       for f in c.intake.superseded],
        "built_from": {u.unit.code: {"covers": u.covers, "gaps": u.gaps} for u in c.units if u.covers},
        # each unit's status as a stable code with its label: submitted, missing, rejected, wrong_format
        "status": {u.unit.code: {"code": ("wrong_format" if sent_wrong_format(u) else u.status.value),
                                 "label": unit_status_label(u)} for u in c.units},
    }
    indicators = {}
    for r in c.indicators:
        ind = r.indicator
        entry = {
            "label": ind.label, "kind": ind.kind, "target": ind.target, "measure": ind.measure,
            "actual": _num(r.actual), "percent_of_target": _num(r.percent_of_target),
            "status": r.status.value if r.status else None, "status_label": r.status.label if r.status else "",
            "pace": _num(r.pace), "units_reporting": len(r.units_reporting), "units_expected": len(r.units_expected),
            "reported_by": r.units_reporting,
            "sources": [{"unit": s.unit, "file": s.file, "sha256": s.sha256, "sheet": s.sheet, "cell": s.cell,
                         "name": s.name, "value": s.value} for s in r.sources],
        }
        if ind.kind in ("ratio", "yesno"):
            entry["numerator"], entry["denominator"] = r.numerator, r.denominator  # as the returns add up
            if ind.base is not None:
                entry["base"] = ind.base  # the plan's own denominator: the share is of the larger of the two
        if r.notes:
            entry["notes"] = [{"unit": u, "text": t} for u, t in r.notes]
        indicators[ind.id] = entry
    hotspots = {h.hotspot.id: {"district": h.hotspot.district, "name": h.hotspot.name, "status": h.status,
                               "reported": h.reported, "note": h.note} for h in c.hotspots}
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": c.plan.id, "period": c.period.code, "period_name": c.period.name,
        "due": c.period.due.isoformat(), "as_of": c.as_of.isoformat(),
        "units": units, "indicators": indicators, "hotspots": hotspots,
        "new_hotspots": [{"district": n.district, "name": n.name, "address": n.address, "level": n.level,
                          "note": n.note, "file": n.source.file, "cell": n.source.cell} for n in c.new_hotspots],
        "files": [{"file": str(f.path), "unit": f.unit or None,
                   "status": file_status(f), "sha256": f.sha256, "size": f.size} for f in c.intake.files],
        "submissions": {u.unit.code: _submission(f) for u, f in c.returns},
        "recommendations": [{"unit": r.unit, "addressee": r.addressee, "text": r.text, "source": _source(r.source)}
                            for r in c.recommendations],
        "difficulties": [{"unit": d.unit, "text": d.text, "source": _source(d.source)} for d in c.difficulties],
        "resubmissions": [{"unit": new.submission.unit, "old_file": str(old.path), "new_file": str(new.path),
                           "changes": [ch.to_dict() for ch in changes]} for old, new, changes in c.resubmissions],
        "problems": [{"file": p.file, "unit": p.unit or None, "sheet": p.sheet, "cell": p.cell, "name": p.name,
                      "severity": p.severity, "code": p.code, "message": p.message} for p in c.problems],
    }


def _submission(f: AcceptedFile) -> dict:
    s = f.submission
    return {
        "file": str(f.path), "report_date": s.report_date.isoformat() if s.report_date else None,
        "contact": s.contact, "phone": s.phone,
        "tasks": {k: {"status": t.status, "text": t.text} for k, t in s.tasks.items()},
    }


def _source(s) -> dict:
    return {"file": s.file, "sheet": s.sheet, "cell": s.cell, "name": s.name}
