"""The office's own settings, edited once by the clerk: signer, number suffix, extra recipients, date.

One TOML file in the working folder (`pcmd-cai-dat.toml`), created by `pcmd settings`.
What it gives overrides the plan's [report] defaults; what it leaves blank keeps them.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from . import messages as msg
from .tomlfile import read_toml
from .errors import PcmdError
from .atomic import atomic_path
from .plan import Consolidator, ReportSettings

FILE_NAME = "pcmd-cai-dat.toml"


class SettingsProblem(PcmdError):
    """The settings file cannot be used: the message says why, in Vietnamese."""


@dataclass
class Settings:
    signer_name: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    number_suffix: str = ""
    report_date: date | None = None
    extra_recipients: list[str] = field(default_factory=list)
    path: Path | None = None

    def applied_to(self, report: ReportSettings) -> ReportSettings:
        """The plan's [report] with the signer these settings give (blank keeps the plan's)."""
        return replace(report, signer_name=self.signer_name or report.signer_name,
                       signer_authority=self.signer_authority or report.signer_authority,
                       signer_title=self.signer_title or report.signer_title)


KEYS = {"nguoi_ky": "signer_name", "quyen_han_ky": "signer_authority", "chuc_vu_nguoi_ky": "signer_title",
        "ky_hieu": "number_suffix", "ngay_bao_cao": "report_date", "noi_nhan_them": "extra_recipients"}


def load(path: str | Path | None = None) -> Settings:
    """The settings in `path` (default: ./pcmd-cai-dat.toml); empty settings when there is no file."""
    path = Path(path) if path else Path(FILE_NAME)
    if not path.exists():
        return Settings()
    raw = read_toml(path, SettingsProblem, msg.SETTINGS_UNREADABLE)[1]
    section = raw.get("bao_cao", {})
    unknown = set(section) - set(KEYS) | (set(raw) - {"bao_cao"})
    if unknown:
        raise SettingsProblem(msg.SETTINGS_UNKNOWN.format(path=path, keys=", ".join(sorted(unknown)),
                                                           known=", ".join(KEYS)))
    s = Settings(path=path)
    for key, attr in KEYS.items():
        value = section.get(key)
        if value in (None, ""):
            continue
        if attr == "report_date":
            if isinstance(value, str):
                try:
                    value = date.fromisoformat(value)
                except ValueError:
                    raise SettingsProblem(msg.SETTINGS_BAD_DATE.format(path=path, value=value)) from None
            if not isinstance(value, date):
                raise SettingsProblem(msg.SETTINGS_BAD_DATE.format(path=path, value=value))
        elif attr == "extra_recipients":
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise SettingsProblem(msg.SETTINGS_BAD_LIST.format(path=path, key=key))
        elif not isinstance(value, str):
            raise SettingsProblem(msg.SETTINGS_NOT_TEXT.format(path=path, key=key))
        setattr(s, attr, value)
    return s


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_default(path: str | Path, report: ReportSettings, consolidator: Consolidator,
                  report_date: date | None = None, signer_name: str = "") -> Path:
    """A settings file with the plan's defaults and a comment on every line."""
    path = Path(path)
    when = report_date.isoformat() if report_date else ""
    text = msg.SETTINGS_FILE.format(
        signer_name=_quote(signer_name or report.signer_name),
        signer_authority=_quote(report.signer_authority),
        signer_title=_quote(report.signer_title),
        suffix=_quote(consolidator.report_code),
        date=_quote(when))
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path
