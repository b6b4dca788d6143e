"""Server-side SVG charts for the report: hand-written markup, no browser, no plotting library.

WeasyPrint draws inline SVG itself, so the PDF needs nothing but these strings; the HTML report
embeds the same strings. Every chart takes plain numbers and labels already in the report's
language, and says "missing" in words where a value is absent instead of drawing a zero.

>>> svg = bar_chart([("滨江区", 12.5), ("淳安县", None)], unit="亿元", missing="缺失")
>>> svg.startswith("<svg") and "缺失" in svg and "12.5" in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "Noto Sans CJK SC, Noto Sans CJK, sans-serif"
INK, GRID, MUTED = "#1f2933", "#d9dee4", "#6b7785"
PALETTE = ("#1d5fa7", "#d9822b", "#2f8f5b", "#a83279", "#6b4fbb", "#8a6d1e")
# Sequential blues, light to dark, for the choropleth's five classes.
BLUES = ("#dbe9f6", "#a9cce8", "#6aaed6", "#2f7fc1", "#0b4f94")
MISSING_FILL = "#eeeeee"


def _open(width: float, height: float, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" role="img" aria-label="{escape(label)}" '
        f'font-family="{FONT}" font-size="11" fill="{INK}">'
    )


def _text(x: float, y: float, body: str, **attrs: object) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(body)}</text>'


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten).

    >>> nice_ticks(0, 7000)
    [0, 2000, 4000, 6000, 8000]
    """
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def number(value: float | None, digits: int = 1, missing: str = "—") -> str:
    """A figure as printed in the report: thousands separated, fixed decimals."""
    if value is None or value != value:
        return missing
    return f"{value:,.{digits}f}"


# ---- line chart with a target path -----------------------------------------------------------


@dataclass(frozen=True)
class LineSeries:
    label: str
    points: tuple[tuple[int, float], ...]  # (year, value)
    dashed: bool = False  # the plan's path is dashed; actuals are solid


def line_chart(
    series: Sequence[LineSeries], *, unit: str, title: str = "", width: int = 640, height: int = 280
) -> str:
    """Years on x, values on y; dashed series for paths, solid ones with dots for actuals."""
    points = [p for s in series for p in s.points]
    if not points:
        return ""
    left, right, top, bottom = 64, 16, 36, 34
    years = sorted({year for year, _ in points})
    low = min(0.0, min(v for _, v in points))
    ticks = nice_ticks(low, max(v for _, v in points))
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(years[-1] - years[0], 1)

    def x(year: float) -> float:
        return left + (year - years[0]) / span * plot_w

    def y(value: float) -> float:
        return top + plot_h - (value - ticks[0]) / (ticks[-1] - ticks[0]) * plot_h

    out = [_open(width, height, title or unit)]
    for tick in ticks:
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" '
                   f'y2="{y(tick):.1f}" stroke="{GRID}"/>')  # fmt: skip
        out.append(_text(left - 6, y(tick) + 4, f"{tick:,.10g}", text_anchor="end", fill=MUTED))
    for year in years:
        out.append(_text(x(year), height - bottom + 16, str(year), text_anchor="middle"))
    out.append(_text(8, top - 14, unit, fill=MUTED))
    legend_x = left + 40.0
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in sorted(s.points))
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                   f'stroke-width="2"{dash}/>')  # fmt: skip
        if not s.dashed:
            for yr, v in s.points:
                out.append(f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}"/>')
        out.append(f'<line x1="{legend_x}" x2="{legend_x + 22}" y1="{top - 18}" '
                   f'y2="{top - 18}" stroke="{colour}" stroke-width="2"{dash}/>')  # fmt: skip
        out.append(_text(legend_x + 27, top - 14, s.label))
        legend_x += 40 + 11 * _width_em(s.label)
    out.append("</svg>")
    return "".join(out)


