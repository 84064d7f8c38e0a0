"""The Word report: Decree 30/2020 layout, fonts, header, page numbers, and figures equal to the JSON."""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner
from docx import Document

from filling import make_filled
from pcmd_reports.cli import main
from pcmd_reports.consolidation import consolidate
from pcmd_reports.intake import read_folder
from pcmd_reports.report_docx import TemplateProblem, render_report, template_path
from pcmd_reports.report_json import to_json
from pcmd_reports.vnformat import number, percent

HOSTILE = "Kết quả 5 cơ sở & <3> hộ; {{ plan }} {% if x %}\nDòng thứ hai"


@pytest.fixture(scope="module")
def report(plan, tmp_path_factory):
    h1 = plan.period("2024-H1")
    inbox = tmp_path_factory.mktemp("inputs")
    make_filled(plan, h1, "020", inbox, {
        "CT_3_2": 1200, "CT_9": 150, "CT_1_TS": 10, "CT_4_1": "Có", "DIEM_II_1": "Đã triệt xóa",
        "DIEM_III_5": "Không hoạt động", "NV_23_1": HOSTILE, "KK_1": "Thiếu cán bộ chuyên trách",
        "DIEM_MOI_1_TEN": "Khu vực cầu Văn Điển",
    })
    make_filled(plan, h1, "CATP", inbox, {"CT_7_1": 64, "CT_6_TS": 30, "CT_6_MS": 31, "GC_7_1": "Triệt phá 3 đường dây",
                                          "KN_1_NOI": "Ủy ban nhân dân Thành phố",
                                          "KN_1_ND": "Bổ sung kinh phí cho lực lượng trinh sát"})
    make_filled(plan, h1, "TAND", inbox, {"CT_7_2": 101})
    cons = consolidate(plan, h1, read_folder(inbox, plan, h1), as_of=date(2024, 6, 5))
    data = json.loads(json.dumps(to_json(cons)))  # exactly what is saved
    out = render_report(data, plan, tmp_path_factory.mktemp("out") / "BaoCao_2024-H1.docx")
    return {"data": data, "path": out, "doc": Document(out), "inbox": inbox}


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                parts.append(c.text)
    return "\n".join(parts)


def test_page_size_and_margins(report):
    s = report["doc"].sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert 20 <= round(s.top_margin.mm) <= 25 and 20 <= round(s.bottom_margin.mm) <= 25
    assert 30 <= round(s.left_margin.mm) <= 35 and 15 <= round(s.right_margin.mm) <= 20


