"""What changed: between two returns of one unit, or between two consolidations of one period."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from . import messages as msg
from .errors import PcmdError
from .intake import Submission
from .plan import Plan
from .statuses import IndicatorStatus


class DiffProblem(PcmdError):
    """Two files that are not two versions of one return or of one consolidation, or a file
    that is not a consolidation: the message names both, in Vietnamese."""


@dataclass(frozen=True)
class Change:
    what: str  # a Vietnamese label: "Chỉ tiêu 3.2", "Tình trạng điểm II.1", "Kết quả nhiệm vụ IV.23.1" (the plan's task_ref)
    old: object
    new: object
    sheet: str = ""
    cell: str = ""
    name: str = ""

    def to_dict(self) -> dict:
        """JSON-ready: dates as ISO text."""
        out = asdict(self)
        for key in ("old", "new"):
            if hasattr(out[key], "isoformat"):
                out[key] = out[key].isoformat()
        return out


PART = {"value": "", "numerator": ", tử số", "denominator": ", mẫu số"}


def submission_changes(old: Submission, new: Submission, plan: Plan) -> list[Change]:
    """Cell by cell: every figure, status, note and text that differs, in the form's order; task
    statuses and addressees by their labels, tasks by the plan's reference ("IV.23.1")."""
    out: list[Change] = []
    status = lambda code: plan.narratives.status_label(code) or code  # noqa: E731
    addressee = lambda code: plan.narratives.addressee_label(code) or code  # noqa: E731
    ref = plan.task_ref
    for name in sorted(set(old.figures) | set(new.figures), key=_name_order):
        a, b = old.figures.get(name), new.figures.get(name)
        va, vb = (a.value if a else None), (b.value if b else None)
        if va != vb:
            f = b or a
            assert f is not None  # the name is in one of the two
            out.append(Change(f"Chỉ tiêu {f.indicator}{PART[f.part]}", va, vb, f.sheet, f.cell, name))
    for hid in sorted(set(old.hotspots) | set(new.hotspots)):
        ha, hb = old.hotspots.get(hid), new.hotspots.get(hid)
        h = hb or ha
        assert h is not None  # the id is in one of the two
        if (ha and ha.status) != (hb and hb.status):
            out.append(Change(f"Tình trạng điểm {hid}", ha and ha.status, hb and hb.status, h.sheet, h.cell))
        if (ha and ha.note) != (hb and hb.note):
            out.append(Change(f"Ghi chú điểm {hid}", ha and ha.note, hb and hb.note, h.sheet, ""))
    for key in sorted(set(old.tasks) | set(new.tasks), key=_name_order):
        ta, tb = old.tasks.get(key), new.tasks.get(key)
        t = tb or ta
        assert t is not None  # the key is in one of the two
        if (ta and ta.text) != (tb and tb.text):
            out.append(Change(msg.TASK_RESULT_WHAT.format(ref=ref(key)), ta and ta.text, tb and tb.text, t.sheet, t.cell))
        if (ta and ta.status) != (tb and tb.status):
            out.append(Change(msg.CHANGE_TASK_STATUS.format(ref=ref(key)), status(ta and ta.status), status(tb and tb.status),
                              t.sheet))
    for label, field in ((msg.DIFFICULTIES, "difficulties"), (msg.RECOMMENDATIONS, "recommendations")):
        va, vb = _rows(getattr(old, field), addressee), _rows(getattr(new, field), addressee)
        if va != vb:
            out.append(Change(label, va, vb))
    for label, field in (("Ngày báo cáo", "report_date"), ("Người lập biểu", "contact")):
        va, vb = getattr(old, field), getattr(new, field)
        if va != vb:
            out.append(Change(label, va, vb))
    old_new = [(n.name, n.level) for n in old.new_hotspots]
    new_new = [(n.name, n.level) for n in new.new_hotspots]
    if old_new != new_new:
        out.append(Change("Điểm phức tạp mới phát sinh", "; ".join(n for n, _ in old_new) or None,
                          "; ".join(n for n, _ in new_new) or None))
    return out


def _rows(items, addressee) -> str | None:
    """Recommendation or difficulty rows as one text: "[addressee] text" per line."""
    lines = [(f"[{addressee(x.addressee)}] " if getattr(x, "addressee", None) else "") + x.text for x in items]
    return "\n".join(lines) or None


