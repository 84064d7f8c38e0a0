"""TCVN3 and VNI: letter by letter against Unicode, whole sentences of the plan, and in a form."""
from __future__ import annotations

import re
import unicodedata

from openpyxl import load_workbook
from openpyxl.styles import Font

from filling import cell_of, make_filled
from pcmd_reports import legacy as L
from pcmd_reports.intake import fold, read_file

# The TCVN3 (ABC) table as published (one byte, shown as its Latin-1 character, per letter).
TCVN3_PUBLISHED = dict(zip(
    "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ" "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ"
    "ĂÂĐÊÔƠƯ",
    "µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®" "ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé" "¬êíëìî" "ïóñòô" "\xadõøö÷ù" "úýûüþ"
    "¡¢§£¤¥¦",
    strict=True,
))

# VNI capitals as published (base letter + mark characters), in the order A, Á, À, Ả, Ã, Ạ ...
VNI_PUBLISHED_CAPITALS = {
    "Á": "AÙ", "À": "AØ", "Ả": "AÛ", "Ã": "AÕ", "Ạ": "AÏ",
    "Â": "AÂ", "Ấ": "AÁ", "Ầ": "AÀ", "Ẩ": "AÅ", "Ẫ": "AÃ", "Ậ": "AÄ",
    "Ă": "AÊ", "Ắ": "AÉ", "Ằ": "AÈ", "Ẳ": "AÚ", "Ẵ": "AÜ", "Ặ": "AË",
    "É": "EÙ", "È": "EØ", "Ẻ": "EÛ", "Ẽ": "EÕ", "Ẹ": "EÏ",
    "Ê": "EÂ", "Ế": "EÁ", "Ề": "EÀ", "Ể": "EÅ", "Ễ": "EÃ", "Ệ": "EÄ",
    "Ó": "OÙ", "Ò": "OØ", "Ỏ": "OÛ", "Õ": "OÕ", "Ọ": "OÏ",
    "Ô": "OÂ", "Ố": "OÁ", "Ồ": "OÀ", "Ổ": "OÅ", "Ỗ": "OÃ", "Ộ": "OÄ",
    "Ơ": "Ô", "Ớ": "ÔÙ", "Ờ": "ÔØ", "Ở": "ÔÛ", "Ỡ": "ÔÕ", "Ợ": "ÔÏ",
    "Ú": "UÙ", "Ù": "UØ", "Ủ": "UÛ", "Ũ": "UÕ", "Ụ": "UÏ",
    "Ư": "Ö", "Ứ": "ÖÙ", "Ừ": "ÖØ", "Ử": "ÖÛ", "Ữ": "ÖÕ", "Ự": "ÖÏ",
    "Í": "Í", "Ì": "Ì", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò",
    "Ý": "YÙ", "Ỳ": "YØ", "Ỷ": "YÛ", "Ỹ": "YÕ", "Ỵ": "Î",
    "Đ": "Ñ",
}


def test_there_are_134_letters():
    letters = L.vietnamese_letters()
    assert len(letters) == len(set(letters)) == 134
    assert all(unicodedata.is_normalized("NFC", c) for c in letters)


def test_tcvn3_lower_case_matches_the_published_table():
    lower = [c for c in L.vietnamese_letters() if c.islower()]
    assert len(lower) == 67
    for letter in lower:
        assert L.unicode_to_tcvn3(letter) == TCVN3_PUBLISHED[letter], letter
        assert L.tcvn3_to_unicode(TCVN3_PUBLISHED[letter]) == letter, letter


def test_tcvn3_capitals_in_the_h_fonts_and_the_seven_base_capitals():
    upper = [c for c in L.vietnamese_letters() if c.isupper()]
    assert len(upper) == 67
    for letter in upper:
        typed = L.unicode_to_tcvn3(letter.lower())  # the H fonts draw the lower-case bytes as capitals
        assert L.tcvn3_to_unicode(typed, capitals=True) == letter, letter
    for letter in "ĂÂĐÊÔƠƯ":
        assert L.unicode_to_tcvn3(letter) == TCVN3_PUBLISHED[letter]
        assert L.tcvn3_to_unicode(TCVN3_PUBLISHED[letter]) == letter
    assert len(set(L.TCVN3_TO_UNICODE)) == 74 and all(0xA1 <= ord(k) <= 0xFE for k in L.TCVN3_TO_UNICODE)


