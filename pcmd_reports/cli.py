"""The `pcmd` command: a thin shell over the library. Parses, calls, prints."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from . import messages as msg
from .vnformat import moment
from .errors import PcmdError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_QUIET = {"on": False}


def _console(stderr=False):
    from rich.console import Console
    stream = sys.stderr if stderr else sys.stdout
    # Redirected to a file, rich would wrap at 80 columns: give tables room instead.
    width = None if stream.isatty() else 120
    return Console(stderr=stderr, highlight=False, width=width, quiet=_QUIET["on"] and not stderr)


def _escape(text: str) -> str:
    """Text printed as it is: '[[indicators]]' in a message is not rich markup."""
    from rich.markup import escape
    return escape(text)


def _fail(message: str, code: int = 2):
    _console(stderr=True).print(f"[bold red]Lỗi:[/] {_escape(message)}")
    sys.exit(code)


def _load(plan_file, period_code):
    """The plan, and the period asked for: None for a command without one (period_code None);
    the plan's default period when --period was not given (PLAN_PERIOD): the half-year period
    whose time (from its start to its due date) holds today, else the plan's first half-year
    period, else its first period. For the 2024 plan that is 2024-H1."""
    from datetime import date

    from click.core import ParameterSource

    from .plan import PlanError, load_plan
    try:
        plan = load_plan(plan_file)
    except PlanError as e:
        _fail(str(e))
    if period_code is None:
        return plan, None
    ctx = click.get_current_context(silent=True)
    given = ctx is not None and ctx.get_parameter_source("period_code") not in (None, ParameterSource.DEFAULT)
    if period_code == PLAN_PERIOD and not given:  # (--period "" typed is an unknown period, below)
        today = date.today()
        halves = [p for p in plan.periods if p.kind == "half"]
        return plan, next((p for p in halves if p.start <= today <= p.due), None) or next(iter(halves), plan.periods[0])
    period = plan.period(period_code) or next(  # '2024-h1', ' 2024-H1 ': what was meant
        (p for p in plan.periods if p.code.lower() == period_code.strip().lower()), None)
    if period is None:
        _fail(msg.UNKNOWN_PERIOD.format(period=period_code, choices=", ".join(p.code for p in plan.periods)))
    return plan, period


plan_option = click.option("--plan", "plan_file", type=click.Path(dir_okay=False), metavar="TỆP",
                           help="Tệp kế hoạch khác (.toml). Mặc định: Kế hoạch năm 2024 của thành phố Hà Nội.")
input_argument = click.argument("input_dir", default="inputs", type=click.Path(), metavar="[THƯ_MỤC]")
PLAN_PERIOD = ""  # --period not given: `_load` takes the plan's default period (no period has this code)
period_option = click.option("--period", "period_code", default=PLAN_PERIOD, metavar="KỲ",
                             help="Kỳ báo cáo: 2024-H1 (6 tháng), 2024 (năm), 2024-Q1…Q4 (quý), 2024-01…12 (tháng). "
                                  "Mặc định: kỳ 6 tháng của kế hoạch (kỳ đang trong thời gian báo cáo nếu có, nếu "
                                  "không là kỳ 6 tháng đầu tiên; với kế hoạch mặc định: 2024-H1).")


class _Vietnamese:
    """Help pages in Vietnamese: click's own headings are English."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = msg.HELP_OPTION
        return option

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=msg.HELP_USAGE)

    def format_options(self, ctx, formatter):
        rows = [r for r in (p.get_help_record(ctx) for p in self.get_params(ctx)) if r]
        if rows:
            with formatter.section(msg.HELP_OPTIONS):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
            rows = [(name, cmd.get_short_help_str(80)) for name, cmd in commands if cmd and not cmd.hidden]
            if rows:
                with formatter.section(msg.HELP_COMMANDS):
                    formatter.write_dl(rows)


def _usage_vi(text: str) -> str:
    """click's English usage message in Vietnamese (what it says it cannot tell stays as it is)."""
    import re
    for pattern, vi in msg.USAGE_TRANSLATIONS:
        text = re.sub(pattern, vi, text)
    return text


class _Command(_Vietnamese, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)


class _Group(_Vietnamese, click.Group):
    """Turns an unexpected exception (a bug) into one Vietnamese line; --verbose shows the traceback."""

    command_class = _Command

    def main(self, *args, **kwargs):
        kwargs.setdefault("standalone_mode", True)
        try:
            return super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except click.exceptions.Abort:
            _fail(msg.INTERRUPTED, 130)
        except click.UsageError as e:
            command = e.ctx.command_path if e.ctx else "pcmd"
            _fail(msg.USAGE_ERROR.format(error=_usage_vi(e.format_message()), command=command), 2)
        except click.ClickException as e:
            _fail(e.format_message(), e.exit_code)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail(msg.INTERRUPTED, 130)
        except PcmdError as e:  # what the user can fix: the library's message, its exit code
            _fail(str(e), e.exit_code)
        except Exception as e:  # noqa: BLE001 - the last line of defence for a clerk
            if ctx.params.get("verbose"):
                raise
            _fail(msg.UNEXPECTED.format(error=f"{type(e).__name__}: {e}"), 3)


