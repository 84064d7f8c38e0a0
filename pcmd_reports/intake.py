"""Read returned forms: one file into a Submission plus Problems, never a traceback.

A file is identified by its `_meta` sheet, not its name, and read by defined names,
never by row position. Values come from python-calamine (fast); defined names, sheet
files and the few facts calamine hides (formula errors, formulas without a cached value)
come from a small, guarded parse of the workbook's XML.
"""
from __future__ import annotations

import hashlib
import os
import sys
import re
import statistics
import unicodedata
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, timedelta
from pathlib import Path


from . import TEMPLATE_VERSION
from . import messages as msg
from . import legacy, names
from .plan import Indicator, Period, Plan, Unit
from .problem_codes import ProblemCode as Code
from .problems import ERROR, WARNING, Problem
from .safetext import CUT_MARK, EXCEL_CELL_LIMIT, safe_path, safe_text
from .vnformat import number

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 150 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
CELL_FORMULA = re.compile(rb"<f[ >]")
CELL_XML = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?([0-9]+)$")
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*$")
GROUPED = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
TRAILING_WORDS = re.compile(r"^([+-]?[\d.,\s]*\d)\s*([^\d\s][^\d]*)?$")


# -- the result types ---------------------------------------------------------------

@dataclass(slots=True)  # many thousands of these for a large run: no per-object dict
class Figure:
    """One figure a unit typed, accepted, with where it came from."""
    name: str
    indicator: str
    part: str  # value, numerator, denominator
    value: int | str
    raw: object  # what was typed, where it differs from the value ("2.460", "120 người"); else None
    sheet: str
    cell: str
    parts: tuple = ()  # for a figure built from several periods' reports: (file, sha256, Figure, period)


@dataclass(slots=True)  # many thousands of these for a large run: no per-object dict
class HotspotReport:
    id: str
    status: str
    note: str
    sheet: str
    cell: str


@dataclass(slots=True)  # many thousands of these for a large run: no per-object dict
class NewHotspot:
    row: int
    name: str
    address: str
    level: str
    note: str
    sheet: str
    cell: str


@dataclass(slots=True)  # many thousands of these for a large run: no per-object dict
class TaskResult:
    key: str
    text: str
    sheet: str
    cell: str  # the result's cell
    status: str | None = None  # a status code of the plan's narratives; None: blank, not reported


@dataclass(slots=True)
class Recommendation:
    """One recommendation row: to whom (an addressee code of the plan) and what."""
    addressee: str
    text: str
    sheet: str
    cell: str  # the text's cell
    name: str
    origin: tuple = ()  # (file, sha256) when carried into a period built from monthly/quarterly reports


@dataclass(slots=True)
class Difficulty:
    text: str
    sheet: str
    cell: str
    name: str
    origin: tuple = ()  # (file, sha256) when carried into a period built from monthly/quarterly reports


@dataclass
class Submission:
    path: Path
    plan: str
    period: str
    unit: str
    template_version: str
    report_date: date | None = None
    contact: str = ""
    phone: str = ""
    figures: dict[str, Figure] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    hotspots: dict[str, HotspotReport] = field(default_factory=dict)
    new_hotspots: list[NewHotspot] = field(default_factory=list)
    tasks: dict[str, TaskResult] = field(default_factory=dict)
    recommendations: list[Recommendation] = field(default_factory=list)
    difficulties: list[Difficulty] = field(default_factory=list)

    def value(self, indicator_id: str, part: str = "value"):
        for f in self.figures.values():
            if f.indicator == indicator_id and f.part == part:
                return f.value
        return None


@dataclass
class FileResult:
    """What reading one file gave: a Submission (None when rejected) and its Problems."""
    path: Path
    size: int
    sha256: str
    mtime: datetime
    read_at: datetime
    submission: Submission | None
    problems: list[Problem]
    unit: str = ""  # from _meta: set for every read submission, and for some rejected files
    superseded_by: Path | None = None
    components: list = field(default_factory=list)  # for a period built from monthly/quarterly reports
    covers: list = field(default_factory=list)  # the period codes those reports cover
    gaps: list = field(default_factory=list)  # the period codes missing inside the window

    @property
    def rejected(self) -> bool:
        return self.submission is None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def inside(part: Period, whole: Period) -> bool:
    """A monthly or quarterly report whose data window lies inside a 6-month or year window:
    it can build that period's figures for a unit that sent no report of its own for it."""
    return (part.kind in ("month", "quarter") and whole.kind in ("half", "year")
            and whole.start <= part.start and part.end <= whole.end)


# -- text and numbers as people type them ---------------------------------------------

def clean_text(value) -> str:
    """NFC, no control characters XML cannot hold; numbers typed in text cells kept readable."""
    if value is None:
        return ""
    if type(value) is str and value.isascii() and value.isprintable() and "_x" not in value:
        return value.strip()  # nothing to normalise, unescape or remove
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        value = value.strftime("%d/%m/%Y")
    text = XML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(value))
    # _xD83D_ alone is half a character: safe_text joins pairs and replaces a lone half
    text = unicodedata.normalize("NFC", safe_text(text))
    return text.strip()


def fold(text: str) -> str:
    """A key for comparing names: case, NFC/NFD, spaces and tone marks folded away."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


MAX_COUNT = 10 ** 9  # no count of people, cases or places in a city comes near this
MAX_MONEY = 10 ** 13  # 10.000 tỷ đồng: far above any amount a unit spends on this plan
MAGNITUDES = {"nghin": 1000, "ngan": 1000, "trieu": 10 ** 6, "tr": 10 ** 6, "ty": 10 ** 9, "ti": 10 ** 9}
DECIMAL_COMMA = re.compile(r"^\d+,\d+$")


def parse_count(raw, limit: int = MAX_COUNT) -> tuple[int | None, str | None]:
    """A whole number >= 0 from what a person typed: (value, None) or (None, message key).

    '' -> (None, None): not reported, which is not 0. See `read_count` for the texts accepted.
    """
    value, error, _ = read_count(raw, limit)
    return value, error


def read_count(raw, limit: int = MAX_COUNT) -> tuple[int | None, str | None, str | None]:
    """(value, error key, warning key) of what a person typed in a whole-number cell.

    Accepted as typed: a number, digits ('2460'), digits grouped by '.' or a space
    ('2.460', '1 234'). Accepted with a warning that shows the reading: a trailing word
    ('120 người' -> 120, warning 'unit_word'); a magnitude word, converted exactly
    ('50 triệu' -> 50000000, '1,5 tỷ' -> 1500000000, '3tr', '5 nghìn'; warning
    'magnitude'). Refused: '1,234' ('comma': ',' is the decimal mark in Vietnamese), a
    decimal ('fraction'), a percentage ('percent'), '12+' or '12-15' ('approximate'),
    a negative number, anything above `limit` ('too_big'), other text ('not_a_number').
    """
    if raw is None or raw == "":
        return None, None, None
    if isinstance(raw, bool) or isinstance(raw, (date, datetime)):
        return None, Code.NOT_A_NUMBER, None
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and (raw != raw or raw in (float("inf"), float("-inf"))):
            return None, Code.NOT_A_NUMBER, None
        if raw < 0:
            return None, Code.NEGATIVE, None
        if raw > limit:
            return None, Code.TOO_BIG, None
        if isinstance(raw, float) and not raw.is_integer():
            return None, Code.FRACTION, None
        return int(raw), None, None
    text = clean_text(raw).replace("\u00a0", " ")
    if not text:
        return None, None, None
    m = TRAILING_WORDS.match(text)
    if not m:
        return None, Code.NOT_A_NUMBER, None
    digits, words = m.group(1).strip(), (m.group(2) or "").strip()
    negative = digits.startswith("-")
    digits = digits.lstrip("+-").strip()
    multiplier, warning = 1, None
    if words:
        if "%" in words:
            return None, Code.PERCENT, None
        if not words[0].isalpha():
            return None, Code.APPROXIMATE, None  # 12+, 12~, 12 (khoảng)
        first = fold(words).split()[0].rstrip(".")
        multiplier = MAGNITUDES.get(first, 1)
        warning = Code.MAGNITUDE if multiplier > 1 else Code.UNIT_WORD
    if GROUPED.match(digits) and "," not in digits:
        value = int(re.sub(r"[.\s]", "", digits))
    elif digits.isdigit():
        value = int(digits)
    elif multiplier > 1 and DECIMAL_COMMA.match(digits):
        whole, frac = digits.split(",")
        scaled = int(whole + frac) * multiplier
        if scaled % 10 ** len(frac):
            return None, Code.FRACTION, None
        value, multiplier = scaled // 10 ** len(frac), 1
    elif GROUPED.match(digits):
        return None, Code.COMMA, None  # 1,234: a decimal in Vietnamese, a thousand in English
    elif NUMBER.match(digits):
        return None, Code.FRACTION, None  # 2,5 or 12.34: a decimal, not a count
    else:
        return None, Code.NOT_A_NUMBER, None
    value *= multiplier
    if negative and value:
        return None, Code.NEGATIVE, None
    if value > limit:
        return None, Code.TOO_BIG, None
    return value, None, warning


def parse_date(raw) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = clean_text(raw)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


# -- the workbook reader ----------------------------------------------------------------

class _NeedsChild(Exception):
    """Internal: this file needs python-calamine, native code that can abort the process on a
    crafted file; it is read in a child process of its own (`_read_in_child`)."""


_ISOLATED = {"on": False}  # True in a child process that reads one file and may die doing it


class _Rejected(Exception):
    """Internal: this file cannot be read at all; carries the Vietnamese reason."""

    def __init__(self, message: str, code: Code):
        super().__init__(message)
        self.message, self.code = message, code


class _Book:
    """One returned workbook, whatever its format: sheet names, defined names, values.

    Values come from python-calamine for every format; each subclass finds the defined
    names its own way. `layout_fallback` is set when names had to be taken from the
    template's recorded layout (the _meta sheet) instead of the file's own names.
    """

    def __init__(self, path: Path, data: bytes):
        self.path = path
        self.data = data
        self.layout_fallback = False
        self.defined: dict[str, str] = {}
        self._wb = None
        self._sheets: dict[str, tuple[tuple[int, int], list]] = {}

    @property
    def wb(self):
        """The python-calamine workbook, opened on first use."""
        if self._wb is None:
            import io

            if not _ISOLATED["on"]:
                raise _NeedsChild  # native code: read this file in a process of its own
            if self.data[:2] == b"PK":
                _check_inflation(self.data)  # calamine trusts nothing less than what the headers say
            import python_calamine
            try:
                self._wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self.data))
            except Exception:  # calamine raises its own error types for broken parts
                raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT) from None
        return self._wb

    @property
    def sheet_names(self) -> list[str]:
        return list(self.wb.sheet_names)

    def resolve(self, name: str) -> tuple[str, str] | None:
        """A defined name's (sheet, cell), or None when absent or broken (#REF!)."""
        text = self.defined.get(name)
        return _reference(text) if text else None

    def recorded_layout(self) -> dict[str, str]:
        """{defined name: its reference} as _meta records them: the cell map the form was made with."""
        meta = _Book.meta(self) or {}
        return {k[len(names.CELL_PREFIX):]: v for k, v in meta.items() if k.startswith(names.CELL_PREFIX)}

    def use_layout(self, meta: dict) -> None:
        """Take the cell map recorded in _meta when the file carries no names of its own."""
        recorded = {k[len(names.CELL_PREFIX):]: v for k, v in meta.items() if k.startswith(names.CELL_PREFIX)}
        if recorded and not any(k in self.defined for k in recorded):
            self.defined.update(recorded)
            self.layout_fallback = True

    def rows(self, sheet: str):
        if sheet not in self._sheets:
            s = self.wb.get_sheet_by_name(sheet)
            self._sheets[sheet] = (s.start or (0, 0), s.to_python(skip_empty_area=False))
        return self._sheets[sheet]

    def value(self, sheet: str, cell: str):
        (r0, c0), data = self.rows(sheet)
        col, row = _split(cell)
        r, c = row - 1 - r0, col - c0
        if r < 0 or c < 0 or r >= len(data) or c >= len(data[r]):
            return None
        v = data[r][c]
        return None if v == "" else v

    def flag(self, sheet: str, cell: str) -> tuple[str, str] | None:
        """('error', '#REF!') or ('formula', '') where calamine shows only an empty cell."""
        return None

    def font(self, sheet: str, cell: str) -> str | None:
        """The cell's font name, where the format keeps it and a reader gives it."""
        return None

    def meta(self) -> dict[str, str] | None:
        if "_meta" not in self.sheet_names:
            return None
        (_, _), data = self.rows("_meta")
        out = {}
        for row in data:
            if len(row) >= 2 and row[0] not in ("", None):
                out[clean_text(row[0])] = clean_text(row[1])
        return out


