"""Every message a user sees, in Vietnamese, in one place.

Code refers to these constants; `str.format` fills the blanks.
"""

# -- the command line ---------------------------------------------------------------
UNEXPECTED = "Lỗi không mong muốn ({error}). Chạy lại lệnh với 'pcmd --verbose ...' và gửi nội dung hiện ra cho bộ phận kỹ thuật."
HELP_OPTION = "Hiện hướng dẫn này rồi thoát."
HELP_USAGE = "Cách dùng: "
HELP_OPTIONS = "Tùy chọn"
HELP_COMMANDS = "Các lệnh"
STATUS_BUILT = "tổng hợp từ {n} báo cáo tháng, quý"
STATUS_GAPS = "còn thiếu {names}"
OPEN_MARKS = ("Có {n} tệp đánh dấu tệp đang mở trong Excel hoặc LibreOffice ({names}): tệp báo cáo tương ứng có thể "
              "đang được sửa hoặc chưa lưu xong. Đóng Excel/LibreOffice rồi chạy lại lệnh nếu vừa sửa tệp.")
USAGE_ERROR = "Lệnh chưa đúng: {error} Xem hướng dẫn: {command} --help"
# click's own usage messages (English), as a clerk reads them: (pattern, Vietnamese), tried in order
USAGE_TRANSLATIONS = [
    (r"No such option:? '?([^'\s.]+)'?\.?", r"không có tùy chọn \1."),
    (r"\(?Did you mean one of:? (.+?)\?\)?", r"Có phải ý là một trong: \1?"),
    (r"\(?Did you mean '?([^'?]+)'?\?\)?", r"Có phải ý là \1?"),
    (r"Missing argument '([^']+)'\.?", r"thiếu \1."),
    (r"Missing option '([^']+)'\.?", r"thiếu tùy chọn \1."),
    (r"Got unexpected extra arguments? \((.+)\)", r"thừa \1 (nếu đường dẫn có dấu cách, đặt trong ngoặc kép)."),
    (r"Option '([^']+)' requires an argument\.", r"tùy chọn \1 cần một giá trị đi kèm."),
    (r"No such command '([^']+)'\.", r"không có lệnh '\1'."),
    (r"Invalid value for '([^']+)': ", r"giá trị của \1 không dùng được: "),
    (r"(?:File|Path|Directory) '([^']+)' does not exist\.", r"không có '\1'."),
    (r"(?:File|Path) '([^']+)' is a directory\.", r"'\1' là một thư mục, không phải tệp."),
]
INTERRUPTED = "Đã dừng theo yêu cầu. Các tệp kết quả đã ghi trước đó không bị ảnh hưởng."

# -- the plan file --------------------------------------------------------------------
PLAN_NOT_FOUND = "Không tìm thấy tệp kế hoạch {path}. Kiểm tra lại đường dẫn trong tùy chọn --plan."
PLAN_UNREADABLE = "Tệp kế hoạch {path} không đọc được ({error}). Sửa tệp theo mẫu kèm theo rồi chạy lại."
PLAN_MISSING_KEY = "Tệp kế hoạch thiếu mục '{key}' trong {where}."
PLAN_DUPLICATE = "Tệp kế hoạch khai báo trùng {what} '{key}'."
PLAN_BAD_VALUE = "Tệp kế hoạch: {where} có {key} = '{value}' không hợp lệ."
PLAN_BAD_REF = "Tệp kế hoạch: {where} tham chiếu {key} '{value}' không có trong kế hoạch."
UNKNOWN_PERIOD = "Kỳ báo cáo '{period}' không có trong kế hoạch. Các kỳ hợp lệ: {choices}."
UNKNOWN_UNIT = "Mã đơn vị '{code}' không có trong kế hoạch. Xem danh sách mã bằng lệnh: pcmd units"
PERIOD_NOT_FOR_UNIT = "Đơn vị {unit} không phải báo cáo kỳ {period}."

# -- the forms -------------------------------------------------------------------------
FORM_TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH PHÒNG, CHỐNG MẠI DÂM"
SHEET_COVER = "Thông tin chung"
SHEET_INDICATORS = "Chỉ tiêu"
SHEET_HOTSPOTS = "Điểm phức tạp"
SHEET_TASKS = "Nhiệm vụ"
SHEET_LISTS = "_danh_sach"
SHEET_META = "_meta"

COVER_LABELS = {
    "unit": "Đơn vị báo cáo",
    "code": "Mã đơn vị",
    "plan": "Kế hoạch",
    "period": "Kỳ báo cáo",
    "window": "Số liệu tính từ ngày … đến ngày …",
    "due": "Hạn gửi báo cáo",
    "send_to": "Nơi nhận báo cáo",
    "contact": "Người lập biểu (họ và tên)",
    "phone": "Số điện thoại liên hệ",
    "report_date": "Ngày báo cáo (ngày/tháng/năm)",
}
COVER_INSTRUCTIONS = [
    "HƯỚNG DẪN ĐIỀN BIỂU",
    "1. Chỉ điền vào các ô nền vàng; các ô khác đã được khóa.",
    "2. Chỉ báo cáo kết quả do chính đơn vị mình thực hiện trong kỳ báo cáo; không cộng số liệu của đơn vị khác ({agency} sẽ tổng hợp chung toàn Thành phố).",
    "3. Số liệu là số nguyên không âm, gõ liền không cần dấu chấm phân cách (ví dụ: 2460). Việc không thực hiện thì ghi 0; ô để trống được hiểu là chưa báo cáo.",
    "4. Với chỉ tiêu tỷ lệ, ghi tử số và mẫu số; không tự tính tỷ lệ phần trăm.",
    "5. Không đổi tên, thêm hoặc xóa trang tính, dòng, cột của biểu mẫu. Lưu tệp dưới dạng Excel (.xlsx) và gửi lại.",
]
INDICATOR_HEADERS = ["STT", "Chỉ tiêu (theo Phụ lục I của Kế hoạch)", "Chỉ tiêu Thành phố năm", "Đơn vị tính", "Kết quả của đơn vị", "Ghi chú"]
INDICATOR_NOTE = "Cột \"Chỉ tiêu Thành phố năm\" là chỉ tiêu chung của toàn Thành phố, không phải chỉ tiêu riêng của đơn vị. Dòng ghi \"(chủ trì)\" là chỉ tiêu đơn vị được giao chủ trì."
SUPPLEMENTARY_HEADING = "Số liệu khác (Kế hoạch không giao chỉ tiêu)"
LEAD_MARK = " (chủ trì)"
NUMERATOR = "Tử số: "
DENOMINATOR = "Mẫu số: "
QUALITATIVE_COUNT = "Số tin, bài đã đăng tải, phát sóng"
YES, NO = "Có", "Không"
YES_NO = "Có/Không"
HOTSPOT_HEADERS = ["STT", "Tên điểm", "Phụ lục", "Mức độ khi giao", "Tình trạng hiện nay (chọn)", "Ghi chú, kết quả"]
HOTSPOT_APPENDIX = "Phụ lục {appendix}"
NEW_HOTSPOT_HEADING = "ĐIỂM PHỨC TẠP MỚI PHÁT SINH TRONG KỲ (nếu có)"
NEW_HOTSPOT_HEADERS = ["STT", "Tên điểm", "Địa chỉ ({where})", "Mức độ (chọn)", "Ghi chú"]  # where: the plan's level
DIFFICULTIES = "Khó khăn, vướng mắc"
RECOMMENDATIONS = "Đề xuất, kiến nghị"
VALIDATION_WHOLE_TITLE = "Số liệu không hợp lệ"
VALIDATION_WHOLE = "Chỉ nhập số nguyên không âm (ví dụ: 2460)."
VALIDATION_WHOLE_PROMPT = "Nhập số nguyên không âm"
VALIDATION_LIST_TITLE = "Giá trị không hợp lệ"
VALIDATION_LIST = "Chọn một giá trị trong danh sách."
VALIDATION_DATE = "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 14/6/2024."
FORMS_DONE_TITLE = "Đã tạo biểu mẫu kỳ {period}"
FORMS_TABLE_HEADERS = ["Mã", "Đơn vị", "Chỉ tiêu", "Điểm", "Nhiệm vụ", "Tệp"]
FORMS_PROGRESS = "Đang tạo biểu mẫu"
FORMS_WRITTEN = "Đã ghi {n} biểu mẫu vào {out}"