@click.group(cls=_Group, context_settings=CONTEXT, options_metavar="[TÙY CHỌN]",
             subcommand_metavar="LỆNH [THAM SỐ]...")
@click.version_option(__version__, "--version", message="pcmd_reports %(version)s", help="In phiên bản rồi thoát.")
@click.option("--verbose", is_flag=True, help="Khi có lỗi không mong muốn, in chi tiết kỹ thuật (traceback).")
@click.option("--quiet", is_flag=True, help="Không in kết quả ra màn hình (chỉ in lỗi), dùng khi chạy tự động.")
def main(verbose, quiet):
    """Bộ công cụ tổng hợp báo cáo kết quả thực hiện Kế hoạch phòng, chống mại dâm.

    Các bước: tạo biểu mẫu gửi đơn vị (pcmd templates), nhận lại tệp đã điền vào thư mục
    inputs/, rồi tổng hợp.

    Ví dụ: pcmd templates --period 2024-H1
    """
    _QUIET["on"] = quiet
    for stream in (sys.stdout, sys.stderr):
        # Windows consoles and redirected output default to a legacy code page; text no output
        # can hold (a file name that is not UTF-8) is printed as '?' rather than ending the command.
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):  # pragma: no cover
                pass


@main.command(context_settings=CONTEXT)
@period_option
@plan_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), metavar="THƯ_MỤC",
              help="Thư mục ghi biểu mẫu. Mặc định: outputs/bieu-mau/<kỳ báo cáo>/")
@click.option("--unit", "unit_codes", multiple=True, metavar="MÃ",
              help="Chỉ tạo biểu mẫu cho đơn vị có mã này (dùng nhiều lần được). Mặc định: mọi đơn vị phải báo cáo kỳ này.")
@click.option("--under", "parent_code", metavar="MÃ",
              help="Biểu mẫu của các đơn vị báo cáo cho đơn vị có mã này (ví dụ các xã của huyện 020: --under 020).")
def templates(period_code, plan_file, out_dir, unit_codes, parent_code):
    """Tạo biểu mẫu Excel cho từng đơn vị, hỏi đúng những gì Kế hoạch giao cho đơn vị đó.

    Mỗi đơn vị một tệp .xlsx, tên tệp bắt đầu bằng mã đơn vị. Gửi các tệp này cho
    đơn vị điền rồi nhận lại vào thư mục inputs/.

    Ví dụ: pcmd templates --period 2024-H1 --unit 020 --unit CATP
    (biểu mẫu các xã báo cáo cho huyện Thanh Trì: pcmd templates --under 020)
    """
    from rich.progress import Progress

    from .forms import write_commune_forms, write_forms

    plan, period = _load(plan_file, period_code)
    if parent_code:
        unit = _parent(plan, parent_code)
        from .api import OutputNames
        out = Path(out_dir) if out_dir else OutputNames.forms(period.code, unit)
        infos = write_commune_forms(plan, period, unit, out)
        _print_forms(infos, period, out)
        return
    for code in unit_codes:
        unit = plan.unit(code)
        if unit is None:
            _fail(msg.UNKNOWN_UNIT.format(code=code))
        if unit not in plan.expected_units(period):
            _fail(msg.PERIOD_NOT_FOR_UNIT.format(unit=unit.display, period=period.name))
    from .api import OutputNames
    out = Path(out_dir) if out_dir else OutputNames.forms(period.code)
    count = len(unit_codes) or len(plan.expected_units(period))
    with Progress(console=_console(stderr=True), transient=True) as progress:
        task = progress.add_task(msg.FORMS_PROGRESS, total=count)
        infos = write_forms(plan, period, out, unit_codes or None,
                            on_written=lambda info: progress.advance(task))
    _print_forms(infos, period, out)


def _parent(plan, code):
    """A unit that units of a lower level report to (a district, for its communes)."""
    unit = plan.unit(code)
    if unit is None or not plan.communes_of(code):
        _fail(msg.NO_SUB_UNITS.format(code=code))
    return unit


def _print_forms(infos, period, out):
    from rich.table import Table

    table = Table(title=msg.FORMS_DONE_TITLE.format(period=period.name))
    for h in msg.FORMS_TABLE_HEADERS:
        table.add_column(h)
    for i in infos:
        table.add_row(i.unit.code, i.unit.name, str(len(i.indicators)), str(len(i.hotspots)),
                      str(len(i.tasks)), i.path.name)
    console = _console()
    console.print(table)
    console.print(msg.FORMS_WRITTEN.format(n=len(infos), out=out))


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="TỆP_HOẶC_THƯ_MỤC...")
@click.option("--period", "period_code", default=None,
              help="Chỉ chấp nhận biểu mẫu của kỳ này (ví dụ 2024-H1). Mặc định: mọi kỳ của kế hoạch.")
