"""Seeded fuzzing of real returns (issue 15): whatever is done to a file, reading never raises, each
file is accepted or rejected with a reason, the good files' figures do not move, and the outputs
of a consolidation over all of them are written.

A failure names the seed and the mutant; `PCMD_FUZZ_SEED=<seed> pytest tests/test_fuzz.py`
reproduces it, `PCMD_FUZZ_CASES` sets how many mutants are made.
"""
from __future__ import annotations

import io
import json
import os
import random
import re
import struct
import zipfile
from datetime import date
from pathlib import Path

from filling import make_filled
from pcmd_reports.consolidation import consolidate
from pcmd_reports.intake import read_file, read_folder
from pcmd_reports.report_json import to_json
from pcmd_reports.safetext import safe_data
from pcmd_reports.summary_xlsx import write_summary

SEED = int(os.environ.get("PCMD_FUZZ_SEED", "15"))
CASES = int(os.environ.get("PCMD_FUZZ_CASES", "300"))

FAR_ROW = b'<row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row>'
HUGE = [b"1e308", b"1E+400", b"-1e308", b"123456789012345678901234567890", b"NaN", b"inf", b"-0", b"1e-320",
        b"99999999999", b"0x10", b"", b"1.5e3"]
ESCAPES = [b"_xD83D_", b"_xDE00_", b"_x0000_", b"_x001F_", b"&#xFFFE;", b"&#x1F600;", b"_xD83D__xDE00_",
           b"\xef\xbf\xbf", b"=cmd|' /C calc'!A0", b"\xed\xa0\xbd"]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _xml_edit(rng: random.Random, parts: dict[str, bytes]) -> str:
    sheets = [n for n in parts if n.startswith("xl/worksheets/")]
    kind = rng.choice(["reorder", "far", "huge", "escape", "names", "drop", "doctype", "cells"])
    name = rng.choice(sheets)
    data = parts[name]
    if kind == "reorder":  # attributes in another order: the sheet goes to python-calamine
        parts[name] = re.sub(rb'<c r="([A-Z]+[0-9]+)"([^>]*?)(/?)>', rb'<c\2 r="\1"\3>', data)
    elif kind == "far":
        parts[name] = data.replace(b"</sheetData>", FAR_ROW + b"</sheetData>")
        if rng.random() < 0.5:
            parts[name] = re.sub(rb'<c r="([A-Z]+[0-9]+)"([^>]*?)(/?)>', rb'<c\2 r="\1"\3>', parts[name])
    elif kind == "huge":
        values = list(re.finditer(rb"<v>([^<]*)</v>", data))
        for m in rng.sample(values, min(len(values), rng.randint(1, 4))):
            data = data[:m.start(1)] + rng.choice(HUGE) + data[m.end(1):]
            break
        parts[name] = data
    elif kind == "escape":
        target = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in parts and rng.random() < 0.7 else name
        text = parts[target]
        hits = [m.end() for m in re.finditer(rb"<t[^>]*>", text)]
        if hits:
            at = rng.choice(hits)
            parts[target] = text[:at] + rng.choice(ESCAPES) + text[at:]
    elif kind == "names":
        book = parts["xl/workbook.xml"]
        refs = re.findall(rb"<definedName [^>]*>([^<]*)</definedName>", book)
        if len(refs) > 1:
            a, b = rng.sample(refs, 2)
            book = book.replace(a, b"\0", 1).replace(b, a, 1).replace(b"\0", b, 1)
        parts["xl/workbook.xml"] = book
    elif kind == "drop":
        del parts[rng.choice(list(parts))]
    elif kind == "doctype":
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
            b"<workbook", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><workbook', 1)
    else:  # a cell's XML cut or doubled
        cells = list(re.finditer(rb"<c [^>]*>.*?</c>", data, re.S))
        if cells:
            m = rng.choice(cells)
            repl = m.group()[:rng.randint(0, len(m.group()))] if rng.random() < 0.5 else m.group() * 2
            parts[name] = data[:m.start()] + repl + data[m.end():]
    return f"xml:{kind}:{name}"


