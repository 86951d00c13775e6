"""Charts as the pages draw them: well-formed SVG named by its title and description, no
inline styles, the same numbers as the table beside it, and people's text kept as text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from flask import Flask
from report_script import play_known_session
from support.admin import Auth
from support.clock import FakeClock

from kletsborden.reports.charts import BAR_ROOM, bar_chart
from kletsborden.rooms import RoomService

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<img src=x onerror="alert(1)">&amp;"\''


def figures(page: str) -> list[ET.Element]:
    """Every chart's <figure> on the page, parsed as XML (so each must be well-formed)."""
    found = re.findall(r'<figure class="chart".*?</figure>', page, re.S)
    assert found, "no charts on the page"
    return [ET.fromstring(figure) for figure in found]


def check_chart(figure: ET.Element) -> dict[str, int]:
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == figure.find("figcaption").text
    for element in svg.iter():
        assert element.get("style") is None, "the CSP allows no inline styles"
        assert element.tag != f"{SVG}style"
    drawn = {
        group.get("class").split()[1].removeprefix("bar-"): int(
            group.find(f"{SVG}text[@class='bar-value']").text
        )
        for group in svg.iter(f"{SVG}g")
    }
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "bar-label"]
    described = "; ".join(f"{label}: {drawn[k]}" for label, k in zip(labels, drawn, strict=True))
    assert desc.text == described + "."
    tabled = {
        cell.get("data-key"): int(cell.text) for cell in figure.iter("td") if cell.get("data-key")
    }
    assert tabled == drawn, "the table gives the same numbers as the chart"
    return drawn


def test_every_chart_matches_its_table(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    auth.login("fenna")
    for url in ("/admin/reports/sessions/1", "/admin/reports"):
        charts = {
            f.get("id"): check_chart(f)
            for f in figures(auth.client.get(url).get_data(as_text=True))
        }
        prefix = "session" if "sessions" in url else "all"
        assert charts[f"{prefix}-cards"] == {"horen": 2, "zien": 3, "voelen": 0}
        assert charts[f"{prefix}-outcomes"] == {
            "answered": 3,
            "passed": 1,
            "skipped": 0,
            "set_aside": 1,
        }
        assert charts[f"{prefix}-reflection-learned_something"] == {
            "agree": 1,
            "neutral": 0,
            "disagree": 1,
        }
        assert len(charts) == 5


def test_bars_are_as_long_as_their_share_of_the_largest() -> None:
    chart = bar_chart(
        "c",
        "Titel",
        [("a", "A", 4), ("b", "B", 1), ("c", "C", 0)],
        label_heading="x",
        value_heading="y",
    )
    assert [bar.length for bar in chart.bars] == [BAR_ROOM, BAR_ROOM / 4, 0]
    assert chart.description == "A: 4; B: 1; C: 0."
    empty = bar_chart("e", "Leeg", [("a", "A", 0)], label_heading="x", value_heading="y")
    assert [bar.length for bar in empty.bars] == [0]


def test_text_in_a_chart_stays_text(app: Flask) -> None:
    chart = bar_chart(
        "hostile", HOSTILE, [("horen", HOSTILE, 2)], label_heading=HOSTILE, value_heading="n"
    )
    with app.test_request_context("/admin/reports"):
        from flask import g, render_template_string

        g.lang = "nl"
        html = render_template_string(
            '{% from "admin/reports_macros.html" import bar_chart with context %}'
            "{{ bar_chart(chart) }}",
            chart=chart,
        )
    assert "<img" not in html
    (figure,) = figures(html)
    svg = figure.find(f"{SVG}svg")
    assert svg.find(f"{SVG}title").text == HOSTILE
    assert next(t.text for t in svg.iter(f"{SVG}text")) == HOSTILE