@plan_option
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho hệ thống khác).")
@click.option("--skip", "skip", multiple=True, metavar="MÃ",
              help="Không hiện các vấn đề có mã này (xem docs/LOI.md); dùng nhiều lần cho nhiều mã.")
def check(paths, period_code, plan_file, as_json, skip):
    """Kiểm tra các tệp biểu mẫu đã điền trước khi tổng hợp.

    Nhận một hay nhiều tệp hoặc thư mục (đọc cả thư mục con). Với mỗi tệp, liệt kê lỗi
    và cảnh báo kèm trang tính, ô và cách sửa. Thoát với mã 0 khi không có lỗi, 1 khi có lỗi.

    Ví dụ: pcmd check inputs/   hoặc   pcmd check inputs/020_huyen-thanh-tri.xlsx
    """
    import json

    from rich.progress import Progress

    from .intake import find_files, read_folder
    from .problem_codes import lookup
    from .report_check import check_json, print_check

    plan, period = _load(plan_file, period_code)
    for p in paths:
        if not Path(p).exists():
            _fail(msg.PATH_MISSING.format(path=p))
    skipped = {lookup(code) for code in skip}
    if None in skipped:
        from .problem_codes import ProblemCode
        _fail(msg.CHECK_SKIP_UNKNOWN.format(codes=", ".join(c for c in skip if lookup(c) is None),
                                            known=", ".join(c.value for c in ProblemCode)))
    files = find_files(paths)
    if not files:
        _fail(msg.CHECK_NO_FILES.format(paths=", ".join(paths)), 1)
    with Progress(console=_console(stderr=True), transient=True) as progress:
        task = progress.add_task(msg.CHECK_PROGRESS, total=len(files))
        intake = read_folder(list(paths), plan, period, on_file=lambda f: progress.advance(task))
    if as_json:
        from .safetext import safe_data
        click.echo(json.dumps(safe_data(check_json(intake, skipped)), ensure_ascii=False, indent=2))
    else:
        print_check(intake, plan, _console(), skipped)
        for note in _open_marks(paths):
            _console().print("[yellow]" + _escape(note) + "[/]")
    sys.exit(1 if intake.rejected or any(p.is_error and p.code not in skipped for p in intake.problems) else 0)


def _open_marks(paths) -> list[str]:
    """A word about workbooks open in Excel or LibreOffice while they were read."""
    from .intake import find_open_marks
    marks = find_open_marks(paths)
    return [msg.OPEN_MARKS.format(n=len(marks), names=", ".join(m.name for m in marks[:5]))] if marks else []


def _parse_date(value):
    from datetime import date
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(msg.BAD_DATE.format(value=value))


@main.command(context_settings=CONTEXT)
@input_argument
@period_option
@plan_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), metavar="THƯ_MỤC",
              help="Thư mục ghi kết quả. Mặc định: outputs/<kỳ báo cáo>/")
