"""Which files a run reads, and their bytes: spreadsheets under folders and inside .zip
archives (read like folders, under the limits every file has), files that are not forms."""
from __future__ import annotations

import hashlib
import re
import zipfile
from datetime import datetime
from pathlib import Path

from .. import messages as msg
from ..own_files import made_by_pcmd, under_outputs
from ..problem_codes import ProblemCode as Code
from ..safetext import safe_path
from .model import _Rejected
from .readers import MAX_ENTRIES, MAX_RATIO, SPREADSHEET_SUFFIXES, _inflate
from .rules import CONTROL


MAX_FILE_BYTES = 20 * 1024 * 1024


def find_files(paths) -> list[Path]:
    """Spreadsheets under the given files and folders, sub-folders included, in a stable order.

    Lock files (~$…), hidden files, anything that is not a spreadsheet, and (in a folder read as
    a whole) the tool's own outputs and its `outputs` folder are passed over.
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
            if p.is_dir() and (made_by_pcmd(f.name) or under_outputs(rel.parts)):
                continue  # the tool's own outputs and blank forms, in a folder read as a whole
            if f.suffix.lower() in ARCHIVE_SUFFIXES:
                found.extend(_archive_files(f, suffixes))
            elif f.suffix.lower() in suffixes:
                found.append(f)
    return sorted(set(found), key=lambda f: str(f))


def find_open_marks(paths) -> list[Path]:
    """The marks Excel (~$name.xlsx) and LibreOffice (.~lock.name.xlsx#) leave beside a workbook
    that is open: passed over when reading, but worth a word (the workbook may be half saved)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.is_file() and q.name.startswith(("~$", ".~lock.")))
    return out


def _hidden(parts) -> bool:
    """Lock files (~$…), hidden files and folders (.…, also macOS's `__MACOSX/._name`)."""
    return any((part.startswith((".", "~$")) and part != "..") or part == "__MACOSX" for part in parts)


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
