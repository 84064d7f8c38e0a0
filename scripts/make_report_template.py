"""Build the default Word template of the report: pcmd_reports/templates/bao_cao.docx.

The result is an ordinary .docx with Jinja tags (docxtpl) that a clerk can open and restyle
in Word: letterhead, signer, recipients, headings, fonts. This script only produced the
first version; the committed .docx is the template, edit it in Word.

Layout per Decree 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản hành chính): A4, margins
top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; header block in a borderless
two-column table; body 14 pt justified, first-line indent 1.27 cm, 6 pt after, line
spacing 1.15; page numbers centred in the header from page 2.

Usage: python scripts/make_report_template.py [OUT.docx]
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
TEMPLATES = Path(__file__).resolve().parent.parent / "pcmd_reports" / "templates"
OUT = TEMPLATES / "bao_cao.docx"


# -- low-level helpers ------------------------------------------------------------------

def set_fonts(rpr):
    """Times New Roman on all four slots; no theme font left to override it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def fix_all_style_fonts(doc):
    styles = doc.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        set_fonts(rfonts.getparent())
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr)


def border(paragraph, side="bottom", size=6):
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size))
    el.set(qn("w:space"), "1")
    el.set(qn("w:color"), "auto")
    pbdr.append(el)
    ppr.append(pbdr)


