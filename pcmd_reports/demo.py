"""Sample returns that look real, for a first run and for training: `pcmd demo`.

Every unit's form is generated and filled the way units really fill it (openpyxl writing
into the form by defined name): plausible figures around the plan's targets (figures without a
target scaled on the targeted figure they follow from), districts in proportion to their number
of communes, fines in đồng, each task's status and result composed from fragments chosen by the
task's own wording and the kind of unit, with the unit's own places, numbers and working days,
in the plan's own words (its consolidating agency and ministry, its levels: a ward of a
two-level plan directs no communes and names no district), the unit's own figure wherever a
sentence states one, a task reported not started where the figures answer "Không",
recommendations that many units share nearly word for word (never one naming its sender),
difficulties told in different words, hotspots with one re-emerged, a few units missing, one
late, one sending twice, one broken file and a few cells typed as text. The same seed gives the
same files.
"""
from __future__ import annotations

import random
import re
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import names
from .forms import fill_form as _fill
from .forms import form_filename, write_form
from .plan import Level, Period, Plan, Unit
from .vnformat import number

YES_NO = ("Có", "Không")
CONTACTS = ["Nguyễn Thị Hương", "Trần Văn Minh", "Lê Thu Trang", "Phạm Quốc Huy", "Hoàng Thị Lan", "Vũ Đức Thắng",
            "Đỗ Minh Châu", "Bùi Thanh Hà", "Ngô Văn Long", "Đặng Thị Mai"]
# Task answers are composed from fragments chosen by the task's own wording and by the kind of
# unit answering. Each theme lists the words that call it up (in the task text, lower case), the
# opening sentences that say what was done and the results that follow; a fragment is marked with
# the kinds of unit that may write it (d: district, a: city agency, p: press, m: mass organisation)
# and, where it fits only some tasks, a word the task must contain. Each fragment is used at most
# once per unit and filled with the unit's own places, numbers and weekdays of the period, so no
# unit repeats a sentence and no two units write the same answer. A task whose themes are used up
# falls back to the generic theme.


@dataclass(frozen=True)
class Fragment:
    kinds: str  # letters of the unit kinds that may write it
    text: str
    needs: str = ""  # a word the task text must contain ("{agency}": the task names the consolidating agency)
    # True: only a unit with communes under it may write it ("Chỉ đạo 16 xã, phường, thị trấn …");
    # False: only a unit without (a ward of a two-level plan); None: any unit.
    subs: bool | None = None
    # The figure the fragment states, when the unit reports it: the words of the indicator's label
    # (parts joined by "+", all present; "d:" first: only a unit of those kinds), alternatives in
    # order; the placeholder `slot` then says the unit's own figure, never a made-up one.
    figure: tuple[str, ...] = ()
    slot: str = "v"


@dataclass(frozen=True)
class Theme:
    words: tuple[str, ...]
    openings: tuple[Fragment, ...]
    results: tuple[Fragment, ...]
    # Statuses that make sense: "always" work (plans, reports) is never "not started" nor "nothing
    # to do"; only work that waits on events (a case, an application, a draft law) may have had
    # nothing to do in the period.
    kind: str = "work"  # "always" | "work" | "event"
    empty: tuple[str, ...] = ()  # what a unit writes when there was nothing to do
    # How a task's themes are ordered: "first" themes name a task's very subject (a trial, a loan)
    # and come first; then the others by where their words first appear in the task; "last" themes
    # (publicity, meetings) are what many tasks mention in passing.
    rank: str = "position"


def _f(kinds: str, *texts: str, needs: str = "", subs: bool | None = None, figure: tuple[str, ...] = (),
       slot: str = "v") -> tuple[Fragment, ...]:
    return tuple(Fragment(kinds, t, needs, subs, figure, slot) for t in texts)