# -- intake: whole files ------------------------------------------------------------
FILE_EMPTY = "Tệp rỗng (0 byte). Đề nghị đơn vị gửi lại tệp biểu mẫu đã điền."
FILE_TOO_BIG = "Tệp quá lớn ({size} MB, tối đa {limit} MB): không phải biểu mẫu đã điền. Đề nghị đơn vị gửi lại đúng tệp biểu mẫu."
FILE_PDF = "Tệp là PDF, không phải tệp Excel (dù tên tệp có đuôi {ext}). Đề nghị đơn vị gửi lại tệp Excel của biểu mẫu."
FILE_PASSWORD = "Tệp được đặt mật khẩu nên không đọc được. Đề nghị đơn vị gỡ mật khẩu (File > Info > Protect Workbook) rồi gửi lại."
SHEET_RENAMED = ("Trang '{old}' của biểu mẫu đã bị đổi tên thành '{new}': số liệu vẫn được đọc theo tên ô. Lần sau "
                 "đề nghị đơn vị không đổi tên trang.")
LAYOUT_MOVED = ("Tệp không giữ tên ô của biểu mẫu (thường gặp khi lưu dạng .xls) và các dòng đã bị chèn hoặc xóa: "
                "dòng {row} của trang '{sheet}' trong biểu mẫu ghi '{want}', trong tệp ghi '{got}'. Số liệu không đọc "
                "được theo vị trí ô nên cả tệp không được tổng hợp. Đề nghị đơn vị điền vào biểu mẫu gốc, không chèn "
                "hay xóa dòng, lưu dạng Excel (.xlsx) rồi gửi lại.")
LAYOUT_FALLBACK = "Tệp không giữ tên ô của biểu mẫu (thường gặp khi lưu dạng .xls): số liệu được đọc theo vị trí ô của biểu mẫu gốc. Kiểm tra lại nếu đơn vị đã chèn hoặc xóa dòng."
FILE_NOT_WORKBOOK = "Tệp không phải là bảng tính Excel (.xlsx). Đề nghị đơn vị gửi lại đúng tệp biểu mẫu đã điền."
FILE_CORRUPT = "Tệp bị hỏng hoặc không trọn vẹn (có thể do tải về từ thư điện tử bị lỗi). Đề nghị đơn vị gửi lại tệp."
FILE_BOMB = "Tệp có cấu trúc bất thường (dung lượng giải nén {size} MB, tỷ lệ nén {ratio}:1) nên không được mở để bảo đảm an toàn. Đề nghị đơn vị gửi lại tệp biểu mẫu gốc đã điền."
FILE_NO_META = "Tệp không phải biểu mẫu của Kế hoạch (không có trang _meta). Đề nghị đơn vị điền số liệu vào biểu mẫu do Sở gửi rồi gửi lại."
FILE_OTHER_PLAN = "Tệp là biểu mẫu của kế hoạch '{got}', không phải '{want}'. Đề nghị đơn vị dùng biểu mẫu của {title}."
FILE_OTHER_PERIOD = "Tệp là biểu mẫu kỳ '{got}', không phải kỳ đang tổng hợp '{want}' ({name}). Đề nghị đơn vị điền biểu mẫu kỳ {name}."
FILE_UNKNOWN_PERIOD = "Tệp ghi kỳ báo cáo '{got}' không có trong kế hoạch. Đề nghị đơn vị dùng biểu mẫu do Sở gửi."
FILE_UNKNOWN_UNIT = "Tệp ghi mã đơn vị '{got}' không có trong kế hoạch. Đề nghị đơn vị dùng đúng biểu mẫu mang tên đơn vị mình."
FILE_OLD_TEMPLATE = "Đơn vị đã dùng biểu mẫu cũ (phiên bản {got}, phiên bản hiện hành {want}): số liệu vẫn được đọc theo tên ô. Đề nghị đơn vị dùng biểu mẫu mới ở kỳ báo cáo sau."
FILE_SUPERSEDED = "Đơn vị đã gửi tệp mới hơn ({newer}); tệp này không được tổng hợp."
FILE_DUPLICATE = "Tệp trùng hệt tệp {newer} (cùng nội dung, lưu hai lần): chỉ tính một lần."
FILE_UNEXPECTED_ERROR = "Không đọc được tệp ({error}). Đề nghị đơn vị mở tệp, lưu lại dạng .xlsx rồi gửi lại."

# -- intake: cells ------------------------------------------------------------------
NAME_MISSING = "Không tìm thấy ô '{name}' ({what}): trang tính có thể đã bị sửa cấu trúc. Đề nghị đơn vị điền lại vào biểu mẫu gốc."
SHEET_MISSING = "Không tìm thấy trang tính '{sheet}' chứa ô '{name}'. Đề nghị đơn vị điền lại vào biểu mẫu gốc."
NOT_A_NUMBER = "{what}: '{raw}' không phải là số. Ghi số nguyên không âm, ví dụ 2460."
NEGATIVE = "{what}: {raw} là số âm. Ghi số nguyên không âm."
NOT_WHOLE = "{what}: {raw} không phải số nguyên. Ghi số nguyên (số người, số vụ, số cơ sở...)."
FORMULA_ERROR = "{what}: ô chứa lỗi công thức ({raw}). Ghi trực tiếp con số thay cho công thức."
FORMULA_NO_VALUE = "{what}: ô chứa công thức chưa có giá trị. Mở tệp bằng Excel, lưu lại rồi gửi; hoặc ghi trực tiếp con số."
NUMERATOR_ABOVE = "{what}: tử số {num} lớn hơn mẫu số {den}. Kiểm tra lại hai số; chỉ tiêu này chưa được tổng hợp."
DENOMINATOR_MISSING = "{what}: có tử số {num} nhưng thiếu mẫu số. Ghi mẫu số; chỉ tiêu này chưa được tổng hợp."
NUMERATOR_MISSING = "{what}: có mẫu số {den} nhưng thiếu tử số. Ghi tử số (ghi 0 nếu không có)."
BAD_CHOICE = "{what}: '{raw}' không có trong danh sách ({choices}). Chọn một giá trị trong danh sách."
NEW_HOTSPOT_NO_NAME = "Điểm phức tạp mới dòng {k}: có thông tin nhưng thiếu tên điểm. Ghi tên điểm."
HOTSPOT_NOT_REPORTED = "Chưa cập nhật tình trạng điểm {id} ({name})."
REPORT_DATE_MISSING = ("Chưa ghi ngày báo cáo trên trang 'Thông tin chung': báo cáo đúng hạn hay muộn được xét theo "
                       "ngày lưu tệp, có thể là ngày cán bộ lưu tệp đính kèm chứ không phải ngày đơn vị gửi.")
REPORT_DATE_BAD = ("Ngày báo cáo '{raw}' không đọc được (ghi theo dạng ngày/tháng/năm, ví dụ 14/6/2024): báo cáo đúng "
                   "hạn hay muộn được xét theo ngày lưu tệp.")
REPORT_DATE_ODD = ("Ngày báo cáo {date} {why}: kiểm tra lại (có thể gõ nhầm năm). Báo cáo đúng hạn hay muộn được xét "
                   "theo ngày này.")
REPORT_DATE_BEFORE = "trước khi kỳ báo cáo bắt đầu ({start})"
REPORT_DATE_AFTER = "sau ngày đọc tệp ({today})"
FORM_EMPTY = ("Biểu mẫu chưa có số liệu hay kết quả nào (có thể đơn vị gửi nhầm tệp mẫu trắng): tệp không được "
              "tính là báo cáo.")
CONTACT_MISSING = "Chưa ghi người lập biểu và số điện thoại liên hệ."
LEGACY_CONVERTED = "{what}: văn bản gõ theo bảng mã cũ {encoding} (phông {font}) đã được chuyển sang Unicode: “{text}”. Đề nghị kiểm tra lại."
OUTLIER = "{what}: {value} cao hơn {factor} lần mức thường gặp của các đơn vị cùng cấp ({median}). Kiểm tra lại xem có gõ nhầm không."

