"""PDF copies through LibreOffice, when it is installed."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

WINDOWS_PATHS = [
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
]


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for p in WINDOWS_PATHS if p.exists()), None)


def to_pdf(path: Path) -> Path | None:
    """Convert `path` to a PDF beside it; None when LibreOffice is not installed."""
    exe = soffice()
    if exe is None:
        return None
    path = Path(path).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([exe, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                        "--outdir", tmp, str(path)], check=True, capture_output=True, timeout=300)
        produced = Path(tmp) / (path.stem + ".pdf")
        target = path.with_suffix(".pdf")
        shutil.move(str(produced), str(target))
    return target