@click.option("--json", "json_file", type=click.Path(dir_okay=False), metavar="TỆP",
              help="Ghi thêm kết quả tổng hợp dạng JSON vào tệp này.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="Coi hôm nay là ngày này (để tính số ngày còn lại đến hạn). Mặc định: hôm nay.")
@click.option("--strict", is_flag=True, help="Thoát với mã 1 nếu có bất kỳ lỗi nào trong các tệp.")
@click.option("--template", type=click.Path(dir_okay=False), metavar="TỆP",
              help="Mẫu báo cáo Word khác. Mặc định: templates/bao_cao.docx nếu có, nếu không dùng mẫu kèm theo.")
@click.option("--number", "number_text", metavar="SỐ", help="Số văn bản, ví dụ 125/BC-SLĐTBXH. Mặc định để trống cho cán bộ điền.")
@click.option("--pdf", "want_pdf", is_flag=True, help="Tạo thêm bản PDF của báo cáo (cần LibreOffice).")
@click.option("--reopen", is_flag=True, help="Mở lại kỳ đã khóa sổ (pcmd close) để tổng hợp lại.")
@click.option("--compare-with", "compare_file", type=click.Path(dir_okay=False), metavar="TỆP",
              help="Kết quả tổng hợp cùng kỳ năm trước để so sánh tăng, giảm: tệp TongHop_<kỳ>.json hoặc .xlsx "
                   "do pcmd tạo, cùng loại kỳ của năm trước (với kỳ 2024-H1: TongHop_2023-H1.json).")
@click.option("--into", "parent_code", metavar="MÃ",
              help="Tổng hợp báo cáo của các đơn vị cấp dưới vào biểu mẫu của đơn vị có mã này (ví dụ các xã vào "
                   "biểu mẫu của huyện 020: --into 020), thay vì tổng hợp toàn Thành phố.")
def consolidate(input_dir, period_code, plan_file, out_dir, json_file, as_of, strict, template, number_text, want_pdf,
                reopen, compare_file, parent_code):
    """Tổng hợp mọi báo cáo đơn vị gửi về, so với chỉ tiêu của Kế hoạch.

    Đọc mọi tệp trong thư mục (cả thư mục con), kiểm tra, tổng hợp theo Phụ lục I, theo
    dõi điểm phức tạp (Phụ lục II, III), liệt kê đơn vị chưa báo cáo, báo cáo muộn, tệp
    bị từ chối; ghi báo cáo Word BaoCao_<kỳ>.docx, bảng tổng hợp Excel TongHop_<kỳ>.xlsx
    và tệp dữ liệu TongHop_<kỳ>.json (để tạo lại báo cáo bằng lệnh pcmd report).

    Ví dụ: pcmd consolidate inputs --period 2024-H1
    """
    from rich.progress import Progress

    from . import api

    plan, period = _load(plan_file, period_code)
    when = _parse_date(as_of)
    if parent_code:  # the library says whether the folder is there (read_returns)
        unused = [name for name, given in (("--json", json_file), ("--strict", strict), ("--template", template),
                                           ("--number", number_text), ("--pdf", want_pdf), ("--reopen", reopen),
                                           ("--compare-with", compare_file)) if given]
        if unused:
            _fail(msg.ROLLUP_OPTIONS.format(options=", ".join(unused)))
        return _rollup(plan, period, Path(input_dir), _parent(plan, parent_code), out_dir)
    with api.helpers(plan) as pool:
        with Progress(console=_console(stderr=True), transient=True) as progress:
            from .intake import find_files
            task = progress.add_task(msg.CONSOLIDATE_PROGRESS, total=len(find_files([Path(input_dir)])))
            returns = api.read_returns(input_dir, plan, period, on_file=lambda f: progress.advance(task), pool=pool)
        result = api.consolidate(plan, period, returns, as_of=when)
        outputs = api.write_outputs(result, out_dir, json_file=json_file, template=template, number_text=number_text,
                                    pdf=want_pdf, compare_with=compare_file, reopen=reopen, pool=pool)
    for note in outputs.notes + _open_marks([Path(input_dir)]):
        _console(stderr=True).print("[yellow]" + _escape(note) + "[/]")
    _print_consolidation(result, outputs.files)
    if strict and any(p.is_error for p in result.problems):
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@input_argument
@period_option
@plan_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), metavar="THƯ_MỤC",
              help="Thư mục ghi công văn và phản hồi. Mặc định: outputs/<kỳ báo cáo>/don-doc/")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Ngày của công văn. Mặc định: hôm nay.")
@click.option("--deadline", metavar="YYYY-MM-DD", help="Hạn gửi mới. Mặc định: 3 ngày sau hạn cũ hoặc sau hôm nay.")
@click.option("--template", type=click.Path(dir_okay=False), metavar="TỆP",
              help="Mẫu công văn Word khác. Mặc định: templates/cong_van_don_doc.docx nếu có, nếu không dùng mẫu kèm theo.")
@click.option("--number", "number_text", metavar="SỐ", help="Số công văn, ví dụ 1234/SLĐTBXH-CCPCTNXH.")
@click.option("--pdf", "want_pdf", is_flag=True, help="Tạo thêm bản PDF của công văn (cần LibreOffice).")
def remind(input_dir, period_code, plan_file, out_dir, as_of, deadline, template, number_text, want_pdf):
    """Soạn công văn đôn đốc các đơn vị chưa gửi báo cáo, và phản hồi lỗi cho đơn vị gửi tệp có lỗi.

    Công văn theo thể thức Nghị định 30/2020/NĐ-CP, Kính gửi các đơn vị chưa báo cáo hoặc có tệp
    không đọc được. Mỗi đơn vị có tệp lỗi nhận một tệp Excel ngắn liệt kê trang, ô và cách sửa.

    Ví dụ: pcmd remind inputs --period 2024-H1
    """
    from . import consolidation as cons_mod
    from .intake import read_folder
    from .remind import write_reminders

    plan, period = _load(plan_file, period_code)
    source = Path(input_dir)
    if not source.exists():
        _fail(msg.CONSOLIDATE_INPUT_MISSING.format(path=source))
    c = cons_mod.consolidate(plan, period, read_folder([source], plan, period), as_of=_parse_date(as_of))
    from .api import output_names
    out = Path(out_dir) if out_dir else output_names(period).reminders
    done = write_reminders(c, out, _parse_date(deadline), template, number_text, pdf=want_pdf)
    console = _console()
    for note in done.notes:
        _console(stderr=True).print("[yellow]" + _escape(note) + "[/]")
    if done.letter:
        console.print(msg.REMIND_WROTE.format(n=done.addressed, path=done.letter))
        if done.pdf:
            console.print(msg.CONSOLIDATE_WROTE.format(path=done.pdf))
    else:
        console.print(msg.REMIND_NONE)
    if done.feedback:
        console.print(msg.FEEDBACK_WROTE.format(n=len(done.feedback), path=out))
    if done.removed:
        console.print(msg.REMIND_REMOVED.format(n=len(done.removed), names=", ".join(p.name for p in done.removed)))