# -- pcmd check -----------------------------------------------------------------------
PATH_MISSING = "Không tìm thấy tệp hoặc thư mục {path}. Kiểm tra lại đường dẫn."
CHECK_PROGRESS = "Đang đọc tệp"
CHECK_HEADERS = ["Mức độ", "Vị trí (trang!ô)", "Nội dung"]
CHECK_STATUS = {"accepted": "được tổng hợp", "rejected": "bị từ chối", "superseded": "bị thay thế bởi tệp mới hơn"}
CHECK_FILE_LINE = "{file}: {unit} - {status}, {errors} lỗi, {warnings} cảnh báo"
CHECK_NO_FILES = "Không tìm thấy tệp bảng tính nào trong: {paths}"
CHECK_SUMMARY = "Đã kiểm tra {files} tệp: {ok} được tổng hợp, {rejected} bị từ chối, {errors} lỗi, {warnings} cảnh báo."
UNIT_UNKNOWN_LABEL = "(chưa rõ đơn vị)"

# -- consolidation ----------------------------------------------------------------------
HOTSPOT_NO_REPORT = "Chưa có báo cáo"
HOTSPOT_NO_STATUS = "Đơn vị chưa cập nhật tình trạng"
UNIT_STATUS = {"submitted": "Đã báo cáo", "missing": "Chưa báo cáo", "rejected": "Gửi tệp lỗi"}
FILE_OUTCOME = {"accepted": "Được tổng hợp", "rejected": "Bị từ chối", "superseded": "Bị thay thế bởi tệp mới hơn"}
LATE = "Muộn"
COVERAGE = "trên cơ sở {n}/{m} {who} báo cáo"
COVERAGE_UNITS = "đơn vị"
CONSOLIDATE_PROGRESS = "Đang đọc báo cáo"
CONSOLIDATE_INPUT_MISSING = "Không tìm thấy thư mục {path}."
CONSOLIDATE_UNITS_LINE = "Đơn vị phải báo cáo: {expected}; đã báo cáo: {submitted}; chưa báo cáo: {missing}; tệp bị từ chối: {rejected}; báo cáo muộn: {late}."
CONSOLIDATE_FILES_LINE = "Đã đọc {files} tệp: {rejected} tệp bị từ chối, {superseded} tệp bị thay thế; {errors} lỗi, {warnings} cảnh báo."
CONSOLIDATE_TABLE_TITLE = "Kết quả thực hiện chỉ tiêu - {period}"
CONSOLIDATE_TABLE_HEADERS = ["Mã", "Chỉ tiêu", "Chỉ tiêu năm", "Thực hiện", "% chỉ tiêu", "Đánh giá", "Báo cáo"]
CONSOLIDATE_WROTE = "Đã ghi: {path}"
MISSING_UNITS_LINE = "Chưa báo cáo: {names}"
LATE_UNITS_LINE = "Báo cáo muộn: {names}"
BAD_DATE = "Ngày '{value}' không đúng dạng YYYY-MM-DD (ví dụ 2024-06-17)."

# -- the summary workbook ----------------------------------------------------------------
SUMMARY_SHEETS = {
    "indicators": "Tổng hợp chỉ tiêu",
    "detail": "Chi tiết theo đơn vị",
    "hotspots": "Điểm phức tạp",
    "units": "Tình hình báo cáo",
    "problems": "Lỗi và cảnh báo",
    "files": "Nguồn số liệu",
    "tasks": "Kết quả nhiệm vụ",
    "figures": "Số liệu gốc",
    "changes": "Thay đổi khi gửi lại",
}
SUMMARY_TITLE = "TỔNG HỢP KẾT QUẢ THỰC HIỆN {title} - {period}"
SUMMARY_INDICATOR_HEADERS = ["STT", "Chỉ tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp", "Chỉ tiêu năm", "Đơn vị tính",
                             "Thực hiện", "Tử số", "Mẫu số", "Tỷ lệ % so với chỉ tiêu", "Đánh giá",
                             "Số đơn vị báo cáo", "Ghi chú"]
SUMMARY_CHART_TITLE = "Tỷ lệ % so với chỉ tiêu năm"
SUMMARY_DETAIL_FIRST = ["Mã", "Đơn vị"]
SUMMARY_TOTAL = "Tổng cộng"
SUMMARY_PART = {"value": "", "numerator": " (tử số)", "denominator": " (mẫu số)"}
SUMMARY_HOTSPOT_HEADERS = ["Mã điểm", "Phụ lục", "Tên điểm", "Địa bàn", "Mức độ khi giao", "Tình trạng báo cáo",
                           "Ghi chú của đơn vị", "Tệp", "Ô"]
SUMMARY_NEW_HOTSPOTS = "Điểm phức tạp mới phát sinh (đơn vị khai báo)"
SUMMARY_NEW_HOTSPOT_HEADERS = ["Địa bàn", "Tên điểm", "Địa chỉ", "Mức độ", "Ghi chú", "Tệp", "Ô"]
SUMMARY_UNIT_HEADERS = ["Mã", "Đơn vị", "Khối", "Tình trạng", "Tệp", "Ngày báo cáo", "Muộn", "Người lập biểu", "Điện thoại"]
SUMMARY_PROBLEM_HEADERS = ["Tệp", "Đơn vị", "Trang", "Ô", "Tên ô", "Mức độ", "Nội dung"]
SUMMARY_FILE_HEADERS = ["Tệp", "Đơn vị", "Kết quả", "SHA-256", "Dung lượng (byte)", "Thời điểm sửa tệp", "Thời điểm đọc"]
SUMMARY_FIGURE_HEADERS = ["Mã", "Đơn vị", "Chỉ tiêu", "Phần", "Giá trị", "Giá trị như đơn vị ghi", "Tệp", "Trang", "Ô", "Tên ô"]
SUMMARY_CHANGE_HEADERS = ["Mã", "Tệp cũ", "Tệp mới", "Nội dung", "Giá trị cũ", "Giá trị mới", "Trang", "Ô"]
SUMMARY_PART_NAMES = {"value": "Số liệu", "numerator": "Tử số", "denominator": "Mẫu số"}

# -- the Word report ----------------------------------------------------------------------
TEMPLATE_NOT_FOUND = "Không tìm thấy mẫu báo cáo {path}."
TEMPLATE_UNDEFINED = "Mẫu báo cáo {path} dùng biến không có: {error}. Sửa thẻ {{{{ … }}}} trong Word theo danh sách biến ở README."
TEMPLATE_SYNTAX = "Mẫu báo cáo {path} có thẻ viết sai: {error}. Mở mẫu trong Word, sửa thẻ {{{{ … }}}} hoặc {{% … %}} rồi chạy lại."
TEMPLATE_UNREADABLE = "Không mở được mẫu báo cáo {path} ({error}): tệp không phải .docx hợp lệ."
TEMPLATE_OK = "Mẫu {path} hợp lệ: đã thử tạo báo cáo với số liệu mẫu."
TEMPLATE_UNKNOWN_TAGS = "Mẫu {path} dùng biến không có trong dữ liệu báo cáo: {names}."
REPORT_FROM_MISSING = "Không tìm thấy tệp tổng hợp {path}. Chạy 'pcmd consolidate' trước để tạo tệp này."
REPORT_FROM_BAD = "Tệp {path} không phải tệp tổng hợp JSON của pcmd ({error})."
R_BLANK_NUMBER = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
R_NEXT_HALF = "6 THÁNG CUỐI NĂM {year}"
R_NEXT_YEAR = "NĂM {year}"
R_NEXT_OTHER = "THỜI GIAN TỚI"

# -- demo, status ---------------------------------------------------------------------
DEMO_NOT_EMPTY = "Thư mục {path} đã có tệp báo cáo: không tạo dữ liệu mẫu (dùng --force để vẫn tạo, hoặc chọn --out khác)."
DEMO_DONE = "Đã tạo {n} tệp báo cáo mẫu trong {path} ({missing} đơn vị cố ý chưa gửi). Chạy tiếp: pcmd consolidate {path}"
STATUS_TITLE = "Tình hình nhận báo cáo - {period}"
STATUS_HEADERS = ["Mã", "Đơn vị", "Tình trạng", "Tệp", "Ngày báo cáo", "Ghi chú"]
STATUS_ERRORS = "{n} lỗi trong tệp"
STATUS_DAYS_LEFT = "Còn {days} ngày đến hạn báo cáo ({due})."
STATUS_OVERDUE = "Đã quá hạn báo cáo ({due}) {days} ngày."