def same_return(old: Submission, new: Submission, plan: Plan) -> None:
    """Two returns compared must be of one unit for one period: DiffProblem names both otherwise."""
    if (old.unit, old.period) == (new.unit, new.period):
        return
    def unit(code: str) -> str:
        u = plan.unit(code)
        return u.display if u else code

    def period(code: str) -> str:
        p = plan.period(code)
        return p.name if p else code

    raise DiffProblem(msg.DIFF_OTHER_RETURN.format(
        old=old.path, old_unit=unit(old.unit), old_period=period(old.period),
        new=new.path, new_unit=unit(new.unit), new_period=period(new.period)))


def load_consolidation(path: Path) -> dict:
    """A consolidation's JSON as `pcmd consolidate` wrote it; DiffProblem for any other file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise DiffProblem(msg.DIFF_NOT_CONSOLIDATION.format(path=path, reason=msg.COMPARE_REASON_NOT_TEXT)) from None
    except ValueError:
        raise DiffProblem(msg.DIFF_NOT_CONSOLIDATION.format(path=path, reason=msg.COMPARE_REASON_NOT_JSON)) from None
    if not (isinstance(data, dict) and isinstance(data.get("period"), str) and isinstance(data.get("indicators"), dict)
            and all(isinstance(v, dict) for v in data["indicators"].values())
            and isinstance(data.get("hotspots", {}), dict) and isinstance(data.get("units", {}), dict)):
        raise DiffProblem(msg.DIFF_NOT_CONSOLIDATION.format(path=path, reason=msg.COMPARE_REASON_NOT_CONSOLIDATION))
    return data


def same_consolidation(old: dict, new: dict, old_path: Path, new_path: Path) -> None:
    """Two consolidations compared must be of one period under one plan: DiffProblem names both otherwise."""
    if (old.get("period"), old.get("plan")) == (new.get("period"), new.get("plan")):
        return
    plans_differ = old.get("plan") != new.get("plan")

    def period(data: dict) -> str:
        name = data.get("period_name") or data.get("period")
        return msg.DIFF_PERIOD_OF_PLAN.format(period=name, plan=data.get("plan")) if plans_differ else str(name)

    raise DiffProblem(msg.DIFF_OTHER_CONSOLIDATION.format(
        old=old_path, old_period=period(old), new=new_path, new_period=period(new)))


def _status(code):
    """An indicator's status as its Vietnamese label ("Chậm tiến độ" for behind)."""
    try:
        return IndicatorStatus(code).label if code else code
    except ValueError:  # not a code this version knows: shown as it is
        return code


def consolidation_changes(old: dict, new: dict) -> list[Change]:
    """Two saved consolidations (their JSON): every indicator's result and every hotspot's status;
    an indicator's status by its Vietnamese label."""
    out = []
    for ind_id in sorted(set(old.get("indicators", {})) | set(new.get("indicators", {})), key=_name_order):
        a = old.get("indicators", {}).get(ind_id, {})
        b = new.get("indicators", {}).get(ind_id, {})
        for key, label in (("actual", ""), ("numerator", ", tử số"), ("denominator", ", mẫu số"), ("status", ", đánh giá")):
            if a.get(key) != b.get(key):
                shown = _status if key == "status" else (lambda v: v)
                out.append(Change(f"Chỉ tiêu {ind_id}{label}", shown(a.get(key)), shown(b.get(key))))
    for hid in sorted(set(old.get("hotspots", {})) | set(new.get("hotspots", {}))):
        a = old.get("hotspots", {}).get(hid, {}).get("status")
        b = new.get("hotspots", {}).get(hid, {}).get("status")
        if a != b:
            out.append(Change(f"Tình trạng điểm {hid}", a, b))
    a_units, b_units = set(old.get("units", {}).get("submitted", [])), set(new.get("units", {}).get("submitted", []))
    if a_units != b_units:
        out.append(Change("Đơn vị đã báo cáo", len(a_units), len(b_units)))
    return out


def _name_order(name: str):
    """CT_3_2 before CT_10_1; 23.2 before 23.10."""
    import re
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[_.]", name)]