@lru_cache(maxsize=8192)
def _reference(text: str) -> tuple[str, str] | None:
    """'Chỉ tiêu'!$E$7 -> ('Chỉ tiêu', 'E7'); None for a range or a broken reference. Every form
    of a template has the same references, so each is parsed once."""
    m = REF.match(text)
    if not m:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    return sheet, f"{m.group(3)}{m.group(4)}"


def _open_zip(data: bytes) -> zipfile.ZipFile:
    import io
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT) from None
    infos = z.infolist()
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if len(infos) > MAX_ENTRIES or total > MAX_UNZIPPED_BYTES or total / packed > MAX_RATIO:
        raise _Rejected(msg.FILE_BOMB.format(size=total // (1024 * 1024), ratio=total // packed), Code.BOMB)
    z.pcmd_data = data  # members are read by _read_member: inflated with a count, never trusted
    return z


INFLATE_CHUNK = 1 << 20


def _check_inflation(data: bytes) -> None:
    """Inflate every member of the zip, counting, keeping nothing: what python-calamine will
    read holds no more than the headers say (see `_inflate`)."""
    z = _open_zip(data)
    total = 0
    for info in z.infolist():
        total += _inflate(data, info, keep=False)[1]
        if total > MAX_UNZIPPED_BYTES:
            raise _Rejected(msg.FILE_BOMB.format(size=total // (1024 * 1024), ratio=0), Code.BOMB)


def _read_member(z: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = z.getinfo(name)
    except KeyError:
        raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT) from None
    return _inflate(z.pcmd_data, info, keep=True)[0]


def _inflate(data: bytes, info: zipfile.ZipInfo, keep: bool) -> tuple[bytes, int]:
    """One member's bytes, inflated a chunk at a time and counted: a member that inflates to
    more than its header says (a bomb whose header lies) is refused as soon as the count
    passes it, a chunk later at most; one that ends short, past its compressed bytes or with
    another checksum is corrupt. (zipfile would inflate the whole stream, discarding the rest.)
    Returns (the bytes, or b"" when not `keep`, and their count)."""
    import struct
    at = info.header_offset
    if data[at:at + 4] != b"PK\x03\x04" or info.flag_bits & 0x1:  # not a member, or encrypted
        raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT)
    name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_len + extra_len
    packed = memoryview(data)[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        out, crc, count = bytes(packed) if keep else b"", zlib.crc32(packed), len(packed)
        if count > info.file_size:
            raise _Rejected(msg.FILE_BOMB_LIE.format(part=info.filename, said=number(info.file_size)), Code.BOMB)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater, pieces, crc, count, fed = zlib.decompressobj(-15), [], 0, 0, 0
        try:
            while not inflater.eof:
                chunk = inflater.unconsumed_tail
                if not chunk:
                    chunk, fed = packed[fed:fed + INFLATE_CHUNK], fed + INFLATE_CHUNK
                    if not chunk:
                        break
                piece = inflater.decompress(chunk, INFLATE_CHUNK)
                count += len(piece)
                if count > info.file_size:
                    raise _Rejected(msg.FILE_BOMB_LIE.format(part=info.filename, said=number(info.file_size)), Code.BOMB)
                crc = zlib.crc32(piece, crc)
                if keep:
                    pieces.append(piece)
        except zlib.error:
            raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT) from None
        if not inflater.eof:
            raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT)
        out = b"".join(pieces)
    else:  # bzip2, lzma: no spreadsheet program writes them
        raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT)
    if count != info.file_size or crc != info.CRC:
        raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT)
    return out, count


def _split_cells(data: bytes) -> dict | None:
    """{b"E7": the XML after `<c r="E7"`} of a sheet's cells; None when the cells are not all
    written `<c r="A1" ...>` (another attribute order, a namespace prefix: calamine reads those)."""
    chunks = data.split(b'<c r="')
    if (data and b"<sheetData" not in data) or len(chunks) - 1 != data.count(b"<c ") \
            or b"<c>" in data or b"<c/>" in data:
        return None
    return dict(chunk.partition(b'"')[::2] for chunk in chunks[1:])


def _checked_xml(z: zipfile.ZipFile, part: str) -> bytes:
    """One XML part, checked well-formed by expat, entity declarations refused.

    The few elements wanted (sheets, defined names, relationships, named ranges) are then
    read with the patterns below: no tree is built, no Python call per element; expat has
    vouched for the bytes they read.
    """
    import xml.parsers.expat as expat
    try:
        data = _read_member(z, part)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error):
        raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT) from None

    def refuse(*_args):
        raise _Rejected(msg.FILE_XML_ENTITY.format(part=part), Code.BOMB)

    parser = expat.ParserCreate()
    parser.EntityDeclHandler = parser.UnparsedEntityDeclHandler = parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT) from None
    return data


XML_SHEET = re.compile(rb"[<:]sheet\s([^>]*?)/?>")
XML_DEFINED_NAME = re.compile(rb"[<:]definedName\s([^>]*)>([^<]*)</(?:\w+:)?definedName>")
XML_PLAIN_DEFINED_NAME = re.compile(rb'<definedName name="([^"&]*)"([^>&]*)>([^<&]*)</definedName>')
XML_WORKBOOK_PR = re.compile(rb"[<:]workbookPr\b([^>]*?)/?>")
XML_RELATIONSHIP = re.compile(rb"[<:]Relationship\s([^>]*?)/?>")
XML_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(text: bytes) -> dict[str, str]:
    """{local name: value} of an element's attributes (r:id -> id, table:name -> name)."""
    return {k.rpartition(b":")[2].decode(): _unescape(v or w) for k, v, w in XML_ATTRIBUTE.findall(text)}


def _unescape(raw: bytes) -> str:
    """Character data or an attribute value, references resolved."""
    return raw.decode("utf-8", "replace") if b"&" not in raw else _xml_text(raw)