# -- remind, feedback, PDF ------------------------------------------------------------------
REMIND_PLAN_SHORT = "Kế hoạch số {number}"
REMIND_OPENING = ("Thực hiện Kế hoạch số {number} ngày {date} của {issuer} về {subject}, {agency} đã đề nghị "
                  "{reporters} báo cáo kết quả thực hiện {period} trước ngày {due}.")
# who was asked to report, one part per level of the plan ([[levels]]), joined with " và "
REMIND_REPORTERS_LOCAL = "Ủy ban nhân dân các {name}"  # a local level: its people's committees
REMIND_REPORTERS_OTHER = "các {name}"
REMIND_REPORTERS_JOIN = " và "
# the words that open a plural, not a proper name: lower-cased mid-sentence ("chủ trì: các Sở, …")
PLURAL_OPENINGS = ("Các", "Những", "Mọi")
REMIND_MISSING = "Đến ngày {as_of}, các đơn vị sau chưa gửi báo cáo: {names}."
REMIND_REJECTED = "Các đơn vị sau đã gửi tệp nhưng không đọc được, cần gửi lại: {names}."
REMIND_ASK = ("Để kịp tổng hợp báo cáo {reported_to}, {agency} "
              "đề nghị các đơn vị khẩn trương gửi báo cáo (theo biểu mẫu đã gửi kèm) trước ngày {deadline} về "
              "{office} ({address}; email: {email}).")
REMIND_NONE = "Mọi đơn vị đã gửi báo cáo hợp lệ: không cần công văn đôn đốc."
REMIND_WROTE = "Đã ghi công văn đôn đốc gửi {n} đơn vị: {path}"
FEEDBACK_WROTE = "Đã ghi {n} tệp phản hồi lỗi cho các đơn vị vào {path}"
FEEDBACK_SHEET = "Lỗi cần sửa"
FEEDBACK_TITLE = "PHẢN HỒI VỀ BÁO CÁO {period} - {unit}"
FEEDBACK_INTRO = "Đề nghị đơn vị sửa các ô dưới đây trong tệp đã gửi và gửi lại. Các số liệu khác đã được ghi nhận."
FEEDBACK_HEADERS = ["STT", "Tệp", "Trang tính", "Ô", "Mức độ", "Nội dung cần sửa"]
PDF_MISSING = ("Chưa tạo được bản PDF vì máy chưa cài LibreOffice. Cài LibreOffice (miễn phí, tải tại "
               "https://www.libreoffice.org) rồi chạy lại lệnh với --pdf; hoặc mở tệp .docx bằng Word và chọn "
               "Lưu dưới dạng PDF.")
PDF_FAILED = "LibreOffice không chuyển được {path} sang PDF: {error}"

# -- diff, close ------------------------------------------------------------------------------
DIFF_TITLE = "Khác nhau giữa {old} và {new}"
DIFF_HEADERS = ["Nội dung", "Cũ", "Mới", "Vị trí"]
DIFF_NONE = "Hai tệp không khác nhau về số liệu và nội dung báo cáo."
DIFF_KINDS = "Hai tệp phải cùng loại: hai tệp Excel biểu mẫu, hoặc hai tệp tổng hợp .json."
DIFF_UNREADABLE = "Không so sánh được vì tệp {file} không đọc được: {reason}"
CLOSED_REFUSE = ("Kỳ {period} đã khóa sổ ngày {closed_at} ({lock}): không ghi đè kết quả đã chốt. "
                 "Muốn mở lại để tổng hợp lại, chạy lệnh với --reopen.")
CLOSED_CHANGED = "Từ khi khóa sổ, các tệp đầu vào đã thay đổi: {changes}."
CLOSED_UNCHANGED = "Các tệp đầu vào không thay đổi từ khi khóa sổ."
CLOSE_NEEDS_CONSOLIDATION = "Chưa có kết quả tổng hợp {path}: chạy 'pcmd consolidate --period {period}' trước khi khóa sổ."
CLOSE_DONE = "Đã khóa sổ kỳ {period}: {n} tệp đầu vào, kết quả {json} (SHA-256 {sha}). Tệp khóa: {lock}"
CLOSE_ALREADY = "Kỳ {period} đã được khóa sổ ngày {closed_at}."
INPUT_ADDED = "thêm {name}"
INPUT_REMOVED = "bớt {name}"
INPUT_MODIFIED = "sửa {name}"

# -- comparison with the same period last year --------------------------------------------
COMPARE_MISSING = "Không tìm thấy tệp kết quả cùng kỳ {path}."
COMPARE_BAD = "Không đọc được kết quả cùng kỳ {path} ({error}): cần tệp TongHop_<kỳ>.json hoặc TongHop_<kỳ>.xlsx do pcmd tạo."
COMPARE_LABEL = "cùng kỳ năm {year}"
COMPARE_LABEL_UNKNOWN = "cùng kỳ năm trước"
COMPARE_UP = "tăng"
COMPARE_DOWN = "giảm"
COMPARE_SAME = "bằng"
COMPARE_POINTS = "điểm phần trăm"
COMPARE_NEW = "mới có ({value})"
SUMMARY_COMPARE_HEADERS = ["Cùng kỳ", "So sánh"]

# -- year to date from monthly and quarterly reports -------------------------------------------
PART_NOT_NEEDED = "Đơn vị đã gửi báo cáo {period}: báo cáo tháng, quý này không được cộng thêm."
PART_COVERED = "Kỳ này đã có trong báo cáo {period} của đơn vị: không cộng hai lần."
PERIOD_GAP = "{unit}: số liệu {period} được cộng từ các báo cáo tháng, quý đã gửi; còn thiếu: {gaps}. Số liệu các kỳ thiếu chưa được tính."
SUMMARY_UNIT_BUILT = ["Số liệu từ các kỳ", "Kỳ còn thiếu"]

# -- communes -> districts ------------------------------------------------------------------------
ROLLUP_NOTE = "Tổng hợp từ báo cáo của {n}/{m} xã, phường, thị trấn"
ROLLUP_DONE = "Đã tổng hợp {n}/{m} {level} báo cáo cho {district} vào biểu mẫu của đơn vị: {path}"
ROLLUP_MISSING = "Chưa có báo cáo của: {names}"
NO_SUB_UNITS = ("Mã '{code}' không phải đơn vị có đơn vị cấp dưới báo cáo cho mình trong kế hoạch. Xem các mã bằng "
                "lệnh: pcmd units")

# -- narratives: task status, recommendations by addressee, difficulties (issue #13) ----------
PLAN_NARRATIVE_CHOICE = "Tệp kế hoạch: narratives.{key} có mục '{value}' không hợp lệ; mỗi mục cần có code và label."
TASK_HEADERS_STATUS = ["STT", "Nhiệm vụ được giao {where}", "Tình trạng (chọn)", "Kết quả thực hiện"]
TASK_STATUS_PROMPT_TITLE = "Tình trạng nhiệm vụ"
TASK_STATUS_PROMPT = "Chọn trong danh sách: {choices}."
RECOMMENDATIONS_HEADING = "ĐỀ XUẤT, KIẾN NGHỊ (mỗi dòng một đề xuất, kiến nghị; chọn nơi nhận kiến nghị)"
RECOMMENDATION_HEADERS = ["STT", "Kiến nghị với (chọn)", "Nội dung đề xuất, kiến nghị"]
DIFFICULTIES_HEADING = "KHÓ KHĂN, VƯỚNG MẮC (mỗi dòng một nội dung)"
DIFFICULTY_HEADERS = ["STT", "Nội dung khó khăn, vướng mắc"]
SIGN_PLACE_DATE = "……………, ngày …… tháng …… năm {year}"
SIGN_PREPARER = "NGƯỜI LẬP BIỂU"
SIGN_PREPARER_HINT = "(Ký, ghi rõ họ tên)"
SIGN_HEAD = "THỦ TRƯỞNG ĐƠN VỊ"
SIGN_HEAD_HINT = "(Ký, ghi rõ họ tên, đóng dấu)"
FORM_FOOTER = "{unit} - Trang &P/&N"
MONEY_HINT = "Ghi số tiền bằng đồng, ví dụ 50.000.000"
MONEY_PROMPT_TITLE = "Số tiền (đồng)"
COVER_SIGN_INSTRUCTION = ("6. In biểu mẫu, ký, đóng dấu (phần chữ ký ở cuối trang Nhiệm vụ) và gửi bản quét kèm "
                          "tệp Excel.")