def test_vni_matches_the_published_table_letter_by_letter():
    for capital, spelled in VNI_PUBLISHED_CAPITALS.items():
        assert L.unicode_to_vni(capital) == spelled, capital
        assert L.vni_to_unicode(spelled) == capital, capital
        small = capital.lower()
        assert L.unicode_to_vni(small) == spelled.lower(), small
        assert L.vni_to_unicode(spelled.lower()) == small, small
    assert set(L.UNICODE_TO_VNI) == set(L.vietnamese_letters())


def seed_sentences(seed_text):
    lines = [ln.strip() for ln in seed_text.splitlines() if len(ln.strip()) > 80]
    return lines[:40]


def test_whole_sentences_of_the_plan_round_trip(seed_text):
    sentences = seed_sentences(seed_text)
    assert len(sentences) == 40
    for s in sentences:
        s = unicodedata.normalize("NFC", s)
        vni = L.unicode_to_vni(s)
        assert not re.search("[\u0100-\u1eff]", vni)  # nothing left outside Latin-1
        assert L.vni_to_unicode(vni) == s
        lower = s.lower()
        tcvn = L.unicode_to_tcvn3(lower)
        assert not re.search("[\u0100-\u1eff]", tcvn)
        assert L.tcvn3_to_unicode(tcvn) == lower
        assert L.guess_encoding(vni) == "vni" and L.guess_encoding(tcvn) == "tcvn3"
        assert L.fix(s) == (s, None)  # Unicode text is left alone


def test_detection_by_font_and_by_characters():
    assert L.encoding_of_font(".VnTime") == "tcvn3" and L.encoding_of_font(".VnTimeH") == "tcvn3-caps"
    assert L.encoding_of_font("VNI-Times") == "vni" and L.encoding_of_font("Times New Roman") is None
    assert L.fix("Hµ Néi", ".VnTime") == ("Hà Nội", "tcvn3")
    assert L.fix("B¸O C¸O", ".VnTimeH") == ("BÁO CÁO", "tcvn3-caps")
    assert L.fix("Café") == ("Café", None)  # one accented word is not an old encoding
    assert L.fix("Hà Nội", ".VnTime") == ("Hà Nội", None)


def test_names_match_across_tone_placement_and_normal_forms():
    assert fold("Đã triệt xoá") == fold("Đã triệt xóa") == fold(unicodedata.normalize("NFD", "ĐÃ TRIỆT XÓA"))
    assert fold("Ứng Hoà") == fold("Ứng Hòa") and fold("thuỷ") == fold("thủy")
    assert fold("  Ít   hoạt động ") == fold("ít hoạt động")


def test_a_form_typed_in_old_fonts_is_read_in_unicode(tmp_path, plan):
    h1 = plan.period("2024-H1")
    tcvn = L.unicode_to_tcvn3("Đã tổ chức 12 buổi tuyên truyền tại các xã, thị trấn".lower())
    vni = L.unicode_to_vni("Thiếu kinh phí cho Đội Kiểm tra liên ngành 178")

    def fonts(wb):
        cell_of(wb, "NV_23_1").font = Font(name=".VnTime")
        cell_of(wb, "KK_1").font = Font(name="VNI-Times")
        cell_of(wb, "KN_1_ND").font = Font(name=".VnTimeH")

    path = make_filled(plan, h1, "020", tmp_path, {
        "NV_23_1": tcvn, "KK_1": vni, "KN_1_ND": L.unicode_to_tcvn3("bổ sung biên chế"),
        "KN_1_NOI": "Khác",
        "DIEM_II_1": "Đã triệt xoá", "NV_23_2": "Đã kiện toàn Đội kiểm tra liên ngành",
    }, edit=fonts)
    r = read_file(path, plan, h1)
    s = r.submission
    assert s.tasks["23.1"].text == "đã tổ chức 12 buổi tuyên truyền tại các xã, thị trấn"
    assert [d.text for d in s.difficulties] == ["Thiếu kinh phí cho Đội Kiểm tra liên ngành 178"]
    assert [(x.addressee, x.text) for x in s.recommendations] == [("other", "BỔ SUNG BIÊN CHẾ")]
    assert s.tasks["23.2"].text == "Đã kiện toàn Đội kiểm tra liên ngành"
    assert s.hotspots["II.1"].status == "Đã triệt xóa"
    warnings = {p.name: p for p in r.problems if p.code == "legacy_encoding"}
    assert set(warnings) == {"NV_23_1", "KK_1", "KN_1_ND"}
    assert ".VnTime" in warnings["NV_23_1"].message and warnings["NV_23_1"].cell == cell_of(load_workbook(path), "NV_23_1").coordinate
    assert "VNI" in warnings["KK_1"].message
    assert not r.errors