def _header_edit(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A field of a local header or of the central directory set to another value."""
    data = bytearray(data)
    heads = [m.start() for m in re.finditer(rb"PK\x03\x04", data)]
    central = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    if central and rng.random() < 0.5:
        at = rng.choice(central)
        offset, size = rng.choice([(10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (42, 4)])  # method, crc, sizes, name, offset
        where = "central"
    else:
        at = rng.choice(heads)
        offset, size = rng.choice([(8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)])
        where = "local"
    value = rng.choice([0, 1, 0xFFFF, rng.randrange(256 ** size), 8 if size == 2 else 10 ** 6])
    struct.pack_into("<H" if size == 2 else "<I", data, at + offset, value % (256 ** size))
    return bytes(data), f"header:{where}+{offset}={value}"


def mutate(rng: random.Random, good: bytes) -> tuple[bytes, str]:
    kind = rng.choice(["flip", "cut", "xml", "xml", "xml", "header"])
    if kind == "flip":
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
        return bytes(data), "flip"
    if kind == "cut":
        n = rng.randrange(len(good))
        return good[:n], f"cut:{n}"
    if kind == "header":
        return _header_edit(rng, good)
    parts = _parts(good)
    what = _xml_edit(rng, parts)
    return _zip(parts), what


def essence(result):
    s = result.submission
    return None if s is None else (s.unit, {n: (f.value, f.sheet, f.cell) for n, f in s.figures.items()},
                                   {k: t.text for k, t in s.tasks.items()}, s.report_date)


def test_fuzzed_returns_never_stop_or_fool_a_consolidation(tmp_path, plan, h1):
    rng = random.Random(SEED)
    folder = tmp_path / "inputs"
    folder.mkdir()
    good = {
        "CATP": make_filled(plan, h1, "CATP", tmp_path, {"CT_2": 12, "CT_7_1": 64, "CT_S3": "50 triệu",
                                                         "NV_2_1": "Đã triển khai."}),
        "020": make_filled(plan, h1, "020", tmp_path, {"CT_3_2": "2.460", "CT_9": 120, "DIEM_II_1": "Đã triệt xóa",
                                                       "NV_23_1": "Kết quả"}),
        "SYT": make_filled(plan, h1, "SYT", tmp_path, {"CT_11_1": 9, "CT_2": 4}),
    }
    alone = {code: essence(read_file(p, plan, h1)) for code, p in good.items()}
    for code, p in good.items():
        (folder / f"{code}_goc.xlsx").write_bytes(p.read_bytes())
    what = {}
    for k in range(CASES):
        code = rng.choice(list(good))
        data, how = mutate(rng, good[code].read_bytes())
        name = f"m{k:03d}.xlsx"
        (folder / name).write_bytes(data)
        what[name] = f"{code} {how}"
    intake = read_folder(folder, plan, h1)  # more than 64 files: helpers read them, as in a real run
    context = f"seed {SEED}"
    assert len(intake.files) == CASES + len(good), context
    for f in intake.files:
        label = f"{context}, {f.path.name}: {what.get(f.path.name, 'good')}"
        if f.rejected:
            assert f.problems and f.problems[0].is_error and f.problems[0].message, label
        else:
            assert f.submission.unit in good, label
    by_name = {f.path.name: f for f in intake.files}
    for code in good:
        got = by_name[f"{code}_goc.xlsx"]
        assert essence(got) == alone[code], f"{context}: the good return of {code} read differently"

    c = consolidate(plan, h1, intake, as_of=date(2024, 6, 20))
    data = safe_data(to_json(c))
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # every string can be written
    write_summary(c, tmp_path / "TongHop.xlsx")
    assert (tmp_path / "TongHop.xlsx").stat().st_size > 0