# Figures several fragments state (see Fragment.figure).
TIN = ("tin, bài+đăng tải",)
REACHED = ("được tiếp cận, tư vấn",)
INSPECTED = ("dễ bị lợi dụng+được kiểm tra",)
THEMES = [
    Theme(("xét xử", "truy tố"),
          _f("a", "Từ ngày {date}, thụ lý {v2} vụ án liên quan đến hoạt động mại dâm, bảo đảm giải quyết đúng thời hạn luật định")
          + _f("a", "Phối hợp tổ chức {k} phiên tòa rút kinh nghiệm, xét xử lưu động các vụ án liên quan đến mại dâm tại {place}",
               figure=("xét xử lưu động",), slot="k")
          + _f("a", "Ngày {date}, tập huấn chuyên đề cho {m} thẩm phán, kiểm sát viên, hội thẩm nhân dân về giải quyết các vụ án liên quan đến mại dâm",
               needs="tập huấn")
          + _f("a", "Đăng tải {n} tin, bài về các vụ án mại dâm đã đưa ra xét xử trên trang thông tin điện tử của ngành từ ngày {date}",
               needs="tuyên truyền", figure=TIN, slot="n"),
          _f("a", "không có vụ án bị hủy, sửa do lỗi chủ quan.",
             "số liệu thống kê đã được gửi {agency} ngày {date}.",
             "các phiên tòa lưu động thu hút {m} lượt người dân theo dõi, có tác dụng giáo dục, răn đe."),
          kind="always", rank="first"),
    Theme(("danh sách người bán dâm",),
          _f("a", "Chỉ đạo Công an {k} {locals} chuyển thông tin {v2} trường hợp người bán dâm được phát hiện tới {local_office} cùng cấp từ ngày {date}",
             "Ngày {date}, thống nhất quy trình trao đổi thông tin về người bán dâm giữa Công an {tier} và {local_office} tại {k} {locals}"),
          _f("a", "{v} người đã được tiếp cận, tư vấn hỗ trợ hòa nhập cộng đồng.", figure=REACHED)
          + _f("a", "việc trao đổi thông tin bảo đảm bí mật, đúng quy định."),
          kind="event", empty=("Trong kỳ, các vụ án được phát hiện không có người bán dâm cần chuyển thông tin hỗ trợ.",), rank="first"),
    Theme(("mạng", "công nghệ cao", "internet", "trang web"),
          _f("a", "Rà soát {v2} trang web, tài khoản mạng xã hội có dấu hiệu quảng cáo, môi giới mại dâm từ ngày {date}")
          + _f("a", "Phối hợp với doanh nghiệp viễn thông ngăn chặn {v} trang web, tài khoản mạng xã hội có nội dung môi giới mại dâm",
               figure=("trang web, tài khoản",))
          + _f("a", "Ngày {date}, làm việc với {k} doanh nghiệp cung cấp dịch vụ nội dung số về gỡ bỏ thông tin vi phạm"),
          _f("a", "đã chuyển {v} vụ việc có dấu hiệu tội phạm cho cơ quan điều tra.",
             "các nội dung vi phạm được gỡ bỏ trong vòng 24 giờ kể từ khi phát hiện."), rank="first"),
    Theme(("hải quan", "cửa khẩu"),
          _f("a", "Chỉ đạo {k} chi cục hải quan tăng cường kiểm tra hàng hóa, hành lý qua sân bay Nội Bài và bưu điện đầu mối từ ngày {date}",
             "Kiểm tra, soi chiếu {m2} bưu phẩm, kiện hàng chuyển phát nhanh tại {k} điểm thông quan"),
          _f("a", "phát hiện, tạm giữ {v} lô hàng văn hóa phẩm có nội dung khiêu dâm, kích dục.", figure=("khiêu dâm",))
          + _f("a", "chưa phát hiện vụ việc mua bán người qua cửa khẩu vì mục đích mại dâm."),
          kind="event", empty=("Trong kỳ không phát hiện vụ việc thuộc nội dung này tại các cửa khẩu.",), rank="first"),
    Theme(("quản lý thị trường", "khiêu dâm, kích dục"),
          _f("a", "Chỉ đạo {k} Đội Quản lý thị trường kiểm tra {many} cơ sở kinh doanh văn hóa phẩm, thiết bị số tại {place}",
             "Từ ngày {date}, phối hợp với Đội Kiểm tra liên ngành 178 Thành phố kiểm tra {v2} cơ sở kinh doanh dịch vụ tại {place}"),
          _f("a", "xử lý {v} vụ buôn bán hàng hóa có tính chất khiêu dâm, kích dục, tịch thu tang vật theo quy định.",
             figure=("khiêu dâm",))
          + _f("a", "các vụ việc được xử lý đúng thẩm quyền, công khai kết quả."),
          kind="event", empty=("Trong kỳ không phát hiện vụ việc sản xuất, buôn bán hàng hóa có tính chất khiêu dâm, kích dục.",), rank="first"),
    Theme(("cho vay",),
          _f("a", "Giải ngân cho {v} lượt người bán dâm hoàn lương vay vốn ưu đãi qua kênh ủy thác tại {place}",
             figure=("vay vốn",))
          + _f("a", "Ngày {date}, phối hợp rà soát nhu cầu vay vốn của {v2} trường hợp thuộc đối tượng được vay ưu đãi"),
          _f("a", "dư nợ các chương trình cho vay đối với nhóm đối tượng này đạt {money} triệu đồng, không phát sinh nợ quá hạn.",
             "các hộ vay sử dụng vốn đúng mục đích."),
          kind="event", empty=("Trong kỳ, chi nhánh không nhận được hồ sơ đề nghị vay vốn thuộc nội dung này.",), rank="first"),
    Theme(("khám sức khỏe", "methadone", "lực lượng y tế"),
          _f("a", "Chỉ đạo {health_unit} {k} {locals} khám sức khỏe định kỳ cho {m} lượt người lao động tại cơ sở kinh doanh dịch vụ từ ngày {date}",
             figure=("khám sức khỏe",), slot="m")
          + _f("a", "Tư vấn, xét nghiệm HIV tự nguyện cho {m} lượt người có hành vi nguy cơ cao tại {place}",
             "Duy trì điều trị Methadone tại {k} cơ sở điều trị, tiếp nhận {v2} người mới từ ngày {date}"),
          _f("a", "phát hiện {v} trường hợp mắc bệnh lây truyền qua đường tình dục, đã chuyển điều trị.",
             "các cơ sở điều trị bảo đảm đủ thuốc, không gián đoạn."), rank="first"),
    Theme(("thanh niên",),
          _f("m", "Tổ chức {n} buổi sinh hoạt chuyên đề phòng, chống tệ nạn xã hội cho {m} đoàn viên, thanh niên tại {place}",
             "Phát động cuộc thi tìm hiểu pháp luật về phòng, chống mại dâm trên mạng xã hội từ ngày {date}, thu hút {m} lượt đoàn viên tham gia",
             "Chỉ đạo {k} cơ sở Đoàn tại các trường đại học, cao đẳng lồng ghép tuyên truyền vào {n} hoạt động ngoại khóa"),
          _f("m", "{v} đội hình thanh niên tình nguyện tham gia tuyên truyền tại các khu nhà trọ sinh viên.",
             "nhận thức của đoàn viên, thanh niên về phòng, chống mại dâm được nâng lên."), rank="first"),
    Theme(("học sinh", "giáo viên", "giáo dục nghề nghiệp"),
          _f("a", "Chỉ đạo {k} trường tổ chức {n} buổi ngoại khóa về phòng, chống tệ nạn xã hội cho {m} lượt học sinh, sinh viên",
             "Ngày {date}, tập huấn kỹ năng tuyên truyền phòng, chống mại dâm cho {m} giáo viên chủ nhiệm, cán bộ đoàn",
             "Biên soạn, phát hành {m2} cuốn tài liệu hỏi đáp về phòng, chống tệ nạn xã hội tới các trường từ ngày {date}",
             "Kiểm tra công tác phòng, chống tệ nạn xã hội tại {n} trường học trên địa bàn phức tạp về an ninh trật tự từ ngày {date}"),
          _f("a", "không phát hiện học sinh, sinh viên vi phạm liên quan đến mại dâm.",
             "nội dung được lồng ghép vào hoạt động trải nghiệm của {pct}% số lớp."), rank="first"),
    Theme(("câu lạc bộ",),
          _f("m", "Duy trì sinh hoạt {v2} câu lạc bộ phòng, chống tệ nạn xã hội với {m} thành viên tại {place}",
             figure=("câu lạc bộ",), slot="v2")
          + _f("m", "Ngày {date}, tập huấn kỹ năng cho {m} báo cáo viên, tuyên truyền viên và thành viên Ban Chủ nhiệm các câu lạc bộ"),
          _f("m", "{v} câu lạc bộ được thành lập mới trong kỳ.", "các câu lạc bộ sinh hoạt đều đặn hằng tháng."), rank="first"),
    Theme(("giảm hại", "giảm tác hại", "đồng đẳng", "bạo lực"),
          _f("a", "Hỗ trợ {k} nhóm đồng đẳng, nhóm tự lực của người bán dâm tổ chức {n} buổi truyền thông giảm hại tại {place}",
             "Ngày {date}, kiểm tra, giám sát hoạt động hỗ trợ giảm hại tại {k} {locals}")
          + _f("d", "Phối hợp với nhóm đồng đẳng tiếp cận, tư vấn giảm hại cho {v2} lượt người bán dâm tại {place}",
               figure=REACHED, slot="v2")
          + _f("d", "Cấp phát {m2} bao cao su và tài liệu truyền thông giảm hại tại các cơ sở kinh doanh dịch vụ ở {place}")
          + _f("m", "Phối hợp tổ chức {n} buổi truyền thông phòng, chống bạo lực trên cơ sở giới cho {m} phụ nữ có nguy cơ cao tại {place}"),
          _f("adm", "{v} trường hợp bị bạo lực được hỗ trợ tư vấn pháp lý, tâm lý.",
             "đã giới thiệu {v} người tới cơ sở y tế khám, điều trị.")),
    Theme(("chế độ báo cáo", "tổng hợp tình hình", "tổng hợp báo cáo", "báo cáo đột xuất"),
          _f("adm", "Gửi {n} báo cáo định kỳ tháng, quý và {v} báo cáo đột xuất về công tác phòng, chống mại dâm đúng thời hạn, lần gần nhất ngày {date}")
          + _f("d", "Tổng hợp {n} kỳ báo cáo định kỳ của {c} {subs}, báo cáo gần nhất ngày {date}", subs=True)
          + _f("d", "Tổng hợp số liệu của Công an {level} và các tổ dân phố, thôn cho {n} kỳ báo cáo định kỳ, "
                    "báo cáo gần nhất ngày {date}", subs=False)
          + _f("a", "Tổng hợp số liệu của {v2} đơn vị phục vụ báo cáo định kỳ, lần gần nhất ngày {date}"),
          _f("adm", "số liệu được đối chiếu với cơ quan Công an trước khi gửi.",
             "các báo cáo được gửi {agency} đúng hạn."),
          kind="always"),
    Theme(("xây dựng kế hoạch phòng, chống mại dâm", "xây dựng kế hoạch, tổ chức thực hiện",
           "triển khai thực hiện các nội dung của kế hoạch"),
          _f("adm", "Ngày {early}, ban hành {doc} về phòng, chống mại dâm năm {year}, phân công {k} {staff} theo dõi",
             "Ngày {early}, tổ chức hội nghị triển khai kế hoạch với {m} đại biểu, giao nhiệm vụ cho {k} phòng, ban")
          + _f("d", "Chỉ đạo {c} {subs} xây dựng kế hoạch phòng, chống mại dâm năm {year}, hạn gửi ngày {early}, giao {k} cán bộ theo dõi",
               subs=True)
          + _f("d", "Ngày {early}, phổ biến kế hoạch phòng, chống mại dâm năm {year} tới các tổ dân phố, thôn, giao {k} cán bộ theo dõi",
               subs=False)
          + _f("a", "Ban hành {k} văn bản hướng dẫn, đôn đốc các đơn vị triển khai Kế hoạch, văn bản đầu tiên ngày {early}"),
          _f("adm", "kế hoạch được gửi tới các phòng, ban, đơn vị liên quan để thực hiện.")
          + _f("d", "kinh phí bố trí cho nhiệm vụ năm {year} là {money} triệu đồng.", needs="kinh phí"),
          kind="always"),
    Theme(("cam kết",),
          _f("d", "Chỉ đạo Ủy ban nhân dân {place} tổ chức cho chủ cơ sở kinh doanh dịch vụ ký cam kết từ ngày {date}", subs=True)
          + _f("d", "Rà soát, cập nhật danh sách {v2} cơ sở kinh doanh dịch vụ dễ bị lợi dụng tại {place} để tổ chức ký cam kết"),
          _f("d", "{v} cơ sở mới thành lập đã ký cam kết ngay khi đi vào hoạt động.",
             "không có cơ sở đã ký cam kết để xảy ra vi phạm.")),
    Theme(("điểm phức tạp", "triệt xóa"),
          _f("d", "Duy trì tổ công tác chốt chặn, kiểm tra thường xuyên tại {hotspot} từ ngày {date}",
             "Tổ chức {n} đợt tuần tra, kiểm tra ban đêm tại {hotspot}")
          + _f("d", "Thống kê {v2} lượt người vi phạm bị xử phạt hành chính trên địa bàn {place}, gửi báo cáo ngày {date}",
               figure=("lượt người vi phạm",), slot="v2"),
          _f("d", "lực lượng chức năng duy trì kiểm tra vào các khung giờ cao điểm.",
             "{v} đối tượng môi giới bị lập biên bản, chuyển Công an xử lý."),
          kind="always"),
    Theme(("tội phạm", "triệt phá", "điều tra"),
          _f("a", "Điều tra, khám phá {v2} vụ án liên quan đến hoạt động mại dâm, triệt phá {v} đường dây môi giới từ ngày {date}",
             figure=("vụ án+khám phá",), slot="v2")
          + _f("a", "Tổ chức {k} đợt cao điểm tấn công, trấn áp tội phạm, đợt đầu bắt đầu từ ngày {date}",
               "Ngày {date}, tổ chức hội nghị đánh giá tình hình tội phạm liên quan đến mại dâm với Công an {k} {locals}")
          + _f("d", "Chỉ đạo Công an {level} rà soát {v2} cơ sở kinh doanh dịch vụ có biểu hiện nghi vấn tại {place}")
          + _f("d", "Từ ngày {date}, Công an {level} phối hợp với Ủy ban nhân dân {k} {few_subs} nắm tình hình tại {place}", subs=True)
          + _f("d", "Từ ngày {date}, Công an {level} phối hợp với lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở "
                    "nắm tình hình tại {place}", subs=False),
          _f("a", "đã khởi tố {v} vụ, {v2} bị can về các tội liên quan đến mại dâm.")
          + _f("d", "đã chuyển {v} vụ việc có dấu hiệu tội phạm cho cơ quan điều tra.")
          + _f("d", "phát hiện {v} vụ vi phạm, xử phạt hành chính theo quy định.", figure=("vụ vi phạm hành chính",)),
          kind="always"),
    Theme(("khảo sát", "đánh giá thực trạng", "rà soát, đánh giá"),
          _f("a", "Từ ngày {date}, khảo sát thực trạng tệ nạn mại dâm tại {k} {locals} với {m} phiếu hỏi")
          + _f("d", "Rà soát, lập danh sách {v2} cơ sở kinh doanh dịch vụ dễ bị lợi dụng trên địa bàn {place}"),
          _f("a", "kết quả khảo sát đã được báo cáo Ủy ban nhân dân Thành phố ngày {date}.")
          + _f("ad", "đã đề xuất {v} giải pháp phòng ngừa tại các địa bàn trọng điểm.")),
    Theme(("kiểm tra", "hậu kiểm", "thanh tra"),
          _f("d", "Đội Kiểm tra liên ngành 178 {level} kiểm tra {many} lượt cơ sở kinh doanh dịch vụ tại {place}",
             figure=INSPECTED, slot="many")
          + _f("d", "Từ ngày {date}, duy trì {k} tổ công tác kiểm tra đột xuất ngoài giờ hành chính tại {place}")
          + _f("d", "Kiện toàn Đội Kiểm tra liên ngành 178 {level} ngày {date}, giao chỉ tiêu kiểm tra cho {k} {few_subs}", subs=True)
          + _f("d", "Kiện toàn Đội Kiểm tra liên ngành 178 {level} ngày {date}, phân công {k} tổ kiểm tra theo cụm dân cư",
               subs=False)
          + _f("a", "Cử {k} cán bộ tham gia Đội Kiểm tra liên ngành 178 Thành phố, kiểm tra {many} {sector} tại {place}",
               figure=INSPECTED + ("lưu trú du lịch được kiểm tra",), slot="many")
          + _f("a", "Từ ngày {date}, tổ chức {k} đợt kiểm tra {sector} tại {place}", figure=("kiểm tra đột xuất",), slot="k")
          + _f("a", "Hậu kiểm {many} {sector} sau cấp phép tại {place} từ ngày {date}", needs="hậu kiểm",
               figure=("được hậu kiểm",), slot="many"),
          _f("ad", "phát hiện {v} cơ sở vi phạm, lập biên bản, chuyển xử phạt theo quy định.",
             figure=("vi phạm phát hiện qua kiểm tra",))
          + _f("ad", "nhắc nhở {v} cơ sở chưa niêm yết nội quy, giấy phép kinh doanh.",
             "không phát hiện hoạt động mại dâm tại các cơ sở được kiểm tra.")
          + _f("ad", "nhắc nhở {v} cơ sở chưa thực hiện đúng quy định về thông báo lưu trú.", needs="lưu trú"),
          kind="always"),
    Theme(("quy chế phối hợp", "kiện toàn", "tổ công tác liên ngành"),
          _f("adm", "Ngày {date}, ban hành quyết định phân công {k} {staff} làm đầu mối thực hiện Quy chế phối hợp liên ngành",
             "Tham dự {n} cuộc họp giao ban liên ngành về phòng, chống mại dâm, lần gần nhất ngày {date}")
          + _f("a", "Ký quy chế phối hợp với {k} đơn vị liên quan ngày {date}, thống nhất trao đổi thông tin hằng tháng"),
          _f("adm", "thông tin giữa các đơn vị được trao đổi kịp thời.",
             "{v} vướng mắc phát sinh đã được thống nhất xử lý tại giao ban."), rank="last"),
    Theme(("sửa đổi", "hoàn thiện", "văn bản pháp luật"),
          _f("a", "Ngày {date}, góp ý {v} dự thảo văn bản quy phạm pháp luật liên quan đến phòng, chống mại dâm",
             "Rà soát {v2} văn bản quy định về quản lý cơ sở kinh doanh dịch vụ có điều kiện, đề xuất {v} nội dung cần sửa đổi"),
          _f("a", "ý kiến đã được gửi cơ quan chủ trì soạn thảo đúng thời hạn.",
             "các đề xuất đã được tổng hợp gửi bộ, ngành Trung ương."),
          kind="event", empty=("Trong kỳ chưa có dự thảo văn bản liên quan được đưa ra lấy ý kiến.",)),
    Theme(("kinh phí", "ngân sách"),
          _f("a", "Ngày {date}, tham mưu giao dự toán {money} triệu đồng cho công tác phòng, chống mại dâm năm {year}",
             "Thẩm định dự toán kinh phí phòng, chống mại dâm của {k} đơn vị, trình Ủy ban nhân dân Thành phố ngày {date}",
             "Quản lý, sử dụng {money} triệu đồng kinh phí được giao; thanh toán {k} hội nghị, lớp tập huấn từ ngày {date}")
          + _f("d", "Bố trí {money} triệu đồng từ ngân sách {level} cho công tác phòng, chống mại dâm năm {year} (quyết định ngày {date})"),
          _f("ad", "đến nay đã giải ngân {pct}% dự toán được giao.", "chứng từ thanh toán đầy đủ, đúng quy định.")),
    Theme(("khen thưởng",),
          _f("a", "Ngày {date}, ban hành hướng dẫn tiêu chí khen thưởng trong công tác phòng, chống mại dâm, gửi {k} đơn vị",
             "Thẩm định hồ sơ đề nghị khen thưởng của {v2} tập thể, cá nhân có thành tích trong công tác phòng, chống mại dâm"),
          _f("a", "việc khen thưởng sẽ được thực hiện tại hội nghị sơ kết, tổng kết theo quy định."),
          kind="event", empty=("Trong kỳ chưa tổ chức sơ kết, tổng kết nên chưa phát sinh việc khen thưởng.",)),
    Theme(("cuộc vận động",),
          _f("am", "Phối hợp hướng dẫn {k} {locals} gắn nội dung phòng, chống mại dâm với cuộc vận động “Toàn dân đoàn kết xây dựng đời sống văn hóa” từ ngày {date}")
          + _f("m", "Ngày {date}, tổ chức {n} hội nghị biểu dương khu dân cư văn hóa tiêu biểu tại {place}")
          + _f("a", "Đưa tiêu chí không có tệ nạn mại dâm vào bình xét gia đình văn hóa, tổ dân phố văn hóa tại {k} {locals}"),
          _f("am", "{pct}% khu dân cư đăng ký xây dựng khu dân cư văn hóa gắn với không có tệ nạn xã hội.")),
    Theme(("giám sát, phản biện",),
          _f("m", "Ngày {date}, tổ chức {v} cuộc giám sát việc thực hiện chính sách hỗ trợ người bán dâm hòa nhập cộng đồng tại {place}",
             "Tổ chức hội nghị phản biện xã hội dự thảo chính sách về phòng, chống tệ nạn xã hội ngày {date} với {m} đại biểu"),
          _f("m", "đã có {v} kiến nghị gửi cơ quan có thẩm quyền."),
          kind="event", empty=("Trong kỳ chưa có dự thảo chính sách liên quan được đưa ra phản biện.",)),
    Theme(("tư vấn hỗ trợ", "học nghề", "việc làm", "nạn nhân", "hòa nhập cộng đồng", "người bán dâm hoàn lương"),
          _f("d", "Tiếp cận, tư vấn hỗ trợ tâm lý, pháp lý cho {v2} lượt người bán dâm tại {place}", figure=REACHED, slot="v2")
          + _f("d", "Ngày {date}, giới thiệu {v} người bán dâm hoàn lương ở {place} học nghề tại các cơ sở giáo dục nghề nghiệp",
               figure=("học nghề",))
          + _f("a", "Tiếp nhận, hỗ trợ {v} nạn nhân bị mua bán trở về, bố trí nơi ở tạm thời tại Trung tâm Công tác xã hội từ ngày {date}",
               figure=("nạn nhân",))
          + _f("a", "Ngày {date}, kiểm tra tiến độ các hoạt động hỗ trợ tại {k} {locals}")
          + _f("m", "Phân công hội viên {k} chi hội cơ sở gặp gỡ, tư vấn, giúp đỡ {v2} người bán dâm hoàn lương tại {place}"),
          _f("adm", "{v} người được hỗ trợ đã có việc làm ổn định.", figure=("việc làm",))
          + _f("adm", "các trường hợp được hỗ trợ không tái vi phạm.")),
    Theme(("vận động", "tố giác", "hội viên"),
          _f("m", "Vận động {m} {audience} tham gia phong trào “Toàn dân bảo vệ an ninh Tổ quốc” tại {place}",
             "Tiếp nhận {v} tin báo của {audience} về biểu hiện mại dâm tại {place}, chuyển Công an xác minh",
             "Ngày {date}, tổ chức {n} buổi nói chuyện chuyên đề cho {m} {audience}"),
          _f("m", "{v} tin báo đã được xác minh, xử lý.", "không có {audience} vi phạm pháp luật về phòng, chống mại dâm."), rank="last"),
    Theme(("báo chí", "tin, bài", "cung cấp thông tin", "thông tin cơ sở"),
          _f("p", "Đăng, phát {v2} tin, bài, phóng sự về phòng, chống mại dâm từ ngày {date}", figure=TIN, slot="v2")
          + _f("p", "Duy trì chuyên mục phòng, chống tệ nạn xã hội với {n} kỳ, kỳ gần nhất ngày {date}")
          + _f("a", "Cung cấp thông tin cho {k} cơ quan báo chí, đăng {v2} tin, bài trên cổng thông tin của đơn vị từ ngày {date}",
               figure=TIN, slot="v2")
          + _f("a", "Ngày {date}, hướng dẫn hệ thống thông tin cơ sở tại {k} {locals} phát {n} chương trình về phòng, chống mại dâm"),
          _f("p", "{v} tác phẩm phản ánh tập thể, cá nhân điển hình trong công tác phòng, chống mại dâm.",
             "các tin, bài được chia sẻ trên trang mạng xã hội của cơ quan với {m2} lượt xem.")
          + _f("a", "thông tin được cung cấp kịp thời, đúng định hướng.")),
    Theme(("tập huấn", "đào tạo", "bồi dưỡng"),
          _f("adm", "Tổ chức {n} lớp tập huấn nghiệp vụ cho {m} {trainees} từ ngày {date}",
             figure=("làm công tác phòng, chống tệ nạn xã hội+tập huấn",), slot="m")
          + _f("adm", "Ngày {date}, cử {k} {staff} tham dự lớp bồi dưỡng kỹ năng tuyên truyền, hỗ trợ người bán dâm")
          + _f("a", "Tổ chức hội thảo trao đổi kinh nghiệm với {m} cán bộ {tiers} ngày {date}"),
          _f("adm", "tỷ lệ học viên đạt yêu cầu trên {pct}%.", "học viên được cấp tài liệu nghiệp vụ.")),
    Theme(("tuyên truyền", "phổ biến", "giáo dục pháp luật", "truyền thông"),
          _f("d", "Treo {b} băng rôn, khẩu hiệu và phát {m2} tờ rơi tuyên truyền tại {place}",
             "Phát {n} chương trình trên hệ thống loa truyền thanh cơ sở tại {place} từ ngày {date}")
          + _f("dm", "Lồng ghép nội dung phòng, chống mại dâm vào {n} buổi {meetings} tại {place}",
               "Phát {m2} tờ gấp, tài liệu hỏi đáp pháp luật tới {audience} tại {place}")
          + _f("adm", "Tổ chức {n} buổi tuyên truyền, phổ biến pháp luật về phòng, chống mại dâm cho {m} lượt {audience} từ ngày {date}",
               figure=("d:người dân+được tuyên truyền",), slot="m")
          + _f("a", "Đăng tải {n} tin, bài trên cổng thông tin điện tử và trang mạng xã hội của đơn vị từ ngày {date}",
               figure=TIN, slot="n"),
          _f("adm", "nhận thức của {audience} về phòng, chống mại dâm được nâng lên.",
             "đã tiếp nhận {v} tin báo của người dân sau các buổi tuyên truyền."), rank="last"),
]
GENERIC = Theme((),
                _f("adpm", "Ngày {date}, ban hành văn bản triển khai nhiệm vụ, phân công {k} {staff} theo dõi",
                   "Lồng ghép nhiệm vụ vào chương trình công tác, tổ chức {n} cuộc họp kiểm điểm tiến độ, lần gần nhất ngày {date}",
                   "Phối hợp với các đơn vị liên quan triển khai {n} hoạt động, hoạt động đầu tiên ngày {date}"),
                _f("adpm", "nhiệm vụ được triển khai đúng kế hoạch.", "kết quả được báo cáo tại các cuộc giao ban định kỳ."))