TASK_STATUS_WHAT = "Tình trạng nhiệm vụ {ref}"
TASK_RESULT_WHAT = "Kết quả nhiệm vụ {ref}"
TASKS_WHERE = "tại mục {part} của Kế hoạch"  # the plan's [plan] tasks_part
TASKS_WHERE_NONE = "tại Kế hoạch"
TASK_SECTION_LINE = "Mục {ref} của Kế hoạch: {title}"
RECOMMENDATION_WHAT = "Đề xuất, kiến nghị dòng {n}"
RECOMMENDATION_ADDRESSEE_WHAT = "Đề xuất, kiến nghị dòng {n}, nơi nhận"
DIFFICULTY_WHAT = "Khó khăn, vướng mắc dòng {n}"
RECOMMENDATION_NO_ADDRESSEE = ("Đề xuất, kiến nghị dòng {n} (ô {cell}) chưa chọn nơi nhận kiến nghị: được xếp vào "
                               "\"{label}\". Chọn nơi nhận trong danh sách ở ô {cell}.")
OLD_NARRATIVE_LAYOUT = (" Biểu mẫu cũ chưa có ô tình trạng nhiệm vụ và ghi khó khăn, đề xuất chung một ô: nội dung "
                        "được đọc thành một khó khăn và một kiến nghị (nơi nhận: \"{label}\").")
TASK_STATUS_BLANK = "Chưa nêu tình trạng"
SUMMARY_TASK_HEADERS_STATUS = ["Mã", "Đơn vị", "Nhiệm vụ", "Nội dung nhiệm vụ", "Tình trạng",
                               "Kết quả thực hiện", "Tệp", "Trang", "Ô"]
SUMMARY_SHEET_RECOMMENDATIONS = "Đề xuất, kiến nghị"
SUMMARY_SHEET_DIFFICULTIES = "Khó khăn, vướng mắc"
SUMMARY_RECOMMENDATION_HEADERS = ["Mã", "Đơn vị", "Kiến nghị với", "Nội dung đề xuất, kiến nghị", "Tệp", "Trang", "Ô"]
SUMMARY_DIFFICULTY_HEADERS = ["Mã", "Đơn vị", "Nội dung khó khăn, vướng mắc", "Tệp", "Trang", "Ô"]
CHANGE_TASK_STATUS = "Tình trạng nhiệm vụ {ref}"

# -- issue 15: nothing a unit sends can stop, fool or corrupt a consolidation --------------------
COUNT_TOO_BIG = "{what}: {raw} lớn bất thường (quá {limit}), nên không được tính. Kiểm tra lại số liệu rồi ghi đúng con số."
COUNT_COMMA = ("{what}: '{raw}' có dấu phẩy. Trong tiếng Việt dấu phẩy là dấu thập phân, nên không rõ đây là số nào. "
               "Ghi số không có dấu phân cách (1234) hoặc tách hàng nghìn bằng dấu chấm (1.234).")
COUNT_PERCENT = "{what}: '{raw}' là tỷ lệ phần trăm, ô này cần một số đếm. Ghi số nguyên, ví dụ 12."
COUNT_APPROXIMATE = "{what}: '{raw}' không phải một con số chính xác. Ghi đúng một số nguyên, ví dụ 12."
COUNT_READ_MAGNITUDE = "{what}: '{raw}' đọc là {value}. Kiểm tra lại; nên ghi thẳng con số (ví dụ {value})."
COUNT_READ_UNIT_WORD = "{what}: '{raw}' đọc là {value} (bỏ phần chữ). Ô số liệu chỉ nên ghi con số."
SHEET_TOO_FAR = ("Trang tính '{sheet}' có dữ liệu ở ô quá xa ({cell}) nên tệp không được mở, để bảo đảm an toàn. "
                 "Đề nghị đơn vị xóa các ô thừa ngoài biểu mẫu (hoặc chép số liệu sang biểu mẫu gốc) rồi gửi lại.")
FILE_CRASHED = ("Tệp làm chương trình đọc bảng tính bị dừng ({reason}) nên không được tổng hợp; các tệp khác không bị ảnh hưởng. "
                "Đề nghị đơn vị mở tệp bằng Excel, lưu lại dạng .xlsx rồi gửi lại.")
CRASH_REASONS = {"died": "tiến trình đọc tệp bị dừng đột ngột", "timeout": "đọc quá {seconds} giây",
                 "memory": "cần quá nhiều bộ nhớ"}
TEXT_TOO_LONG = ("{what}: nội dung dài {n} ký tự, quá giới hạn {limit} ký tự của một ô Excel. Bảng tổng hợp chỉ ghi "
                 "phần đầu (kết thúc bằng {mark}); báo cáo Word và tệp JSON ghi đủ.")
FILE_BOMB_LIE = ("Tệp có cấu trúc bất thường: phần {part} giải nén ra nhiều hơn {said} byte như tệp khai báo, nên "
                 "không được mở để bảo đảm an toàn. Đề nghị đơn vị gửi lại tệp biểu mẫu gốc đã điền.")
FILE_NOT_A_FORM = ("Tệp {ext} không phải biểu mẫu (không phải bảng tính Excel) nên không được tổng hợp. "
                   "Đề nghị đơn vị gửi lại tệp Excel của biểu mẫu đã điền.")
UNIT_STATUS_WRONG_FORMAT = "Gửi sai định dạng"
REMIND_WRONG_FORMAT = ("Các đơn vị sau đã gửi văn bản Word, PDF, ảnh hoặc thư điện tử thay cho biểu mẫu Excel, cần gửi "
                       "lại đúng tệp biểu mẫu đã điền: {names}.")
CONSOLIDATE_NOTHING = ("Thư mục {path} không có tệp biểu mẫu nào (.xlsx, .xlsm, .xls, .ods){others}: không tổng hợp, "
                       "không ghi kết quả. Chép các tệp đơn vị gửi về vào thư mục này rồi chạy lại.")
CONSOLIDATE_NOTHING_OTHERS = ", chỉ có {n} tệp không phải biểu mẫu"
RUN_LOCKED = ("Thư mục {out} đang được một lần chạy khác ghi kết quả (tiến trình {pid}, bắt đầu lúc {started}). "
              "Đợi lần chạy đó xong rồi chạy lại. Nếu chắc chắn không còn lần chạy nào, xóa tệp {lock} rồi chạy lại.")
OUTPUT_BUSY = ("Không thay được tệp {path} vì tệp đang được chương trình khác mở (Word, Excel...). Đóng tệp đó rồi chạy "
               "lại lệnh. Bộ kết quả cũ trong thư mục vẫn giữ nguyên, chưa bị thay.")
OUTPUT_FAILED = ("Không thay được tệp {path} ({error}). Kiểm tra đường dẫn, quyền ghi và chỗ trống trên đĩa rồi chạy "
                 "lại lệnh. Bộ kết quả cũ trong thư mục vẫn giữ nguyên, chưa bị thay.")
ROLLUP_NOTHING = ("Không có báo cáo {period} nào của các đơn vị báo cáo cho {unit} trong thư mục đã chọn, nên không "
                  "ghi biểu mẫu.{found} Kiểm tra mã đơn vị (--into), kỳ báo cáo (--period) và thư mục.")
ROLLUP_NOTHING_FOUND = " Thư mục có báo cáo của: {names}."
ROLLUP_OPTIONS = ("Tùy chọn {options} không dùng với --into: lệnh này chỉ điền biểu mẫu của đơn vị cấp trên từ báo "
                  "cáo của các đơn vị cấp dưới. Bỏ các tùy chọn đó rồi chạy lại.")
JSON_TARGET_NOT_JSON = ("Không ghi bản JSON vào {path}: tên tệp phải có đuôi .json (để không ghi đè báo cáo của "
                        "đơn vị hay bảng tổng hợp). Chọn tên khác, ví dụ --json TongHop.json.")