def _rollup(plan, period, source, district, out_dir):
    from .api import roll_up

    result = roll_up(plan, period, [source], district, out_dir)
    console = _console()
    sub = plan.level(plan.communes_of(district.code)[0].level)
    console.print(msg.ROLLUP_DONE.format(n=len(result.reported), m=len(result.reported) + len(result.missing),
                                         level=sub.name if sub else "", district=district.display, path=result.path))
    if result.missing:
        console.print(msg.ROLLUP_MISSING.format(names=", ".join(plan.known_unit(c).name for c in result.missing)))


def _verify_closed(out: Path, period) -> None:
    """For a closed period: say whether its closed output set is whole (SHA-256 against the lock)."""
    from . import closing
    changes = closing.verify(out, period.code)
    if changes is None:
        return
    lock = closing.read_lock(out, period.code)
    assert lock is not None  # verify read it
    if changes:
        _console(stderr=True).print("[bold red]" + msg.CLOSED_ALTERED.format(
            period=period.name, closed_at=moment(lock["closed_at"]), changes=", ".join(changes)) + "[/]")
    else:
        _console().print(msg.CLOSED_VERIFIED.format(period=period.name, closed_at=moment(lock["closed_at"])))


@main.command(context_settings=CONTEXT)
@period_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), metavar="THƯ_MỤC",
              help="Thư mục kết quả của kỳ. Mặc định: outputs/<kỳ báo cáo>/")
@plan_option
def close(period_code, out_dir, plan_file):
    """Khóa sổ một kỳ báo cáo sau khi đã ban hành báo cáo: số liệu không còn bị thay đổi.

    Ghi lại kết quả tổng hợp và dấu vân tay (SHA-256) của mọi tệp đầu vào. Sau đó lệnh
    pcmd consolidate của kỳ này sẽ không ghi đè, trừ khi chạy với --reopen.

    Ví dụ: pcmd close --period 2024-H1
    """
    from .api import close_period

    plan, period = _load(plan_file, period_code)
    closed = close_period(period, out_dir)
    if not closed.new:
        _console().print(msg.CLOSE_ALREADY.format(period=period.name, closed_at=moment(closed.lock["closed_at"])))
        return
    _console().print(msg.CLOSE_DONE.format(period=period.name, n=len(closed.lock["inputs"]), json=closed.names.json,
                                           sha=closed.lock["consolidation_sha256"][:12], lock=closed.path))


@main.command(context_settings=CONTEXT)
@click.argument("old", type=click.Path(dir_okay=False), metavar="TỆP_CŨ")
@click.argument("new", type=click.Path(dir_okay=False), metavar="TỆP_MỚI")
@plan_option
def diff(old, new, plan_file):
    """So sánh hai lần gửi báo cáo của một đơn vị cho cùng một kỳ (hai tệp Excel), hoặc hai lần tổng hợp của cùng một kỳ (hai tệp .json).

    Liệt kê từng ô thay đổi: nội dung, giá trị cũ, giá trị mới. Hai tệp của hai đơn vị khác
    nhau, hay của hai kỳ khác nhau, không được so sánh.

    Ví dụ: pcmd diff inputs/CATP_lan1.xlsx inputs/CATP_lan2.xlsx
    """
    from rich.table import Table

    from .api import diff_files

    plan, _ = _load(plan_file, None)
    paths = [Path(old), Path(new)]
    changes = diff_files(paths[0], paths[1], plan)
    console = _console()
    if not changes:
        console.print(msg.DIFF_NONE)
        return
    table = Table(title=msg.DIFF_TITLE.format(old=paths[0].name, new=paths[1].name))
    for h in msg.DIFF_HEADERS:
        table.add_column(h, overflow="fold")
    for ch in changes:
        where = f"'{ch.sheet}'!{ch.cell}" if ch.sheet and ch.cell else ""
        table.add_row(ch.what, "" if ch.old is None else str(ch.old), "" if ch.new is None else str(ch.new), where)
    console.print(table)


def _report(data, plan, out, template, number_text, pdf=False):
    """The report (and its PDF) written as one generation of its folder; the files and notes."""
    from .api import write_report
    from .report_docx import TemplateProblem
    try:
        return write_report(data, plan, out, template=template, number_text=number_text, pdf=pdf)
    except TemplateProblem as e:
        _fail(str(e))