class _XlsxBook(_Book):
    """.xlsx / .xlsm: names from xl/workbook.xml; formula problems from the sheet XML."""

    def __init__(self, path: Path, data: bytes, z: zipfile.ZipFile):
        self.zip = z
        if "xl/workbook.xml" not in z.namelist():
            raise _Rejected(msg.FILE_NOT_WORKBOOK, Code.NOT_WORKBOOK)
        book = _checked_xml(z, "xl/workbook.xml")
        rels = {}
        if "xl/_rels/workbook.xml.rels" in z.namelist():
            for attrs in XML_RELATIONSHIP.findall(_checked_xml(z, "xl/_rels/workbook.xml.rels")):
                r = _attributes(attrs)
                target = r.get("Target", "")
                rels[r.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
        super().__init__(path, data)
        self.sheet_files = {}
        for attrs in XML_SHEET.findall(book):
            a = _attributes(attrs)
            self.sheet_files[a.get("name")] = rels.get(a.get("id"), "")  # r:id, whatever the prefix
        plain = XML_PLAIN_DEFINED_NAME.findall(book)
        if len(plain) == book.count(b"definedName "):  # every name written plainly, as the forms are
            self.defined = {name.decode(): text.decode().strip() for name, extra, text in plain
                            if b"localSheetId" not in extra}
        else:
            self.defined = {}
            for attrs, text in XML_DEFINED_NAME.findall(book):
                a = _attributes(attrs)
                if "localSheetId" not in a:
                    self.defined[a.get("name")] = _unescape(text).strip()
        pr = XML_WORKBOOK_PR.search(book)
        self._date1904 = bool(pr and _attributes(pr.group(1)).get("date1904") in ("1", "true"))
        self._flags: dict[str, dict[str, tuple[str, str]]] = {}
        self._styled = None
        self._raw: dict[str, dict | None] = {}  # sheet -> {cell: its XML}, split once
        self._shared: list[bytes | str] | None = None
        self._date_styles: frozenset[int] | None = None

    # -- values straight from the sheet XML: the few cells a form has, without a general reader
    @property
    def sheet_names(self):
        return self.sheet_files.keys()

    def rows(self, sheet: str):
        if sheet not in self._sheets:  # calamine lays out every cell between A1 and the farthest one
            _check_extent(self._part(self.sheet_files.get(sheet, "")), sheet)
        return super().rows(sheet)

    def _part(self, name: str) -> bytes:
        try:
            return _read_member(self.zip, name) if name in self.zip.namelist() else b""
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error):
            raise _Rejected(msg.FILE_CORRUPT, Code.CORRUPT) from None

    def _shared_string(self, k: int) -> str | None:
        """Shared string number k, decoded on first use (most are the form's labels)."""
        if self._shared is None:
            data = self._part("xl/sharedStrings.xml")
            self._shared = [m.group(1) or b"" for m in SHARED_STRING.finditer(data)]
        if k >= len(self._shared):
            return None
        text = self._shared[k]
        if isinstance(text, bytes):
            text = self._shared[k] = _xml_text(text)
        return text

    def _dates(self) -> frozenset[int]:
        """Indexes of the cell formats that show a number as a date."""
        if self._date_styles is None:
            self._date_styles = _date_styles(self._part("xl/styles.xml"))
        return self._date_styles

    def _cells(self, sheet: str) -> dict | None:
        """{cell: (attributes, body) XML} of one sheet; None when its XML is not in the usual shape.

        The sheet is split at each `<c r="`, in C; a cell's XML is cut out only when that
        cell is asked for (most cells of a form are labels). A sheet whose cells are not all
        written `<c r="A1" ...>` (another attribute order, a namespace prefix) is read by
        calamine instead.
        """
        if sheet not in self._raw:
            self._raw[sheet] = _split_cells(self._part(self.sheet_files.get(sheet, "")))
        return self._raw[sheet]

    @staticmethod
    def _cut(rest: bytes) -> tuple[bytes, bytes]:
        """A cell's attributes and body from its XML after `<c r="A1"`."""
        gt = rest.find(b">")
        attrs = rest[:gt]
        if attrs.endswith(b"/"):
            return attrs[:-1], b""
        end = rest.find(b"</c>", gt)
        return attrs, rest[gt + 1:end] if end >= 0 else b""

    def _decode(self, attrs: bytes, body: bytes):
        if not body:
            return None
        kind = ATTR_T.search(attrs)
        kind = kind.group(1) if kind else b"n"
        if kind == b"inlineStr":
            return _xml_text(body) or None
        v = CELL_V.search(body)
        if v is None or not v.group(1):
            return None
        text = v.group(1)
        try:
            if kind == b"s":
                return self._shared_string(int(text))
            if kind in (b"str", b"e"):
                return _xml_text(text)
            if kind == b"b":
                return text.strip() in (b"1", b"true")
            if kind == b"d":
                return parse_date(text.decode("utf-8", "replace")[:10])
            number = float(text) if (b"." in text or b"E" in text or b"e" in text) else int(text)
        except ValueError:  # a value that is not what its type says: its text, for the cell's own check to name
            return _xml_text(text)
        style = ATTR_S.search(attrs)
        if style and int(style.group(1)) in self._dates():
            base = date(1904, 1, 1) if self._date1904 else date(1899, 12, 30)
            try:
                return datetime.combine(base, datetime.min.time()) + timedelta(days=float(number))
            except (OverflowError, ValueError):  # no date is that far: the number, for the check to name
                return number
        return number

    def value(self, sheet: str, cell: str):
        cells = self._cells(sheet)
        if cells is None:
            return super().value(sheet, cell)
        rest = cells.get(cell.encode())
        if rest is None:
            return None
        v = self._decode(*self._cut(rest))
        return None if v == "" else v

    def meta(self) -> dict[str, str] | None:
        if "_meta" not in self.sheet_names:
            return None
        head = self._meta_head()
        if head is not None:
            return head
        rows = self._meta_rows()
        if rows is None:
            return super().meta()
        keys, recorded = rows
        out = {key: clean_text(self.value("_meta", "B" + ref[1:])) for key, ref in keys.items()}
        if not any(name in self.defined for name in recorded):  # the layout is needed only without the names
            out.update({names.CELL_PREFIX + name: clean_text(self.value("_meta", "B" + ref[1:]))
                        for name, ref in recorded.items()})
        return out

    def _meta_rows(self) -> tuple[dict, dict] | None:
        """({key: its cell in column A}, {recorded name: its cell}) of _meta; None when calamine must read it."""
        cells = self._cells("_meta")
        if cells is None:
            return None
        keys, recorded = {}, {}
        for ref, rest in cells.items():
            if ref[:1] != b"A" or not ref[1:].isdigit():
                continue
            ref = ref.decode()
            head = rest[:200]
            if INLINE_LAYOUT in head:  # a layout row written as inline text: its name is plain ASCII
                recorded[head.partition(INLINE_LAYOUT)[2].partition(b"<")[0].decode("ascii", "replace")] = ref
                continue
            key = clean_text(self.value("_meta", ref))
            if key.startswith(names.CELL_PREFIX):
                recorded[key[len(names.CELL_PREFIX):]] = ref
            elif key:
                keys[key] = ref
        return keys, recorded

    def recorded_layout(self) -> dict[str, str]:
        if "_meta" not in self.sheet_names:
            return {}
        data = self._part(self.sheet_files.get("_meta", ""))
        at = data.find(INLINE_LAYOUT)
        tail = data[data.rfind(b"<row ", 0, at):] if at > 0 else b""
        if tail and tail in _LAYOUTS:  # the forms of one unit and template share their layout rows, text inline
            return _LAYOUTS[tail]
        rows = self._meta_rows()
        if rows is None:
            return super().recorded_layout()
        layout = {name: clean_text(self.value("_meta", "B" + ref[1:])) for name, ref in rows[1].items()}
        if tail:
            if len(_LAYOUTS) > 256:
                _LAYOUTS.clear()
            _LAYOUTS[tail] = layout
        return layout

    def _meta_head(self) -> dict[str, str] | None:
        """The identity rows of _meta, read without its recorded layout (most of the sheet),
        when the file still carries its names and the layout follows the identity as the
        forms write it; None otherwise, for the full reading."""
        data = self._part(self.sheet_files.get("_meta", ""))
        at = data.find(INLINE_LAYOUT)
        if at < 0:
            return None
        first = data[at + len(INLINE_LAYOUT):data.find(b"<", at + 1)].decode("ascii", "replace")
        row = data.rfind(b"<row ", 0, at)
        cells = _split_cells(data[:row]) if first in self.defined and row > 0 else None
        if not cells:
            return None
        out = {}
        for ref, rest in cells.items():
            if ref[:1] == b"A" and ref[1:].isdigit() and b"B" + ref[1:] in cells:
                key = clean_text(self._decode(*self._cut(rest)))
                if key:
                    out[key] = clean_text(self._decode(*self._cut(cells[b"B" + ref[1:]])))
        return out if {"plan", "period", "unit_code"} <= out.keys() else None

    def font(self, sheet: str, cell: str) -> str | None:
        # calamine has no fonts: openpyxl, loaded once and only for a file that needs it.
        if self._styled is None:
            import io

            from openpyxl import load_workbook
            self._styled = load_workbook(io.BytesIO(self.data), read_only=True)
        try:
            return self._styled[sheet][cell].font.name
        except (KeyError, AttributeError, ValueError):
            return None

    def flag(self, sheet: str, cell: str) -> tuple[str, str] | None:
        cells = self._cells(sheet)
        if cells is not None:  # the cell's XML is already at hand
            rest = cells.get(cell.encode())
            return _formula_flag(*self._cut(rest)) if rest is not None else None
        if sheet not in self._flags:  # calamine read this sheet: scan its XML once
            data = self._part(self.sheet_files.get(sheet, ""))
            self._flags[sheet] = {}
            if CELL_FORMULA.search(data) or b't="e"' in data:  # <f> or <f t=...>, not <formula1>
                for m in CELL_XML.finditer(data):
                    found = _formula_flag(m.group(2), m.group(3) or b"")
                    if found:
                        self._flags[sheet][m.group(1).decode()] = found
        return self._flags[sheet].get(cell)