JSON_TARGET_OWN = "Không ghi bản JSON vào {path}: đó là một tệp kết quả của chính lần tổng hợp này. Chọn tên khác."
JSON_TARGET_FOREIGN = ("Không ghi bản JSON vào {path}: tệp này đã có và không phải bản tổng hợp JSON của pcmd, "
                       "nên không ghi đè. Chọn tên tệp khác.")
CLOSED_TARGET = ("Tệp {path} nằm trong thư mục của kỳ đã khóa sổ ({lock}): không ghi đè kết quả đã chốt. "
                 "Chọn tệp hoặc thư mục khác, hoặc mở lại kỳ bằng pcmd consolidate --reopen.")
CLOSED_VERIFIED = "Kỳ {period} đã khóa sổ ngày {closed_at}; bộ kết quả đã chốt còn nguyên vẹn."
CLOSED_ALTERED = "Cảnh báo: kỳ {period} đã khóa sổ ngày {closed_at} nhưng bộ kết quả đã chốt bị thay đổi: {changes}."
OUTPUT_CHANGED = "{name} bị sửa"
OUTPUT_GONE = "{name} bị xóa"
OUTPUT_ADDED = "{name} được thêm"
IDENTITY_MISMATCH = ("Tệp ghi ba đơn vị khác nhau: dữ liệu ẩn của biểu mẫu (_meta) là {meta}, trang Thông tin chung ghi "
                     "'{cover}', tên tệp là '{file}'. Kiểm tra lại đây có đúng là báo cáo của đơn vị {meta} không.")
IDENTITY_CONFLICT = ("Tệp không được tổng hợp: dữ liệu ẩn của biểu mẫu (_meta) ghi {meta}, nhưng trang Thông tin chung ghi "
                     "'{cover}' và tên tệp '{file}' đều chỉ đơn vị khác; tệp không được thay cho báo cáo của {meta}. "
                     "Đề nghị đơn vị gửi dùng đúng biểu mẫu của mình.")
NAME_MOVED = ("Tên ô {name} trỏ tới {got}, không đúng vị trí trong biểu mẫu gốc ({want}): tên ô có thể đã bị sửa, "
              "hoán đổi hoặc chuyển sang trang khác. Số liệu ô này không được tính; đề nghị đơn vị điền lại vào biểu mẫu gốc.")
NAME_DOUBLED = ("Các tên ô {names} cùng trỏ tới một ô ({where}): tên ô đã bị sửa. Số liệu các ô này không được tính; "
                "đề nghị đơn vị điền lại vào biểu mẫu gốc.")
FILE_XML_ENTITY = ("Tệp có cấu trúc bất thường (phần {part} khai báo thực thể XML, cách thường dùng để làm treo chương "
                   "trình đọc) nên không được mở, để bảo đảm an toàn. Đề nghị đơn vị gửi lại tệp biểu mẫu gốc đã điền.")
# -- end of issue 15 messages --

# -- issue 14: the report's wording file and settings -----------------------------------------
WORDING_OK = "Tệp lời văn {path} hợp lệ: mọi mục và mọi tên trong {{ngoặc nhọn}} đều có trong lời văn mặc định."
WORDING_UNREADABLE = "Không đọc được tệp lời văn {path}: {error}. Mở bằng Notepad, sửa dòng được nêu rồi lưu dạng UTF-8."
WORDING_BAD_BRACES = "Câu mẫu '{text}…' viết sai dấu ngoặc nhọn ({error}): mỗi {{ phải có }} đi kèm."
WORDING_UNKNOWN_KEY = "Tệp lời văn {path}: không có mục '{key}' trong lời văn mặc định. Kiểm tra lại chính tả tên mục."
WORDING_NOT_TEXT = "Tệp lời văn {path}: mục '{key}' phải là một câu trong dấu ngoặc kép."
WORDING_UNKNOWN_FIELD = ("Tệp lời văn {path}: câu '{key}' dùng {names}, không có trong số liệu của câu này. "
                         "Chỉ dùng: {allowed}.")
TOML_NOT_UTF8 = ("Tệp {path} không được lưu dạng UTF-8 (có thể đã lưu dạng ANSI). Mở tệp bằng Notepad, chọn "
                 "File > Save As, ở mục Encoding chọn UTF-8, lưu lại rồi chạy lại lệnh.")
SETTINGS_UNREADABLE = "Không đọc được tệp cài đặt {path}: {error}. Mở bằng Notepad, sửa dòng được nêu rồi lưu dạng UTF-8."
SETTINGS_UNKNOWN = "Tệp cài đặt {path} có mục không biết: {keys}. Các mục dùng được trong [bao_cao]: {known}."
SETTINGS_BAD_DATE = "Tệp cài đặt {path}: ngay_bao_cao '{value}' không đúng dạng NĂM-THÁNG-NGÀY (ví dụ \"2024-06-24\"), hoặc để trống \"\"."
SETTINGS_BAD_LIST = "Tệp cài đặt {path}: {key} phải là danh sách, ví dụ [\"- Đ/c Phó Chủ tịch UBND Thành phố (để báo cáo);\"]."
SETTINGS_NOT_TEXT = "Tệp cài đặt {path}: {key} phải là chữ trong dấu ngoặc kép."
SETTINGS_CREATED = "Đã tạo tệp cài đặt {path}: mở bằng Notepad, ghi họ tên người ký và các mục khác rồi lưu lại."
SETTINGS_EXISTS = "Tệp cài đặt {path} đã có; nội dung hiện tại:"
SETTINGS_FILE = """# Cài đặt của cơ quan tổng hợp báo cáo: sửa một lần, dùng cho mọi báo cáo (pcmd consolidate, pcmd report).
# Mở bằng Notepad, sửa phần trong dấu ngoặc kép, lưu lại (UTF-8). Để trống "" thì dùng mặc định của kế hoạch.

[bao_cao]
# Họ tên người ký báo cáo, in dưới chữ ký.
nguoi_ky = {signer_name}
# Thẩm quyền ký (ví dụ "KT. GIÁM ĐỐC", "GIÁM ĐỐC") và chức vụ người ký (ví dụ "PHÓ GIÁM ĐỐC").
quyen_han_ky = {signer_authority}
chuc_vu_nguoi_ky = {signer_title}
# Ký hiệu văn bản, in sau số: Số: …/BC-SLĐTBXH
ky_hieu = {suffix}
# Ngày ký báo cáo, dạng NĂM-THÁNG-NGÀY (ví dụ "2024-06-24"); để trống "" thì lấy ngày chạy lệnh.
ngay_bao_cao = {date}
# Nơi nhận thêm (in trước dòng "Lưu"), mỗi nơi một dòng trong ngoặc kép, ví dụ:
# noi_nhan_them = ["- Đ/c Phó Chủ tịch UBND Thành phố phụ trách (để báo cáo);"]
noi_nhan_them = []
"""
R_APPENDIX_TASKS = "Kết quả thực hiện nhiệm vụ được phân công {where}, theo báo cáo của các đơn vị"
R_APPENDIX_REPORTING = "Tình hình gửi báo cáo {period} của các đơn vị"
R_BUILT_NOTE = "tổng hợp từ {n} báo cáo tháng, quý"
DEMO_SIGNER = "Nguyễn Văn Bình"
DEMO_SETTINGS = ("Đã tạo tệp cài đặt mẫu {path} (người ký, ngày báo cáo của bộ mẫu). Khi dùng thật: mở tệp, ghi họ tên "
                 "người ký và để trống ngày báo cáo.")
REMIND_LISTED = "Các đơn vị có tên tại danh sách kèm theo."
REMIND_LIST_TITLE = "Danh sách các đơn vị chưa gửi báo cáo {period}"
REMIND_MISSING_LISTED = ("Đến ngày {as_of}, {n} đơn vị có tên tại danh sách kèm theo chưa gửi báo cáo hoặc đã gửi "
                         "tệp không đọc được, cần gửi lại.")
SUMMARY_SHEET_CHART = "Biểu đồ tiến độ"
SUMMARY_CHART_HEADERS = ["Chỉ tiêu", "Thực hiện (% chỉ tiêu năm)", "Tiến độ (% của năm)"]
R_APPENDIX_INDICATORS = "Kết quả thực hiện các chỉ tiêu của {subject} {period}"
# -- end of issue 14 messages --

