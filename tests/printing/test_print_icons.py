"""The icons on paper are the site's icons, and the path reader draws what SVG draws."""

from __future__ import annotations

import math
import re

import pytest

from kletsborden.config import SENSES
from kletsborden.paths import PACKAGE_DIR, resource_dir
from kletsborden.printing.icons import ICON_PATHS, icon, parse_path
from kletsborden.printing.pdf import MUTED_COLOUR, SENSE_COLOURS, TEXT_COLOUR

MACROS = (PACKAGE_DIR / "templates" / "macros.html").read_text(encoding="utf-8")


def _site_icon(sense: str) -> str:
    """The SVG markup the site draws for ``sense`` (the branches of the sense_icon macro)."""
    macro = MACROS.split("{% macro sense_icon(sense) -%}", 1)[1].split("{%- endmacro %}", 1)[0]
    branches = re.split(r"{%-? (?:if|elif) sense == \"(\w+)\" %}|{%-? else %}", macro)
    found = dict(zip(branches[1::2], branches[2::2], strict=False))
    if sense in found:
        return found[sense]
    return branches[-1].split("{%- endif %}")[0]  # the else branch: voelen


@pytest.mark.parametrize("sense", SENSES)
def test_the_paths_are_the_sites_paths(sense: str) -> None:
    site = _site_icon(sense)
    site_paths = re.findall(r'<path d="([^"]+)"', site)
    ours = [d for d, filled in ICON_PATHS[sense] if not filled]
    assert site_paths and ours == site_paths
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', site)
    filled = [d for d, filled in ICON_PATHS[sense] if filled]
    assert len(circles) == len(filled)
    for (cx, cy, r), d in zip(circles, filled, strict=True):
        points = [p for segment in parse_path(d) for p in segment[1:]]
        on_curve = [s[-1] for s in parse_path(d) if s[0] in "MC"]
        for x, y in on_curve:
            assert math.hypot(x - float(cx), y - float(cy)) == pytest.approx(float(r))
        assert min(x for x, _ in points) == pytest.approx(float(cx) - float(r))


def test_the_colours_are_the_sites_colours() -> None:
    css = (resource_dir("static") / "css" / "base.css").read_text(encoding="utf-8")
    root = css.split("}")[0]  # the light theme, the one that prints
    for sense, colour in SENSE_COLOURS.items():
        assert f"--{sense}: {colour};" in root
    assert f"--text: {TEXT_COLOUR};" in root
    assert f"--muted: {MUTED_COLOUR};" in root


def test_relative_and_absolute_commands() -> None:
    assert parse_path("M1 2l3 4H10v-2h1V0L5 5z") == [
        ("M", (1.0, 2.0)),
        ("L", (4.0, 6.0)),
        ("L", (10.0, 6.0)),
        ("L", (10.0, 4.0)),
        ("L", (11.0, 4.0)),
        ("L", (11.0, 0.0)),
        ("L", (5.0, 5.0)),
        ("Z",),
    ]


def test_more_pairs_after_a_move_are_lines_and_s_mirrors_the_control_point() -> None:
    assert parse_path("m1 1 2 0")[1] == ("L", (3.0, 1.0))
    curve, smooth = parse_path("M0 0C0 10 10 10 10 0S20-10 20 0")[1:]
    assert curve == ("C", (0.0, 10.0), (10.0, 10.0), (10.0, 0.0))
    assert smooth == ("C", (10.0, -10.0), (20.0, -10.0), (20.0, 0.0))


def test_a_half_circle_arc_goes_the_way_sweep_says() -> None:
    # From (16, 19) to (40, 19) with radius 12, sweep 1: over the top (y downwards), as the ear.
    segments = parse_path("M16 19a12 12 0 0 1 24 0")
    assert segments[-1][-1] == pytest.approx((40.0, 19.0))
    for segment in segments[1:]:
        x, y = segment[-1]
        assert math.hypot(x - 28, y - 19) == pytest.approx(12)
        assert y <= 19 + 1e-9
    assert min(p[1] for s in segments[1:] for p in s[1:]) < 8, "reaches up near y = 7"
    below = parse_path("M16 19a12 12 0 0 0 24 0")
    assert all(s[-1][1] >= 19 - 1e-9 for s in below[1:])


def test_every_icon_is_drawn_inside_its_box() -> None:
    for sense in SENSES:
        shapes = icon(sense)
        assert shapes
        points = [p for shape in shapes for s in shape.segments for p in s[1:]]
        assert all(0 <= x <= 48 and 0 <= y <= 48 for x, y in points), sense


def test_broken_path_data_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_path("M1 2 C3")
