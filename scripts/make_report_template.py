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
from docx.enum.section import WD_ORIENT
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


def data_table(doc, headers, widths_mm, cells, loop, size=12):
    """A bordered table: header row (repeated on each page), a docxtpl row loop, rows never split."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    table_borders(t, "single")
    fixed_widths(t, widths_mm)
    for i, h in enumerate(headers):
        cell_text(t.rows[0].cells[i], h, bold=True, size=size)
    row_props(t.rows[0], header=True)
    cell_text(t.rows[1].cells[0], "{%tr for r in " + loop + " %}", size=size)
    for i, expr in enumerate(cells):
        align = WD_ALIGN_PARAGRAPH.LEFT if expr.endswith(("text }}", "name }}", "note }}")) else WD_ALIGN_PARAGRAPH.CENTER
        cell_text(t.rows[2].cells[i], expr, size=size, align=align)
    row_props(t.rows[2])
    cell_text(t.rows[3].cells[0], "{%tr endfor %}", size=size)
    return t


def appendix_heading(doc, number, title_expr):
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    p.paragraph_format.space_after = Pt(0)
    para(doc, f"Phụ lục {number}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, indent_first=Cm(0))
    para(doc, title_expr, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0, indent_first=Cm(0))
    para(doc, "(Kèm theo Báo cáo số {{ doc_number }} {{ doc_date_long }} của {{ agency }})", italic=True,
         align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6, indent_first=Cm(0), size=13)


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
    """Issuing body (left) and national motto (right) in a borderless table (Decree 30)."""
    t = doc.add_table(rows=1, cols=2)
    table_borders(t)
    t.autofit = False
    fixed_widths(t, [63, 102])
    left, right = t.rows[0].cells
    cell_text(left, "{{ parent_body_upper }}", size=12)
    centred(left, "{{ agency_upper }}", 12, bold=True)
    rule(left, 25, 63)
    centred(left, "Số: {{ doc_number }}", 13, before=6)
    if subject_line:
        centred(left, subject_line, 12, before=4)
    cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    centred(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    rule(right, 62, 102)
    centred(right, "{{ place }}, {{ doc_date }}", 14, italic=True, before=6)


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
    cell_text(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for text in ("{%p for r in recipients %}", "{{ r }}", "{%p endfor %}"):
        q = left.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.LEFT
        q.paragraph_format.first_line_indent = Cm(0)
        q.paragraph_format.space_after = Pt(0)
        q.add_run(text).font.size = Pt(11)
    cell_text(right, "{{ signer_authority }}", bold=True, size=14)
    for text, bold in (("{{ signer_title }}", True), ("", False), ("", False), ("", False), ("{{ signer_name }}", True)):
        q = right.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER
        q.paragraph_format.first_line_indent = Cm(0)
        q.paragraph_format.space_after = Pt(0)
        r = q.add_run(text)
        r.bold, r.font.size = bold or None, Pt(14)


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
    for heading, sections in (("I. KẾT QUẢ THỰC HIỆN", "results"), ("II. ĐÁNH GIÁ CHUNG", "assessment")):
        doc.add_paragraph(heading, style="Heading 1")
        para(doc, "{%p for s in " + sections + " %}")
        doc.add_paragraph("{{ s.heading }}", style="Heading 2")
        para(doc, "{%p for line in s.paragraphs %}")
        para(doc, "{{ line }}")
        para(doc, "{%p endfor %}")
        para(doc, "{%p endfor %}")

    doc.add_paragraph("III. PHƯƠNG HƯỚNG, NHIỆM VỤ {{ next_period_name }}", style="Heading 1")
    para(doc, "{%p for line in next_steps %}")
    para(doc, "{{ line }}")
    para(doc, "{%p endfor %}")

    doc.add_paragraph("IV. ĐỀ XUẤT, KIẾN NGHỊ", style="Heading 1")
    para(doc, "{%p for line in recommendations %}")
    para(doc, "{{ line }}")
    para(doc, "{%p endfor %}")
    para(doc, "Trên đây là báo cáo kết quả thực hiện {{ report_subject }} {{ period_name }} của {{ agency }}./.")

    signature_block(doc)

    appendix_heading(doc, "I", "{{ appendix1_title }}")
    data_table(doc, ["STT", "Chỉ tiêu", "Chỉ tiêu năm", "Thực hiện", "Tỷ lệ % so với chỉ tiêu", "Đánh giá",
                     "Cùng kỳ", "So sánh", "Ghi chú"],
               [10, 46, 17, 16, 14, 14, 15, 16, 17],
               ["{{ r.stt }}", "{{ r.text }}", "{{ r.target }}", "{{ r.actual }}", "{{ r.percent }}", "{{ r.status }}",
                "{{ r.previous }}", "{{ r.change }}", "{{ r.note }}"], "appendix1", size=10)
    for number, loop in (("II", "appendix2"), ("III", "appendix3")):
        appendix_heading(doc, number, "{{ appendix" + ("2" if number == "II" else "3") + "_title }}")
        data_table(doc, ["STT", "Tên điểm", "Quận/ huyện", "Mức độ khi giao", "Tình trạng báo cáo", "Ghi chú"],
                   [12, 62, 22, 22, 25, 27],
                   ["{{ r.stt }}", "{{ r.name }}", "{{ r.district }}", "{{ r.level }}", "{{ r.status }}", "{{ r.note }}"],
                   loop, size=11)
    appendix_heading(doc, "IV", "Tình hình gửi báo cáo của các đơn vị")
    data_table(doc, ["STT", "Đơn vị", "Tình trạng", "Ngày báo cáo", "Ghi chú"], [12, 75, 28, 25, 30],
               ["{{ r.stt }}", "{{ r.name }}", "{{ r.status }}", "{{ r.date }}", "{{ r.note }}"], "unit_rows", size=11)

    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


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
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES
    print(build(folder / "bao_cao.docx"))
    print(build_reminder(folder / "cong_van_don_doc.docx"))
