"""Every message a user sees, in Vietnamese, in one place.

Code refers to these constants; `str.format` fills the blanks.
"""

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
    "2. Chỉ báo cáo kết quả do chính đơn vị mình thực hiện trong kỳ báo cáo; không cộng số liệu của đơn vị khác (Sở Lao động - Thương binh và Xã hội sẽ tổng hợp chung toàn Thành phố).",
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
YESNO_PROMPT = "Đơn vị đã xây dựng kế hoạch và tổ chức thực hiện? (chọn Có/Không)"
QUALITATIVE_COUNT = "Số tin, bài đã đăng tải, phát sóng"
YES, NO = "Có", "Không"
HOTSPOT_HEADERS = ["STT", "Tên điểm", "Phụ lục", "Mức độ khi giao (năm 2024)", "Tình trạng hiện nay (chọn)", "Ghi chú, kết quả"]
HOTSPOT_APPENDIX = "Phụ lục {appendix}"
NEW_HOTSPOT_HEADING = "ĐIỂM PHỨC TẠP MỚI PHÁT SINH TRONG KỲ (nếu có)"
NEW_HOTSPOT_HEADERS = ["STT", "Tên điểm", "Địa chỉ (xã, phường, thị trấn)", "Mức độ (chọn)", "Ghi chú"]
TASK_HEADERS = ["STT", "Nhiệm vụ được giao (mục IV của Kế hoạch)", "Kết quả thực hiện"]
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
