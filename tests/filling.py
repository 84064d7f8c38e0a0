"""Fill forms the way units do: openpyxl writing into the generated form, by defined name."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from pcmd_reports.forms import write_form


def cell_of(wb, name):
    (sheet, ref), = list(wb.defined_names[name].destinations)
    return wb[sheet][ref.replace("$", "")]


def fill(path: Path, values: dict, out: Path | None = None, edit=None) -> Path:
    """Write `values` (defined name -> value) into the form at `path`, save to `out`."""
    wb = load_workbook(path)
    for name, value in values.items():
        cell_of(wb, name).value = value
    if edit:
        edit(wb)
    out = out or path
    wb.save(out)
    return out


def make_filled(plan, period, code, folder: Path, values: dict, filename=None, edit=None,
                report_date=date(2024, 6, 10), contact="Nguyễn Văn A") -> Path:
    unit = plan.unit(code)
    form = write_form(plan, period, unit, folder / (filename or f"{code}.xlsx")).path
    base = {"TT_NGUOI_LAP": contact, "TT_DIEN_THOAI": "0243 825 6789", "TT_NGAY_BAO_CAO": report_date}
    base.update(values)
    return fill(form, base, edit=edit)


def libreoffice_resave(path: Path, out_dir: Path, fmt: str = "xlsx") -> Path | None:
    """Open and save the file with LibreOffice headless, as a unit using LibreOffice would."""
    if not shutil.which("soffice"):
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out_dir}/.lo-profile",
                    "--convert-to", fmt, "--outdir", str(out_dir), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out_dir / (path.stem + "." + fmt)