def table_borders(table, value="nil"):
    """All borders of a table: "nil" (header and signature blocks) or "single" (data tables)."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), value)
        if value != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "auto")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def fixed_widths(table, widths_mm):
    """Column widths Word and LibreOffice both honour: a fixed layout, the grid and every cell."""
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for i, w in enumerate(widths_mm):
        table.columns[i].width = Mm(w)
        for cell in table.columns[i].cells:
            cell.width = Mm(w)


def row_props(row, header=False):
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def para(container, text="", bold=False, italic=False, size=None, align=None, style=None,
         space_after=None, indent_first=None, keep_next=False):
    p = container.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    fmt = p.paragraph_format
    if align is not None:
        p.alignment = align
    if space_after is not None:
        fmt.space_after = Pt(space_after)
        fmt.space_before = Pt(0)
    if indent_first is not None:
        fmt.first_line_indent = indent_first
    if keep_next:
        fmt.keep_with_next = True
    return p


def rule(container, width_mm, cell_width_mm):
    """A short solid line, centred under the text above (a bordered empty paragraph)."""
    p = container.add_paragraph()
    side = max((cell_width_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.line_spacing = Pt(2)
    run = p.add_run()
    run.font.size = Pt(2)
    border(p, "top", 6)
    return p


def cell_text(cell, text, bold=False, italic=False, size=12, align=WD_ALIGN_PARAGRAPH.CENTER):
    p = cell.paragraphs[0]
    p.alignment = align
    p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    run.font.size = Pt(size)
    return p


def page_number_header(section):
    section.different_first_page_header_footer = True
    header = section.header
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Cm(0)
    run = p.add_run()
    run.font.size = Pt(14)
    begin, instr, sep, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"),
                              OxmlElement("w:fldChar"), OxmlElement("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    sep.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    num = OxmlElement("w:t")
    num.text = "2"
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(sep)
    run._r.append(num)
    run._r.append(end)


def bordered_table(doc, headers, widths_mm, rows, size):
    """A bordered table of fixed widths whose first row is the header, repeated on each page."""
    t = doc.add_table(rows=rows, cols=len(headers))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    table_borders(t, "single")
    fixed_widths(t, widths_mm)
    for i, h in enumerate(headers):
        cell_text(t.rows[0].cells[i], h, bold=True, size=size)
    row_props(t.rows[0], header=True)
    return t


def data_table(doc, headers, widths_mm, cells, loop, size=12):
    """A bordered table: header row (repeated on each page), a docxtpl row loop, rows never split."""
    t = bordered_table(doc, headers, widths_mm, 4, size)
    cell_text(t.rows[1].cells[0], "{%tr for r in " + loop + " %}", size=size)
    for i, expr in enumerate(cells):
        align = WD_ALIGN_PARAGRAPH.LEFT if expr.endswith(("text }}", "name }}", "note }}")) else WD_ALIGN_PARAGRAPH.CENTER
        cell_text(t.rows[2].cells[i], expr, size=size, align=align)
    row_props(t.rows[2])
    cell_text(t.rows[3].cells[0], "{%tr endfor %}", size=size)
    return t


# -- the document -------------------------------------------------------------------------

def new_document(header_font=14):
    """A4, Decree 30 margins, Times New Roman everywhere, page numbers from page 2."""
    doc = Document()
    fix_all_style_fonts(doc)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    nf = normal.paragraph_format
    nf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    nf.first_line_indent = Cm(1.27)
    nf.space_before = Pt(0)
    nf.space_after = Pt(6)
    nf.line_spacing = 1.15
    for name, bold, italic in (("Heading 1", True, False), ("Heading 2", True, False), ("Heading 3", False, True)):
        st = doc.styles[name]
        st.font.name, st.font.size, st.font.bold, st.font.italic = FONT, Pt(14), bold, italic
        color = st.element.rPr.find(qn("w:color"))
        if color is not None:
            st.element.rPr.remove(color)
        st.paragraph_format.space_before = Pt(6)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.first_line_indent = Cm(1.27)
        st.paragraph_format.keep_with_next = True
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fix_all_style_fonts(doc)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    sec.header_distance = Mm(10)
    page_number_header(sec)
    return doc


def header_block(doc, subject_line=None):
    """Issuing body (left) and national motto (right) in a borderless table (Decree 30); the
    number and the place-and-date line in a second row, so they stand on the same line."""
    t = doc.add_table(rows=2, cols=2)
    table_borders(t)
    t.autofit = False
    fixed_widths(t, [72, 93])
    left, right = t.rows[0].cells
    cell_text(left, "{%p for line in letterhead_parent %}", size=12)
    centred(left, "{{ line }}", 12)
    centred(left, "{%p endfor %}", 12)
    centred(left, "{%p for line in letterhead_agency %}", 12)
    centred(left, "{{ line }}", 12, bold=True)
    centred(left, "{%p endfor %}", 12)
    rule(left, 25, 72)
    cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    centred(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    rule(right, 62, 93)
    number, date = t.rows[1].cells
    cell_text(number, "Số: {{ doc_number }}", size=13)
    number.paragraphs[0].paragraph_format.space_before = Pt(6)
    if subject_line:
        centred(number, subject_line, 12, before=4)
    cell_text(date, "{{ place }}, {{ doc_date }}", italic=True, size=14)
    date.paragraphs[0].paragraph_format.space_before = Pt(6)


def centred(cell, text, size, bold=False, italic=False, before=0):
    """One centred line in a header cell, with no indent and no space after."""
    p = cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(0)
    r = p.add_run(text)
    r.bold, r.italic, r.font.size = bold or None, italic or None, Pt(size)
    return p


def signature_block(doc):
    """Recipients (left, 12 pt bold italic heading, 11 pt entries) and the signer (right)."""
    t = doc.add_table(rows=1, cols=2)
    table_borders(t)
    t.autofit = False
    fixed_widths(t, [80, 85])
    left, right = t.rows[0].cells
    row_props(t.rows[0])  # recipients and signature stay together on one page
    cell_text(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in ("{%p for r in recipients %}", "{{ r }}", "{%p endfor %}"):
        q = left.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.LEFT
        q.paragraph_format.first_line_indent = Cm(0)
        q.paragraph_format.space_after = Pt(0)
        q.add_run(text).font.size = Pt(11)
    cell_text(right, "{{ signer_authority }}", bold=True, size=14)
    for text, bold in (("{{ signer_title }}", True), ("", False), ("", False), ("", False), ("", False), ("", False),
                       ("{{ signer_name }}", True)):
        q = right.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER
        q.paragraph_format.first_line_indent = Cm(0)
        q.paragraph_format.space_after = Pt(0)
        r = q.add_run(text)
        r.bold, r.font.size = bold or None, Pt(14)


def bullets(doc, loop, expr="{{ line }}", dash=False):
    """A paragraph per item of a list: '{%p for line in … %}'."""
    para(doc, "{%p for line in " + loop + " %}")
    para(doc, ("- " if dash else "") + expr)
    para(doc, "{%p endfor %}")


def new_section(doc, landscape):
    """Each appendix on a new page; wide tables in landscape (A4, margins of Decree 30 turned)."""
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
        sec.top_margin, sec.bottom_margin = Mm(25), Mm(15)
        sec.left_margin, sec.right_margin = Mm(20), Mm(20)
    else:
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
        sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    sec.different_first_page_header_footer = False
    return sec


def appendix_heading(doc, number, title_expr):
    para(doc, f"Phụ lục {number}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, indent_first=Cm(0))
    para(doc, title_expr, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, indent_first=Cm(0))
    para(doc, "(Kèm theo Báo cáo số {{ doc_number }} {{ doc_date }} của {{ agency }})", italic=True,
         align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6, indent_first=Cm(0), size=13)


def grouped_table(doc, headers, widths_mm, cells, outer, inner, size=11):
    """A bordered table of groups: a merged heading row per group, then its rows."""
    t = bordered_table(doc, headers, widths_mm, 7, size)
    cell_text(t.rows[1].cells[0], "{%tr for g in " + outer + " %}", size=size)
    head = t.rows[2].cells[0].merge(t.rows[2].cells[len(headers) - 1])
    cell_text(head, "{{ g.heading }}", bold=True, size=size, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    head.paragraphs[0].paragraph_format.keep_with_next = True  # a task's heading stays with its first row
    row_props(t.rows[2])
    cell_text(t.rows[3].cells[0], "{%tr for r in g." + inner + " %}", size=size)
    for i, expr in enumerate(cells):
        align = WD_ALIGN_PARAGRAPH.LEFT if i else WD_ALIGN_PARAGRAPH.CENTER
        cell_text(t.rows[4].cells[i], expr, size=size, align=align)
    row_props(t.rows[4])
    cell_text(t.rows[5].cells[0], "{%tr endfor %}", size=size)
    cell_text(t.rows[6].cells[0], "{%tr endfor %}", size=size)
    return t


def build(out: Path):
    doc = new_document()
    header_block(doc)

    para(doc, "", space_after=6)
    para(doc, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, indent_first=Cm(0))
    para(doc, "Kết quả thực hiện {{ report_subject }} {{ period_name }}", bold=True,
         align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, indent_first=Cm(0))
    rule(doc, 40, 165)
    para(doc, "{%p if recipient %}", indent_first=Cm(0))
    para(doc, "Kính gửi: {{ recipient }}", align=WD_ALIGN_PARAGRAPH.CENTER, indent_first=Cm(0), space_after=12)
    para(doc, "{%p endif %}", indent_first=Cm(0))

    para(doc, "{{ opening }}")
    para(doc, "{{ coverage_line }}")

    doc.add_paragraph("I. TÌNH HÌNH", style="Heading 1")
    bullets(doc, "situation")

    doc.add_paragraph("II. KẾT QUẢ THỰC HIỆN", style="Heading 1")
    para(doc, "{%p for s in results %}")
    doc.add_paragraph("{{ s.heading }}", style="Heading 2")
    bullets(doc, "s.paragraphs")
    para(doc, "{%p endfor %}")
    para(doc, "{%p if chart %}")
    para(doc, "{{ chart }}", align=WD_ALIGN_PARAGRAPH.CENTER, indent_first=Cm(0), space_after=0, keep_next=True)
    para(doc, "{{ chart_caption }}", italic=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, indent_first=Cm(0))
    para(doc, "{%p endif %}")

    doc.add_paragraph("III. ĐÁNH GIÁ CHUNG", style="Heading 1")
    doc.add_paragraph("1. {{ headings.strengths }}", style="Heading 2")
    bullets(doc, "strengths")
    doc.add_paragraph("2. {{ headings.weaknesses }}", style="Heading 2")
    bullets(doc, "weaknesses", dash=True)
    doc.add_paragraph("3. {{ headings.causes }}", style="Heading 2")
    bullets(doc, "causes")
    para(doc, "{{r clerk_note }}")

    doc.add_paragraph("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {{ next_period_name }}", style="Heading 1")
    bullets(doc, "next_steps", dash=True)

    doc.add_paragraph("V. KIẾN NGHỊ, ĐỀ XUẤT", style="Heading 1")
    para(doc, "{%p for s in recommendations %}")
    doc.add_paragraph("{{ s.heading }}", style="Heading 2")
    bullets(doc, "s.paragraphs", dash=True)
    para(doc, "{%p endfor %}")
    para(doc, "{%p if no_recommendations %}")
    para(doc, "{{ no_recommendations }}")
    para(doc, "{%p endif %}")
    para(doc, "{{ closing }}", keep_next=True)

    signature_block(doc)

    new_section(doc, landscape=True)
    appendix_heading(doc, "I", "{{ appendix1_title }}")
    para(doc, "{%p if compare %}", indent_first=Cm(0))
    data_table(doc, ["STT", "Chỉ tiêu", "Chỉ tiêu năm", "Thực hiện", "% chỉ tiêu năm", "Đánh giá",
                     "Số đơn vị báo cáo", "{{ compare_label|capitalize }}", "So sánh"],
               [13, 79, 28, 23, 21, 30, 22, 21, 20],
               ["{{ r.stt }}", "{{r r.text }}", "{{ r.target }}", "{{ r.actual }}", "{{ r.percent }}", "{{ r.status }}",
                "{{ r.coverage }}", "{{ r.previous }}", "{{ r.change }}"], "appendix1", size=10)
    para(doc, "{%p else %}", indent_first=Cm(0))
    data_table(doc, ["STT", "Chỉ tiêu", "Chỉ tiêu năm", "Thực hiện", "% chỉ tiêu năm", "Đánh giá",
                     "Số đơn vị báo cáo"],
               [13, 110, 32, 26, 22, 32, 22],
               ["{{ r.stt }}", "{{r r.text }}", "{{ r.target }}", "{{ r.actual }}", "{{ r.percent }}", "{{ r.status }}",
                "{{ r.coverage }}"], "appendix1", size=10)
    para(doc, "{%p endif %}", indent_first=Cm(0))
    para(doc, "Ghi chú: “Số đơn vị báo cáo” là số đơn vị đã báo cáo số liệu trên số đơn vị phải báo cáo chỉ tiêu đó; "
              "chỉ tiêu có dưới một nửa số đơn vị báo cáo được ghi “Chưa đủ cơ sở đánh giá”. Trong báo cáo 6 tháng, "
              "quý, tháng, chỉ tiêu năm về số lượng được so với tiến độ: phần của năm mà kỳ báo cáo bao gồm (6 tháng: "
              "50%); đạt từ mức đó là “Đúng tiến độ”, vượt từ 10 điểm phần trăm trở lên là “Vượt tiến độ”. Chỉ tiêu tỷ "
              "lệ và chỉ tiêu duy trì được so với chỉ tiêu tại thời điểm báo cáo: chưa đạt thì ghi “Chậm tiến độ” "
              "trong báo cáo 6 tháng, quý, tháng và “Chưa đạt” trong báo cáo năm.", italic=True, size=11,
         indent_first=Cm(0))

    new_section(doc, landscape=False)  # the plan's appendices of hotspots, each on its own page
    para(doc, "{%p for a in hotspot_appendices %}", indent_first=Cm(0))
    para(doc, "{%p if not loop.first %}", indent_first=Cm(0))
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "{%p endif %}", indent_first=Cm(0))
    appendix_heading(doc, "{{ a.number }}", "{{ a.title }}")
    data_table(doc, ["STT", "Tên điểm", "{{ district_label }}", "Mức độ khi giao", "Tình trạng báo cáo", "Ghi chú"],
               [13, 49, 22, 20, 24, 37],
               ["{{ r.stt }}", "{{ r.name }}", "{{ r.district }}", "{{ r.level }}", "{{ r.status }}", "{{ r.note }}"],
               "a.rows", size=11)
    para(doc, "{%p endfor %}", indent_first=Cm(0))

    new_section(doc, landscape=True)
    appendix_heading(doc, "{{ tasks_appendix }}", "{{ appendix4_title }}")
    grouped_table(doc, ["STT", "Đơn vị", "Tình trạng", "Kết quả thực hiện"], [13, 52, 32, 160],
                  ["{{ r.stt }}", "{{ r.unit }}", "{{ r.status }}", "{{ r.text }}"], "appendix4", "rows", size=11)
    para(doc, "{%p if requests_received %}", indent_first=Cm(0))
    para(doc, "{{ requests_title }}", bold=True, indent_first=Cm(0), space_after=6)
    data_table(doc, ["STT", "Đơn vị", "Nội dung đề nghị"], [13, 60, 184],
               ["{{ loop.index }}", "{{ r.unit }}", "{{ r.text }}"], "requests_received", size=11)
    para(doc, "{%p endif %}", indent_first=Cm(0))

    new_section(doc, landscape=False)
    appendix_heading(doc, "{{ reporting_appendix }}", "{{ appendix5_title }}")
    para(doc, "1. Tình hình gửi báo cáo", bold=True, indent_first=Cm(0), space_after=6)
    data_table(doc, ["STT", "Đơn vị", "Tình trạng", "Ngày báo cáo", "Ghi chú"], [12, 72, 30, 25, 26],
               ["{{ r.stt }}", "{{ r.name }}", "{{ r.status }}", "{{ r.date }}", "{{ r.note }}"], "unit_rows", size=11)
    para(doc, "{%p if rejected_rows %}", indent_first=Cm(0))
    para(doc, "2. Tệp bị từ chối (đơn vị phải gửi lại)", bold=True, indent_first=Cm(0), space_after=6)
    data_table(doc, ["STT", "Tệp", "Đơn vị", "Lý do"], [12, 45, 40, 68],
               ["{{ r.stt }}", "{{ r.file }}", "{{ r.unit }}", "{{ r.reason }}"], "rejected_rows", size=11)
    para(doc, "{%p endif %}", indent_first=Cm(0))
    para(doc, "{%p if excluded_rows %}", indent_first=Cm(0))
    para(doc, "3. Số liệu bị loại khỏi tổng hợp do ghi sai", bold=True, indent_first=Cm(0), space_after=6)
    data_table(doc, ["STT", "Đơn vị", "Ô", "Lý do"], [12, 40, 30, 83],
               ["{{ r.stt }}", "{{ r.unit }}", "{{ r.where }}", "{{ r.message }}"], "excluded_rows", size=11)
    para(doc, "{%p endif %}", indent_first=Cm(0))

    vietnamese(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


def vietnamese(doc):
    """Document language vi-VN on the defaults, every style and every run: Word proofs it as Vietnamese."""
    def mark(rpr):
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), "vi-VN")

    styles = doc.styles.element
    mark(styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for style in styles.iter(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            style.append(rpr)
        mark(rpr)
    parts = [doc.element.body] + [s.header._element for s in doc.sections]
    for part in parts:
        for run in part.iter(qn("w:r")):
            mark(run.get_or_add_rPr())


def build_reminder(out: Path):
    """The công văn đôn đốc (Decree 30, Mẫu 1.1): a V/v line under the number, Kính gửi the late units."""
    doc = new_document()
    header_block(doc, subject_line="V/v đôn đốc báo cáo kết quả thực hiện {{ plan_short }} {{ period_name }}")
    para(doc, "", space_after=6)
    p = para(doc, "Kính gửi:", indent_first=Cm(0), align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    p.paragraph_format.left_indent = Cm(3)
    for text in ("{%p for u in addressees %}", "{{ u }}", "{%p endfor %}"):
        q = para(doc, text, indent_first=Cm(0), align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
        q.paragraph_format.left_indent = Cm(5)
    para(doc, "", space_after=6)
    para(doc, "{%p for line in body %}")
    para(doc, "{{ line }}")
    para(doc, "{%p endfor %}")
    para(doc, "Trân trọng./.")
    signature_block(doc)
    para(doc, "{%p if attached %}", indent_first=Cm(0))
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "{{ attached_title }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, indent_first=Cm(0))
    para(doc, "(Kèm theo Công văn số {{ doc_number }} {{ doc_date }})", italic=True,
         align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6, indent_first=Cm(0), size=13)
    data_table(doc, ["STT", "Đơn vị", "Tình trạng"], [14, 111, 40],
               ["{{ r.stt }}", "{{ r.name }}", "{{ r.status }}"], "attached", size=12)
    para(doc, "{%p endif %}", indent_first=Cm(0))
    vietnamese(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES
    print(build(folder / "bao_cao.docx"))
    print(build_reminder(folder / "cong_van_don_doc.docx"))