@main.command(context_settings=CONTEXT)
@click.argument("saved", type=click.Path(dir_okay=False), metavar="TỆP_TỔNG_HỢP.json")
@plan_option
@click.option("--out", "out_file", type=click.Path(dir_okay=False), metavar="TỆP",
              help="Tệp báo cáo Word. Mặc định: BaoCao_<kỳ>.docx cạnh tệp tổng hợp.")
@click.option("--template", type=click.Path(dir_okay=False), metavar="TỆP",
              help="Mẫu báo cáo Word. Mặc định: templates/bao_cao.docx nếu có, nếu không dùng mẫu kèm theo.")
@click.option("--number", "number_text", metavar="SỐ", help="Số văn bản, ví dụ 125/BC-SLĐTBXH.")
@click.option("--pdf", "want_pdf", is_flag=True, help="Tạo thêm bản PDF của báo cáo (cần LibreOffice).")
def report(saved, plan_file, out_file, template, number_text, want_pdf):
    """Tạo lại báo cáo Word từ kết quả tổng hợp đã lưu, không đọc lại các tệp đơn vị.

    Dùng sau khi sửa mẫu báo cáo (templates/bao_cao.docx) trong Word. Bản PDF cũ của báo cáo
    (nếu có) được bỏ đi, vì không còn khớp với báo cáo mới; dùng --pdf để tạo lại.

    Ví dụ: pcmd report outputs/2024-H1/TongHop_2024-H1.json --pdf
    """
    from . import api

    plan, _ = _load(plan_file, None)
    path = Path(saved)
    data, period = api.load_saved(path, plan)
    out = Path(out_file) if out_file else api.OutputNames.beside(path, period.code).report
    _verify_closed(path.parent, period)
    api.guard_closed_target(out)
    written, notes = _report(data, plan, out, template, number_text, want_pdf)
    for note in notes:
        _console(stderr=True).print("[yellow]" + _escape(note) + "[/]")
    for f in written:
        _console().print(msg.CONSOLIDATE_WROTE.format(path=f))


@main.command("check-template", context_settings=CONTEXT)
@click.argument("template", type=click.Path(dir_okay=False), metavar="TỆP_MẪU")
@plan_option
def check_template(template, plan_file):
    """Kiểm tra mẫu báo cáo Word (thử tạo báo cáo với số liệu mẫu, báo thẻ hỏng hoặc biến lạ), mẫu bảng tổng hợp Excel hoặc tệp lời văn.

    Ví dụ: pcmd check-template templates/bao_cao.docx; pcmd check-template templates/tong_hop.xlsx;
    pcmd check-template templates/bao_cao_loi_van.toml
    """
    import tempfile

    if Path(template).suffix.lower() == ".toml":
        from . import wording
        try:
            problems = wording.check(template)
        except wording.WordingProblem as e:
            problems = [str(e)]
        if problems:
            _fail("\n".join(problems), 1)
        _console().print(msg.WORDING_OK.format(path=template))
        return

    if Path(template).suffix.lower() == ".xlsx":
        from .summary_template import check_and_describe
        problems, described = check_and_describe(template)
        if problems:
            _fail("\n".join(problems), 1)
        _console().print(described)
        return

    from .report_docx import TemplateProblem, check_template as check

    plan, _ = _load(plan_file, None)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            unknown = check(template, plan, Path(tmp) / "thu.docx")
    except TemplateProblem as e:
        _fail(str(e), 1)
    if unknown:
        _fail(msg.TEMPLATE_UNKNOWN_TAGS.format(path=template, names=", ".join(sorted(unknown))), 1)
    _console().print(msg.TEMPLATE_OK.format(path=template))


@main.command(context_settings=CONTEXT)
@period_option
@plan_option
@click.option("--out", "out_dir", default="inputs", type=click.Path(file_okay=False), metavar="THƯ_MỤC",
              help="Thư mục ghi các tệp mẫu. Mặc định: inputs")