IN_PROGRESS = (
    _f("adpm", "Nhiệm vụ đang tiếp tục triển khai, dự kiến hoàn thành trong quý {q}.",
       "Đến nay đã thực hiện được khoảng {pct}% khối lượng công việc.",
       "Đơn vị tiếp tục theo dõi, đôn đốc; sẽ báo cáo kết quả trong kỳ tới.",
       "Đang hoàn thiện hồ sơ, dự kiến sơ kết trong quý {q}.",
       "Một số nội dung phải lùi sang quý {q} do trùng lịch các đợt cao điểm.")
    + _f("adm", "Đơn vị đang phối hợp với {office} hoàn thiện tài liệu tuyên truyền.",
         needs="tuyên truyền"))
NOT_STARTED = (
    _f("adpm", "Chưa triển khai trong kỳ do chưa được bố trí kinh phí; dự kiến thực hiện trong quý {q}.",
       "Chưa thực hiện; đơn vị đang xây dựng kế hoạch, dự kiến triển khai trong quý {q}.",
       "Đơn vị chưa triển khai nhiệm vụ này trong kỳ, sẽ thực hiện trong quý {q}.")
    + _f("adpm", "Chờ hướng dẫn của {agency} nên chưa triển khai.", needs="{agency}"))
NOT_APPLICABLE = _f("adpm", "Không phát sinh trong kỳ báo cáo.")
# Status weights by the kind of work (theme.kind); None is a status left blank.
STATUS_WEIGHTS = {
    "always": {"done": 62, "in_progress": 35, None: 3},
    "work": {"done": 52, "in_progress": 36, "not_started": 9, None: 3},
    "event": {"done": 32, "in_progress": 23, "not_started": 7, "not_applicable": 35, None: 3},
}
KIND_LETTERS = {"local": "d", "agency": "a", "press": "p", "mass": "m"}