@lru_cache(maxsize=64)
def _date_styles(styles: bytes) -> frozenset[int]:
    """Indexes of the cell formats of styles.xml that show a number as a date. Forms of one
    template share their styles, so each distinct styles.xml is read once."""
    custom = {int(i): code for i, code in re.findall(rb'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)}
    block = re.search(rb"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    found = set()
    for k, xf in enumerate(re.finditer(rb"<xf\b([^>]*)>", block.group(1) if block else b"")):
        fid = re.search(rb'numFmtId="(\d+)"', xf.group(1))
        fid = int(fid.group(1)) if fid else 0
        if fid in BUILTIN_DATE_FORMATS or (fid in custom and _is_date_format(custom[fid])):
            found.add(k)
    return frozenset(found)


MAX_SHEET_CELLS = 2_000_000  # a form has a few thousand; calamine allocates 32 bytes for each
XML_CELL_REF = re.compile(rb'<(?:\w+:)?(?:c|row)\b[^>]*?\sr="([A-Z]*)([0-9]+)"')


def _check_extent(data: bytes, sheet: str) -> None:
    """Refuse a sheet whose farthest cell makes the rectangle from A1 too big to lay out
    (a cell at XFD1048576 would cost calamine 512 GiB, and it aborts the process)."""
    rows, cols = 1, 1
    for letters, digits in XML_CELL_REF.findall(data):
        rows = max(rows, int(digits))
        col = 0
        for ch in letters:
            col = col * 26 + ch - 64
        cols = max(cols, col)
    cols = max(cols, min(data.count(b"<c ") + data.count(b":c "), 16384))  # cells placed by position
    if rows * cols > MAX_SHEET_CELLS:
        far = f"{_column_letters(cols)}{rows}"
        raise _Rejected(msg.SHEET_TOO_FAR.format(sheet=sheet, cell=far), Code.SHEET_TOO_FAR)


def _column_letters(col: int) -> str:
    out = ""
    while col > 0:
        col, r = divmod(col - 1, 26)
        out = chr(65 + r) + out
    return out


def _row_col(cell: str) -> tuple[int, int]:
    col, row = _split(cell)
    return row, col


def _increasing(seq: list) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of `seq`."""
    import bisect
    tails: list = []  # smallest tail value of an increasing run of each length
    tail_at: list[int] = []
    before = [-1] * len(seq)
    for k, v in enumerate(seq):
        i = bisect.bisect_left(tails, v)
        if i == len(tails):
            tails.append(v)
            tail_at.append(k)
        else:
            tails[i], tail_at[i] = v, k
        before[k] = tail_at[i - 1] if i else -1
    out, k = set(), tail_at[-1] if tail_at else -1
    while k >= 0:
        out.add(k)
        k = before[k]
    return out


_UNITS_BY_NAME: dict[int, dict[str, str]] = {}
_LAYOUTS: dict[bytes, dict[str, str]] = {}  # the layout rows of a _meta sheet -> the cell map they record


def _unit_by_name(plan: Plan) -> dict[str, str]:
    """{folded name: unit code} of every unit of the plan, by its name and by how letters address it."""
    if id(plan) not in _UNITS_BY_NAME:
        _UNITS_BY_NAME[id(plan)] = {fold(label): u.code for u in [*plan.units, *plan.communes]
                                    for label in (u.name, u.display) if label}
    return _UNITS_BY_NAME[id(plan)]


def _formula_flag(attrs: bytes, body: bytes) -> tuple[str, str] | None:
    """('error', '#REF!') for an error cell, ('formula', '') for a formula with no cached value."""
    if not body:
        return None
    if b't="e"' in attrs:
        v = re.search(rb"<v>(.*?)</v>", body)
        return "error", v.group(1).decode() if v else "#ERROR"
    if b"<f" in body and not re.search(rb"<v>[^<]+</v>", body):
        return "formula", ""
    return None


SHARED_STRING = re.compile(rb"<si>(.*?)</si>|<si/>", re.S)
TEXT_RUN = re.compile(rb"<t(?:\s[^>]*)?>(.*?)</t>", re.S)
PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)
ATTR_T = re.compile(rb'\bt="([^"]+)"')
ATTR_S = re.compile(rb'\bs="(\d+)"')
CELL_V = re.compile(rb"<v>([^<]*)</v>")
INLINE_LAYOUT = b">" + names.CELL_PREFIX.encode()  # text of a _meta layout row as the forms write it
BUILTIN_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))


def _xml_text(fragment: bytes) -> str:
    """The text of a shared string, inline string or value: runs joined, references resolved.

    Character references (&#7870; — openpyxl writes Vietnamese that way) are resolved by
    expat, in C; the fragment is bare character data, so no entity can be declared in it.
    """
    fragment = PHONETIC.sub(b"", fragment) if b"<rPh" in fragment else fragment
    runs = TEXT_RUN.findall(fragment) if b"<" in fragment else None
    raw = b"".join(runs) if runs is not None else fragment
    if b"&" not in raw:
        return raw.decode("utf-8", "replace")  # bytes that are not UTF-8 show as U+FFFD
    import xml.parsers.expat as expat
    out: list[str] = []
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.CharacterDataHandler = out.append
    try:
        parser.Parse(b"<t>" + raw + b"</t>", True)
    except expat.ExpatError:
        import html
        return html.unescape(raw.decode("utf-8", "replace"))
    return "".join(out)


def _is_date_format(code: bytes) -> bool:
    code = re.sub(rb'"[^"]*"|\[[^\]]*\]|\\.', b"", code).lower()
    return bool(re.search(rb"[dmy]", code)) and b"general" not in code


ODS_NAMED_RANGE = re.compile(rb"[<:]named-range\s([^>]*?)/?>")
ODS_RANGE = re.compile(r"^\$?'?((?:[^'.]|'')+?)'?\.\$?([A-Z]{1,3})\$?([0-9]+)$")


class _OdsBook(_Book):
    """.ods (LibreOffice): names from the named ranges in content.xml."""

    def __init__(self, path: Path, data: bytes, z: zipfile.ZipFile):
        if "content.xml" not in z.namelist():
            raise _Rejected(msg.FILE_NOT_WORKBOOK, Code.NOT_WORKBOOK)
        content = _checked_xml(z, "content.xml")
        super().__init__(path, data)
        for found in ODS_NAMED_RANGE.findall(content):
            attrs = _attributes(found)
            m = ODS_RANGE.match(attrs.get("cell-range-address", ""))
            if m:
                sheet = m.group(1).replace("''", "'")
                self.defined[attrs.get("name")] = f"'{sheet.replace(chr(39), chr(39) * 2)}'!${m.group(2)}${m.group(3)}"


class _XlsBook(_Book):
    """.xls (Excel 97-2003): values through calamine; cells found by the template's recorded layout."""


def _open_book(path: Path, data: bytes) -> _Book:
    if data[:8] == OLE2:
        return _XlsBook(path, data)
    z = _open_zip(data)
    names_in = set(z.namelist())
    if "mimetype" in names_in and _read_member(z, "mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return _OdsBook(path, data, z)
    return _XlsxBook(path, data, z)


def _split(cell: str) -> tuple[int, int]:
    letters = "".join(ch for ch in cell if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col - 1, int(cell[len(letters):])


# -- reading one file ---------------------------------------------------------------------

def read_file(path: str | Path, plan: Plan, period: Period | None = None, defer: bool = False) -> FileResult | None:
    """Read one returned workbook. Never raises for bad data: problems are in the result.

    A file that needs python-calamine (native code) is read in a child process of its own,
    so that a crash, a time or a memory overrun there costs that file only; with `defer`
    (in a helper process), None is returned instead, for the caller to do that.
    """
    try:
        return _read_file(path, plan, period)
    except _NeedsChild:
        return None if defer else _read_in_child(Path(path), plan, period)


def _read_file(path: str | Path, plan: Plan, period: Period | None = None) -> FileResult:
    path = Path(path)
    read_at = datetime.now().replace(microsecond=0)
    size, mtime = _stat(path)
    result = FileResult(path=path, size=size, sha256="", mtime=mtime, read_at=read_at,
                        submission=None, problems=[])
    try:
        data = _load(path, size)
        result.sha256 = hashlib.sha256(data).hexdigest()
        _sniff(path, data)
        book = _open_book(path, data)
        reader = _Reader(book, plan, period, result)
        result.submission = reader.read()
    except _Rejected as r:
        result.problems.insert(0, Problem(file=safe_path(path), message=r.message, code=r.code, unit=result.unit))
        result.submission = None
    except _NeedsChild:
        raise
    except Exception as e:  # a reader library choked on something we did not foresee
        result.problems.insert(0, Problem(file=safe_path(path), message=msg.FILE_UNEXPECTED_ERROR.format(error=type(e).__name__),
                                          code=Code.UNREADABLE, unit=result.unit))
        result.submission = None
    return result


CHILD_SECONDS = 60  # a form is read in well under a second
CHILD_MEMORY = 1024 * 1024 * 1024  # bytes a child may take on top of what it starts with


def _read_in_child(path: Path, plan: Plan, period: Period | None) -> FileResult:
    """read_file in a process of its own: whatever happens there (an exception, a native
    abort, more than CHILD_SECONDS or CHILD_MEMORY) costs this file only."""
    import multiprocessing

    ctx = multiprocessing.get_context()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child_read, args=(send, str(path), plan, period), daemon=True)
    child.start()
    send.close()
    reason = "died"
    try:
        if receive.poll(CHILD_SECONDS):
            outcome = receive.recv()  # EOFError when the child died before answering
            if isinstance(outcome, FileResult):
                outcome.path = path
                return outcome
            reason = outcome  # "memory"
        else:
            reason = "timeout"
    except (EOFError, OSError):
        pass
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    size, mtime = _stat(path)
    text = msg.FILE_CRASHED.format(reason=msg.CRASH_REASONS[reason].format(seconds=CHILD_SECONDS))
    now = datetime.now().replace(microsecond=0)
    return FileResult(path=path, size=size, sha256=_digest(path, size), read_at=now, mtime=mtime, submission=None,
                      problems=[Problem(file=safe_path(path), message=text, code=Code.READER_CRASHED)])


def _child_read(send, path: str, plan: Plan, period: Period | None) -> None:
    _ISOLATED["on"] = True
    _end_with_parent()
    try:
        import resource
        with open("/proc/self/statm") as fh:
            start = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (start + CHILD_MEMORY, resource.RLIM_INFINITY))
    except (ImportError, OSError, ValueError, AttributeError):
        pass  # not Linux: the time limit still holds
    try:
        outcome = _read_file(path, plan, period)
    except MemoryError:
        outcome = "memory"
    send.send(outcome)
    send.close()


def _end_with_parent() -> None:
    """In a helper or child process: exit when the process that started it is gone, however
    it ended (killed, crashed), instead of living on under another parent."""
    import threading
    import time
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _sniff(path: Path, data: bytes) -> None:
    if not data:
        raise _Rejected(msg.FILE_EMPTY, Code.EMPTY)
    head = data[:8]
    if head.startswith(b"%PDF"):
        raise _Rejected(msg.FILE_PDF.format(ext=path.suffix), Code.PDF)
    if head == OLE2:
        # An OLE2 container: an encrypted (password-protected) workbook or a legacy .xls.
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise _Rejected(msg.FILE_PASSWORD, Code.PASSWORD)
        if "Workbook".encode("utf-16-le") not in data and "Book".encode("utf-16-le") not in data:
            raise _Rejected(msg.FILE_NOT_WORKBOOK, Code.NOT_WORKBOOK)
        return
    if not head.startswith(b"PK"):
        raise _Rejected(msg.FILE_NOT_WORKBOOK, Code.NOT_WORKBOOK)


class _Reader:
    def __init__(self, book: _Book, plan: Plan, period: Period | None, result: FileResult):
        self.book, self.plan, self.period, self.result = book, plan, period, result
        self.bad_names: dict[str, str] = {}  # defined names that do not point where the form put them
        self.file = str(book.path)
        self.old_narratives = False  # a form of the earlier layout: one cell each for difficulties, recommendations

    def problem(self, message, severity=ERROR, sheet="", cell="", name="", code: Code | None = None):
        self.result.problems.append(Problem(file=self.file, message=message, severity=severity, sheet=sheet,
                                            cell=cell, name=name, code=code, unit=self.result.unit))

    # -- identity ---------------------------------------------------------------------
    def identify(self) -> tuple[Unit, Period, dict]:
        want_period = self.period.code if self.period else self.plan.periods[0].code
        meta = self.book.meta()
        if meta is None:
            raise _Rejected(msg.FILE_NO_META.format(period=want_period), Code.NO_META)
        self.result.unit = meta.get("unit_code", "")
        if meta.get("plan") != self.plan.id:
            raise _Rejected(msg.FILE_OTHER_PLAN.format(got=meta.get("plan", ""), want=self.plan.id, title=self.plan.title), Code.OTHER_PLAN)
        period = self.plan.period(meta.get("period", ""))
        if period is None:
            raise _Rejected(msg.FILE_UNKNOWN_PERIOD.format(got=meta.get("period", "")), Code.UNKNOWN_PERIOD)
        if self.period and period.code != self.period.code and not inside(period, self.period):
            raise _Rejected(msg.FILE_OTHER_PERIOD.format(got=period.code, want=self.period.code, name=self.period.name), Code.OTHER_PERIOD)
        unit = self.plan.unit(meta.get("unit_code", ""))
        if unit is None:
            self.result.unit = ""
            raise _Rejected(msg.FILE_UNKNOWN_UNIT.format(got=meta.get("unit_code", "")), Code.UNKNOWN_UNIT)
        self.book.use_layout(meta)
        if self.book.layout_fallback:
            self.problem(msg.LAYOUT_FALLBACK, WARNING, sheet="_meta", code=Code.LAYOUT_FALLBACK)
        else:
            self.check_names()
        self.check_identity(unit)
        self.old_narratives = self.book.resolve(names.difficulty(1)) is None and (
            self.book.resolve(names.DIFFICULTIES) is not None or self.book.resolve(names.RECOMMENDATIONS) is not None)
        if meta.get("template_version") != TEMPLATE_VERSION or self.old_narratives:
            message = msg.FILE_OLD_TEMPLATE.format(got=meta.get("template_version", "?"), want=TEMPLATE_VERSION)
            if self.old_narratives:
                default = self.plan.narratives.addressee_label(self.plan.narratives.default_addressee)
                message += msg.OLD_NARRATIVE_LAYOUT.format(label=default)
            self.problem(message, WARNING, sheet="_meta", code=Code.OLD_TEMPLATE)
        return unit, period, meta

    def check_identity(self, unit: Unit) -> None:
        """The unit in _meta, the unit named on the cover and the unit code in the file name agree;
        a file whose cover and name both say another unit than its _meta is refused (a form
        relabelled in its hidden sheet must not replace that unit's own return)."""
        where = self.book.resolve(names.UNIT_NAME)
        cover = ""
        if where is not None and where[0] in self.book.sheet_names:
            cover = clean_text(self.book.value(*where))
        cover_unit = _unit_by_name(self.plan).get(fold(cover), "") if cover else ""
        file_unit = unit_from_name(self.book.path, self.plan)
        if all(code in ("", unit.code) for code in (cover_unit, file_unit)):
            return
        text = dict(meta=f"{unit.display} ({unit.code})", cover=cover or "—", file=safe_path(self.book.path.name))
        if cover_unit and file_unit and cover_unit != unit.code and file_unit != unit.code:
            self.result.unit = file_unit  # put down to the unit that sent it, not the one it claims
            raise _Rejected(msg.IDENTITY_CONFLICT.format(**text), Code.IDENTITY_CONFLICT)
        self.problem(msg.IDENTITY_MISMATCH.format(**text), WARNING, sheet=where[0] if where else "",
                     cell=where[1] if where else "", name=names.UNIT_NAME, code=Code.IDENTITY_MISMATCH)

    def check_names(self) -> None:
        """The file's defined names against the cell map _meta records: a name doubled (two on one
        cell), taken to another sheet or out of the order of the form's cells (swapped, moved) is
        an error naming it, and its cell is not read. Rows inserted above move every name below
        alike and keep their order: that is not an error."""
        layout = self.book.recorded_layout()
        defined = self.book.defined
        if all(defined.get(n) == v for n, v in layout.items()):
            return  # every name where the form put it: the usual case
        recorded = {n: _reference(v) for n, v in layout.items() if v}
        recorded = {n: w for n, w in recorded.items() if w is not None}
        current = {n: self.book.resolve(n) for n in recorded}
        current = {n: w for n, w in current.items() if w is not None}
        by_cell: dict[tuple, list[str]] = {}
        for n, w in current.items():
            by_cell.setdefault(w, []).append(n)
        for w, doubled in by_cell.items():
            if len(doubled) > 1:
                for n in doubled:
                    self.bad_names[n] = msg.NAME_DOUBLED.format(names=", ".join(sorted(doubled)), where=f"'{w[0]}'!{w[1]}")
        for sheet in sorted({w[0] for w in recorded.values()}):
            on_sheet = sorted((n for n, w in recorded.items() if w[0] == sheet and n in current),
                              key=lambda n: _row_col(recorded[n][1]))
            moved = [n for n in on_sheet if current[n][0] != sheet]
            kept = [n for n in on_sheet if current[n][0] == sheet]
            in_order = _increasing([_row_col(current[n][1]) for n in kept])
            out_of_order = [n for k, n in enumerate(kept) if k not in in_order]
            taken = {current[n] for n in out_of_order}  # a name now on the cell a displaced name had
            moved += out_of_order + [n for n in kept if recorded[n] in taken and n not in out_of_order]
            for n in moved:
                if n not in self.bad_names:
                    w = current[n]
                    self.bad_names[n] = msg.NAME_MOVED.format(name=n, got=f"'{w[0]}'!{w[1]}",
                                                              want=f"'{recorded[n][0]}'!{recorded[n][1]}")
        for n, text in self.bad_names.items():
            w = current[n]
            self.problem(text, sheet=w[0], cell=w[1], name=n, code=Code.NAME_MOVED)

    # -- cells ---------------------------------------------------------------------
    def raw(self, name: str, what: str, required=True):
        """(value, sheet, cell) of a defined name; reports a missing name or a formula problem."""
        if name in self.bad_names:  # reported by check_names
            return _BAD, *self.book.resolve(name)
        where = self.book.resolve(name)
        if where is None:
            if required:
                self.problem(msg.NAME_MISSING.format(name=name, what=what), name=name, code=Code.NAME_MISSING)
            return None, "", ""
        sheet, cell = where
        if sheet not in self.book.sheet_names:
            self.problem(msg.SHEET_MISSING.format(sheet=sheet, name=name), sheet=sheet, name=name, code=Code.SHEET_MISSING)
            return None, "", ""
        value = self.book.value(sheet, cell)
        if value is None or value == "":
            flag = self.book.flag(sheet, cell)
            if flag:
                kind, text = flag
                message = msg.FORMULA_ERROR.format(what=what, raw=text) if kind == "error" else msg.FORMULA_NO_VALUE.format(what=what)
                self.problem(message, sheet=sheet, cell=cell, name=name, code=Code.FORMULA_ERROR if kind == "error" else Code.FORMULA_NO_VALUE)
                return _BAD, sheet, cell
        if isinstance(value, str) and value.startswith("#") and value.rstrip("!?0/").upper() in ("#REF", "#VALUE", "#DIV", "#N/A", "#NAME", "#NUM", "#NULL"):
            self.problem(msg.FORMULA_ERROR.format(what=what, raw=value), sheet=sheet, cell=cell, name=name, code=Code.FORMULA_ERROR)
            return _BAD, sheet, cell
        if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
            self.problem(msg.TEXT_TOO_LONG.format(what=what, n=number(len(value)), limit=number(EXCEL_CELL_LIMIT),
                                                  mark=CUT_MARK.strip()), WARNING, sheet=sheet, cell=cell, name=name,
                         code=Code.TEXT_TOO_LONG)
        return value, sheet, cell

    def count(self, name: str, what: str, ind: Indicator, part: str, sub: Submission):
        raw, sheet, cell = self.raw(name, what)
        if raw is _BAD or raw is None:
            return None
        limit = MAX_MONEY if getattr(ind, "money", False) else MAX_COUNT
        value, err, warning = read_count(raw, limit)
        shown = clean_text(raw) if not isinstance(raw, float) else f"{raw:g}".replace(".", ",")
        if err:
            self.problem(err.template.format(what=what, raw=shown, limit=number(limit)), sheet=sheet, cell=cell, name=name,
                         code=err)
            return None
        if value is None:
            return None
        if warning:
            self.problem(warning.template.format(what=what, raw=shown, value=number(value)), WARNING, sheet=sheet, cell=cell,
                         name=name, code=warning)
        fig = Figure(name=_intern(name), indicator=_intern(ind.id), part=part, value=value,
                     raw=None if raw == value else raw, sheet=_intern(sheet), cell=_intern(cell))
        sub.figures[name] = fig
        return fig

    def text(self, name: str, what: str, required=True, free_text=True) -> tuple[str, str, str]:
        raw, sheet, cell = self.raw(name, what, required)
        if raw is _BAD:
            return "", sheet, cell
        text = clean_text(raw)
        if free_text and legacy.candidate(text):
            font = self.book.font(sheet, cell)
            fixed, encoding = legacy.fix(text, font)
            if encoding:
                self.problem(msg.LEGACY_CONVERTED.format(what=what, encoding=legacy.ENCODING_NAMES[encoding],
                                                         font=font or "?", text=fixed),
                             WARNING, sheet=sheet, cell=cell, name=name, code=Code.LEGACY_ENCODING)
                text = fixed
        return text, sheet, cell

    def choice(self, name: str, what: str, choices: list[str]) -> tuple[str, str, str]:
        text, sheet, cell = self.text(name, what, free_text=False)
        if not text:
            return "", sheet, cell
        by_key = {fold(c): c for c in choices}
        if fold(text) in by_key:
            return by_key[fold(text)], sheet, cell
        self.problem(msg.BAD_CHOICE.format(what=what, raw=text, choices=", ".join(choices)), sheet=sheet, cell=cell,
                     name=name, code=Code.BAD_CHOICE)
        return "", sheet, cell

    # -- the whole form -------------------------------------------------------------
    def read(self) -> Submission:
        unit, period, meta = self.identify()
        sub = Submission(path=self.book.path, plan=self.plan.id, period=period.code, unit=unit.code,
                         template_version=meta.get("template_version", ""))
        self.cover(sub)
        for ind in self.plan.indicators_for(unit):
            self.indicator(ind, sub)
        for h in self.plan.hotspots_of(unit):
            self.hotspot(h, sub)
        if unit.local:
            self.new_hotspots(sub)
        for t in self.plan.tasks_for(unit):
            self.task(t, sub)
        if self.old_narratives:
            self.old_narrative(sub)
        else:
            self.recommendations(sub)
            self.difficulties(sub)
        if not (sub.figures or sub.hotspots or sub.new_hotspots or sub.tasks or sub.recommendations or sub.difficulties):
            self.problem(msg.FORM_EMPTY, WARNING, code=Code.EMPTY_FORM)
        return sub

    def task(self, t, sub: Submission):
        """A task's result and, on forms that have it, its status (a code; blank: not reported)."""
        text, sheet, cell = self.text(names.task(t), f"Kết quả nhiệm vụ IV.{t.key}")
        status = None
        if not self.old_narratives:
            narratives = self.plan.narratives
            label = self.choice(names.task_status(t), msg.TASK_STATUS_WHAT.format(key=t.key),
                                narratives.status_labels)[0]
            status = narratives.status_code(label) if label else None
        if text or status:
            sub.tasks[t.key] = TaskResult(key=t.key, text=text, sheet=sheet, cell=cell, status=status)

    def recommendations(self, sub: Submission):
        """One per row; a row with text and no addressee goes to the default one, with a warning."""
        narratives = self.plan.narratives
        default = narratives.default_addressee
        for n in range(1, narratives.recommendation_rows + 1):
            name = names.recommendation_text(n)
            text, sheet, cell = self.text(name, msg.RECOMMENDATION_WHAT.format(n=n))
            before = len(self.result.problems)
            label, a_sheet, a_cell = self.choice(names.recommendation_addressee(n),
                                                 msg.RECOMMENDATION_ADDRESSEE_WHAT.format(n=n),
                                                 narratives.addressee_labels)
            if not text:
                continue
            addressee = narratives.addressee_code(label) if label else None
            if addressee is None:
                addressee = default
                if len(self.result.problems) == before:  # blank, not a wrong choice already reported
                    self.problem(msg.RECOMMENDATION_NO_ADDRESSEE.format(n=n, cell=a_cell,
                                                                        label=narratives.addressee_label(default)),
                                 WARNING, sheet=a_sheet, cell=a_cell, name=names.recommendation_addressee(n),
                                 code=Code.RECOMMENDATION_NO_ADDRESSEE)
            sub.recommendations.append(Recommendation(addressee=addressee, text=text, sheet=sheet, cell=cell,
                                                      name=name))

    def difficulties(self, sub: Submission):
        for n in range(1, self.plan.narratives.difficulty_rows + 1):
            name = names.difficulty(n)
            text, sheet, cell = self.text(name, msg.DIFFICULTY_WHAT.format(n=n))
            if text:
                sub.difficulties.append(Difficulty(text=text, sheet=sheet, cell=cell, name=name))

    def old_narrative(self, sub: Submission):
        """A form of the earlier version: one cell of difficulties, one of recommendations."""
        text, sheet, cell = self.text(names.DIFFICULTIES, msg.DIFFICULTIES)
        if text:
            sub.difficulties.append(Difficulty(text=text, sheet=sheet, cell=cell, name=names.DIFFICULTIES))
        text, sheet, cell = self.text(names.RECOMMENDATIONS, msg.RECOMMENDATIONS)
        if text:
            sub.recommendations.append(Recommendation(addressee=self.plan.narratives.default_addressee, text=text,
                                                      sheet=sheet, cell=cell, name=names.RECOMMENDATIONS))

    def cover(self, sub: Submission):
        sub.contact = self.text(names.CONTACT, msg.COVER_LABELS["contact"])[0]
        sub.phone = self.text(names.PHONE, msg.COVER_LABELS["phone"])[0]
        raw, sheet, cell = self.raw(names.REPORT_DATE, msg.COVER_LABELS["report_date"])
        if raw is None or raw is _BAD:
            self.problem(msg.REPORT_DATE_MISSING, WARNING, sheet=sheet, cell=cell, name=names.REPORT_DATE, code=Code.NO_REPORT_DATE)
        else:
            sub.report_date = parse_date(raw)
            if sub.report_date is None:
                self.problem(msg.REPORT_DATE_BAD.format(raw=clean_text(raw)), WARNING, sheet=sheet, cell=cell,
                             name=names.REPORT_DATE, code=Code.BAD_REPORT_DATE)
        if not sub.contact and not sub.phone:
            self.problem(msg.CONTACT_MISSING, WARNING, sheet=msg.SHEET_COVER, code=Code.NO_CONTACT)

    def indicator(self, ind: Indicator, sub: Submission):
        what = f"Chỉ tiêu {ind.id}"
        note = self.text(names.note(ind), f"{what}, ghi chú", required=False)[0]
        if note:
            sub.notes[ind.id] = note
        if ind.kind in ("count", "qualitative"):
            self.count(names.value(ind), what, ind, "value", sub)
        elif ind.kind == "yesno":
            choice, sheet, cell = self.choice(names.value(ind), what, [msg.YES, msg.NO])
            if choice:
                sub.figures[names.value(ind)] = Figure(names.value(ind), ind.id, "value", choice, choice, sheet, cell)
        elif ind.kind == "ratio":
            num = self.count(names.numerator(ind), f"{what}, tử số", ind, "numerator", sub)
            den = self.count(names.denominator(ind), f"{what}, mẫu số", ind, "denominator", sub)
            bad = None
            if num and den and num.value > den.value:
                bad = (msg.NUMERATOR_ABOVE.format(what=what, num=num.value, den=den.value), num, Code.NUMERATOR_ABOVE)
            elif num and not den:
                bad = (msg.DENOMINATOR_MISSING.format(what=what, num=num.value), num, Code.DENOMINATOR_MISSING)
            elif den and not num:
                # A denominator alone reports nothing (districts' commune counts come pre-filled).
                sub.figures.pop(den.name, None)
                if den.value > 0 and ind.denominator_default != "communes":
                    self.problem(msg.NUMERATOR_MISSING.format(what=what, den=den.value), WARNING, sheet=den.sheet,
                                 cell=den.cell, name=den.name, code=Code.NUMERATOR_MISSING)
            if bad:
                message, fig, code = bad
                self.problem(message, sheet=fig.sheet, cell=fig.cell, name=fig.name, code=code)
                sub.figures.pop(names.numerator(ind), None)
                sub.figures.pop(names.denominator(ind), None)

    def hotspot(self, h, sub: Submission):
        choices = self.plan.hotspot_statuses.get(f"appendix_{h.appendix}", [])
        what = f"Tình trạng điểm {h.id}"
        status, sheet, cell = self.choice(names.hotspot_status(h), what, choices)
        note = self.text(names.hotspot_note(h), f"Ghi chú điểm {h.id}")[0]
        if status:
            sub.hotspots[h.id] = HotspotReport(id=h.id, status=status, note=note, sheet=sheet, cell=cell)
        elif sheet:
            self.problem(msg.HOTSPOT_NOT_REPORTED.format(id=h.id, name=h.name), WARNING, sheet=sheet, cell=cell,
                         name=names.hotspot_status(h), code=Code.HOTSPOT_NOT_REPORTED)

    def new_hotspots(self, sub: Submission):
        levels = self.plan.hotspot_statuses.get("new_levels", [])
        for k in range(1, int(self.plan.hotspot_statuses.get("new_rows", 5)) + 1):
            name, sheet, cell = self.text(names.new_hotspot(k, "TEN"), f"Điểm mới dòng {k}, tên điểm")
            address = self.text(names.new_hotspot(k, "DIACHI"), f"Điểm mới dòng {k}, địa chỉ")[0]
            level = self.choice(names.new_hotspot(k, "MUCDO"), f"Điểm mới dòng {k}, mức độ", levels)[0]
            note = self.text(names.new_hotspot(k, "GC"), f"Điểm mới dòng {k}, ghi chú")[0]
            if not (name or address or level or note):
                continue
            if not name:
                self.problem(msg.NEW_HOTSPOT_NO_NAME.format(k=k), sheet=sheet, cell=cell,
                             name=names.new_hotspot(k, "TEN"), code=Code.NEW_HOTSPOT_NO_NAME)
                continue
            sub.new_hotspots.append(NewHotspot(row=k, name=name, address=address, level=level, note=note,
                                               sheet=sheet, cell=cell))


_BAD = object()  # a cell whose content is a formula problem, already reported
_intern = sys.intern  # thousands of returns name the same sheets and cells: keep one copy of each


# -- reading a folder ---------------------------------------------------------------------

def find_files(paths) -> list[Path]:
    """Spreadsheets under the given files and folders, sub-folders included, in a stable order.

    Lock files (~$…), hidden files and anything that is not a spreadsheet are passed over.
    """
    return _files_with(paths, SPREADSHEET_SUFFIXES)


NOT_A_FORM_SUFFIXES = {".docx", ".doc", ".docm", ".odt", ".rtf", ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".bmp",
                       ".tif", ".tiff", ".heic", ".webp", ".eml", ".msg"}


def find_other_files(paths) -> list[Path]:
    """Files a unit sends instead of the form (a Word letter, a PDF or a photo of the signed
    report, a saved e-mail) under the given files and folders: listed, never read."""
    return _files_with(paths, NOT_A_FORM_SUFFIXES)


def _files_with(paths, suffixes) -> list[Path]:
    """Files with these suffixes under the paths; the files inside a .zip archive are listed
    as `archive.zip/inner/name.xlsx`, like those of a folder. An archive that cannot be listed,
    or holds no form at all, is listed itself with the spreadsheets, to be rejected with its reason."""
    found = []
    for p in map(Path, paths):
        candidates = [p] if p.is_file() else sorted(q for q in p.rglob("*") if q.is_file())
        for f in candidates:
            rel = f.relative_to(p) if p.is_dir() else Path(f.name)
            if _hidden(rel.parts):
                continue
            if f.suffix.lower() in ARCHIVE_SUFFIXES:
                found.extend(_archive_files(f, suffixes))
            elif f.suffix.lower() in suffixes:
                found.append(f)
    return sorted(set(found), key=lambda f: str(f))


def _hidden(parts) -> bool:
    """Lock files (~$…), hidden files and folders (.…, also macOS's `__MACOSX/._name`)."""
    return any((part.startswith((".", "~$")) and part != "..") or part == "__MACOSX" for part in parts)


# -- .zip archives in the input folder -----------------------------------------------------

ARCHIVE_SUFFIXES = {".zip"}
MAX_ARCHIVE_BYTES = 10 * MAX_FILE_BYTES  # many forms of one unit, or of a district's communes
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


def _archive_files(archive: Path, suffixes) -> list[Path]:
    """The members of `archive` with these suffixes (nested archives go with the spreadsheets,
    to be rejected by name), or the archive itself when it cannot be listed or holds no form."""
    try:
        members = _archive_members(archive)
    except Exception:  # _Rejected, or anything a crafted central directory provokes: read_file says why
        return [archive] if suffixes is SPREADSHEET_SUFFIXES else []
    wanted = suffixes | ARCHIVE_SUFFIXES if suffixes is SPREADSHEET_SUFFIXES else suffixes
    out = [_member_path(archive, name) for name in members
           if not _hidden(name.split("/")) and Path(name).suffix.lower() in wanted]
    if not out and suffixes is SPREADSHEET_SUFFIXES and not any(
            Path(n).suffix.lower() in NOT_A_FORM_SUFFIXES for n in members):
        return [archive]  # read_file rejects it: "no form inside"
    return out


def _member_path(archive: Path, name: str) -> Path:
    return Path(f"{archive}/{name}")  # joined as text: an absolute member name must not replace the archive's path


_ARCHIVES: dict[tuple, dict[str, zipfile.ZipInfo]] = {}


def _archive_members(archive: Path) -> dict[str, zipfile.ZipInfo]:
    """{member path as shown: its ZipInfo} of the files of a .zip archive, read from its central
    directory only; raises _Rejected for an archive too big, with too many members or broken.

    Names are decoded safely: UTF-8 when the archive flags it or the bytes are valid UTF-8 (many
    Windows tools write UTF-8 without the flag), else cp437 as the zip format says; control
    characters dropped, backslashes taken as folder separators, a drive letter or a leading
    slash made harmless (such a member is refused when read: see `_load_member`)."""
    stat = archive.stat()
    key = (str(archive), stat.st_size, stat.st_mtime_ns)
    if key in _ARCHIVES:
        return _ARCHIVES[key]
    if stat.st_size > MAX_ARCHIVE_BYTES:
        raise _Rejected(msg.ARCHIVE_TOO_BIG.format(size=stat.st_size // (1024 * 1024),
                                                   limit=MAX_ARCHIVE_BYTES // (1024 * 1024)), Code.ARCHIVE_TOO_BIG)
    try:
        with zipfile.ZipFile(archive) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, UnicodeError):
        raise _Rejected(msg.ARCHIVE_CORRUPT, Code.ARCHIVE_CORRUPT) from None
    if len(infos) > MAX_ENTRIES:
        raise _Rejected(msg.ARCHIVE_TOO_MANY.format(n=len(infos), limit=MAX_ENTRIES), Code.ARCHIVE_TOO_MANY)
    out: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if not info.is_dir():
            out.setdefault(_shown_name(info), info)
    if len(_ARCHIVES) > 64:
        _ARCHIVES.clear()
    _ARCHIVES[key] = out
    return out


def _decoded_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # zipfile decoded it as cp437; the bytes may be UTF-8
        try:
            name = name.encode("cp437").decode("utf-8")
        except UnicodeError:
            pass
    return CONTROL.sub("", name).replace("\\", "/")


def _shown_name(info: zipfile.ZipInfo) -> str:
    parts = [p.replace(":", "_") for p in _decoded_name(info).split("/") if p]
    return "/".join(parts) or "_"


def _unsafe_name(info: zipfile.ZipInfo) -> bool:
    """A name that would leave the folder it is unpacked in: absolute, a drive, or '..'."""
    name = _decoded_name(info)
    return name.startswith("/") or bool(WINDOWS_DRIVE.match(name)) or ".." in name.split("/")


def _in_archive(path: Path) -> tuple[Path, str] | None:
    """(archive, member as shown) when `path` names a file inside a .zip archive."""
    for parent in path.parents:
        if parent.suffix.lower() in ARCHIVE_SUFFIXES and parent.is_file():
            return parent, path.relative_to(parent).as_posix()
    return None


def _member(path: Path) -> tuple[Path, zipfile.ZipInfo] | None:
    """(archive, ZipInfo) of a file inside an archive; None for a file of the folder."""
    if path.is_file():
        return None
    found = _in_archive(path)
    if found is None:
        return None
    archive, name = found
    info = _archive_members(archive).get(name)
    if info is None:
        raise _Rejected(msg.ARCHIVE_CORRUPT, Code.ARCHIVE_CORRUPT)
    return archive, info


def _stat(path: Path) -> tuple[int, datetime]:
    """(size, time of last change) of a file, or of a file inside an archive (as the archive records it)."""
    try:
        found = _member(path)
    except Exception:
        found = None
    if found is not None:
        archive, info = found
        try:
            return info.file_size, datetime(*info.date_time)
        except (TypeError, ValueError):
            path = archive
    else:
        while not path.exists() and path.parent != path:  # a member of an archive that is gone or broken
            path = path.parent
    stat = path.stat()
    return stat.st_size, datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0)


def _load(path: Path, size: int) -> bytes:
    """The bytes of a file to read, under the limits every file has; raises _Rejected."""
    if path.is_file() and path.suffix.lower() in ARCHIVE_SUFFIXES:  # listed itself: it cannot be read as a folder
        _archive_members(path)
        raise _Rejected(msg.ARCHIVE_EMPTY, Code.ARCHIVE_EMPTY)
    if size > MAX_FILE_BYTES:
        raise _Rejected(msg.FILE_TOO_BIG.format(size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)), Code.FILE_TOO_BIG)
    found = _member(path)
    if found is None:
        with open(path, "rb") as fh:  # read-only; the input is never written
            return fh.read()
    return _load_member(*found)


def _load_member(archive: Path, info: zipfile.ZipInfo) -> bytes:
    """One member of an archive, inflated with a running count (`_inflate`): never more than its
    header says, never more than MAX_FILE_BYTES. Nested archives are not followed."""
    import copy
    import struct
    if _unsafe_name(info):
        raise _Rejected(msg.ARCHIVE_BAD_NAME.format(name=safe_path(_decoded_name(info))), Code.ARCHIVE_BAD_NAME)
    if Path(_shown_name(info)).suffix.lower() in ARCHIVE_SUFFIXES:
        raise _Rejected(msg.ARCHIVE_NESTED, Code.ARCHIVE_NESTED)
    if info.flag_bits & 0x1:
        raise _Rejected(msg.ARCHIVE_PASSWORD, Code.PASSWORD)
    if info.file_size / max(info.compress_size, 1) > MAX_RATIO:
        raise _Rejected(msg.FILE_BOMB.format(size=info.file_size // (1024 * 1024),
                                             ratio=info.file_size // max(info.compress_size, 1)), Code.BOMB)
    with open(archive, "rb") as fh:
        fh.seek(info.header_offset)
        head = fh.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise _Rejected(msg.ARCHIVE_CORRUPT, Code.ARCHIVE_CORRUPT)
        name_len, extra_len = struct.unpack_from("<HH", head, 26)
        local = head + fh.read(name_len + extra_len + info.compress_size)
    moved = copy.copy(info)
    moved.header_offset = 0
    return _inflate(local, moved, keep=True)[0]


def _digest(path: Path, size: int) -> str:
    """SHA-256 of a file or archive member, '' when it cannot be read within the limits."""
    try:
        if path.is_file():
            with open(path, "rb") as fh:
                return hashlib.sha256(fh.read(MAX_FILE_BYTES)).hexdigest()
        return hashlib.sha256(_load(path, size)).hexdigest()
    except Exception:
        return ""


def unit_from_name(path: Path, plan: Plan) -> str:
    """The unit a file name names ('020_huyen-thanh-tri.pdf', 'CATP bao cao.docx'): the first
    word of the name that is a unit code of the plan; '' when none is."""
    for word in re.split(r"[\W_]+", safe_path(Path(path).stem)):
        unit = plan.unit(word) or plan.unit(word.upper())
        if word and unit is not None:
            return unit.code
    return ""


def _not_a_form(path: Path, plan: Plan) -> FileResult:
    size, mtime = _stat(path)
    now = datetime.now().replace(microsecond=0)
    return FileResult(path=path, size=size, sha256=_digest(path, size), read_at=now, submission=None, mtime=mtime,
                      problems=[Problem(file=safe_path(path), code=Code.NOT_A_FORM,
                                        message=msg.FILE_NOT_A_FORM.format(ext=path.suffix.lower()))])


def _attribute_by_name(results: list[FileResult], plan: Plan) -> None:
    """A rejected file whose _meta could not be read (encrypted, cut short, not a form at all)
    is put down to the unit its name names, so that unit is listed as having sent a bad file,
    not as silent."""
    from dataclasses import replace
    for r in results:
        if r.rejected and not r.unit:
            code = unit_from_name(r.path, plan)
            if code:
                r.unit = code
                r.problems = [replace(p, unit=code) for p in r.problems]


@dataclass
class Intake:
    """Every file read, each submission that counts, and what did not."""
    files: list[FileResult]

    @property
    def accepted(self) -> list[FileResult]:
        return [f for f in self.files if not f.rejected and f.superseded_by is None]

    @property
    def submissions(self) -> list[Submission]:
        return [f.submission for f in self.accepted]

    @property
    def rejected(self) -> list[FileResult]:
        return [f for f in self.files if f.rejected]

    @property
    def superseded(self) -> list[FileResult]:
        return [f for f in self.files if not f.rejected and f.superseded_by is not None]

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    def files_with_errors(self) -> dict[str, list[FileResult]]:
        """Unit code -> its files (not superseded) that have errors: who must send again."""
        out: dict[str, list[FileResult]] = {}
        for f in self.files:
            if f.unit and f.errors and f.superseded_by is None:
                out.setdefault(f.unit, []).append(f)
        return out


PARALLEL_FROM = 64  # below this many files, starting worker processes costs more than it saves


def read_folder(paths, plan: Plan, period: Period | None = None, on_file=None, workers: int | None = None,
                pool=None) -> Intake:
    """Read every returned workbook; one bad file never stops the others.

    Many files are read in parallel processes (`pool`, from `helpers`, or a pool of
    `workers` started here); results keep the sorted file order, so the outcome does not
    depend on which process finished first.
    """
    files = find_files(paths if isinstance(paths, (list, tuple)) else [paths])
    if len(files) > 1 and pool is not None:  # helpers already started: any share of the work helps
        results = _read_parallel(files, period, on_file, pool)
    elif len(files) >= PARALLEL_FROM and (workers if workers is not None else default_workers()) > 1:
        with helpers(plan, workers) as own:
            results = _read_parallel(files, period, on_file, own)
    else:
        results = []
        for f in files:
            results.append(read_file(f, plan, period))
            if on_file:
                on_file(f)
    others = find_other_files(paths if isinstance(paths, (list, tuple)) else [paths])
    if others:
        results = sorted(results + [_not_a_form(f, plan) for f in others], key=lambda r: str(r.path))
    _attribute_by_name(results, plan)
    _supersede(results)
    _peer_warnings(results, plan)
    return Intake(files=results)


def default_workers() -> int:
    return min(os.cpu_count() or 1, 8)


@contextmanager
def helpers(plan: Plan, workers: int | None = None):
    """`workers` helper processes for one run (default: one per core), or None on a single core.

    They read returns (`read_folder(pool=...)`) and write outputs (`call`) while the main
    process does something else; each loads the plan once. They are started at once, before
    the caller starts any thread of its own: where processes are forked, a thread holding
    a lock at that moment would leave the copy of that lock held for good in the helper.
    """
    workers = workers if workers is not None else default_workers()
    if workers < 1 or (os.cpu_count() or 1) < 2:
        yield None
        return
    _WORKER_PLAN["plan"] = plan  # forked helpers find it already loaded; others load it from its file
    pool = _Helpers(plan, workers)
    try:
        yield pool
    finally:
        pool.shutdown()


class _Helpers:
    """A process pool that is replaced when one of its processes dies (BrokenProcessPool):
    what a helper was doing is lost, the pool is not."""

    def __init__(self, plan: Plan, workers: int):
        self.plan, self.workers = plan, workers
        self._start()

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor
        self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_worker_init,
                                        initargs=(str(self.plan.path),))
        self.pool.submit(int)  # starts the processes (all of them, where they are forked)

    def replace(self):
        self.pool.shutdown(wait=False, cancel_futures=True)
        self._start()

    def submit(self, fn, *args):
        from concurrent.futures.process import BrokenProcessPool
        try:
            return self.pool.submit(fn, *args)
        except BrokenProcessPool:
            self.replace()
            return self.pool.submit(fn, *args)

    def map(self, fn, *iterables, chunksize=1):
        return self.pool.map(fn, *iterables, chunksize=chunksize)

    def shutdown(self):
        self.pool.shutdown(wait=True, cancel_futures=True)


def call(module: str, function: str, *args):
    """module.function(*args), importing the module where it runs: a job for a helper
    process that does not make the main process import what only the helper needs."""
    from importlib import import_module
    return getattr(import_module(module), function)(*args)


_WORKER_PLAN: dict = {}


def _worker_init(plan_path: str) -> None:
    _end_with_parent()
    plan = _WORKER_PLAN.get("plan")
    if plan is None or str(plan.path) != plan_path:
        from .plan import load_plan
        _WORKER_PLAN["plan"] = load_plan(plan_path)


def _worker_read(job: tuple[str, str | None]) -> FileResult:
    path, period_code = job
    plan = _WORKER_PLAN["plan"]
    return read_file(path, plan, plan.period(period_code) if period_code else None, defer=True)


def _read_parallel(files, period: Period | None, on_file, pool) -> list[FileResult]:
    """Helpers read the files; those that need a child process of their own (None from a
    helper) are read so afterwards, a few at a time. A helper that dies takes its share of
    the work with it: the pool is replaced and the files not yet read are read here."""
    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    plan = pool.plan
    jobs = [(str(f), period.code if period else None) for f in files]
    results: list[FileResult | None] = []
    chunk = max(1, min(16, len(jobs) // (pool.workers * 8)))  # small chunks: no helper idles at the end
    try:
        for f, result in zip(files, pool.map(_worker_read, jobs, chunksize=chunk)):
            results.append(result)
            if on_file and result is not None:
                on_file(f)
    except BrokenProcessPool:
        if hasattr(pool, "replace"):
            pool.replace()
        for f in files[len(results):]:
            results.append(read_file(f, plan, period, defer=True))
            if on_file and results[-1] is not None:
                on_file(f)
    later = [k for k, r in enumerate(results) if r is None]
    if later:
        with ThreadPoolExecutor(max_workers=pool.workers) as threads:
            for k, result in zip(later, threads.map(lambda k: _read_in_child(files[k], plan, period), later)):
                results[k] = result
                if on_file:
                    on_file(files[k])
    for f, result in zip(files, results):
        result.path = f  # the same Path object the caller passed, not a copy
        for fig in (result.submission.figures.values() if result.submission else ()):
            fig.name, fig.indicator, fig.sheet, fig.cell = (
                _intern(fig.name), _intern(fig.indicator), _intern(fig.sheet), _intern(fig.cell))
    return results


def _supersede(results: list[FileResult]) -> None:
    """Two files for one unit and period: the later report date wins, then the later file time."""
    groups: dict[tuple[str, str], list[FileResult]] = {}
    for r in results:
        if r.submission:
            groups.setdefault((r.submission.unit, r.submission.period), []).append(r)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda r: (r.submission.report_date or date.min, r.mtime, str(r.path)))
        winner = group[-1]
        for r in group[:-1]:
            r.superseded_by = winner.path
            r.problems.append(Problem(file=str(r.path), message=msg.FILE_SUPERSEDED.format(newer=winner.path.name),
                                      severity=WARNING, code=Code.SUPERSEDED, unit=r.submission.unit))


PEER_FACTOR = 20
PEER_MINIMUM = 100


def _peer_warnings(results: list[FileResult], plan: Plan) -> None:
    """A count far above what its peers report is probably a typo: warn, never reject."""
    live = [r for r in results if r.submission and r.superseded_by is None]
    for ind in plan.indicators:
        if ind.kind != "count":
            continue
        name = names.value(ind)
        for level in [lv.code for lv in plan.levels]:  # peers: units of the same level
            figs = [(r, r.submission.figures[name]) for r in live
                    if name in r.submission.figures and (plan.unit(r.submission.unit).level == level)]
            values = [f.value for _, f in figs if f.value > 0]
            if len(values) < 5:
                continue
            median = statistics.median(values)
            for r, f in figs:
                if f.value > PEER_MINIMUM and f.value > PEER_FACTOR * median:
                    r.problems.append(Problem(
                        file=str(r.path), severity=WARNING, sheet=f.sheet, cell=f.cell, name=f.name, code=Code.OUTLIER,
                        unit=r.submission.unit,
                        message=msg.OUTLIER.format(what=f"Chỉ tiêu {ind.id}", value=number(f.value), factor=PEER_FACTOR,
                                                   median=number(median))))
