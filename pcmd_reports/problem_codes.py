"""Every problem code: its severity, Vietnamese message template and a short hint.

A Problem's `code` is one of these members. They are strings (`ProblemCode.NOT_A_NUMBER ==
"not_a_number"`), so the JSON, the summary workbook and comparisons with plain text see the
stable code; call sites name the member, never a bare string. `docs/LOI.md` lists them all
(a test keeps the two in step), and `pcmd check --skip CODE` hides a code from the check.

Changed codes (JSON): "nan" is now "not_a_number", "formula_formula" is "formula_no_value",
and a file over the size limit is "file_too_big" ("too_big" stays the code of a count above
its limit).
"""
from __future__ import annotations

from enum import Enum

from . import messages as msg
from .problems import ERROR, WARNING


class ProblemCode(str, Enum):
    """(code, severity, template, hint). The template is the one in messages.py."""

    severity: str
    template: str
    hint: str

    def __new__(cls, code: str, severity: str, template: str, hint: str):
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.severity, obj.template, obj.hint = severity, template, hint
        return obj

    def __str__(self) -> str:  # the code itself, as a plain string would print
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    # -- whole files: the file is rejected ---------------------------------------------------
    EMPTY = ("empty", ERROR, msg.FILE_EMPTY, "Đơn vị gửi lại tệp biểu mẫu đã điền.")
    FILE_TOO_BIG = ("file_too_big", ERROR, msg.FILE_TOO_BIG, "Đơn vị gửi lại đúng tệp biểu mẫu.")
    PDF = ("pdf", ERROR, msg.FILE_PDF, "Đơn vị gửi tệp Excel của biểu mẫu, không phải bản PDF.")
    PASSWORD = ("password", ERROR, msg.FILE_PASSWORD, "Đơn vị gỡ mật khẩu rồi gửi lại.")
    NOT_WORKBOOK = ("not_workbook", ERROR, msg.FILE_NOT_WORKBOOK, "Đơn vị gửi lại đúng tệp biểu mẫu đã điền.")
    CORRUPT = ("corrupt", ERROR, msg.FILE_CORRUPT, "Đơn vị gửi lại tệp (tệp tải về bị hỏng).")
    BOMB = ("bomb", ERROR, msg.FILE_BOMB, "Tệp có cấu trúc bất thường; đơn vị gửi lại tệp biểu mẫu gốc đã điền.")
    SHEET_TOO_FAR = ("sheet_too_far", ERROR, msg.SHEET_TOO_FAR, "Xóa dữ liệu ở ô quá xa rồi gửi lại.")
    UNREADABLE = ("unreadable", ERROR, msg.FILE_UNEXPECTED_ERROR, "Mở tệp, lưu lại dạng .xlsx rồi gửi lại.")
    READER_CRASHED = ("reader_crashed", ERROR, msg.FILE_CRASHED, "Mở tệp, lưu lại dạng .xlsx rồi gửi lại.")
    NOT_A_FORM = ("not_a_form", ERROR, msg.FILE_NOT_A_FORM, "Đơn vị gửi tệp Excel của biểu mẫu.")
    NO_META = ("no_meta", ERROR, msg.FILE_NO_META, "Đơn vị dùng biểu mẫu do cơ quan tổng hợp gửi.")
    OTHER_PLAN = ("other_plan", ERROR, msg.FILE_OTHER_PLAN, "Đơn vị dùng biểu mẫu của kế hoạch đang tổng hợp.")
    UNKNOWN_PERIOD = ("unknown_period", ERROR, msg.FILE_UNKNOWN_PERIOD, "Đơn vị dùng biểu mẫu do cơ quan tổng hợp gửi.")
    OTHER_PERIOD = ("other_period", ERROR, msg.FILE_OTHER_PERIOD, "Đơn vị điền biểu mẫu của kỳ đang tổng hợp.")
    UNKNOWN_UNIT = ("unknown_unit", ERROR, msg.FILE_UNKNOWN_UNIT, "Đơn vị dùng biểu mẫu mang tên đơn vị mình.")
    IDENTITY_CONFLICT = ("identity_conflict", ERROR, msg.IDENTITY_CONFLICT,
                         "Hỏi lại đơn vị: tệp ghi một đơn vị trong _meta, đơn vị khác ở trang bìa và tên tệp.")
    # -- .zip archives in the input folder ---------------------------------------------------
    ARCHIVE_CORRUPT = ("archive_corrupt", ERROR, msg.ARCHIVE_CORRUPT, "Đơn vị gửi lại tệp nén hoặc gửi thẳng biểu mẫu.")
    ARCHIVE_TOO_BIG = ("archive_too_big", ERROR, msg.ARCHIVE_TOO_BIG, "Đơn vị gửi thẳng các tệp biểu mẫu.")
    ARCHIVE_TOO_MANY = ("archive_too_many", ERROR, msg.ARCHIVE_TOO_MANY, "Đơn vị gửi thẳng các tệp biểu mẫu.")
    ARCHIVE_EMPTY = ("archive_empty", ERROR, msg.ARCHIVE_EMPTY, "Kiểm tra lại tệp nén đơn vị đã gửi.")
    ARCHIVE_BAD_NAME = ("archive_bad_name", ERROR, msg.ARCHIVE_BAD_NAME, "Đơn vị nén lại trong một thư mục bình thường.")
    ARCHIVE_NESTED = ("archive_nested", ERROR, msg.ARCHIVE_NESTED, "Giải nén tệp nén bên trong, hoặc nén một lần.")
    # -- whole files: read, with a warning -----------------------------------------------------
    SHEET_RENAMED = ("sheet_renamed", WARNING, msg.SHEET_RENAMED, "Không cần làm gì; kỳ sau giữ nguyên tên trang.")
    LAYOUT_MOVED = ("layout_moved", ERROR, msg.LAYOUT_MOVED, "Đơn vị điền vào biểu mẫu gốc, lưu dạng .xlsx rồi gửi lại.")
    LAYOUT_FALLBACK = ("layout_fallback", WARNING, msg.LAYOUT_FALLBACK,
                       "Kiểm tra lại số liệu nếu đơn vị đã chèn hoặc xóa dòng.")
    OLD_TEMPLATE = ("old_template", WARNING, msg.FILE_OLD_TEMPLATE, "Kỳ sau đơn vị dùng biểu mẫu mới.")
    IDENTITY_MISMATCH = ("identity_mismatch", WARNING, msg.IDENTITY_MISMATCH,
                         "Kiểm tra tệp đúng là của đơn vị ghi trong _meta.")
    SUPERSEDED = ("superseded", WARNING, msg.FILE_SUPERSEDED, "Không cần làm gì: tệp mới hơn được tổng hợp.")
    DUPLICATE_FILE = ("duplicate_file", WARNING, msg.FILE_DUPLICATE, "Không cần làm gì; có thể xóa bản trùng.")
    PERIOD_GAP = ("period_gap", WARNING, msg.PERIOD_GAP, "Đề nghị đơn vị gửi báo cáo các tháng, quý còn thiếu.")
    OUTLIER = ("outlier", WARNING, msg.OUTLIER, "Hỏi lại đơn vị xem có gõ nhầm không.")
    EMPTY_FORM = ("empty_form", ERROR, msg.FORM_EMPTY, "Đơn vị điền số liệu, kết quả vào biểu mẫu rồi gửi lại.")
    NO_REPORT_DATE = ("no_report_date", WARNING, msg.REPORT_DATE_MISSING, "Ghi ngày báo cáo trên trang 'Thông tin chung'.")
    BAD_REPORT_DATE = ("bad_report_date", WARNING, msg.REPORT_DATE_BAD, "Ghi ngày theo dạng ngày/tháng/năm.")
    ODD_REPORT_DATE = ("odd_report_date", WARNING, msg.REPORT_DATE_ODD, "Hỏi lại đơn vị ngày báo cáo đúng.")
    NO_CONTACT = ("no_contact", WARNING, msg.CONTACT_MISSING, "Ghi người lập biểu và số điện thoại.")
    # -- cells: the cell is not counted --------------------------------------------------------
    NAME_MISSING = ("name_missing", ERROR, msg.NAME_MISSING, "Điền lại vào biểu mẫu gốc.")
    SHEET_MISSING = ("sheet_missing", ERROR, msg.SHEET_MISSING, "Điền lại vào biểu mẫu gốc.")
    NAME_MOVED = ("name_moved", ERROR, msg.NAME_MOVED, "Điền lại vào biểu mẫu gốc, không sửa tên ô.")
    FORMULA_ERROR = ("formula_error", ERROR, msg.FORMULA_ERROR, "Ghi trực tiếp con số thay cho công thức.")
    FORMULA_NO_VALUE = ("formula_no_value", ERROR, msg.FORMULA_NO_VALUE,
                        "Mở tệp bằng Excel, lưu lại; hoặc ghi trực tiếp con số.")
    NOT_A_NUMBER = ("not_a_number", ERROR, msg.NOT_A_NUMBER, "Ghi số nguyên không âm, ví dụ 2460.")
    NEGATIVE = ("negative", ERROR, msg.NEGATIVE, "Ghi số nguyên không âm.")
    FRACTION = ("fraction", ERROR, msg.NOT_WHOLE, "Ghi số nguyên.")
    TOO_BIG = ("too_big", ERROR, msg.COUNT_TOO_BIG, "Kiểm tra lại số: có thể gõ thừa chữ số.")
    COMMA = ("comma", ERROR, msg.COUNT_COMMA, "Ghi 1234 hoặc 1.234, không dùng dấu phẩy.")
    PERCENT = ("percent", ERROR, msg.COUNT_PERCENT, "Ghi số lượng, không ghi tỷ lệ phần trăm.")
    APPROXIMATE = ("approximate", ERROR, msg.COUNT_APPROXIMATE, "Ghi một số chính xác.")
    BAD_CHOICE = ("bad_choice", ERROR, msg.BAD_CHOICE, "Chọn một giá trị trong danh sách.")
    NUMERATOR_ABOVE = ("numerator_above", ERROR, msg.NUMERATOR_ABOVE, "Kiểm tra lại tử số và mẫu số.")
    DENOMINATOR_MISSING = ("denominator_missing", ERROR, msg.DENOMINATOR_MISSING, "Ghi mẫu số.")
    NEW_HOTSPOT_NO_NAME = ("new_hotspot_no_name", ERROR, msg.NEW_HOTSPOT_NO_NAME, "Ghi tên điểm.")
    # -- cells: read, with a warning -----------------------------------------------------------
    MAGNITUDE = ("magnitude", WARNING, msg.COUNT_READ_MAGNITUDE, "Kiểm tra cách đọc; kỳ sau ghi đủ chữ số.")
    UNIT_WORD = ("unit_word", WARNING, msg.COUNT_READ_UNIT_WORD, "Kỳ sau chỉ ghi số, không kèm chữ.")
    TEXT_TOO_LONG = ("text_too_long", WARNING, msg.TEXT_TOO_LONG, "Đọc bản đầy đủ trong tệp của đơn vị.")
    LEGACY_ENCODING = ("legacy_encoding", WARNING, msg.LEGACY_CONVERTED, "Kiểm tra lại chữ đã chuyển sang Unicode.")
    RECOMMENDATION_NO_ADDRESSEE = ("recommendation_no_addressee", WARNING, msg.RECOMMENDATION_NO_ADDRESSEE,
                                   "Chọn nơi nhận kiến nghị.")
    NUMERATOR_MISSING = ("numerator_missing", WARNING, msg.NUMERATOR_MISSING, "Ghi tử số (ghi 0 nếu không có).")
    HOTSPOT_NOT_REPORTED = ("hotspot_not_reported", WARNING, msg.HOTSPOT_NOT_REPORTED, "Cập nhật tình trạng điểm.")


def lookup(code: str) -> ProblemCode | None:
    """The member of a code as typed (`pcmd check --skip not_a_number`), or None."""
    try:
        # Enum's metaclass looks the value up; mypy checks the call against the members' __new__.
        return ProblemCode(code.strip().lower())  # type: ignore[call-arg]
    except ValueError:
        return None