@click.option("--seed", default=2024, metavar="SỐ", help="Số khởi tạo: cùng số cho cùng bộ tệp. Mặc định: 2024.")
@click.option("--force", is_flag=True, help="Vẫn ghi khi thư mục đã có tệp.")
def demo(period_code, plan_file, out_dir, seed, force):
    """Tạo bộ báo cáo mẫu như các đơn vị gửi về, để chạy thử và tập huấn.

    Có đủ các tình huống thường gặp: vài đơn vị chưa gửi, một đơn vị gửi muộn, một đơn vị
    gửi hai lần, một tệp bị hỏng, vài ô gõ số dạng chữ. Không ghi đè thư mục đã có tệp.

    Ví dụ: pcmd demo && pcmd consolidate
    """
    from .demo import make_demo
    from .intake import find_files

    plan, period = _load(plan_file, period_code)
    out = Path(out_dir)
    if out.exists() and find_files([out]) and not force:
        _console(stderr=True).print(msg.DEMO_NOT_EMPTY.format(path=out))
        return
    result = make_demo(plan, period, out, seed=seed)
    _console().print(msg.DEMO_DONE.format(n=len(result.files), path=out, missing=len(result.missing)))
    from datetime import timedelta

    from . import settings as settings_mod
    target = Path(settings_mod.FILE_NAME)
    if not target.exists():  # the sample report dated inside its reporting window, with a signer
        when = period.due + timedelta(days=4)
        while when.weekday() >= 5:  # a report is signed on a working day
            when -= timedelta(days=1)
        settings_mod.write_default(target, plan.report, plan.consolidator, report_date=when, signer_name=msg.DEMO_SIGNER)
        _console().print(msg.DEMO_SETTINGS.format(path=target))


@main.command(context_settings=CONTEXT)
@plan_option
def settings(plan_file):
    """Tạo (nếu chưa có) và xem tệp cài đặt của cơ quan: người ký, ký hiệu văn bản, nơi nhận thêm, ngày báo cáo.

    Tệp pcmd-cai-dat.toml nằm trong thư mục làm việc; mở bằng Notepad để sửa.

    Ví dụ: pcmd settings
    """
    from . import settings as settings_mod

    plan, _ = _load(plan_file, None)
    target = Path(settings_mod.FILE_NAME)
    if target.exists():
        try:
            settings_mod.load(target)
        except settings_mod.SettingsProblem as e:
            _fail(str(e))
        _console().print(msg.SETTINGS_EXISTS.format(path=target))
        _console().print(target.read_text(encoding="utf-8"), markup=False, highlight=False)
        return
    settings_mod.write_default(target, plan.report, plan.consolidator)
    _console().print(msg.SETTINGS_CREATED.format(path=target))


@main.command(context_settings=CONTEXT)
@input_argument
@period_option
@plan_option
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Coi hôm nay là ngày này. Mặc định: hôm nay.")
def status(input_dir, period_code, plan_file, as_of):
    """Xem nhanh tình hình nhận báo cáo: đơn vị đã gửi, chưa gửi, gửi muộn, tệp có lỗi, số ngày còn lại.

    Ví dụ: pcmd status inputs --period 2024-H1
    """
    from rich.table import Table

    from . import consolidation as cons_mod
    from .intake import read_folder
    from .report_check import unit_error_notes, unit_status_label, units_lines

    plan, period = _load(plan_file, period_code)
    source = Path(input_dir)
    if not source.exists():
        _fail(msg.CONSOLIDATE_INPUT_MISSING.format(path=source))
    intake = read_folder([source], plan, period)
    c = cons_mod.consolidate(plan, period, intake, as_of=_parse_date(as_of))
    from .api import output_names
    _verify_closed(output_names(period).folder, period)
    console = _console()
    table = Table(title=msg.STATUS_TITLE.format(period=period.name))
    for h in msg.STATUS_HEADERS:
        table.add_column(h)
    by_unit = intake.files_with_errors()
    for u in c.units:
        label = unit_status_label(u)
        style = {"submitted": "green", "missing": "red", "rejected": "red"}.get(u.status, "red")
        note = []
        if u.late:
            note.append(msg.LATE)
        if u.covers:  # built from monthly or quarterly reports: from how many, and which are missing
            note.append(msg.STATUS_BUILT.format(n=len(u.covers)))
        if u.gaps:
            note.append(msg.STATUS_GAPS.format(names=", ".join(plan.known_period(g).name for g in u.gaps)))
        errors = unit_error_notes(u, by_unit.get(u.unit.code, []))
        if errors:
            note += errors
            style = "yellow" if u.status == "submitted" else style
        table.add_row(u.unit.code, u.unit.name, label, u.file.path.name if u.file else "",
                      u.report_date.strftime("%d/%m/%Y") if u.report_date else "", ", ".join(note), style=style)
    console.print(table)
    lines = units_lines(c)
    console.print(lines[0], markup=False)
    console.print(msg.STATUS_FILES_LINE.format(files=len(intake.files), accepted=len(intake.accepted),
                                               rejected=len(intake.rejected), superseded=len(intake.superseded)))
    for line in lines[1:]:  # rejected files of units whose other file counts, of no known unit
        console.print(line, markup=False)
    days = c.days_left
    console.print(msg.STATUS_DAYS_LEFT.format(days=days, due=period.due.strftime("%d/%m/%Y")) if days >= 0
                  else msg.STATUS_OVERDUE.format(days=-days, due=period.due.strftime("%d/%m/%Y")))


