"""Sample returns that look real, for a first run and for training: `pcmd demo`.

Every unit's form is generated and filled the way units really fill it (openpyxl writing
into the form by defined name): plausible figures around the plan's targets, districts in
proportion to their number of communes, fines in đồng, each task's status and result composed
from fragments with the unit's own places, numbers and dates, recommendations that many units
share nearly word for word, difficulties told in different words, hotspots with
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
from .vnformat import number

CONTACTS = ["Nguyễn Thị Hương", "Trần Văn Minh", "Lê Thu Trang", "Phạm Quốc Huy", "Hoàng Thị Lan", "Vũ Đức Thắng",
            "Đỗ Minh Châu", "Bùi Thanh Hà", "Ngô Văn Long", "Đặng Thị Mai"]
# Task answers are composed from these fragments (one opening, one result per task, each
# used at most once per unit), filled with numbers, dates and the unit's own places: no unit
# repeats a sentence, and no two units write the same answer.
OPENINGS = [
    "Ngày {date}, đơn vị ban hành {doc} triển khai nhiệm vụ, phân công {k} cán bộ theo dõi",
    "Đã tổ chức {n} hội nghị quán triệt tại {place} với {m} lượt người tham dự",
    "Phối hợp với Công an và Đội Kiểm tra liên ngành 178 kiểm tra {n} lượt cơ sở kinh doanh dịch vụ tại {place}",
    "Lồng ghép nội dung phòng, chống mại dâm vào {n} buổi sinh hoạt của tổ dân phố, chi hội tại {place}",
    "Treo {b} băng rôn, khẩu hiệu và phát {m2} tờ rơi tuyên truyền tại {place}",
    "Rà soát, lập danh sách {n} cơ sở kinh doanh dịch vụ dễ bị lợi dụng trên địa bàn {place}",
    "Từ ngày {date}, duy trì {k} tổ công tác kiểm tra đột xuất ngoài giờ hành chính tại {place}",
    "Tổ chức {n} lớp tập huấn nghiệp vụ cho {m} cán bộ, hội viên; giảng viên là cán bộ Chi cục Phòng, chống tệ nạn xã hội",
    "Từ ngày {date}, đăng tải {n} tin, bài trên cổng thông tin điện tử và trang mạng xã hội của đơn vị",
    "Xây dựng {k} mô hình \"Xã, phường lành mạnh không có tệ nạn mại dâm\" tại {place}",
    "Chỉ đạo lực lượng chức năng phối hợp với chính quyền cơ sở nắm tình hình tại {place} từ ngày {date}",
    "Ký quy chế phối hợp với {k} đơn vị liên quan ngày {date}, thống nhất chế độ trao đổi thông tin hằng tháng",
    "Tiếp nhận và xác minh {n} tin báo của quần chúng nhân dân liên quan đến hoạt động mại dâm tại {place}",
    "Tổ chức {n} đợt cao điểm kiểm tra dịp Tết Nguyên đán và Tháng hành động phòng, chống mại dâm tại {place}",
    "Phối hợp với Hội Liên hiệp Phụ nữ tư vấn, hỗ trợ {n} người bán dâm về học nghề, vay vốn tại {place}",
]
RESULTS = [
    "qua đó phát hiện {v} cơ sở vi phạm, xử phạt {fine} đồng.",
    "kết quả đã được tổng hợp tại biểu Chỉ tiêu.",
    "không phát hiện vi phạm; tiếp tục theo dõi các cơ sở có biểu hiện nghi vấn.",
    "nhận thức của người dân và chủ cơ sở kinh doanh được nâng lên rõ rệt.",
    "{v} cơ sở đã ký cam kết không để xảy ra hoạt động mại dâm.",
    "đã chuyển {v} vụ việc cho Công an xử lý theo thẩm quyền.",
    "các tổ chức, cá nhân liên quan thực hiện nghiêm; không có đơn thư phản ánh.",
    "đã báo cáo kết quả sơ kết về Sở Lao động - Thương binh và Xã hội ngày {date2}.",
    "duy trì đều đặn, đúng kế hoạch đề ra.",
    "qua kiểm tra nhắc nhở {v} cơ sở chưa thực hiện đúng quy định về đăng ký lưu trú.",
    "tỷ lệ cán bộ được tập huấn đạt trên {pct}% kế hoạch năm.",
    "{v} người được hỗ trợ đã có việc làm ổn định.",
    "số tin báo đã được giải quyết dứt điểm {v}/{v2} trường hợp.",
    "các khu vực trọng điểm không còn biểu hiện phức tạp.",
]
IN_PROGRESS = [
    "Nhiệm vụ đang tiếp tục triển khai, dự kiến hoàn thành trước ngày {date3}.",
    "Đến nay đã thực hiện được khoảng {pct}% khối lượng công việc.",
    "Các hoạt động còn lại sẽ được thực hiện trong quý {q}.",
    "Đơn vị tiếp tục theo dõi, đôn đốc; sẽ báo cáo kết quả trong kỳ tới.",
    "Đang hoàn thiện hồ sơ, dự kiến tổng kết vào ngày {date3}.",
    "Một số nội dung phải lùi sang quý {q} do trùng lịch các đợt cao điểm.",
    "Đơn vị đang phối hợp với Chi cục Phòng, chống tệ nạn xã hội hoàn thiện tài liệu.",
    "Đã giải ngân khoảng {pct}% kinh phí được giao cho nhiệm vụ.",
]
NOT_STARTED = [
    "Chưa triển khai trong kỳ do chưa được bố trí kinh phí; dự kiến thực hiện trong quý {q}.",
    "Chưa thực hiện; đơn vị đang xây dựng kế hoạch, dự kiến triển khai trước ngày {date3}.",
    "Đơn vị chưa triển khai nhiệm vụ này trong kỳ, sẽ thực hiện cùng đợt cao điểm quý {q}.",
    "Chờ hướng dẫn của Sở Lao động - Thương binh và Xã hội nên chưa triển khai.",
]
NOT_APPLICABLE = [
    "Trong kỳ báo cáo, tại {place} không phát sinh nội dung này.",
    "Không phát sinh trong kỳ báo cáo.",
    "Trên địa bàn {place} chưa phát sinh trường hợp thuộc nhiệm vụ này.",
    "Trong kỳ, đơn vị không nhận được đề nghị nào thuộc nội dung này.",
]
STATUS_WEIGHTS = {"done": 52, "in_progress": 32, "not_started": 6, "not_applicable": 7, None: 3}

# Recommendations: (addressee code, text, how many units send it). The shared ones reach many
# units word for word or nearly so (spacing, case, final punctuation differ), as in real returns.
SHARED_RECOMMENDATIONS = [
    ("city", "Đề nghị Ủy ban nhân dân Thành phố bố trí kinh phí tập huấn cho Đội Kiểm tra liên ngành 178 cấp xã.", 10),
    ("central", "Đề nghị Bộ Lao động - Thương binh và Xã hội sớm trình Chính phủ sửa đổi Nghị định số 144/2021/NĐ-CP, "
                "nâng mức xử phạt đối với hành vi mua dâm, bán dâm.", 7),
    ("agencies", "Đề nghị Sở Lao động - Thương binh và Xã hội tổ chức tập huấn nghiệp vụ cho cán bộ làm công tác "
                 "phòng, chống mại dâm cấp xã.", 6),
    ("central", "Đề nghị Bộ Lao động - Thương binh và Xã hội ban hành hướng dẫn hỗ trợ người bán dâm hòa nhập cộng đồng.", 4),
    ("city", "Đề nghị Thành phố bổ sung biên chế cán bộ chuyên trách công tác phòng, chống tệ nạn xã hội cấp xã.", 5),
    ("agencies", "Đề nghị Công an Thành phố tăng cường phối hợp kiểm tra các cơ sở kinh doanh dịch vụ lưu trú, "
                 "karaoke trên địa bàn giáp ranh.", 3),
]
OWN_RECOMMENDATIONS = {
    "district": [
        ("city", "Đề nghị Thành phố hỗ trợ kinh phí lắp đặt camera an ninh tại {place}."),
        ("agencies", "Đề nghị Sở Lao động - Thương binh và Xã hội hướng dẫn quy trình lập hồ sơ hỗ trợ người bán dâm tại {place}."),
        ("districts", "Đề nghị Ủy ban nhân dân các quận, huyện giáp ranh phối hợp kiểm tra khu vực {place}."),
        ("other", "Đề nghị Báo Hà Nội Mới, Đài Phát thanh và Truyền hình Hà Nội tăng thời lượng tuyên truyền về mô hình tại {place}."),
    ],
    "city": [
        ("districts", "Đề nghị Ủy ban nhân dân các quận, huyện, thị xã chỉ đạo Ủy ban nhân dân cấp xã cập nhật danh sách "
                      "cơ sở kinh doanh dịch vụ dễ bị lợi dụng, gửi về đơn vị trước ngày {date2}."),
        ("city", "Đề nghị Ủy ban nhân dân Thành phố giao chỉ tiêu tuyên truyền cụ thể cho {short}."),
        ("agencies", "Đề nghị Sở Lao động - Thương binh và Xã hội cung cấp tài liệu tuyên truyền để {short} phát hành "
                     "tới hội viên, người lao động."),
    ],
}
# Difficulties: the same few troubles, each told in several ways.
DIFFICULTY_THEMES = [
    ["Kinh phí bố trí cho công tác phòng, chống mại dâm còn hạn chế.",
     "Nguồn kinh phí dành cho hoạt động của Đội Kiểm tra liên ngành 178 chưa đáp ứng yêu cầu nhiệm vụ.",
     "Ngân sách cấp cho tuyên truyền, kiểm tra còn thấp, chưa tương xứng với khối lượng công việc."],
    ["Hoạt động mại dâm lợi dụng mạng xã hội ngày càng tinh vi, khó phát hiện.",
     "Đối tượng môi giới qua Zalo, Telegram, thay đổi địa điểm liên tục nên khó xử lý.",
     "Mại dâm trá hình qua các ứng dụng trên điện thoại khó thu thập chứng cứ."],
    ["Cán bộ làm công tác phòng, chống tệ nạn xã hội cấp xã kiêm nhiệm nhiều việc, thường xuyên thay đổi.",
     "Đội ngũ cán bộ cơ sở mỏng, phần lớn kiêm nhiệm, chưa được đào tạo chuyên sâu.",
     "Thiếu cán bộ chuyên trách; cán bộ mới chưa có kinh nghiệm kiểm tra, xử lý."],
    ["Nhiều cơ sở kinh doanh dịch vụ thường xuyên thay đổi chủ, địa điểm, gây khó khăn cho quản lý.",
     "Cơ sở lưu trú, karaoke, massage chuyển nhượng, đổi tên liên tục nên khó theo dõi."],
    ["Mức xử phạt hành vi mua dâm, bán dâm còn thấp, chưa đủ sức răn đe.",
     "Chế tài đối với người mua dâm chưa đủ mạnh, đối tượng tái phạm nhiều."],
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
    shared = _shared_recommendations(plan, reporting, rng)
    with tempfile.TemporaryDirectory() as tmp:
        for k, unit in enumerate(reporting):
            values = figures[unit.code]
            values.update(_cover(unit, period, rng, late=unit.code == result.late))
            values.update(_narrative(plan, unit, period, rng, shared[unit.code]))
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
        if ind.money:  # fines: tens of millions of đồng a district, more for the lead agencies, in steps of 500.000
            for u in who:
                millions = (u.communes * rng.uniform(1.5, 5) if u.is_district else
                            rng.uniform(150, 400) if u.code in plan.leads_of(ind) or u.frequent else rng.uniform(10, 60))
                values[u.code][names.value(ind)] = int(millions * share * 2) * 500_000
        elif ind.kind in ("count", "qualitative"):
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


def _places(plan: Plan, unit: Unit) -> list[str]:
    """Where a unit works: a district's communes, or for a city agency some districts."""
    where = plan.communes_of(unit.code) or plan.districts
    return [u.name[:1].lower() + u.name[1:] for u in where]