# -- issue 16: the plan file's format ---------------------------------------------------------
PLAN_UNKNOWN_KEY = ("Tệp kế hoạch {path}, dòng {line}: '{key}' không phải là mục của {where}. Kiểm tra chính tả; các mục dùng "
                    "được: {known}.")
PLAN_WRONG_TYPE = "Tệp kế hoạch {path}, dòng {line}: '{key}' của {where} phải là {want}."
PLAN_BAD_CHOICE = "Tệp kế hoạch {path}, dòng {line}: '{key}' của {where} là '{value}', chỉ được là một trong: {choices}."
PLAN_MISSING_KEY_AT = "Tệp kế hoạch {path}, dòng {line}: {where} thiếu mục bắt buộc '{key}'."
PLAN_SCHEMA = ("Tệp kế hoạch {path}, dòng {line}: schema = {got}, phiên bản này của bộ công cụ đọc tệp kế hoạch schema = {want}. "
               "Dùng tệp kế hoạch đúng phiên bản hoặc cập nhật bộ công cụ.")
PLAN_NO_PARENT = ("Tệp kế hoạch {path}, dòng {line}: chỉ tiêu ở dòng '{row}' của Phụ lục I nhưng tệp không có dòng cha '{parent}' "
                  "trong [[appendix1]]. Thêm dòng '{parent}' hoặc sửa 'row'.")
PLAN_NO_SUB_LEVEL = ("Tệp kế hoạch có bảng [communes] (đơn vị báo cáo lên một đơn vị cấp trên) nhưng không có cấp "
                     "nào trong [[levels]] ghi 'parent'. Thêm cấp đó, hoặc bỏ bảng [communes].")
PLAN_PROBLEMS_MORE = "… và {n} lỗi khác trong tệp kế hoạch."
CHECK_PLAN_OK = "Tệp kế hoạch {path} hợp lệ: {title}."
CHECK_PLAN_UNITS = "Đơn vị báo cáo: {n} ({levels}); xã, phường cấp dưới: {communes}."
CHECK_PLAN_INDICATORS = "Chỉ tiêu và số liệu: {n}, trong đó {targeted} có chỉ tiêu định lượng."
CHECK_PLAN_HOTSPOTS = "Điểm phức tạp: {n}."
CHECK_PLAN_TASKS = "Nhiệm vụ phân công: {n} nhiệm vụ trong {sections} mục."
CHECK_PLAN_PERIODS = "Kỳ báo cáo: {n} ({codes})."
UNITS_TITLE = "Các đơn vị của {title}"
UNITS_HEADERS = ["Mã", "Đơn vị", "Cấp", "Kỳ phải báo cáo"]
UNITS_REPORTS_TO = "Báo cáo cho {parent}"  # a unit that reports to a parent unit, not to the consolidator
# -- end of issue 16 messages --

# -- issue 15: .zip archives in the input folder (intake) ------------------------------------
ARCHIVE_CORRUPT = ("Tệp nén .zip bị hỏng hoặc không trọn vẹn nên không đọc được các tệp bên trong. "
                   "Đề nghị đơn vị gửi lại tệp nén, hoặc gửi thẳng các tệp biểu mẫu.")
ARCHIVE_TOO_BIG = ("Tệp nén quá lớn ({size} MB, tối đa {limit} MB) nên không được mở. "
                   "Đề nghị đơn vị gửi thẳng các tệp biểu mẫu đã điền.")
ARCHIVE_TOO_MANY = ("Tệp nén có {n} phần (tối đa {limit}) nên không được mở, để bảo đảm an toàn. "
                    "Đề nghị đơn vị gửi thẳng các tệp biểu mẫu đã điền.")
ARCHIVE_PASSWORD = ("Tệp trong tệp nén được đặt mật khẩu nên không đọc được. "
                    "Đề nghị đơn vị nén lại không đặt mật khẩu, hoặc gửi thẳng tệp biểu mẫu.")
ARCHIVE_BAD_NAME = ("Tệp trong tệp nén có đường dẫn không hợp lệ ('{name}': đường dẫn tuyệt đối hoặc có '..') nên không "
                    "được đọc, để bảo đảm an toàn. Đề nghị đơn vị nén lại các tệp biểu mẫu trong một thư mục bình thường.")
ARCHIVE_NESTED = ("Tệp nén nằm trong một tệp nén khác không được đọc. "
                  "Đề nghị đơn vị giải nén rồi gửi thẳng các tệp biểu mẫu, hoặc nén một lần.")
ARCHIVE_EMPTY = "Tệp nén không có biểu mẫu nào (.xlsx, .xlsm, .xls, .ods). Đề nghị đơn vị kiểm tra lại tệp đã gửi."
# -- end of issue 15 archive messages --

# -- issue 16: the summary workbook's template (summary_template) ----------------------------
SUMMARY_TEMPLATE_FORMATS = "Định dạng số"
SUMMARY_TEMPLATE_COUNT = "Số đếm"
SUMMARY_TEMPLATE_PERCENT = "Tỷ lệ"
SUMMARY_TEMPLATE_MISSING = "Không tìm thấy mẫu bảng tổng hợp {path}."
SUMMARY_TEMPLATE_UNREADABLE = ("Không mở được mẫu bảng tổng hợp {path} ({error}). Lưu lại tệp bằng Excel dạng .xlsx, "
                               "không đặt mật khẩu, hoặc chép lại pcmd_reports/templates/tong_hop.xlsx.")
SUMMARY_TEMPLATE_NO_SHEET = ("Mẫu {path} không có trang '{sheet}' (có thể đã bị đổi tên hoặc xóa): trang này sẽ lấy "
                             "theo mẫu kèm theo. Đặt lại đúng tên trang, hoặc chép trang đó từ pcmd_reports/templates/tong_hop.xlsx.")
SUMMARY_TEMPLATE_COLUMNS = ("Mẫu {path}, trang '{sheet}': dòng 3 có {n} tiêu đề cột liền nhau từ cột A, cần đúng {m} "
                            "({titles}); trang này sẽ lấy theo mẫu kèm theo. Có thể đổi chữ, kiểu và độ rộng cột, "
                            "không thêm, bớt hay để trống cột.")
SUMMARY_TEMPLATE_BAD_FORMATS = ("Mẫu {path}, trang '{sheet}': cần ô bên phải '{count}' (định dạng số đếm, ví dụ #,##0) và "
                                "ô bên phải '{percent}' (định dạng phần trăm, có dấu %, ví dụ 0.0%); định dạng số sẽ "
                                "lấy theo mẫu kèm theo.")
SUMMARY_TEMPLATE_OK = "Mẫu bảng tổng hợp {path} dùng được: {n} trang, đủ cột, định dạng số {count} và {percent}."
# -- end of issue 16 summary template messages --

# -- issue 16: problem codes (problem_codes, pcmd check --skip) --------------------------------
CHECK_SKIPPED = "Không hiện {n} vấn đề có mã: {codes} (tùy chọn --skip)."
CHECK_SKIP_UNKNOWN = "Không có mã lỗi: {codes}. Các mã dùng được: {known} (giải thích từng mã: docs/LOI.md)."
# -- end of issue 16 problem code messages --

# -- compare and diff --
COMPARE_NOT_OURS = ("Tệp {path} không phải kết quả tổng hợp do pcmd tạo ({reason}). Để so sánh với cùng kỳ năm trước, "
                    "dùng tệp TongHop_<kỳ>.json hoặc TongHop_<kỳ>.xlsx mà lệnh pcmd consolidate đã ghi cho kỳ đó, "
                    "ví dụ {example}.")
