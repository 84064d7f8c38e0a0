"""The report's one chart: each numbered indicator's result as a share of its annual target,
with the pace line of the period, drawn as a PNG picture for the Word report.

Only ASCII is drawn (indicator numbers, percentages), so any font renders it; the title and
the legend are the report's own text, under the picture.
"""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from .vnformat import percent

FONTS = [
    "C:/Windows/Fonts/times.ttf", "C:/Windows/Fonts/arial.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Times New Roman.ttf", "/System/Library/Fonts/Supplemental/Times New Roman.ttf",
]
GOOD, SHORT, UNSURE = (46, 94, 152), (214, 120, 40), (160, 160, 160)
W, H = 1800, 760
LEFT, RIGHT, TOP, BOTTOM = 110, 30, 40, 90


def _font(size: int):
    from PIL import ImageFont

    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def progress_png(bars: list[tuple[str, float, str]], pace: float | None) -> bytes:
    """bars: (indicator number, % of annual target, 'good' | 'short' | 'unsure'); pace in % or None."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    small, label = _font(24), _font(26)
    top = max([100.0] + [b[1] for b in bars])
    top = (int(top) // 20 + 1) * 20
    plot_h = H - TOP - BOTTOM

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    for v in range(0, top + 1, 20):  # grid and axis labels
        d.line([(LEFT, y(v)), (W - RIGHT, y(v))], fill=(225, 225, 225), width=2)
        text = f"{v}%"
        d.text((LEFT - 12 - d.textlength(text, font=small), y(v) - 13), text, fill="black", font=small)
    d.line([(LEFT, TOP), (LEFT, H - BOTTOM)], fill="black", width=2)
    d.line([(LEFT, H - BOTTOM), (W - RIGHT, H - BOTTOM)], fill="black", width=2)
    slot = (W - LEFT - RIGHT) / max(len(bars), 1)
    width = slot * 0.62
    colours = {"good": GOOD, "short": SHORT, "unsure": UNSURE}
    for k, (name, value, kind) in enumerate(bars):
        x0 = LEFT + slot * k + (slot - width) / 2
        d.rectangle([x0, y(min(value, top)), x0 + width, H - BOTTOM], fill=colours[kind])
        shown = percent(value, 0)
        d.text((x0 + width / 2 - d.textlength(shown, font=small) / 2, y(min(value, top)) - 30), shown,
               fill="black", font=small)
        d.text((x0 + width / 2 - d.textlength(name, font=label) / 2, H - BOTTOM + 12), name, fill="black", font=label)
    d.line([(LEFT, y(100)), (W - RIGHT, y(100))], fill="black", width=3)  # the annual target
    if pace is not None:  # the pace of the period, dashed
        x, end = LEFT, W - RIGHT
        while x < end:
            d.line([(x, y(pace)), (min(x + 22, end), y(pace))], fill=(200, 30, 30), width=4)
            x += 36
    out = BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()