def _date(plan: Plan, period: Period, rng: random.Random, late=False) -> str:
    """A day of the period, not before the plan itself was issued."""
    start = max(period.start, plan.date or period.start)
    span = max((period.end - start).days, 1)
    day = start + timedelta(days=rng.randint(span // 2, span) if late else rng.randint(3, span // 2 + 3))
    return day.strftime("%d/%m/%Y")


def _fill_in(template: str, plan: Plan, unit: Unit, period: Period, rng: random.Random, places: list[str]) -> str:
    scale = max(unit.communes, 4)
    picked = rng.sample(places, min(len(places), rng.randint(1, 3)))
    fine = rng.randint(4, 30) * 2_500_000
    return template.format(
        date=_date(plan, period, rng), date2=_date(plan, period, rng, late=True),
        date3=(period.due + timedelta(days=rng.randint(40, 150))).strftime("%d/%m/%Y"),
        doc=f"Kế hoạch số {rng.randint(12, 240)}/KH-{'UBND' if unit.is_district else unit.code}",
        k=rng.randint(2, 6), n=rng.randint(2, 3 + scale // 2), m=number(rng.randint(8, 30) * scale),
        b=rng.randint(3, 8) * max(scale // 3, 1), m2=number(rng.randint(20, 90) * scale * 10), v=rng.randint(1, 3 + scale // 4), v2=rng.randint(4 + scale // 4, 10 + scale // 2),
        fine=number(fine), pct=rng.randint(70, 98), q=rng.choice(["III", "IV"]),
        place=", ".join(picked), short=unit.short or unit.name)


def _variant(text: str, rng: random.Random) -> str:
    """The same recommendation as another unit typed it: spacing, case or final stop differ."""
    kind = rng.randrange(6)
    if kind == 1:
        return text.replace(" ", "  ", 1)
    if kind == 2:
        return text.rstrip(".")
    if kind == 3:
        return text[:1].lower() + text[1:]
    if kind == 4:
        return text.replace("Thành phố", "thành phố").rstrip(".") + ";"
    return text


def _shared_recommendations(plan: Plan, reporting: list[Unit], rng: random.Random) -> dict:
    """Unit code -> the shared recommendations it sends (addressee code, text as that unit typed it)."""
    out: dict[str, list] = {u.code: [] for u in reporting}
    consolidator = plan.consolidator.get("unit", "")
    agency = plan.consolidator.get("agency", "")
    for addressee, text, count in SHARED_RECOMMENDATIONS:
        pool = [u for u in reporting if not (u.code == consolidator and agency and agency in text)]
        for u in rng.sample(pool, min(count, len(pool))):
            out[u.code].append((addressee, _variant(text, rng)))
    return out


def _narrative(plan: Plan, unit: Unit, period: Period, rng: random.Random, shared: list) -> dict:
    out = {}
    places = _places(plan, unit)
    # Each fragment list shuffled once per unit and taken in turn: a unit never uses one twice.
    # A status whose sentences are used up gives way to the next one, down to "done".
    pools = {key: iter(rng.sample(xs, len(xs))) for key, xs in (
        ("opening", OPENINGS), ("result", RESULTS), ("in_progress", IN_PROGRESS),
        ("not_started", NOT_STARTED), ("not_applicable", NOT_APPLICABLE))}
    sentences = {key: next(pool, None) for key, pool in pools.items() if key not in ("opening", "result")}
    statuses = list(STATUS_WEIGHTS)
    for t in plan.tasks_for(unit):
        status = rng.choices(statuses, weights=list(STATUS_WEIGHTS.values()))[0]
        while status in sentences and sentences[status] is None:
            status = {"not_applicable": "not_started", "not_started": "in_progress"}.get(status, "done")
        opening = _fill_in(next(pools["opening"]), plan, unit, period, rng, places)
        if status in sentences:
            sentence = _fill_in(sentences[status], plan, unit, period, rng, places)
            sentences[status] = next(pools[status], None)
            text = f"{opening}. {sentence}" if status == "in_progress" else sentence
        else:
            text = f"{opening}; " + _fill_in(next(pools["result"]), plan, unit, period, rng, places)
        out[names.task(t)] = text
        if status:
            out[names.task_status(t)] = plan.narratives.status_label(status)
    narratives = plan.narratives
    own = [(a, _fill_in(x, plan, unit, period, rng, places))
           for a, x in rng.sample(OWN_RECOMMENDATIONS["district" if unit.is_district else "city"], rng.randint(0, 2))
           if not (unit.code == plan.consolidator.get("unit") and a == "agencies")]
    rows = (shared + own)[:narratives.recommendation_rows]
    rng.shuffle(rows)
    for n, (addressee, text) in enumerate(rows, start=1):
        if rng.random() > 0.03:  # now and then the addressee is left blank
            out[names.recommendation_addressee(n)] = narratives.addressee_label(addressee)
        out[names.recommendation_text(n)] = text
    themes = rng.sample(DIFFICULTY_THEMES, rng.randint(1 if unit.is_district else 0, 3))
    for n, theme in enumerate(themes[:narratives.difficulty_rows], start=1):
        out[names.difficulty(n)] = rng.choice(theme)
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