def _width_em(label: str) -> float:
    """Approximate width of a label in ems: CJK characters are one em, Latin ones about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in label)


# ---- bars -------------------------------------------------------------------------------------


def bar_chart(
    items: Sequence[tuple[str, float | None]],
    *,
    unit: str,
    missing: str,
    digits: int = 1,
    width: int = 640,
    title: str = "",
) -> str:
    """Horizontal bars, one row per item, the value printed at the bar's end."""
    if not items:
        return ""
    label_w = 12 + 11 * max(_width_em(label) for label, _ in items)
    row_h, top = 20, 24
    height = top + row_h * len(items) + 8
    values = [v for _, v in items if v is not None]
    high = max([*values, 0.0]) or 1.0
    low = min([*values, 0.0])
    plot_w = width - label_w - 70
    scale = plot_w / (high - low) if high > low else 0.0
    zero = label_w + (-low) * scale
    out = [_open(width, height, title or unit), _text(label_w, 14, unit, fill=MUTED)]
    for index, (label, value) in enumerate(items):
        y = top + index * row_h
        out.append(_text(label_w - 6, y + 13, label, text_anchor="end"))
        if value is None:
            out.append(_text(zero + 4, y + 13, missing, fill=MUTED))
            continue
        start, end = sorted((zero, zero + value * scale))
        out.append(f'<rect x="{start:.1f}" y="{y + 3}" width="{max(end - start, 0.5):.1f}" '
                   f'height="{row_h - 6}" fill="{PALETTE[0]}"/>')  # fmt: skip
        out.append(_text(end + 4, y + 13, number(value, digits)))
    out.append(f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top}" y2="{height - 6}" '
               f'stroke="{MUTED}"/>')  # fmt: skip
    out.append("</svg>")
    return "".join(out)


# ---- rank bands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RankBand:
    label: str
    rank: int  # under the published method
    median_rank: float  # over the Monte Carlo runs
    low: int  # rank interval, best end
    high: int  # rank interval, worst end


def rank_bands(
    bands: Sequence[RankBand], *, legend: tuple[str, str, str], width: int = 640, title: str = ""
) -> str:
    """One row per unit in rank order: the interval as a band, the median as a ring and the
    published rank as a dot, on an axis from 1 (best) to the number of units."""
    if not bands:
        return ""
    count = len(bands)
    label_w = 12 + 11 * max(_width_em(b.label) for b in bands)
    row_h, top = 20, 40
    height = top + row_h * count + 10
    plot_w = width - label_w - 20

    def x(rank: float) -> float:
        return label_w + (rank - 1) / max(count - 1, 1) * plot_w

    out = [_open(width, height, title or legend[0])]
    for rank in range(1, count + 1):
        out.append(f'<line x1="{x(rank):.1f}" x2="{x(rank):.1f}" y1="{top - 6}" '
                   f'y2="{height - 8}" stroke="{GRID}"/>')  # fmt: skip
        out.append(_text(x(rank), top - 10, str(rank), text_anchor="middle", fill=MUTED))
    band_label, median_label, rank_label = legend
    out.append(f'<rect x="{label_w}" y="6" width="22" height="8" fill="#a9cce8"/>')
    out.append(_text(label_w + 27, 14, band_label))
    offset = label_w + 40 + 11 * _width_em(band_label)
    out.append(f'<circle cx="{offset:.1f}" cy="10" r="4" fill="#ffffff" stroke="{PALETTE[0]}" '
               f'stroke-width="2"/>')  # fmt: skip
    out.append(_text(offset + 8, 14, median_label))
    offset += 26 + 11 * _width_em(median_label)
    out.append(f'<circle cx="{offset:.1f}" cy="10" r="3" fill="{PALETTE[1]}"/>')
    out.append(_text(offset + 8, 14, rank_label))
    for index, band in enumerate(sorted(bands, key=lambda b: b.rank)):
        y = top + index * row_h
        out.append(_text(label_w - 6, y + 13, band.label, text_anchor="end"))
        left, right = x(band.low), x(band.high)
        out.append(f'<rect x="{left - 4:.1f}" y="{y + 5}" width="{right - left + 8:.1f}" '
                   f'height="10" rx="5" fill="#a9cce8"/>')  # fmt: skip
        out.append(f'<circle cx="{x(band.median_rank):.1f}" cy="{y + 10}" r="4.5" fill="#ffffff" '
                   f'stroke="{PALETTE[0]}" stroke-width="2"/>')  # fmt: skip
        out.append(f'<circle cx="{x(band.rank):.1f}" cy="{y + 10}" r="3" fill="{PALETTE[1]}"/>')
    out.append("</svg>")
    return "".join(out)