COMPARE_REASON_SUFFIX = {
    ".docx": "đây là tệp Word; báo cáo Word không dùng để so sánh được",
    ".doc": "đây là tệp Word; báo cáo Word không dùng để so sánh được",
    ".pdf": "đây là tệp PDF",
    ".xls": "đây là tệp Excel dạng cũ .xls",
    ".ods": "đây là tệp bảng tính LibreOffice .ods",
    ".toml": "đây là tệp kế hoạch hoặc tệp cài đặt",
}
COMPARE_REASON_OTHER_SUFFIX = "tệp có đuôi {suffix}"
COMPARE_REASON_FOLDER = "đây là một thư mục"
COMPARE_REASON_NOT_TEXT = "tệp không phải văn bản UTF-8"
COMPARE_REASON_NOT_JSON = "nội dung không đúng dạng JSON"
COMPARE_REASON_NOT_CONSOLIDATION = "tệp JSON không có kỳ báo cáo và số liệu chỉ tiêu của một lần tổng hợp"
COMPARE_REASON_NOT_WORKBOOK = "không mở được như một tệp Excel .xlsx"
COMPARE_REASON_NO_SHEET = "tệp Excel không có trang '{sheet}' của bảng tổng hợp"
COMPARE_WRONG_PERIOD = ("Tệp {path} là kết quả tổng hợp {what}, không phải cùng kỳ năm trước của kỳ đang tổng hợp "
                        "({period}): cùng kỳ phải là cùng loại kỳ (6 tháng, năm, quý hay tháng) của một năm trước. "
                        "Dùng kết quả tổng hợp {expected} (tệp TongHop_{code}.json hoặc TongHop_{code}.xlsx), "
                        "hoặc bỏ tùy chọn --compare-with.")
COMPARE_PERIOD_UNKNOWN = "không rõ kỳ nào"
COMPARE_OTHER_PLAN = ("Tệp {path} là kết quả tổng hợp theo một kế hoạch khác{plan}, không có chỉ tiêu nào cùng mã và cùng "
                      "nội dung với kế hoạch đang dùng ({current}), nên không so sánh được. Dùng kết quả tổng hợp cùng "
                      "kỳ năm trước có các chỉ tiêu như kế hoạch này, hoặc bỏ tùy chọn --compare-with.")
DIFF_NOT_CONSOLIDATION = ("Tệp {path} không phải tệp tổng hợp JSON của pcmd ({reason}). Dùng tệp TongHop_<kỳ>.json "
                          "do lệnh pcmd consolidate ghi.")
DIFF_OTHER_RETURN = ("Không so sánh: {old} là báo cáo của {old_unit}, {old_period}; còn {new} là báo cáo của {new_unit}, "
                     "{new_period}. Lệnh pcmd diff so sánh hai lần gửi báo cáo của cùng một đơn vị, cùng một kỳ: chọn "
                     "hai tệp của cùng đơn vị và cùng kỳ.")
DIFF_OTHER_CONSOLIDATION = ("Không so sánh: {old} là kết quả tổng hợp {old_period}, còn {new} là kết quả tổng hợp "
                            "{new_period}. Lệnh pcmd diff so sánh hai lần tổng hợp của cùng một kỳ, theo cùng một kế "
                            "hoạch (ví dụ trước và sau khi đơn vị gửi lại báo cáo). Để so sánh với cùng kỳ năm trước, "
                            "dùng pcmd consolidate --compare-with.")
DIFF_PERIOD_OF_PLAN = "{period} (kế hoạch {plan})"

# -- output lifecycle ----------------------------------------------------------------------------
OUTPUT_FOLDER_FAILED = ("Không ghi được vào thư mục {folder} ({error}): hãy kiểm tra quyền ghi vào thư mục (ổ mạng, "
                        "USB có thể bị khóa ghi), đường dẫn và chỗ trống trên đĩa rồi chạy lại lệnh. Các tệp đã có trong "
                        "thư mục vẫn giữ nguyên.")
# what an OSError means, by its errno name; any other: OS_ERROR_OTHER
OS_ERRORS = {
    "EROFS": "thư mục hoặc ổ đĩa chỉ cho đọc",
    "EACCES": "không có quyền ghi",
    "EPERM": "không được phép ghi",
    "ENOSPC": "ổ đĩa đã đầy",
    "EDQUOT": "đã dùng hết dung lượng được cấp trên ổ đĩa",
    "ENOTDIR": "một phần của đường dẫn là tệp, không phải thư mục",
    "EEXIST": "đã có một tệp trùng tên, không phải thư mục",
    "ENOENT": "không tìm thấy đường dẫn",
    "ENAMETOOLONG": "đường dẫn quá dài",
    "EISDIR": "đã có thư mục trùng tên tệp",
    "EIO": "lỗi đọc, ghi ổ đĩa",
}
OS_ERROR_OTHER = "lỗi hệ thống {name}"
REOPENED_ARCHIVED = ("Đã mở lại kỳ {period}. Bộ kết quả đã khóa sổ ngày {closed_at} ({files}) được lưu tại thư mục "
                     "{archive} kèm tệp khóa sổ; bản khóa cũ lưu tại {old}.")
REOPENED_ARCHIVE_ALTERED = ("Lưu ý: từ khi khóa sổ, bộ kết quả đã chốt bị thay đổi ({changes}); thư mục lưu giữ các tệp "
                            "như hiện có.")
REOPEN_ARCHIVE_FAILED = ("Không lưu được bộ kết quả đã khóa sổ vào thư mục {archive} ({error}): chưa mở lại kỳ, chưa "
                         "ghi đè tệp nào. Kiểm tra quyền ghi và chỗ trống trên đĩa rồi chạy lại lệnh.")
REPORT_OTHER_PLAN = ("Tệp {path} là kết quả tổng hợp của kế hoạch khác ('{got}'), không phải của kế hoạch đang dùng "
                     "('{want}'). Chạy lại lệnh với tệp kế hoạch của '{got}': pcmd report {path} --plan {plan_file}")
REPORT_PLAN_FILE_UNKNOWN = "<tệp kế hoạch .toml>"
REPORT_PDF_REMOVED = ("Đã bỏ bản PDF cũ {path} vì không còn khớp với báo cáo vừa tạo lại. Cần bản PDF thì chạy lại lệnh "
                      "với --pdf.")
REMIND_REMOVED = ("Đã bỏ {n} tệp của lần soạn trước mà lần này không tạo lại (đơn vị đã gửi báo cáo hoặc đã sửa "
                  "lỗi, hoặc lần này không chọn --pdf): {names}.")
FEEDBACK_INTRO_REJECTED = ("Tệp {files} đơn vị gửi không được tổng hợp: chưa có số liệu nào của đơn vị được ghi nhận. "
                           "Đề nghị đơn vị xử lý theo nội dung dưới đây rồi gửi lại biểu mẫu đã điền.")
FEEDBACK_INTRO_RESEND_REJECTED = ("Tệp {files} đơn vị gửi không được tổng hợp; số liệu của đơn vị vẫn lấy theo tệp "
                                  "{kept} đã gửi trước đó. Nếu cần thay số liệu, đề nghị đơn vị xử lý theo nội dung "
                                  "dưới đây rồi gửi lại.")
CHECK_NO_META_HINT = ("{file}: gửi lại cho đơn vị biểu mẫu của Kế hoạch, tạo bằng lệnh: "
                      "pcmd templates --period {period} --unit {unit}")
CHECK_HINT_PERIOD = "<kỳ báo cáo>"
CHECK_HINT_UNIT = "<mã đơn vị>"
# a unit's rejected file beside the file that counts (a resend that could not be read)
STATUS_OTHER_FILE_REJECTED = "tệp {file} bị từ chối ({n} lỗi)"
STATUS_FILES_LINE = ("Đã đọc {files} tệp: {accepted} tệp được tổng hợp, {rejected} tệp bị từ chối, {superseded} tệp "
                     "bị thay thế.")
# the units line when rejected files and units left with only rejected files are not the same count
UNITS_LINE_SPLIT = ("Đơn vị phải báo cáo: {expected}; đã báo cáo: {submitted}; chưa báo cáo: {missing}; chỉ gửi tệp "
                    "lỗi hoặc sai định dạng: {rejected}; báo cáo muộn: {late}.")
REJECTED_BESIDE_LINE = ("Tệp bị từ chối của đơn vị đã có tệp khác được tổng hợp (số liệu lấy theo tệp được tổng hợp): "
                        "{files}.")
REJECTED_NO_UNIT_LINE = ("Tệp bị từ chối không rõ của đơn vị nào (không tính vào số đơn vị ở trên; xem tên tệp hoặc thư "
                         "gửi kèm để biết đơn vị): {files}.")