# Recommendations: (addressee code, text, how many units send it, kinds of unit that may send it,
# words one of the sender's tasks must contain). The shared ones reach many units word for word
# or nearly so (spacing, case, final punctuation differ), as in real returns. A unit never sends
# a text that names itself (nobody asks itself for something). The addressee "local" is the
# plan's addressee for its local level (see _addressee); the plan's own words fill {agency},
# {ministry}, {locals} and the like (see _vocabulary).
SHARED_RECOMMENDATIONS = [
    ("city", "Đề nghị Ủy ban nhân dân Thành phố bố trí kinh phí tập huấn cho Đội Kiểm tra liên ngành 178 cấp xã.", 10, "d", ()),
    ("central", "Đề nghị {ministry} sớm trình Chính phủ sửa đổi Nghị định số 144/2021/NĐ-CP, "
                "nâng mức xử phạt đối với hành vi mua dâm, bán dâm.", 7, "da", ("kiểm tra", "xử lý vi phạm")),
    ("agencies", "Đề nghị {agency} tổ chức tập huấn nghiệp vụ cho cán bộ làm công tác "
                 "phòng, chống mại dâm cấp xã.", 6, "d", ()),
    ("central", "Đề nghị {ministry} ban hành hướng dẫn hỗ trợ người bán dâm hòa nhập cộng đồng.",
     5, "dam", ("người bán dâm",)),
    ("city", "Đề nghị Thành phố bổ sung biên chế cán bộ chuyên trách công tác phòng, chống tệ nạn xã hội cấp xã.", 5, "d", ()),
    ("local", "Đề nghị Ủy ban nhân dân các {locals_all} {via_subs}cập nhật danh sách "
              "cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm, gửi các cơ quan chức năng để phối hợp kiểm tra.",
     6, "a", ("kiểm tra",)),
    ("agencies", "Đề nghị Công an Thành phố tăng cường phối hợp kiểm tra các cơ sở kinh doanh dịch vụ lưu trú, "
                 "karaoke trên địa bàn giáp ranh.", 3, "d", ()),
    ("agencies", "Đề nghị {agency} cung cấp tài liệu tuyên truyền về phòng, chống mại dâm "
                 "để phát hành tới hội viên, đoàn viên.", 3, "m", ()),
]
# A unit's own recommendations, by the kind of unit: (addressee, text, words one of its tasks must
# contain). {ward} is one of the unit's own communes, or the unit's own area if it has none.
OWN_RECOMMENDATIONS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "local": [
        ("city", "Đề nghị Thành phố hỗ trợ kinh phí lắp đặt camera an ninh tại {ward}.", ()),
        ("agencies", "Đề nghị {agency} hướng dẫn quy trình lập hồ sơ hỗ trợ người bán dâm tại {ward}.", ()),
        ("local", "Đề nghị Ủy ban nhân dân các {locals} giáp ranh phối hợp kiểm tra khu vực {ward}.", ()),
        ("other", "Đề nghị Báo Hà Nội mới, Đài Phát thanh và Truyền hình Hà Nội tăng thời lượng tuyên truyền về mô hình "
                  "phòng, chống mại dâm tại {ward}.", ()),
    ],
    "agency": [
        ("city", "Đề nghị Ủy ban nhân dân Thành phố giao chỉ tiêu cụ thể về tuyên truyền phòng, chống mại dâm cho các sở, ngành "
                 "trong Kế hoạch năm {next_year}.", ("tuyên truyền",)),
        ("agencies", "Đề nghị {agency} cung cấp tài liệu tuyên truyền để đơn vị phổ biến tới cán bộ, "
                     "công chức, người lao động.", ("tuyên truyền",)),
        ("central", "Đề nghị các cơ quan tư pháp Trung ương sớm hướng dẫn xử lý hình sự hành vi môi giới mại dâm qua mạng xã hội.",
         ("xét xử", "truy tố")),
        ("central", "Đề nghị {it_ministry} yêu cầu các nền tảng xuyên biên giới gỡ bỏ kịp thời nội dung quảng cáo, "
                    "môi giới mại dâm.", ("mạng",)),
        ("city", "Đề nghị Thành phố bổ sung nguồn vốn ủy thác cho vay đối với người bán dâm hoàn lương.", ("cho vay",)),
        ("local", "Đề nghị Ủy ban nhân dân các {locals_all} thông báo kịp thời các cơ sở kinh doanh dịch vụ có dấu hiệu "
                  "vi phạm để phối hợp hậu kiểm.", ("hậu kiểm", "lưu trú")),
    ],
    "mass": [
        ("city", "Đề nghị Thành phố hỗ trợ kinh phí duy trì hoạt động các câu lạc bộ phòng, chống tệ nạn xã hội ở cơ sở.", ()),
        ("local", "Đề nghị Ủy ban nhân dân các {locals_all} tạo điều kiện để tổ chức hội cơ sở tham gia tuyên truyền "
                  "tại các khu nhà trọ.", ()),
    ],
    "press": [
        ("agencies", "Đề nghị {agency} định kỳ cung cấp thông tin, số liệu về công tác phòng, chống "
                     "mại dâm cho các cơ quan báo chí.", ()),
        ("other", "Đề nghị các cơ quan chức năng tạo điều kiện để phóng viên tiếp cận thông tin về các vụ việc đã xử lý.", ()),
    ],
}
# Figures the plan sets no target for, scaled on a targeted figure of the plan they follow from:
# (words of the figure's label, words of the targeted figure's label, share of that target a year).
# A figure with no such relation gets a few per reporting unit a year, by its measure.
FOLLOWS = [
    (("lượt người vi phạm",), ("được kiểm tra",), (0.10, 0.16)),
    (("vi phạm hành chính",), ("được kiểm tra",), (0.06, 0.10)),
    (("ký cam kết",), ("được kiểm tra",), (0.35, 0.55)),
    (("vi phạm",), ("được kiểm tra",), (0.06, 0.10)),
    (("hậu kiểm",), ("được kiểm tra",), (0.04, 0.06)),
    (("lưu trú",), ("được kiểm tra",), (0.02, 0.04)),
    (("xét xử lưu động",), ("được xét xử",), (0.10, 0.20)),
    (("truy tố",), ("được xét xử",), (0.90, 1.10)),
    (("khám sức khỏe",), ("người lao động trong cơ sở",), (0.80, 1.20)),
    (("học nghề",), ("tiếp cận, tư vấn",), (0.05, 0.08)),
    (("việc làm",), ("tiếp cận, tư vấn",), (0.04, 0.07)),
    (("vay vốn",), ("tiếp cận, tư vấn",), (0.02, 0.04)),
    (("nạn nhân",), ("tiếp cận, tư vấn",), (0.02, 0.04)),
]
PER_UNIT = {"câu lạc bộ": (15, 30), "tập thể": (8, 15), "cá nhân": (15, 30), "trang, tài khoản": (15, 30)}
PER_UNIT_DEFAULT = (4, 10)
# Difficulties: the same few troubles, each told in several ways; each way marked with the kinds of
# unit that meet it and, where only units doing that work do, a word one of its tasks must contain.
DIFFICULTY_THEMES = [
    _f("dam", "Kinh phí bố trí cho công tác phòng, chống mại dâm còn hạn chế.")
    + _f("da", "Nguồn kinh phí dành cho hoạt động của Đội Kiểm tra liên ngành 178 chưa đáp ứng yêu cầu nhiệm vụ.",
         needs="đội kiểm tra liên ngành 178")
    + _f("dam", "Ngân sách cấp cho tuyên truyền, kiểm tra còn thấp, chưa tương xứng với khối lượng công việc.",
         needs="tuyên truyền"),
    _f("dampa", "Hoạt động mại dâm lợi dụng mạng xã hội ngày càng tinh vi, khó phát hiện.")
    + _f("da", "Đối tượng môi giới qua Zalo, Telegram, thay đổi địa điểm liên tục nên khó xử lý.",
         "Mại dâm trá hình qua các ứng dụng trên điện thoại khó thu thập chứng cứ.", needs="kiểm tra"),
    _f("d", "Cán bộ làm công tác phòng, chống tệ nạn xã hội cấp xã kiêm nhiệm nhiều việc, thường xuyên thay đổi.",
       "Đội ngũ cán bộ cơ sở mỏng, phần lớn kiêm nhiệm, chưa được đào tạo chuyên sâu.",
       "Thiếu cán bộ chuyên trách; cán bộ mới chưa có kinh nghiệm kiểm tra, xử lý."),
    _f("da", "Nhiều cơ sở kinh doanh dịch vụ thường xuyên thay đổi chủ, địa điểm, gây khó khăn cho quản lý.",
       "Cơ sở lưu trú, karaoke, massage chuyển nhượng, đổi tên liên tục nên khó theo dõi.", needs="cơ sở kinh doanh"),
    _f("da", "Mức xử phạt hành vi mua dâm, bán dâm còn thấp, chưa đủ sức răn đe.",
       "Chế tài đối với người mua dâm chưa đủ mạnh, đối tượng tái phạm nhiều.", needs="xử lý"),
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
    districts = [u for u in units if u.local]
    city = [u for u in units if not u.local]
    result.missing = sorted(u.code for u in rng.sample(districts, min(2, len(districts))) +
                            rng.sample(city[2:], min(3, max(len(city) - 2, 0))))
    reporting = [u for u in units if u.code not in result.missing]
    result.late = rng.choice([u.code for u in reporting if u.local]) if districts else ""
    result.twice = reporting[0].code if reporting else ""
    broken_unit = rng.choice([u.code for u in reporting if not u.local][1:] or [reporting[-1].code])
    share = _share(rng, period)
    figures = _figures(plan, period, reporting, share, rng)
    shared = _shared_recommendations(plan, reporting, rng)
    with tempfile.TemporaryDirectory() as tmp:
        for k, unit in enumerate(reporting):
            values = figures[unit.code]
            values.update(_cover(unit, period, rng, late=unit.code == result.late))
            draft_date = _weekday(period.due - timedelta(days=9), period.start)
            until = draft_date if unit.code == result.twice else values[names.REPORT_DATE]
            _agree_yes_no(plan, unit, values)
            values.update(_narrative(plan, unit, period, rng, shared[unit.code], until=until, values=values))
            _nothing_done(plan, unit, values)
            values.update(_hotspots(plan, unit, period))
            if k % 7 == 3:  # some units type numbers as text, with dots or a unit word
                for name in [n for n, v in values.items() if n.startswith("CT_") and isinstance(v, int) and v >= 1000][:2]:
                    values[name] = f"{values[name]:,}".replace(",", ".")
                    result.as_text.append((unit.code, name))
                for name in [n for n, v in values.items() if n.startswith("CT_") and isinstance(v, int) and 0 < v < 1000][:1]:
                    values[name] = f"{values[name]} người" if "người" in _measure(plan, name) else str(values[name])
                    result.as_text.append((unit.code, name))
            if unit.local and not result.bad_cell[0] and unit.code != result.late and k % 5 == 2:
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
                draft[names.REPORT_DATE] = draft_date
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
                millions = (8 + u.communes * rng.uniform(0.8, 2.2) if u.local else
                            rng.uniform(150, 400) if u.code in plan.leads_of(ind) or u.frequent else rng.uniform(10, 60))
                values[u.code][names.value(ind)] = int(millions * share * 2) * 500_000
        elif ind.kind in ("count", "qualitative"):
            goal = ind.target if ind.target else _annual_amount(plan, ind, len(who), rng)
            total = int(goal * share * rng.uniform(0.85, 1.15))
            leads = [u for u in who if u.code in plan.leads_of(ind) and not u.local]
            weights = {u.code: (max(u.communes, 1) if u.local else (12 if u in leads else 1.5)) for u in who}
            if ind.kind == "qualitative":
                weights = {c: 1 for c in weights}
                total = len(who) * rng.randint(2, 6)
            if ind.supplementary and ind.kind == "count":
                # a small figure shared by many units: counted out one by one, most units get a few, some none
                got = dict.fromkeys(weights, 0)
                for code in rng.choices(list(weights), weights=list(weights.values()), k=total):
                    got[code] += 1
                for u in who:
                    values[u.code][names.value(ind)] = got[u.code]
                continue
            wsum = sum(weights.values())
            for u in who:
                values[u.code][names.value(ind)] = max(int(total * weights[u.code] / wsum * rng.uniform(0.7, 1.3)), 0)
        elif ind.kind == "ratio":
            for u in who:
                if ind.denominator_default == "communes":
                    den = u.communes
                    num = max(den - rng.choice([0, 0, 0, 1, 2]), 0)
                elif ind.base:  # the plan counts the whole ("2.937 cơ sở"): the units' shares add up near it
                    den = max(1, round(ind.base / len(who) * rng.uniform(0.7, 1.3)))
                    num = min(den, int(den * rng.uniform(0.5, 0.85)))
                else:
                    den = rng.randint(3, 25)
                    num = den if rng.random() < 0.7 else max(den - rng.randint(1, 3), 0)
                    if ind.target and ind.target < 100:
                        num = min(den, int(den * rng.uniform(0.5, 0.85)))
                values[u.code][names.numerator(ind)] = num
                values[u.code][names.denominator(ind)] = den
        elif ind.kind == "yesno":
            for u in who:
                values[u.code][names.value(ind)] = YES_NO[0] if rng.random() < 0.93 else YES_NO[1]
    return {c: v for c, v in values.items() if c in codes}


def _nothing_done(plan: Plan, unit: Unit, values: dict) -> None:
    """A unit that did nothing under a section of the plan (every task of it "Chưa thực hiện" or
    "Không phát sinh") reports 0 for the figures the plan asks of that section (`source`)."""
    idle = {plan.narratives.status_label(s) for s in ("not_started", "not_applicable")}
    by_section: dict[str, list] = {}
    for t in plan.tasks_for(unit):
        by_section.setdefault(t.section, []).append(values.get(names.task_status(t)) in idle)
    quiet = {s for s, flags in by_section.items() if all(flags)}
    for ind in plan.indicators_for(unit):
        sources = {x.strip().removeprefix("IV.") for x in ind.source.split(",")} if ind.source else set()
        if sources & quiet and ind.kind == "count":
            values[names.value(ind)] = 0


def _annual_amount(plan: Plan, ind, reporters: int, rng: random.Random) -> float:
    """A plausible year's amount for a figure the plan sets no target for: a share of the targeted
    figure it follows from (people helped into jobs: a few of those counselled; establishments
    fined: some of those inspected), else a few per reporting unit by its measure."""
    label = ind.label.lower()
    for words, base_words, (low, high) in FOLLOWS:
        if any(w in label for w in words):
            base = [i.target for i in plan.indicators if i.target and i.kind == "count"
                    and any(w in i.label.lower() for w in base_words)]
            if base:
                return min(base) * rng.uniform(low, high)
    low, high = PER_UNIT.get(ind.measure, PER_UNIT_DEFAULT)
    return reporters * rng.uniform(low, high)


def _weekday(day: date, earliest: date) -> date:
    """The working day on or before `day` (never before `earliest`: then the one after it)."""
    back = day
    while back.weekday() >= 5:
        back -= timedelta(days=1)
    if back >= earliest:
        return back
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _cover(unit: Unit, period: Period, rng: random.Random, late: bool) -> dict:
    when = period.due + timedelta(days=rng.randint(1, 3)) if late else period.due - timedelta(days=rng.randint(1, 8))
    return {names.CONTACT: rng.choice(CONTACTS), names.PHONE: f"024 3{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            names.REPORT_DATE: _weekday(when, period.start)}


def _places(plan: Plan, unit: Unit) -> list[str]:
    """Where a unit works: a district's communes; a commune or ward with none under it, its own
    area; a city agency, some of the local units."""
    where = (plan.communes_of(unit.code) or [unit]) if unit.local else plan.local_units
    return [_lower_first(u.name) for u in where]


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _kinds(level: Level | None) -> list[str]:
    """The kinds of unit a level's name lists: ["quận", "huyện", "thị xã"]."""
    return [k.strip() for k in level.name.split(",") if k.strip()] if level else []


def _tier(level: Level | None) -> str:
    """How officials name a level's tier: "cấp huyện" for "quận, huyện, thị xã", "cấp xã" for
    "xã, phường" or "xã, phường, thị trấn"."""
    kinds = _kinds(level)
    if not kinds:
        return ""
    return "cấp " + next((w for w in ("tỉnh", "huyện", "xã") if w in kinds), kinds[0])


def _ministry(plan: Plan) -> str:
    """The ministry the plan's results go to, as the plan names it ("Bộ Y tế"): from the report's
    recipients ("- Bộ Y tế;") or [report] reported_to; "" when the plan names none."""
    for line in plan.report.recipients:
        body = line.strip().lstrip("-").strip()
        if body.startswith("Bộ ") and body[3:4].isupper():
            return re.split(r"\s*[(;]", body)[0].strip(" .")
    for part in re.split(r",| và (?=Ủy ban|UBND|Sở |Bộ )", plan.report.reported_to):
        part = part.strip()
        if part.startswith("Bộ ") and part[3:4].isupper():
            return part.strip(" .")
    return ""


def _vocabulary(plan: Plan) -> dict[str, str]:
    """The plan's own words for what sample texts name ({agency}, {locals}, …): its consolidating
    agency and ministry, its local level and the level under it, never a level it does not have."""
    local = plan.local_level
    sub = next((lv for lv in plan.levels if local is not None and lv.parent == local.code), None)
    con = plan.consolidator
    agency = con.agency or "cơ quan thường trực"
    office = con.office or agency
    if con.office and con.agency and con.office.startswith("Phòng "):
        office = f"{con.office} thuộc {con.agency}"  # a department is named with its agency; a "Chi cục" stands alone
    tier = _tier(local) or "cấp cơ sở"
    central = "các Bộ, ngành Trung ương"
    return {
        "agency": agency,
        "office": office,
        "ministry": _ministry(plan) or central,
        # a ministry the city still has a department of (merged ones are not named)
        "it_ministry": ("Bộ Thông tin và Truyền thông" if any(u.name == "Sở Thông tin và Truyền thông" for u in plan.units)
                        else central),
        "locals": ", ".join(_kinds(local)[:2]) or "địa phương",  # "quận, huyện" for "quận, huyện, thị xã"
        "locals_all": local.name if local else "địa phương",
        "subs": sub.name if sub else (local.name if local else "địa phương"),
        "few_subs": ", ".join(_kinds(sub)[:2]) if sub else "xã, phường",  # "xã, phường" for a few of them
        "via_subs": f"chỉ đạo Ủy ban nhân dân {_tier(sub)} " if sub else "",
        "tier": tier,
        "tiers": ", ".join(t for t in (_tier(local), _tier(sub)) if t) or tier,
        "health_unit": "Trung tâm Y tế" if tier == "cấp huyện" else "Trạm Y tế",
        # the local office a city department's work goes through
        "local_office": (f"Phòng {agency[4:]}" if agency.startswith("Sở ") and tier != "cấp xã" else "Phòng Văn hóa - Xã hội"),
    }


def _say(text: str, words: dict[str, str]) -> str:
    """A sample text in the plan's own words (see _vocabulary); other placeholders are kept."""
    for key, value in words.items():
        text = text.replace("{" + key + "}", value)
    return text


def _addressee(plan: Plan, code: str) -> str:
    """The plan's addressee code for a sample recommendation: "local" is the one naming the
    plan's local level ("Ủy ban nhân dân xã, phường"); a code the plan lacks, its default."""
    n = plan.narratives
    if code == "local":
        local = plan.local_level
        key = _fold(local.name) if local else ""
        return next((c.code for c in n.addressees if key and key in _fold(c.label)), n.default_addressee)
    return code if n.addressee_label(code) else n.default_addressee


# What a yes/no figure and a task are both about: the first of these words in the figure's label;
# the task is the unit's task that names it earliest. A unit answering "Không" to "xây dựng kế
# hoạch" reports that task not started (and no figure counting the same work).
YES_NO_SUBJECTS = ("xây dựng kế hoạch", "tuyên truyền", "mô hình", "kiện toàn", "cam kết", "câu lạc bộ", "kiểm tra")


def _yes_no_tasks(plan: Plan, unit: Unit, values: dict) -> dict[str, tuple[str, str]]:
    """Task name -> (the unit's yes/no answer on the same work, the subject words)."""
    out: dict[str, tuple[str, str]] = {}
    tasks = [(t, t.text.lower()) for t in plan.tasks_for(unit)]
    for ind in plan.indicators_for(unit):
        answer = values.get(names.value(ind))
        if ind.kind != "yesno" or answer not in YES_NO:
            continue
        label = ind.label.lower()
        subject = min((w for w in YES_NO_SUBJECTS if w in label), key=label.find, default=None)
        if subject is None:
            continue
        named = [(text.find(subject), k) for k, (t, text) in enumerate(tasks) if subject in text]
        if named:
            out.setdefault(names.task(tasks[min(named)[1]][0]), (answer, subject))
    return out


def _agree_yes_no(plan: Plan, unit: Unit, values: dict) -> None:
    """A unit that answers "Không" (say, to having organised any publicity) counts no one reached
    by that work: its counts naming the same subject are 0."""
    for answer, subject in _yes_no_tasks(plan, unit, values).values():
        if answer != YES_NO[1]:
            continue
        for ind in plan.indicators_for(unit):
            if ind.kind == "count" and not ind.money and subject in ind.label.lower():
                values[names.value(ind)] = 0


def _date(plan: Plan, period: Period, rng: random.Random, until: date | None = None, early=False) -> str:
    """A working day of the period, not before the plan itself was issued nor after `until`
    (the day the unit signs its report); `early`: within six weeks of the plan (a unit's own plan)."""
    start = max(period.start, plan.date or period.start)
    end = min(period.end, until or period.end)
    if early:
        end = min(end, start + timedelta(days=42))
    day = start + timedelta(days=rng.randint(3, max((end - start).days, 3)))
    return _weekday(min(day, end), start).strftime("%d/%m/%Y")


ROMAN = ["I", "II", "III", "IV"]


def _later_quarter(period: Period, rng: random.Random) -> str:
    """A quarter after the period, as a report names it ("III", "IV", "I năm 2025")."""
    q = (period.end.month - 1) // 3 + 1
    if period.end.day >= 14 and period.end.month % 3 == 0:
        q += 1  # the data window ends mid-month: the 14 June report looks to the next quarter
    later = list(range(q + 1, 5)) if q < 4 else []
    if not later:
        return f"I năm {period.end.year + 1}"
    return ROMAN[rng.choice(later) - 1]


@dataclass
class _Writer:
    """What a unit's texts are filled with: its kind, places, hotspots, the last day it may date,
    the plan's own words and the unit's own figures (`values`, by defined name)."""
    plan: Plan
    unit: Unit
    period: Period
    rng: random.Random
    until: date | None = None
    values: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        u = self.unit
        self.kind = ("local" if u.local else {"bao_chi": "press", "doan_the": "mass"}.get(u.group, "agency"))
        self.letter = KIND_LETTERS[self.kind]
        self.places = _places(self.plan, u)
        self.has_subs = u.communes > 0 or bool(self.plan.communes_of(u.code))
        self.words = _vocabulary(self.plan)
        self.labels = [(_fold(i.label), i) for i in self.plan.indicators_for(u)
                       if i.kind in ("count", "qualitative", "ratio") and not i.money]
        self.told: set[str] = set()  # figures a text has stated: each once
        spots = [h.name for h in self.plan.hotspots_of(u)]
        self.hotspots = [f"điểm {h}" for h in spots]
        con = self.plan.consolidator
        own = [u.name, u.short]
        if con.unit and u.code == con.unit:
            own += [con.agency, con.office, *con.aliases]
        self.own = [_fold(x) for x in own if x]
        self.agency = [_fold(x) for x in (con.agency, *con.aliases) if x]

    def say(self, text: str) -> str:
        return _say(text, self.words)

    def figure(self, f: Fragment) -> tuple[str, int] | None:
        """(defined name, value) of the unit's own figure a fragment states, if it reports one."""
        for alt in f.figure:
            kinds, _, words = alt.rpartition(":")
            if kinds and self.letter not in kinds:
                continue
            parts = [_fold(x) for x in words.split("+")]
            for label, ind in self.labels:
                if all(x in label for x in parts):
                    name = names.numerator(ind) if ind.kind == "ratio" else names.value(ind)
                    value = self.values.get(name)
                    if isinstance(value, int) and not isinstance(value, bool):
                        return name, value
        return None

    def needs_met(self, needs: str, task: str) -> bool:
        if needs == "{agency}":  # the task names the consolidating agency, however typed
            key = _fold(task)
            return any(x in key for x in self.agency)
        return needs in task

    def names_itself(self, text: str) -> bool:
        """A text that names the unit itself: nobody asks itself for something or reports to itself."""
        key = _fold(text)
        return any(x in key for x in self.own)

    def audience(self, task: str) -> str:
        if self.kind == "local":
            return "người dân"
        if self.kind == "press":
            return "bạn đọc"
        if self.kind == "agency":
            return "cán bộ, công chức, người lao động"
        for word, who in (("công nhân", "công nhân, người lao động"), ("thanh niên", "đoàn viên, thanh niên"),
                          ("phụ nữ", "hội viên phụ nữ")):
            if word in task:
                return who
        return "hội viên"

    def fill(self, template: str, task: str = "", fragment: Fragment | None = None,
             rng: random.Random | None = None) -> str:
        rng, unit, period = rng or self.rng, self.unit, self.period
        scale = max(unit.communes, 4)
        picked = rng.sample(self.places, min(len(self.places), rng.randint(1, 3)))
        sector = ("cơ sở kinh doanh dịch vụ lưu trú du lịch" if "lưu trú" in task else
                  "cơ sở kinh doanh karaoke, dịch vụ văn hóa" if "karaoke" in task or "dịch vụ văn hóa" in task else
                  "cơ sở kinh doanh dịch vụ dễ bị lợi dụng")
        fields: dict[str, Any] = dict(
            date=_date(self.plan, period, rng, self.until), early=_date(self.plan, period, rng, self.until, early=True), year=period.end.year, next_year=period.end.year + 1,
            doc=f"Kế hoạch số {rng.randint(12, 240)}/KH-{'UBND' if unit.local else unit.code}",
            k=rng.randint(2, 6), many=rng.randint(2, 4) * scale, n=rng.randint(2, 3 + scale // 2), m=number(rng.randint(8, 30) * scale),
            b=rng.randint(3, 8) * max(scale // 3, 1), m2=number(rng.randint(20, 90) * scale * 10),
            v=rng.randint(1, 3 + scale // 4), v2=rng.randint(4 + scale // 4, 10 + scale // 2),
            pct=rng.randint(70, 98), q=_later_quarter(period, rng), c=unit.communes,
            money=number(rng.randint(80, 400) if unit.local else rng.randint(150, 900)),
            place=", ".join(picked), ward=rng.choice(self.places),
            hotspot=rng.choice(self.hotspots) if self.hotspots else f"các khu vực giáp ranh thuộc {', '.join(picked)}",
            level=unit.kind or self.words["tier"], sector=sector, audience=self.audience(task),
            meetings=("sinh hoạt tổ dân phố, khu dân cư" if self.kind == "local" else
                      "sinh hoạt công đoàn cơ sở" if "công đoàn" in task else "sinh hoạt chi hội cơ sở"),
            staff="phóng viên" if self.kind == "press" else "cán bộ",
            trainees={"local": f"cán bộ {self.words['tiers']}", "agency": "cán bộ, công chức",
                      "mass": "cán bộ, hội viên"}.get(self.kind, "phóng viên, biên tập viên"))
        said = self.figure(fragment) if fragment is not None and self.can_state(fragment) else None
        if fragment is not None and said is not None:  # the unit's own figure, not a made-up one
            self.told.add(said[0])
            fields[fragment.slot] = number(said[1])
            if fragment.slot == "m":  # sessions or classes for that many people: ten or more each
                fields["n"] = max(1, min(fields["n"], said[1] // 10))
        return self.say(template).format(**fields)

    def fits(self, f: Fragment, task: str) -> bool:
        if self.letter not in f.kinds or (f.subs is not None and f.subs != self.has_subs):
            return False
        if f.needs and not self.needs_met(f.needs, task):
            return False
        return not self.names_itself(self.say(f.text))

    def can_state(self, f: Fragment) -> bool:
        """A figure the unit reports is stated once, and never as "0 vụ án"."""
        said = self.figure(f) if f.figure else None
        return said is None or (said[1] > 0 and said[0] not in self.told)


def _fold(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _themes(task: str) -> list[Theme]:
    """The themes a task's own wording calls up: those naming its very subject first, then the
    others by where their words first appear in it, those mentioned in passing, the generic one."""
    def where(t: Theme) -> int:
        return min((task.find(w) for w in t.words if w in task), default=-1)
    found = [t for t in THEMES if where(t) >= 0]
    ranks = {"first": 0, "position": 1, "last": 2}
    return sorted(found, key=lambda t: (ranks[t.rank], where(t) if t.rank == "position" else 0)) + [GENERIC]


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


def _may_send(plan: Plan, unit: Unit, kinds: str, needs: tuple, text: str) -> bool:
    w = _Writer(plan, unit, plan.periods[0], random.Random(0))
    tasks = " ".join(t.text.lower() for t in plan.tasks_for(unit))
    return w.letter in kinds and (not needs or any(x in tasks for x in needs)) and not w.names_itself(w.say(text))


def _shared_recommendations(plan: Plan, reporting: list[Unit], rng: random.Random) -> dict:
    """Unit code -> the shared recommendations it sends (addressee code, text as that unit typed it)."""
    out: dict[str, list] = {u.code: [] for u in reporting}
    words = _vocabulary(plan)
    for addressee, template, count, kinds, needs in SHARED_RECOMMENDATIONS:
        text = _say(template, words)
        pool = [u for u in reporting if _may_send(plan, u, kinds, needs, text)]
        for u in rng.sample(pool, min(count, len(pool))):
            out[u.code].append((addressee, _variant(text, rng)))
    return out


def _status(theme: Theme, rng: random.Random):
    weights = STATUS_WEIGHTS[theme.kind]
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _narrative(plan: Plan, unit: Unit, period: Period, rng: random.Random, shared: list, until: date | None = None,
               values: dict | None = None) -> dict:
    """A unit's task results, recommendations and difficulties; `values`: its figures, which the
    texts that state one of them repeat and its yes/no answers agree with."""
    out = {}
    values = values or {}
    w = _Writer(plan, unit, period, rng, until, values)
    used: set[str] = set()  # fragments this unit has written: never twice
    answered = _yes_no_tasks(plan, unit, values)

    def aside(task: str) -> random.Random:
        """Draws that change a choice already made (a figure that cannot be stated, a "Không"
        in the figures) come from here, so the rest of the sample stays as the seed made it."""
        return random.Random(f"{unit.code}/{task}/{len(used)}")

    def pick(fragments, task: str) -> Fragment | None:
        fitting = [f for f in fragments if w.fits(f, task) and f.text not in used]
        if not fitting:
            return None
        chosen = rng.choice(fitting)
        used.add(chosen.text)
        if not w.can_state(chosen):  # its figure is 0 or already said: another sentence of the same kind
            others = [f for f in fitting if f is not chosen and w.can_state(f)]
            if others:
                chosen = aside(task).choice(others)
                used.add(chosen.text)
        return chosen

    def take(fragments, task: str) -> str | None:
        chosen = pick(fragments, task)
        return w.fill(chosen.text, task, chosen) if chosen else None

    for t in plan.tasks_for(unit):
        task = t.text.lower()
        themes = _themes(task)
        main = next((th for th in themes if any(w.fits(f, task) for f in th.openings)), GENERIC)
        if main.kind == "work" and any(th.kind == "always" for th in themes):
            main = replace(main, kind="always")  # a task that also asks standing work (inspections, cases) is under way
        status = _status(main, rng)
        answer = answered.get(names.task(t), ("", ""))[0]
        if answer == YES_NO[0] and status in ("not_started", "not_applicable"):
            status = "in_progress"  # "Có" to the same work in the figures: it was done
        text = None
        if status == "not_applicable":
            text = take(_f("adpm", *main.empty) if main.empty else NOT_APPLICABLE, task)
        elif status == "not_started":
            text = take(NOT_STARTED, task)
        if text is None and status in ("not_applicable", "not_started"):
            status = "in_progress"
        if text is None:
            # what was done, from the first theme with a sentence left; its result from the same theme
            theme, first = next(((th, o) for th in themes if (o := pick(th.openings, task))), (GENERIC, None))
            first = first or rng.choice(GENERIC.openings)
            opening = w.fill(first.text, task, first)
            if status == "in_progress":
                follow = take(IN_PROGRESS, task)
            else:
                follow = take(theme.results, task) or take(GENERIC.results, task)
            if follow is None:
                text = opening + "."
            else:
                text = f"{opening}. {follow}" if status == "in_progress" else f"{opening}; {follow}"
        if answer == YES_NO[1] and status != "not_started":  # "Không" to the same work in the figures: not done
            side = aside(task)
            idle = [f for f in NOT_STARTED if w.fits(f, task) and f.text not in used]
            if idle:
                chosen = side.choice(idle)
                used.add(chosen.text)
                status, text = "not_started", w.fill(chosen.text, task, chosen, rng=side)
        out[names.task(t)] = text
        if status:
            out[names.task_status(t)] = plan.narratives.status_label(status)
    narratives = plan.narratives
    tasks = " ".join(t.text.lower() for t in plan.tasks_for(unit))
    own_pool = [(a, x) for a, x, needs in OWN_RECOMMENDATIONS.get(w.kind, [])
                if (not needs or any(n in tasks for n in needs)) and not w.names_itself(w.say(x))]
    own = [(a, w.fill(x)) for a, x in rng.sample(own_pool, min(len(own_pool), rng.randint(0, 2)))]
    rows = (shared + own)[:narratives.recommendation_rows]
    rng.shuffle(rows)
    for n, (addressee, text) in enumerate(rows, start=1):
        if rng.random() > 0.03:  # now and then the addressee is left blank
            out[names.recommendation_addressee(n)] = narratives.addressee_label(_addressee(plan, addressee))
        out[names.recommendation_text(n)] = text
    pools = [[f.text for f in th if w.letter in f.kinds and (not f.needs or f.needs in tasks)] for th in DIFFICULTY_THEMES]
    pools = [th for th in pools if th]
    pools = rng.sample(pools, min(len(pools), rng.randint(1 if unit.local else 0, 3)))
    for n, pool in enumerate(pools[:narratives.difficulty_rows], start=1):
        out[names.difficulty(n)] = rng.choice(pool)
    return out


def _hotspots(plan: Plan, unit: Unit, period: Period) -> dict:
    out = {}
    eliminated, reemerged = plan.hotspot_statuses.eliminated, plan.hotspot_statuses.reemerged
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
