"""The sense icons for paper: the same drawings as the site's (templates/macros.html), as lines.

The icons are kept as the SVG path data the site uses (a test checks they stay the same) and
turned into absolute moves, lines and Bézier curves here, so the PDF can draw them at any size
without an SVG library.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

VIEWBOX = 48.0  # the icons are drawn on a 48 x 48 square, y downwards
STROKE_WIDTH = 3.5

Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    """One path of an icon: ``segments`` as ("M", p) / ("L", p) / ("C", p1, p2, p) / ("Z",)."""

    segments: tuple[tuple, ...]
    filled: bool = False


# sense -> [(SVG path data, filled)], exactly as in templates/macros.html
ICON_PATHS: dict[str, list[tuple[str, bool]]] = {
    "horen": [
        ("M30 40c-4 0-5-4-7-7s-7-6-7-14a12 12 0 0 1 24 0c0 5-3 7-5 9s-2 4-2 6", False),
        ("M22 19a6 6 0 0 1 12 0c0 3-3 4-4 6", False),
    ],
    "zien": [
        ("M4 24c6-9 13-13 20-13s14 4 20 13c-6 9-13 13-20 13S10 33 4 24z", False),
        # <circle cx="24" cy="24" r="6.5" fill="currentColor"/>
        ("M17.5 24a6.5 6.5 0 1 0 13 0a6.5 6.5 0 1 0-13 0z", True),
    ],
    "voelen": [
        (
            "M15 42V21a3 3 0 0 1 6 0v-11a3 3 0 0 1 6 0v11-8a3 3 0 0 1 6 0v10-5a3 3 0 0 1 6 0v14"
            "c0 6-4 10-10 10H22c-3 0-5-2-7-4z",
            False,
        ),
        ("M15 30l-4-5a3 3 0 0 0-5 3l7 10", False),
    ],
}

_TOKEN = re.compile(r"[MmLlHhVvCcSsAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGUMENTS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "A": 7, "Z": 0}


def icon(sense: str) -> list[Shape]:
    """The shapes of a sense's icon, in the 48 x 48 box (y downwards)."""
    return [Shape(tuple(parse_path(d)), filled) for d, filled in ICON_PATHS[sense]]


def parse_path(data: str) -> list[tuple]:
    """SVG path data (M L H V C S A Z, absolute and relative) as absolute segments."""
    tokens = _TOKEN.findall(data)
    segments: list[tuple] = []
    current: Point = (0.0, 0.0)
    start: Point = (0.0, 0.0)
    control: Point | None = None  # the last curve's second control point, for S
    index, command = 0, ""
    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
        letter, relative = command.upper(), command.islower()
        count = _ARGUMENTS[letter]
        values = [float(t) for t in tokens[index : index + count]]
        index += count
        if len(values) < count:
            raise ValueError(f"path data ends inside a {command!r} command")
        base = current if relative else (0.0, 0.0)
        if letter == "Z":
            segments.append(("Z",))
            current, control = start, None
            continue
        if letter == "M":
            current = start = (base[0] + values[0], base[1] + values[1])
            segments.append(("M", current))
            command = "l" if relative else "L"  # further pairs after a move are lines
            control = None
        elif letter in "LHV":
            x = values[0] + base[0] if letter in "LH" else current[0]
            y = values[-1] + base[1] if letter in "LV" else current[1]
            current = (x, y)
            segments.append(("L", current))
            control = None
        elif letter in "CS":
            points = [(base[0] + values[i], base[1] + values[i + 1]) for i in range(0, count, 2)]
            if letter == "S":
                mirrored = control or current  # the last control point, reflected
                points.insert(0, (2 * current[0] - mirrored[0], 2 * current[1] - mirrored[1]))
            segments.append(("C", *points))
            control, current = points[1], points[2]
        else:  # A
            end = (base[0] + values[5], base[1] + values[6])
            segments.extend(_arc(current, end, *values[:5]))
            current, control = end, None
    return segments


def _arc(
    start: Point, end: Point, rx: float, ry: float, rotation: float, large: float, sweep: float
) -> list[tuple]:
    """An elliptical arc as cubic Bézier curves (SVG's endpoint form, implementation notes F.6)."""
    if start == end:
        return []
    if rx == 0 or ry == 0:
        return [("L", end)]
    rx, ry = abs(rx), abs(ry)
    phi = math.radians(rotation)
    cos_phi, sin_phi = math.cos(phi), math.sin(phi)
    dx, dy = (start[0] - end[0]) / 2, (start[1] - end[1]) / 2
    x1 = cos_phi * dx + sin_phi * dy
    y1 = -sin_phi * dx + cos_phi * dy
    scale = (x1 / rx) ** 2 + (y1 / ry) ** 2
    if scale > 1:  # radii too small for the two ends: grow them just enough
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    numerator = rx**2 * ry**2 - rx**2 * y1**2 - ry**2 * x1**2
    factor = math.sqrt(max(0.0, numerator / (rx**2 * y1**2 + ry**2 * x1**2)))
    if bool(large) == bool(sweep):
        factor = -factor
    cx1, cy1 = factor * rx * y1 / ry, -factor * ry * x1 / rx
    cx = cos_phi * cx1 - sin_phi * cy1 + (start[0] + end[0]) / 2
    cy = sin_phi * cx1 + cos_phi * cy1 + (start[1] + end[1]) / 2
    theta = math.atan2((y1 - cy1) / ry, (x1 - cx1) / rx)
    finish = math.atan2((-y1 - cy1) / ry, (-x1 - cx1) / rx)
    delta = finish - theta
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    pieces = max(1, math.ceil(abs(delta) / (math.pi / 2) - 1e-9))
    step = delta / pieces
    handle = 4 / 3 * math.tan(step / 4)

    def point(angle: float) -> Point:
        x, y = rx * math.cos(angle), ry * math.sin(angle)
        return (cx + cos_phi * x - sin_phi * y, cy + sin_phi * x + cos_phi * y)

    def tangent(angle: float) -> Point:
        x, y = -rx * math.sin(angle), ry * math.cos(angle)
        return (cos_phi * x - sin_phi * y, sin_phi * x + cos_phi * y)

    curves = []
    for i in range(pieces):
        a, b = theta + i * step, theta + (i + 1) * step
        p0, p3 = point(a), point(b)
        t0, t3 = tangent(a), tangent(b)
        p1 = (p0[0] + handle * t0[0], p0[1] + handle * t0[1])
        p2 = (p3[0] - handle * t3[0], p3[1] - handle * t3[1])
        curves.append(("C", p1, p2, end if i == pieces - 1 else p3))
    return curves
