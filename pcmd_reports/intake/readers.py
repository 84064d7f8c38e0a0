"""The workbook formats, each behind one interface (`_Book`) and one registry of (suffixes,
sniff, reader class): .xlsx/.xlsm (a fast reader of the sheet XML, python-calamine where the
XML is not in the usual shape), .ods and .xls (python-calamine, names from the file or the
template's recorded layout). Every zip member is inflated with a running count."""
from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable
from datetime import datetime, timedelta
from pathlib import Path

from .. import messages as msg
from .. import names
from ..problem_codes import ProblemCode as Code
from ..vnformat import number
from .model import _NeedsChild, _Rejected
from .rules import _reference, _split, clean_text, parse_date


MAX_UNZIPPED_BYTES = 150 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CELL_FORMULA = re.compile(rb"<f[ >]")
CELL_XML = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_ISOLATED = {"on": False}  # True in a child process that reads one file and may die doing it


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
    # members are read by _read_member: inflated with a count, never trusted (an attribute of our own on the zip)
    z.pcmd_data = data  # type: ignore[attr-defined]
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
    return _inflate(z.pcmd_data, info, keep=True)[0]  # type: ignore[attr-defined]  # set by _open_zip


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
                chunk: bytes | memoryview = inflater.unconsumed_tail
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


NO_FAST_XLSX = "PCMD_NO_FAST_XLSX"  # set to 1: .xlsx values are read by python-calamine, as other formats are


def fast_xlsx() -> bool:
    """Whether the fast reader of .xlsx sheet XML is used (the default). Turned off by the
    environment variable PCMD_NO_FAST_XLSX=1, for the differential test and as a fallback:
    calamine then reads every .xlsx (each in a child process of its own, slower)."""
    return os.environ.get(NO_FAST_XLSX, "").strip() not in ("1", "true", "yes")


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
                    self.defined[a.get("name", "")] = _unescape(text).strip()
        pr = XML_WORKBOOK_PR.search(book)
        self._date1904 = bool(pr and _attributes(pr.group(1)).get("date1904") in ("1", "true"))
        self._flags: dict[str, dict[str, tuple[str, str]]] = {}
        self._styled: Any = None  # an openpyxl workbook, loaded for fonts only
        self._raw: dict[str, dict | None] = {}  # sheet -> {cell: its XML}, split once
        self._shared: list[bytes | str] | None = None
        self._date_styles: frozenset[int] | None = None
        self._fast = fast_xlsx()

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

    def _durations(self) -> frozenset[int]:
        """Indexes of the cell formats that show a number as a duration ([h]:mm)."""
        return _date_styles(self._part("xl/styles.xml"), durations=True)

    def _cells(self, sheet: str) -> dict | None:
        """{cell: (attributes, body) XML} of one sheet; None when its XML is not in the usual shape.

        The sheet is split at each `<c r="`, in C; a cell's XML is cut out only when that
        cell is asked for (most cells of a form are labels). A sheet whose cells are not all
        written `<c r="A1" ...>` (another attribute order, a namespace prefix) is read by
        calamine instead.
        """
        if not self._fast:
            return None
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
        t = ATTR_T.search(attrs)
        kind = t.group(1) if t else b"n"
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
            try:
                return _serial_date(float(number), self._date1904, int(style.group(1)) in self._durations())
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
        if not self._fast:
            return super().recorded_layout()
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
        if not self._fast:
            return None
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
def _date_styles(styles: bytes, durations: bool = False) -> frozenset[int]:
    """Indexes of the cell formats of styles.xml that show a number as a date (or, with
    `durations`, as a duration: [h], [m], [s]). Forms of one template share their styles, so
    each distinct styles.xml is read once."""
    custom = {int(i): code for i, code in re.findall(rb'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)}
    block = re.search(rb"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    found = set()
    for k, xf in enumerate(re.finditer(rb"<xf\b([^>]*)>", block.group(1) if block else b"")):
        id_attr = re.search(rb'numFmtId="(\d+)"', xf.group(1))
        fid = int(id_attr.group(1)) if id_attr else 0
        if durations:
            if fid == 46 or (fid in custom and DURATION.search(custom[fid])):
                found.add(k)
        elif fid in BUILTIN_DATE_FORMATS or (fid in custom and _is_date_format(custom[fid])):
            found.add(k)
    return frozenset(found)


DURATION = re.compile(rb"\[(?:h+|m+|s+)\]", re.I)
EXCEL_1900 = datetime(1899, 12, 30)  # day 0 of serials from 61 (1 March 1900) on


def _serial_date(serial: float, date1904: bool, duration: bool):
    """The value python-calamine gives for a serial number shown as a date, so that both
    readers agree: a duration format gives a timedelta; a serial below 1 a time of day
    (midnight for a negative one); a whole serial a date, else a datetime. Serials before
    1 March 1900 follow Excel, which counts a 29 February 1900 that never was (day 60,
    read as 28 February)."""
    if duration:
        return timedelta(days=serial)
    if serial < 1:
        return (datetime.min + timedelta(days=max(serial, 0))).time()
    if date1904:
        moment = datetime(1904, 1, 1) + timedelta(days=serial)
    elif serial < 60:
        moment = EXCEL_1900 + timedelta(days=serial + 1)
    elif serial < 61:
        moment = datetime(1900, 2, 28) + timedelta(days=serial - 60)
    else:
        moment = EXCEL_1900 + timedelta(days=serial)
    return moment.date() if moment.time() == datetime.min.time() else moment


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


_LAYOUTS: dict[bytes, dict[str, str]] = {}  # the layout rows of a _meta sheet -> the cell map they record


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
                self.defined[attrs.get("name", "")] = f"'{sheet.replace(chr(39), chr(39) * 2)}'!${m.group(2)}${m.group(3)}"


class _XlsBook(_Book):
    """.xls (Excel 97-2003): values through calamine; cells found by the template's recorded layout."""

    def __init__(self, path: Path, data: bytes, z: zipfile.ZipFile | None = None):
        super().__init__(path, data)


# -- the registry of formats -------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    """One workbook format: the suffixes its files carry, a sniff of the content (the bytes,
    and the zip when the file is one) and the reader class. A file is read by the first
    format whose sniff says yes, whatever its suffix."""
    name: str
    suffixes: frozenset[str]
    sniff: Callable[[bytes, zipfile.ZipFile | None], bool]
    reader: Callable[..., _Book]  # (path, data, zip or None): the sniff says whether the zip is there


FORMATS: list[Format] = []


def register(fmt: Format) -> Format:
    FORMATS.append(fmt)
    SPREADSHEET_SUFFIXES.update(fmt.suffixes)
    return fmt


def _is_ods(data: bytes, z: zipfile.ZipFile | None) -> bool:
    return z is not None and "mimetype" in z.namelist() and \
        _read_member(z, "mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet")


SPREADSHEET_SUFFIXES: set[str] = set()  # of every registered format: the files a folder is searched for
register(Format("xls", frozenset({".xls"}), lambda data, z: data[:8] == OLE2, _XlsBook))
register(Format("ods", frozenset({".ods"}), _is_ods, _OdsBook))
register(Format("xlsx", frozenset({".xlsx", ".xlsm"}), lambda data, z: z is not None, _XlsxBook))


def _open_book(path: Path, data: bytes) -> _Book:
    """The reader of the first registered format whose sniff recognises the file."""
    z = None if data[:8] == OLE2 else _open_zip(data)
    for fmt in FORMATS:
        if fmt.sniff(data, z):
            return fmt.reader(path, data, z)
    raise _Rejected(msg.FILE_NOT_WORKBOOK, Code.NOT_WORKBOOK)


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
