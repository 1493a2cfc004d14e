"""The systems map at print size: the box the report's stylesheet gives it, the size its texts come out at,
and a map drawn with texts large enough to read (at least `MIN_PT` points on paper)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from exports.systems_map import render

CSS = Path(__file__).with_name("templates") / "report.css"
MIN_PT = 7.0  # the smallest text on a printed map, in points
TEXT_SIZES = (12, 13, 14, 15, 16)  # sizes a map is drawn with, in turn, until its print is readable
MM = 72 / 25.4


def printed_box(css: str | None = None) -> tuple[float, float]:
    """Width and greatest height (points) of a map in the report, from the `figure.map svg` rule."""
    text = CSS.read_text(encoding="utf-8") if css is None else css
    rule = re.search(r"figure\.map svg\s*\{([^}]*)\}", text)
    if rule is None:
        raise ValueError(f"{CSS.name}: no rule for figure.map svg")
    size = {k: float(v) * MM for k, v in re.findall(r"(?<![-\w])(width|max-height):\s*([\d.]+)mm", rule.group(1))}
    return size["width"], size["max-height"]


def print_scale(svg: str, box: tuple[float, float]) -> float:
    """How much the SVG is scaled to fit the box (its viewBox shown whole, aspect kept)."""
    _, _, w, h = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    return min(box[0] / w, box[1] / h)


def text_sizes(svg: str) -> list[float]:
    """The font size of every text of the SVG, in SVG units."""
    return [float(v) for v in re.findall(r'<text[^>]*font-size="([\d.]+)"', svg)]


def smallest_printed_pt(svg: str, box: tuple[float, float] | None = None) -> float:
    """The smallest text of the map on paper, in points."""
    return min(text_sizes(svg)) * print_scale(svg, box or printed_box())


def readable(dot_for: Callable[[float], str], box: tuple[float, float] | None = None) -> tuple[str, str]:
    """The map's DOT and SVG drawn with the smallest text size (of TEXT_SIZES) whose print is at least
    MIN_PT (or with the largest, if none is)."""
    box = box or printed_box()
    for size in TEXT_SIZES:
        dot = dot_for(size)
        svg = render(dot, "svg").decode("utf-8")
        if smallest_printed_pt(svg, box) >= MIN_PT:
            break
    return dot, svg


def readable_svg(dot_for: Callable[[float], str], box: tuple[float, float] | None = None) -> str:
    """The SVG of `readable`."""
    return readable(dot_for, box)[1]
