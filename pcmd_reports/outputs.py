"""One generation per run: a run's whole output set moves in together, or not at all.

`OutputSet` takes the output folder's run lock (a second run into the same folder is
refused with the other run's process number and start time; a lock left by a run that is
gone is ignored), clears what killed runs left behind, gives the run a staging folder inside
the output folder to write into, and at the end swaps the new set in: every file the set
replaces, and every file of the kind the run no longer makes (an old PDF beside a newer
report), is first moved aside; if one of them cannot be moved (open in Word or Excel on
Windows), everything goes back as it was and `OutputBusy` names that file. A folder that cannot
be written at all (read-only, on a read-only drive, a path through a file) is `OutputFolderFailed`,
before anything is touched.

Every command that writes a set goes through it: `pcmd consolidate` (the period's set), `pcmd
report` (the report and its PDF: `api.write_report`), `pcmd remind` (the reminder folder: the letter,
its PDF and the feedback workbooks) and `pcmd close` (the lock).
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from . import messages as msg
from .errors import PcmdError

LOCK_NAME = ".pcmd-dang-chay.lock"
STAGING_PREFIX = ".~dang-ghi-"
TEMP_PREFIXES = (".~TongHop_", ".~BaoCao_")  # atomic_path's temporary files of a run that was killed
STALE_SECONDS = 6 * 3600  # no run takes this long: its lock is a leftover wherever its process cannot be checked


class RunLocked(PcmdError):
    """Another run writes into the same folder."""
    exit_code = 1

    def __init__(self, lock: Path, info: dict):
        super().__init__(msg.RUN_LOCKED.format(out=lock.parent, pid=info.get("pid", "?"),
                                               started=info.get("started", "?"), lock=lock))
        self.lock, self.info = lock, info


def os_error_text(error: OSError) -> str:
    """What an OSError means, in Vietnamese ("ổ đĩa hoặc thư mục chỉ cho đọc"), for a message."""
    name = errno.errorcode.get(error.errno or 0, "")
    return msg.OS_ERRORS.get(name) or msg.OS_ERROR_OTHER.format(name=name or type(error).__name__)


class OutputBusy(PcmdError):
    """An output file another program holds (open in Word or Excel on Windows)."""
    exit_code = 1

    def __init__(self, path: Path, error: OSError):
        held = isinstance(error, PermissionError)  # Windows: a file open in Word or Excel
        super().__init__(msg.OUTPUT_BUSY.format(path=path) if held else
                         msg.OUTPUT_FAILED.format(path=path, error=os_error_text(error)))
        self.path, self.error = path, error


class OutputFolderFailed(PcmdError):
    """The output folder cannot be written at all (read-only, a path through a file, no space):
    nothing in it was touched."""
    exit_code = 1

    def __init__(self, folder: Path, error: OSError):
        super().__init__(msg.OUTPUT_FOLDER_FAILED.format(folder=folder, error=os_error_text(error)))
        self.folder, self.error = folder, error


def _alive(info: dict) -> bool:
    """Whether the run that wrote a lock may still be running."""
    try:
        started = datetime.fromisoformat(info["started"])
        pid = int(info["pid"])
    except (KeyError, TypeError, ValueError):
        return False
    if (datetime.now() - started).total_seconds() > STALE_SECONDS:
        return False
    if info.get("host") != socket.gethostname() or os.name != "posix":
        return True  # another machine (a shared folder), or Windows: trust the lock until it is stale
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputSet:
    def __init__(self, out: Path):
        self.out = Path(out)
        self.lock = self.out / LOCK_NAME
        self.staging: Path | None = None
        self.targets: dict[Path, Path] = {}  # staged path -> where it goes

    # -- the run lock ----------------------------------------------------------------------
    def _acquire(self) -> None:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as e:  # a path through a file, a file of that name, a read-only drive
            raise OutputFolderFailed(self.out, e) from None
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": datetime.now().replace(microsecond=0).isoformat()}
        for _ in range(2):
            try:
                fd = os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    other = json.loads(self.lock.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    other = {}
                    if time.time() - self._mtime(self.lock) < 60:  # being written this very moment
                        raise RunLocked(self.lock, other) from None
                if _alive(other):
                    raise RunLocked(self.lock, other) from None
                try:
                    self.lock.unlink(missing_ok=True)  # a killed run's lock
                except OSError as e:
                    raise OutputFolderFailed(self.out, e) from None
                continue
            except OSError as e:  # a read-only folder or drive, no right to write in it
                raise OutputFolderFailed(self.out, e) from None
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(info, fh)
            except OSError as e:  # a full disk
                self.lock.unlink(missing_ok=True)
                raise OutputFolderFailed(self.out, e) from None
            return
        raise RunLocked(self.lock, {})

    @staticmethod
    def _mtime(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    def _clean_leftovers(self) -> None:
        """What runs that were killed left in the folder: their staging folders and temporary files."""
        for p in self.out.iterdir():
            if p.name.startswith(STAGING_PREFIX) and p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            elif p.name.startswith(TEMP_PREFIXES) and p.is_file():
                p.unlink(missing_ok=True)

    def __enter__(self) -> "OutputSet":
        self._acquire()
        try:
            self._clean_leftovers()
            self.staging = self.out / f"{STAGING_PREFIX}{os.getpid()}"
            self.staging.mkdir()
        except OSError as e:
            self._release()
            raise OutputFolderFailed(self.out, e) from None
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        try:
            self.lock.unlink(missing_ok=True)
        except OSError:  # the folder turned read-only under the run: the lock is a leftover the next run ignores
            pass

    # -- the set -----------------------------------------------------------------------------
    def path(self, target: Path) -> Path:
        """Where the run writes what goes to `target` (in the output folder or anywhere else)."""
        assert self.staging is not None, "OutputSet is used in a with block"
        staged = self.staging / f"{len(self.targets)}" / Path(target).name
        staged.parent.mkdir()
        self.targets[staged] = Path(target)
        return staged

    def final(self, staged: str | Path) -> Path:
        """Where a file written in the staging folder goes (a PDF made beside a staged report too)."""
        where = {os.path.abspath(s): t for s, t in self.targets.items()}
        name = os.path.abspath(staged)
        if name in where:
            return where[name]
        sibling = next((s for s in where if os.path.dirname(s) == os.path.dirname(name)), None)
        return where[sibling].with_name(os.path.basename(name)) if sibling else Path(name)

    def commit(self, made: list[Path], obsolete: Sequence[Path] = ()) -> list[Path]:
        """Move the files `made` (staged paths) to their places, and `obsolete` files (of the kind
        this run did not make) out of the way, all or none. Returns the final paths."""
        moves = [(Path(s), self.final(s)) for s in made]
        finals = {f for _, f in moves}
        aside = list(dict.fromkeys(f for f in [*finals, *obsolete] if f.exists()))  # a PDF both made and obsolete: once
        assert self.staging is not None, "OutputSet is used in a with block"
        backup = self.staging / "cu"
        backup.mkdir()
        moved: list[tuple[Path, Path]] = []
        placed: list[Path] = []
        current: Path | None = None
        try:
            for k, f in enumerate(aside):
                current = f
                kept = backup / f"{k}_{f.name}"
                os.replace(f, kept)
                moved.append((f, kept))
            for s, f in moves:
                current = f
                f.parent.mkdir(parents=True, exist_ok=True)
                os.replace(s, f)
                placed.append(f)
        except OSError as e:
            for f in placed:
                try:
                    f.unlink()
                except OSError:
                    pass
            for f, kept in reversed(moved):
                try:
                    os.replace(kept, f)
                except OSError:
                    pass
            assert current is not None  # set before each step that can fail
            raise OutputBusy(current, e) from None
        return [f for _, f in moves]

