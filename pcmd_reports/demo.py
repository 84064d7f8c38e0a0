"""Sample returns that look real, for a first run and for training: `pcmd demo`.

Every unit's form is generated and filled the way units really fill it (openpyxl writing
into the form by defined name): plausible figures around the plan's targets, districts in
proportion to their number of communes, narrative results for each task, hotspots with
one re-emerged, a few units missing, one late, one sending twice, one broken file and a
few cells typed as text. The same seed gives the same files.
"""
from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from . import names
from .forms import fill_form as _fill
from .forms import form_filename, write_form
from .plan import Period, Plan, Unit

CONTACTS = ["Nguyễn Thị Hương", "Trần Văn Minh", "Lê Thu Trang", "Phạm Quốc Huy", "Hoàng Thị Lan", "Vũ Đức Thắng",
            "Đỗ Minh Châu", "Bùi Thanh Hà", "Ngô Văn Long", "Đặng Thị Mai"]
ACTIONS = [
    "Đơn vị đã ban hành văn bản triển khai, phân công cán bộ theo dõi và tổ chức thực hiện đúng tiến độ.",
    "Đã tổ chức {n} hội nghị, buổi tuyên truyền với khoảng {m} lượt người tham dự; lồng ghép nội dung phòng, chống mại dâm vào các hoạt động chuyên môn.",
    "Phối hợp với các đơn vị liên quan kiểm tra, rà soát; kết quả cụ thể như số liệu tại biểu Chỉ tiêu.",
    "Duy trì chế độ thông tin, báo cáo định kỳ; kịp thời phản ánh khó khăn, vướng mắc về Sở Lao động - Thương binh và Xã hội.",
    "Đã xây dựng kế hoạch chi tiết, giao chỉ tiêu cụ thể cho từng bộ phận; tổ chức sơ kết, rút kinh nghiệm sau mỗi đợt cao điểm.",
]
DIFFICULTIES = [
    "Kinh phí cho công tác phòng, chống mại dâm còn hạn chế; cán bộ kiêm nhiệm nhiều việc.",
    "Hoạt động mại dâm ngày càng tinh vi, lợi dụng mạng xã hội nên khó phát hiện, xử lý.",
    "Một số cơ sở kinh doanh dịch vụ thường xuyên thay đổi chủ, địa điểm, gây khó khăn cho công tác quản lý.",
]
RECOMMENDATIONS = [
    "Đề nghị Thành phố bố trí kinh phí tập huấn cho Đội Kiểm tra liên ngành 178 cấp xã.",
    "Đề nghị Sở Lao động - Thương binh và Xã hội tổ chức trao đổi kinh nghiệm giữa các quận, huyện, thị xã.",
    "Đề nghị sửa đổi mức xử phạt vi phạm hành chính đối với hành vi mua dâm, bán dâm cho đủ sức răn đe.",
]


@dataclass
class DemoResult:
    folder: Path
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    late: str = ""
    twice: str = ""
    broken: Path | None = None
    as_text: list[tuple[str, str]] = field(default_factory=list)  # (unit, defined name)
    bad_cell: tuple[str, str] = ("", "")  # (unit, defined name) of a value that cannot be read