def _print_consolidation(c, written):
    console = _console()
    if console.quiet:
        return  # rich would still lay the table out, only to drop it
    from rich.table import Table

    from .report_check import units_lines
    from .vnformat import number, percent

    lines = units_lines(c)  # the units line, then what it does not count
    console.print(lines[0], markup=False)
    errors = sum(p.is_error for p in c.problems)
    console.print(msg.CONSOLIDATE_FILES_LINE.format(
        files=len(c.intake.files), rejected=len(c.intake.rejected), superseded=len(c.intake.superseded),
        errors=errors, warnings=len(c.problems) - errors))
    for line in lines[1:]:  # rejected files of units whose other file counts, of no known unit
        console.print(line, markup=False)
    table = Table(title=msg.CONSOLIDATE_TABLE_TITLE.format(period=c.period.name))
    for h in msg.CONSOLIDATE_TABLE_HEADERS:
        table.add_column(h, max_width=48 if h == msg.CONSOLIDATE_TABLE_HEADERS[1] else None)
    for r in c.indicators:
        ind = r.indicator
        if ind.supplementary and r.actual is None:
            continue
        ratio_like = ind.kind in ("ratio", "yesno")
        actual = percent(r.actual) if ratio_like else number(r.actual)
        table.add_row(ind.id, ind.label, ind.target_text, actual, percent(r.percent_of_target),
                      r.status.label if r.status else "", r.coverage)
    console.print(table)
    if c.units_with("missing"):
        console.print(msg.MISSING_UNITS_LINE.format(names=", ".join(u.unit.name for u in c.units_with("missing"))))
    if c.late:
        console.print(msg.LATE_UNITS_LINE.format(names=", ".join(u.unit.name for u in c.late)))
    for path in written:
        console.print(msg.CONSOLIDATE_WROTE.format(path=path))


@main.command("check-plan", context_settings=CONTEXT)
@click.argument("plan_path", type=click.Path(dir_okay=False), metavar="TỆP_KẾ_HOẠCH.toml")
def check_plan(plan_path):
    """Kiểm tra một tệp kế hoạch và in những gì tệp chứa: đơn vị, chỉ tiêu, điểm phức tạp, kỳ báo cáo.

    Mục gõ sai, sai kiểu, thiếu mục bắt buộc đều được báo kèm số dòng. Định dạng: docs/KE_HOACH.md

    Ví dụ: pcmd check-plan pcmd_reports/plans/ha-noi-2024.toml
    """
    from .plan import PlanError, load_plan
    try:
        plan = load_plan(plan_path)
    except PlanError as e:
        _fail(str(e), 1)
    console = _console()
    levels: dict[str, int] = {}
    for u in plan.units:
        levels[u.level] = levels.get(u.level, 0) + 1
    console.print(msg.CHECK_PLAN_OK.format(path=plan_path, title=plan.title))
    console.print(msg.CHECK_PLAN_UNITS.format(n=len(plan.units), communes=len(plan.communes),
                                              levels="; ".join(f"{lv.name if (lv := plan.level(k)) else k}: {v}"
                                                               for k, v in levels.items())))
    console.print(msg.CHECK_PLAN_INDICATORS.format(n=len(plan.indicators),
                                                   targeted=sum(1 for i in plan.indicators if i.target is not None)))
    console.print(msg.CHECK_PLAN_HOTSPOTS.format(n=len(plan.hotspots)))
    console.print(msg.CHECK_PLAN_TASKS.format(n=sum(len(s.tasks) for s in plan.sections), sections=len(plan.sections)))
    console.print(msg.CHECK_PLAN_PERIODS.format(n=len(plan.periods), codes=", ".join(p.code for p in plan.periods)))


@main.command(context_settings=CONTEXT)
@plan_option
@click.option("--under", "parent_code", metavar="MÃ", help="In các đơn vị báo cáo cho đơn vị có mã này.")
def units(plan_file, parent_code):
    """Liệt kê các đơn vị của kế hoạch: mã, tên, cấp, kỳ phải báo cáo.

    Ví dụ: pcmd units      hoặc      pcmd units --under 020
    """
    from rich.table import Table

    plan, _ = _load(plan_file, None)
    rows = plan.units
    if parent_code:
        rows = plan.communes_of(_parent(plan, parent_code).code)
    table = Table(title=msg.UNITS_TITLE.format(title=plan.title))
    for h in msg.UNITS_HEADERS:
        table.add_column(h, overflow="fold")
    for u in rows:
        periods = (", ".join(p.code for p in plan.periods if u in plan.expected_units(p)) if not u.sub
                   else msg.UNITS_REPORTS_TO.format(parent=plan.known_unit(u.district).display))
        level = plan.level(u.level)
        table.add_row(u.code, u.display, level.name[:1].upper() + level.name[1:] if level else u.level, periods)
    _console().print(table)


if __name__ == "__main__":  # pragma: no cover
    main()
