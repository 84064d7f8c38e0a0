"""Vietnamese typed in the old 8-bit fonts: TCVN3 (ABC, fonts ".Vn…") and VNI ("VNI-…").

Such text reaches a workbook as Latin-1 characters ("B¸o c¸o" for "Báo cáo"). The tables
here cover all 67 Vietnamese letters beyond ASCII in each case (134 letters): TCVN3 has
one byte per lower-case letter and the "…H" fonts (".VnTimeH") draw those same bytes as
capitals; VNI writes a base letter followed by a mark character ("aù" for "á").
"""
from __future__ import annotations

import re
import unicodedata

# Tones in the order the tables use: none, sắc, huyền, hỏi, ngã, nặng.
TONE_MARKS = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
# Lower-case vowels as (base letter, the mark that makes it: breve, circumflex, horn).
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]


def _letter(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + TONE_MARKS[tone])


def vietnamese_letters() -> list[str]:
    """The 67 lower-case Vietnamese letters that are not plain ASCII, then their 67 capitals."""
    lower = [_letter(v, t) for v in VOWELS for t in range(6)]
    lower = [c for c in lower if not c.isascii()] + ["đ"]
    return lower + [c.upper() for c in lower]


# -- TCVN3 (ABC) ---------------------------------------------------------------------------
# Byte for each vowel and tone (none, sắc, huyền, hỏi, ngã, nặng); None: plain ASCII.
_TCVN3_CODES = {
    "a": (None, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9),
    "ă": (0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB),
    "e": (None, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6),
    "i": (None, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (None, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4),
    "ô": (0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE),
    "u": (None, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9),
    "y": (None, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
# Capitals that have a code of their own in the ordinary (not "H") fonts.
_TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}

TCVN3_TO_UNICODE: dict[str, str] = {chr(0xAE): "đ"}
for _v, _codes in _TCVN3_CODES.items():
    for _t, _code in enumerate(_codes):
        if _code is not None:
            TCVN3_TO_UNICODE[chr(_code)] = _letter(_v, _t)
TCVN3_TO_UNICODE.update({chr(code): letter for letter, code in _TCVN3_CAPITALS.items()})
UNICODE_TO_TCVN3 = {u: t for t, u in TCVN3_TO_UNICODE.items()}


def tcvn3_to_unicode(text: str, capitals: bool = False) -> str:
    """Convert TCVN3 text; `capitals` for the "…H" fonts, which draw every letter as a capital."""
    out = "".join(TCVN3_TO_UNICODE.get(ch, ch) for ch in text)
    return out.upper() if capitals else out


def unicode_to_tcvn3(text: str) -> str:
    """Lower-case letters and the seven base capitals only: TCVN3 has no other capitals."""
    return "".join(UNICODE_TO_TCVN3.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# -- VNI (VNI-Windows) ----------------------------------------------------------------------
# Mark characters after the base letter, per tone (none, sắc, huyền, hỏi, ngã, nặng).
_VNI_PLAIN = ("", "ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX = ("â", "á", "à", "å", "ã", "ä")
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")
_VNI_SPELLING = {
    "a": ("a", _VNI_PLAIN), "ă": ("a", _VNI_BREVE), "â": ("a", _VNI_CIRCUMFLEX),
    "e": ("e", _VNI_PLAIN), "ê": ("e", _VNI_CIRCUMFLEX),
    "o": ("o", _VNI_PLAIN), "ô": ("o", _VNI_CIRCUMFLEX), "ơ": ("ô", _VNI_PLAIN),
    "u": ("u", _VNI_PLAIN), "ư": ("ö", _VNI_PLAIN), "y": ("y", _VNI_PLAIN),
}
_VNI_I = ("i", "í", "ì", "æ", "ó", "ò")  # i takes single characters


def _vni_table() -> dict[str, str]:
    """Unicode letter -> VNI spelling, for all 134 letters."""
    table = {"đ": "ñ", "Đ": "Ñ"}
    for vowel, (base, marks) in _VNI_SPELLING.items():
        for tone, mark in enumerate(marks):
            letter = _letter(vowel, tone)
            if letter.isascii():
                continue
            spelled = "î" if (vowel, tone) == ("y", 5) else base + mark
            table[letter] = spelled
            table[letter.upper()] = spelled.upper()
    for tone, spelled in enumerate(_VNI_I):
        if tone:
            table[_letter("i", tone)] = spelled
            table[_letter("i", tone).upper()] = spelled.upper()
    return table


UNICODE_TO_VNI = _vni_table()
VNI_TO_UNICODE = {v: u for u, v in UNICODE_TO_VNI.items()}
# Longest spellings first, so that "aù" is read before a lone "a".
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True)))


def vni_to_unicode(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)


def unicode_to_vni(text: str) -> str:
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# -- detection --------------------------------------------------------------------------------
# Letters only Unicode has: old-encoding text is made of Latin-1 characters (U+00A0-U+00FF),
# so one of these proves the text is already Unicode. (á, é, ô… exist in both.)
_VIETNAMESE = re.compile("[" + "".join(c for c in vietnamese_letters() if ord(c) > 0xFF) + "]")
_TCVN3_MARKERS = re.compile("[¸µ¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòôõøö÷ùúýûüþ¡¢£¤¥¦§]")
_VNI_MARKERS = re.compile("[aeouyAEOUY][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[ôöÔÖ]|ñ|Ñ")


def encoding_of_font(font: str | None) -> str | None:
    """'tcvn3', 'tcvn3-caps' or 'vni' from a font name; None for a Unicode font."""
    if not font:
        return None
    name = font.strip()
    if name.lower().startswith(".vn"):
        return "tcvn3-caps" if name.endswith("H") else "tcvn3"
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return "vni"
    return None


def guess_encoding(text: str) -> str | None:
    """A character test: which old encoding the text looks typed in, if any."""
    if not text or _VIETNAMESE.search(text):
        return None  # already Unicode Vietnamese
    vni = len(_VNI_MARKERS.findall(text))
    tcvn = len(_TCVN3_MARKERS.findall(text))
    if vni >= 2 and vni >= tcvn / 2:
        return "vni"
    if tcvn >= 2:
        return "tcvn3"
    return None


def convert(text: str, encoding: str) -> str:
    if encoding == "vni":
        return unicodedata.normalize("NFC", vni_to_unicode(text))
    return unicodedata.normalize("NFC", tcvn3_to_unicode(text, capitals=encoding == "tcvn3-caps"))


def candidate(text: str) -> bool:
    """Worth a closer look: two or more old-encoding characters and not one Unicode-only letter.

    ("Có" or "Café" hold one such character and are left alone without reading any font.)"""
    if not text or _VIETNAMESE.search(text):
        return False
    return len(_TCVN3_MARKERS.findall(text)) >= 2 or len(_VNI_MARKERS.findall(text)) >= 2


def fix(text: str, font: str | None = None) -> tuple[str, str | None]:
    """(text in Unicode, the encoding converted from or None).

    The cell's font decides where it names an old font; otherwise the character test.
    Text that already holds Unicode Vietnamese letters is never converted.
    """
    if not candidate(text):
        return text, None
    encoding = encoding_of_font(font) or guess_encoding(text)
    if encoding is None:
        return text, None
    converted = convert(text, encoding)
    return (converted, encoding) if converted != text else (text, None)


ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "tcvn3-caps": "TCVN3 (ABC), phông chữ hoa", "vni": "VNI"}