def make_demo(plan: Plan, period: Period, out: str | Path, seed: int = 2024) -> DemoResult:
    rng = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    result = DemoResult(folder=out)
    units = plan.expected_units(period)
    districts = [u for u in units if u.is_district]
    city = [u for u in units if not u.is_district]
    result.missing = sorted(u.code for u in rng.sample(districts, min(2, len(districts))) +
                            rng.sample(city[2:], min(3, max(len(city) - 2, 0))))
    reporting = [u for u in units if u.code not in result.missing]
    result.late = rng.choice([u.code for u in reporting if u.is_district]) if districts else ""
    result.twice = reporting[0].code if reporting else ""
    broken_unit = rng.choice([u.code for u in reporting if not u.is_district][1:] or [reporting[-1].code])
    share = _share(rng, period)
    figures = _figures(plan, period, reporting, share, rng)
    with tempfile.TemporaryDirectory() as tmp:
        for k, unit in enumerate(reporting):
            values = figures[unit.code]
            values.update(_cover(unit, period, rng, late=unit.code == result.late))
            values.update(_narrative(plan, unit, rng))
            values.update(_hotspots(plan, unit, period))
            if k % 7 == 3:  # some units type numbers as text, with dots or a unit word
                for name in [n for n, v in values.items() if n.startswith("CT_") and isinstance(v, int) and v >= 1000][:2]:
                    values[name] = f"{values[name]:,}".replace(",", ".")
                    result.as_text.append((unit.code, name))
                for name in [n for n, v in values.items() if n.startswith("CT_") and isinstance(v, int) and 0 < v < 1000][:1]:
                    values[name] = f"{values[name]} người" if "người" in _measure(plan, name) else str(values[name])
                    result.as_text.append((unit.code, name))
            if unit.is_district and not result.bad_cell[0] and unit.code != result.late and k % 5 == 2:
                name = next((n for n in values if n.startswith("CT_") and n.endswith(("_9", "_3_6"))), None)
                if name:
                    values[name] = "chưa thống kê"  # text where a number belongs
                    result.bad_cell = (unit.code, name)
            form = write_form(plan, period, unit, Path(tmp) / form_filename(unit)).path
            target = out / _file_name(unit, period, k)
            _fill(form, values, target)
            result.files.append(target)
            if unit.code == result.twice:
                draft = dict(values)
                draft[names.REPORT_DATE] = period.due - timedelta(days=9)
                for name in [n for n, v in draft.items() if n.startswith("CT_") and isinstance(v, int)][:3]:
                    draft[name] = max(draft[name] - rng.randint(1, 20), 0)
                earlier = out / f"{unit.code}_du-thao-lan-1.xlsx"
                _fill(form, draft, earlier)
                result.files.append(earlier)
            if unit.code == broken_unit:
                broken = out / f"{unit.code}_gui-lai.xlsx"
                data = target.read_bytes()
                broken.write_bytes(data[: len(data) // 3])  # cut short by e-mail
                result.broken = broken
                result.files.append(broken)
    return result


def _share(rng: random.Random, period: Period) -> float:
    return {"half": rng.uniform(0.45, 0.62), "year": rng.uniform(0.92, 1.18), "quarter": rng.uniform(0.2, 0.3),
            "month": rng.uniform(0.06, 0.1)}.get(period.kind, 0.5)


def _measure(plan: Plan, name: str) -> str:
    for ind in plan.indicators:
        if names.value(ind) == name:
            return ind.measure
    return ""


def _file_name(unit: Unit, period: Period, k: int) -> str:
    """Units name files their own way; the toolkit identifies them by content."""
    if k % 3 == 0:
        return f"Bao cao {period.name} - {unit.name}.xlsx"
    return form_filename(unit)


def _figures(plan: Plan, period: Period, reporting: list[Unit], share: float, rng: random.Random) -> dict:
    values: dict[str, dict] = {u.code: {} for u in reporting}
    codes = {u.code for u in reporting}
    for ind in plan.indicators:
        who = [u for u in reporting if u.code in plan.reporters_of(ind)]
        if not who:
            continue
        if ind.kind in ("count", "qualitative"):
            goal = ind.target if ind.target else 40 * len(who)
            total = int(goal * share * rng.uniform(0.85, 1.15))
            leads = [u for u in who if u.code in plan.leads_of(ind) and not u.is_district]
            weights = {u.code: (max(u.communes, 1) if u.is_district else (12 if u in leads else 1.5)) for u in who}
            if ind.kind == "qualitative":
                weights = {c: 1 for c in weights}
                total = len(who) * rng.randint(2, 6)
            wsum = sum(weights.values())
            for u in who:
                values[u.code][names.value(ind)] = max(int(total * weights[u.code] / wsum * rng.uniform(0.7, 1.3)), 0)
        elif ind.kind == "ratio":
            for u in who:
                if ind.denominator_default == "communes":
                    den = u.communes
                    num = max(den - rng.choice([0, 0, 0, 1, 2]), 0)
                else:
                    den = rng.randint(3, 25)
                    num = den if rng.random() < 0.7 else max(den - rng.randint(1, 3), 0)
                    if ind.target and ind.target < 100:
                        num = min(den, int(den * rng.uniform(0.5, 0.85)))
                values[u.code][names.numerator(ind)] = num
                values[u.code][names.denominator(ind)] = den
        elif ind.kind == "yesno":
            for u in who:
                values[u.code][names.value(ind)] = "Có" if rng.random() < 0.93 else "Không"
    return {c: v for c, v in values.items() if c in codes}


def _cover(unit: Unit, period: Period, rng: random.Random, late: bool) -> dict:
    when = period.due + timedelta(days=rng.randint(2, 6)) if late else period.due - timedelta(days=rng.randint(1, 8))
    return {names.CONTACT: rng.choice(CONTACTS), names.PHONE: f"024 3{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            names.REPORT_DATE: when}


def _narrative(plan: Plan, unit: Unit, rng: random.Random) -> dict:
    out = {}
    for t in plan.tasks_for(unit):
        text = rng.choice(ACTIONS).format(n=rng.randint(2, 12), m=rng.randint(80, 900))
        out[names.task(t)] = text
    if rng.random() < 0.5:
        out[names.DIFFICULTIES] = rng.choice(DIFFICULTIES)
    if rng.random() < 0.4:
        out[names.RECOMMENDATIONS] = rng.choice(RECOMMENDATIONS)
    return out


def _hotspots(plan: Plan, unit: Unit, period: Period) -> dict:
    out = {}
    eliminated = plan.hotspot_statuses.get("eliminated", "")
    reemerged = plan.hotspot_statuses.get("reemerged", "")
    hotspots = plan.hotspots_of(unit)
    for h in hotspots:
        if h.appendix == "II":
            status = eliminated if (h.number % 2 == 1 or period.kind == "year") else "Ít hoạt động"
            note = "Đã triển khai lực lượng chốt chặn, kiểm tra thường xuyên." if status == eliminated else "Tiếp tục kiểm tra, xử lý."
        else:
            status = reemerged if h.number == max(x.number for x in plan.hotspots if x.appendix == "III") else "Không hoạt động"
            note = "Phát hiện có biểu hiện hoạt động trở lại, đang xử lý." if status == reemerged else ""
        out[names.hotspot_status(h)] = status
        if note:
            out[names.hotspot_note(h)] = note
    return out