def test_times_new_roman_everywhere_and_no_theme_font(report):
    with zipfile.ZipFile(report["path"]) as z:
        styles = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
    assert "Theme" not in styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
    assert "asciiTheme" not in styles and "asciiTheme" not in body
    doc = report["doc"]
    defaults = doc.styles.element.find(".//{*}rPrDefault//{*}rFonts")
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert defaults.get(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{slot}") == "Times New Roman"

    def effective(run, paragraph):
        if run.font.name:
            return run.font.name
        style = paragraph.style
        while style is not None:
            if style.font.name:
                return style.font.name
            style = style.base_style
        return "Times New Roman"  # docDefaults, checked above

    paragraphs = list(doc.paragraphs) + [p for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    runs = [(r, p) for p in paragraphs for r in p.runs if r.text.strip()]
    assert runs and all(effective(r, p) == "Times New Roman" for r, p in runs)


def test_body_paragraph_format(report):
    normal = report["doc"].styles["Normal"]
    f = normal.paragraph_format
    assert 13 <= normal.font.size.pt <= 14
    assert f.alignment == 3  # justified
    assert 1.0 <= f.first_line_indent.cm <= 1.27 and f.space_after.pt >= 6 and 1 <= f.line_spacing <= 1.5


def test_header_block(report, plan):
    doc = report["doc"]
    head = doc.tables[0]
    left = head.rows[0].cells[0].text + "\n" + head.rows[1].cells[0].text
    right = head.rows[0].cells[1].text + "\n" + head.rows[1].cells[1].text
    # the letterhead breaks where the plan file says, never inside a word group
    lines = [p.text for p in head.rows[0].cells[0].paragraphs]
    assert lines[:3] == ["UBND THÀNH PHỐ HÀ NỘI", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"]
    assert "Số:" in left and "/BC-SLĐTBXH" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "Hà Nội, ngày 05 tháng 6 năm 2024" in right  # a day below 10 padded
    agency = [r for p in head.rows[0].cells[0].paragraphs for r in p.runs if "SỞ LAO ĐỘNG" in r.text][0]
    motto = [r for p in head.rows[0].cells[1].paragraphs for r in p.runs if "Độc lập" in r.text][0]
    date_run = [r for p in head.rows[1].cells[1].paragraphs for r in p.runs if "Hà Nội, ngày" in r.text][0]
    assert agency.bold and motto.bold and date_run.italic
    assert not doc.tables[0]._tbl.tblPr.xpath("./w:tblBorders/w:top[@w:val='single']")
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Kết quả thực hiện Kế hoạch phòng, chống mại dâm trên địa bàn thành phố Hà Nội 6 tháng đầu năm 2024" in texts
    assert "Kính gửi: Ủy ban nhân dân thành phố Hà Nội" in texts
    assert any(t.startswith("Thực hiện Kế hoạch số 46/KH-UBND ngày 05/02/2024 của Ủy ban nhân dân Thành phố") for t in texts)
    assert any(t.endswith("./.") for t in texts)


def test_page_numbers_in_the_header_not_on_the_first_page(report):
    s = report["doc"].sections[0]
    assert s.different_first_page_header_footer
    xml = s.header._element.xml
    assert "PAGE" in xml and "fldChar" in xml
    assert s.header.paragraphs[0].alignment == 1  # centred
    assert not s.first_page_header.paragraphs[0].text.strip()


def test_signature_block_and_recipients(report):
    sig = report["doc"].tables[1]
    left, right = sig.rows[0].cells[0], sig.rows[0].cells[1]
    assert left.paragraphs[0].text == "Nơi nhận:"
    run = left.paragraphs[0].runs[0]
    assert run.bold and run.italic and run.font.size.pt == 12
    assert left.paragraphs[-1].text.startswith("- Lưu: VT")
    assert all(r.font.size.pt == 11 for p in left.paragraphs[1:] for r in p.runs if r.text)
    assert "KT. GIÁM ĐỐC" in right.text and "PHÓ GIÁM ĐỐC" in right.text


def body_text(doc) -> str:
    """The paragraphs before the signature block: the report's body."""
    out = []
    for p in doc.paragraphs:
        if p.text.startswith("Trên đây là báo cáo"):
            out.append(p.text)
            break
        out.append(p.text)
    return "\n".join(out)


def test_content_is_synthesised_from_the_consolidation(report):
    text = body_text(report["doc"])
    # figures in sentences, judged against the pace of a 6-month report, with their coverage
    assert ("Công an Thành phố đã phát hiện, khám phá, xử lý hình sự 64 vụ án liên quan đến hoạt động mại dâm "
            "(đạt 53,3% chỉ tiêu năm, đúng tiến độ)") in text
    assert "xét xử 101 vụ án liên quan đến hoạt động mại dâm (đạt 106,3% chỉ tiêu năm, vượt tiến độ)" in text
    # resting on 1 of the 31 units that report it: no judgement, and the coverage is said
    assert "kiểm tra 150 cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm (chưa đủ cơ sở đánh giá; " \
           "theo báo cáo của 1/31 đơn vị)" in text
    assert "Chưa đạt" not in text and "tiến độ" in text
    assert "1 điểm đã triệt xóa (Ngã ba Ngọc Hồi - Liên Ninh, huyện Thanh Trì)" in text
    assert "1 điểm chưa được cập nhật tình trạng (Tuyến đường Cầu Bươu - Phan Trọng Tuệ, huyện Thanh Trì)" in text
    assert "1 điểm chưa có báo cáo của quận, huyện, thị xã (Đường Giải Phóng, quận Hoàng Mai)" in text
    assert "Khu vực cầu Văn Điển, huyện Thanh Trì" in text
    assert "trên cơ sở báo cáo của 3/56 cơ quan, đơn vị" in text
    assert "53 đơn vị chưa gửi báo cáo" in text
    assert "- Thiếu cán bộ chuyên trách (huyện Thanh Trì)." in text  # a difficulty, attributed, not quoted at length
    assert "Công an TP đề nghị bổ sung kinh phí cho lực lượng trinh sát." in text
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024" in text
    assert "kính báo cáo Ủy ban nhân dân Thành phố./." in text


def test_unit_free_text_is_in_the_appendix_not_the_body(report):
    doc = report["doc"]
    assert "Kết quả 5 cơ sở" not in body_text(doc)
    assert "Triệt phá 3 đường dây" not in body_text(doc)  # a note on a figure: the workbook and appendix hold it
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells if "Kết quả 5 cơ sở" in c.text)
    assert cell.text == HOSTILE  # & < {{ }} {% %} kept; the line break is a real break
    assert "<w:br/>" in cell._tc.xml


def test_appendix_tables_equal_the_json(report, plan):
    doc, data = report["doc"], report["data"]
    t1 = doc.tables[2]
    header = [c.text for c in t1.rows[0].cells]
    assert header == ["STT", "Chỉ tiêu", "Chỉ tiêu năm", "Thực hiện", "% chỉ tiêu năm", "Đánh giá", "Số đơn vị báo cáo"]
    assert t1.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert all(r._tr.xpath("./w:trPr/w:cantSplit") for r in t1.rows[1:])
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in t1.rows[1:]}
    for ind_id, e in data["indicators"].items():
        row = rows[ind_id]
        if e["kind"] in ("ratio", "yesno"):
            from fractions import Fraction
            exact = Fraction(100 * e["numerator"], e["denominator"]) if e["denominator"] else None
            assert row[3] == percent(exact), ind_id
        else:
            assert row[3] == number(e["actual"]), ind_id
        assert row[5] == e["status_label"], ind_id
        assert row[6] == f"{e['units_reporting']}/{e['units_expected']}", ind_id
    assert rows["7.1"][3:7] == ["64", "53,3%", "Đúng tiến độ", "1/1"]
    assert rows["9"][5] == "Chưa đủ cơ sở đánh giá"  # 1 of 31 units
    assert rows["6"][3] == "96,8%"
    t2, t3, t4, t5 = doc.tables[3], doc.tables[4], doc.tables[5], doc.tables[6]
    assert [r.cells[4].text for r in t2.rows[1:]] == [data["hotspots"][f"II.{k}"]["status"] for k in (1, 2, 3)]
    assert len(t3.rows) == 9 and t3.rows[5].cells[4].text == "Không hoạt động"
    # Phụ lục IV: task by task, one row per unit that reported it
    heads = [r.cells[0].text for r in t4.rows[1:] if len({c._tc for c in r.cells}) == 1]
    assert heads[0].startswith("IV.2.1. Chủ trì đánh giá tình hình tội phạm")
    assert any(r.cells[1].text == "Huyện Thanh Trì" and r.cells[3].text == HOSTILE for r in t4.rows)
    assert len(t5.rows) == 57
    statuses = {r.cells[1].text: r.cells[2].text for r in t5.rows[1:]}
    assert statuses["Công an Thành phố"] == "Đã báo cáo" and statuses["Sở Y tế"] == "Chưa báo cáo"


def test_appendices_each_in_a_section_wide_tables_in_landscape(report):
    doc = report["doc"]
    heads = [p.text for p in doc.paragraphs if p.text.startswith("Phụ lục ")]
    assert heads == ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV", "Phụ lục V"]
    orient = [round(s.page_width.mm) > round(s.page_height.mm) for s in doc.sections]
    assert orient == [False, True, False, True, False]  # the plan's appendices of hotspots share one section
    assert [s.start_type for s in doc.sections[1:]] == [2] * 4  # WD_SECTION.NEW_PAGE
    third = next(i for i, p in enumerate(doc.paragraphs) if p.text == "Phụ lục III")
    assert 'w:type="page"' in "".join(p._p.xml for p in doc.paragraphs[third - 3:third])
    titles = [doc.paragraphs[i + 1].text for i, p in enumerate(doc.paragraphs) if p.text.startswith("Phụ lục ")]
    assert all(t == t.upper() for t in titles)


def test_document_language_is_vietnamese(report):
    with zipfile.ZipFile(report["path"]) as z:
        styles = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
    assert 'w:lang w:val="vi-VN"' in styles.split("</w:docDefaults>")[0]
    assert body.count('w:val="vi-VN"') > 50


def test_report_command_rerenders_from_saved_consolidation(report, tmp_path, plan):
    saved = tmp_path / "TongHop_2024-H1.json"
    saved.write_text(json.dumps(report["data"], ensure_ascii=False), encoding="utf-8")
    r = CliRunner().invoke(main, ["report", str(saved), "--number", "125/BC-SLĐTBXH"])
    assert r.exit_code == 0, r.output
    doc = Document(tmp_path / "BaoCao_2024-H1.docx")
    assert "Số: 125/BC-SLĐTBXH" in doc.tables[0].rows[1].cells[0].text
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    r = CliRunner().invoke(main, ["report", str(bad)])
    assert r.exit_code == 2 and "không phải tệp tổng hợp" in r.output


def test_clerk_edited_template_in_templates_folder_is_used(report, plan, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    doc = Document(template_path())
    for p in doc.paragraphs:
        if p.text == "BÁO CÁO":
            p.runs[0].text = "BÁO CÁO TÓM TẮT"
    doc.save(tmp_path / "templates" / "bao_cao.docx")
    assert template_path().resolve() == tmp_path / "templates" / "bao_cao.docx"
    out = render_report(report["data"], plan, tmp_path / "r.docx")
    assert "BÁO CÁO TÓM TẮT" in [p.text for p in Document(out).paragraphs]


@pytest.mark.parametrize("tag, words", [("{{ no_such_thing }}", "no_such_thing"), ("{% for x in %}", "thẻ viết sai")])
def test_broken_templates_are_reported(report, plan, tmp_path, tag, words):
    doc = Document(template_path())
    doc.add_paragraph(tag)
    broken = tmp_path / "hong.docx"
    doc.save(broken)
    with pytest.raises(TemplateProblem) as e:
        render_report(report["data"], plan, tmp_path / "r.docx", template=broken)
    assert words in str(e.value)
    assert not (tmp_path / "r.docx").exists()
    r = CliRunner().invoke(main, ["check-template", str(broken)])
    assert r.exit_code == 1 and words in r.output
    # consolidate renders the report in a helper process: the problem comes back as the same message
    r = CliRunner().invoke(main, ["consolidate", str(report["inbox"]), "--out", str(tmp_path / "out"),
                                  "--template", str(broken)])
    assert r.exit_code == 2 and words in r.output and "Traceback" not in r.output
    assert not (tmp_path / "out" / "BaoCao_2024-H1.docx").exists()
    assert not (tmp_path / "out" / "TongHop_2024-H1.xlsx").exists()  # one generation per run: a failed run leaves none of its set


def test_check_template_accepts_the_shipped_template():
    r = CliRunner().invoke(main, ["check-template", str(template_path())])
    assert r.exit_code == 0 and "hợp lệ" in r.output


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_converts_the_report_to_pdf(report, tmp_path):
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(report["path"])], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "BaoCao_2024-H1.pdf"
    assert pdf.exists() and pdf.stat().st_size > 20000