LABEL_WIDTH_EM = 10.0  # radar axis labels wrap at this width


def wrap(label: str, width_em: float) -> list[str]:
    """Break a label into lines of at most ``width_em`` ems: between words for Latin text,
    between any two characters for Chinese.

    >>> wrap("Digital economy (broad), % of GDP", 10)
    ['Digital economy', '(broad), % of GDP']
    >>> wrap("数字经济核心产业增加值占GDP比重", 8)
    ['数字经济核心产业', '增加值占GDP比重']
    """
    pieces = label.split(" ") if " " in label else list(label)
    joiner = " " if " " in label else ""
    lines: list[str] = []
    for piece in pieces:
        candidate = f"{lines[-1]}{joiner}{piece}" if lines else piece
        if lines and _width_em(candidate) <= width_em:
            lines[-1] = candidate
        else:
            lines.append(piece)
    return lines


# ---- radar ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RadarSeries:
    label: str
    values: tuple[float | None, ...]  # one per axis, scaled to 0–1; None = missing


def radar(
    axes: Sequence[str],
    series: Sequence[RadarSeries],
    *,
    missing_note: str,
    width: int = 640,
    height: int = 420,
    title: str = "",
) -> str:
    """Values scaled to 0–1 on each axis. Missing values get no point, and a series' outline
    only joins neighbouring axes that both have a value, so a gap never looks like a zero."""
    if not axes or not series:
        return ""
    cx, cy = width / 2 - 60, height / 2 + 8
    radius = min(cx, cy) - 70

    def at(axis: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / len(axes)
        return cx + math.cos(angle) * radius * value, cy + math.sin(angle) * radius * value

    out = [_open(width, height, title or missing_note)]
    for ring in (0.25, 0.5, 0.75, 1.0):
        ring_points = " ".join(
            f"{px:.1f},{py:.1f}" for px, py in (at(i, ring) for i in range(len(axes)))
        )
        out.append(f'<polygon points="{ring_points}" fill="none" stroke="{GRID}"/>')
    for index, label in enumerate(axes):
        ex, ey = at(index, 1.0)
        lx, ly = at(index, 1.12)
        out.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" '
                   f'stroke="{GRID}"/>')  # fmt: skip
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        lines = wrap(label, LABEL_WIDTH_EM)
        top = ly + 4 - (len(lines) - 1) * 6 if abs(lx - cx) >= 10 else ly + 4
        if ly < cy and abs(lx - cx) < 10:
            top = ly + 4 - (len(lines) - 1) * 12  # above the chart: grow upwards
        for number_, line in enumerate(lines):
            out.append(_text(lx, top + number_ * 12, line, text_anchor=anchor, font_size="10"))
    for number_, s in enumerate(series):
        colour = PALETTE[number_ % len(PALETTE)]
        n = len(axes)
        for i in range(n):
            a, b = s.values[i], s.values[(i + 1) % n]
            if a is None or b is None:
                continue
            (x0, y0), (x1, y1) = at(i, a), at((i + 1) % n, b)
            out.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" '
                       f'stroke="{colour}" stroke-width="2"/>')  # fmt: skip
        for i, value in enumerate(s.values):
            if value is not None:
                px, py = at(i, value)
                out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>')
        ly = 30 + number_ * 18
        out.append(f'<rect x="{width - 120}" y="{ly - 9}" width="12" height="12" fill="{colour}"/>')
        out.append(_text(width - 102, ly + 1, s.label))
    out.append(_text(8, height - 8, missing_note, fill=MUTED, font_size="9"))
    out.append("</svg>")
    return "".join(out)
