"""Per-card figures across sessions for admins: counts only, small sessions left out, and
figures saved before per-card counts existed still read."""

from __future__ import annotations

import re

from flask import Flask
from report_script import play_known_session, play_small_session
from support.admin import Auth
from support.clock import FakeClock

from kletsborden.engine import decode, encode
from kletsborden.engine.summary import SessionFigures
from kletsborden.rooms import RoomService


def cells(page: str) -> list[list[int]]:
    body = page.split('class="report-table card-figures"', 1)[1].split("<tbody>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("</tbody>", 1)[0], re.S)
    return [[int(n) for n in re.findall(r"<td>(\d+)</td>", row)] for row in rows]


def test_admins_see_per_card_figures_over_sessions(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    play_small_session(rooms, clock, facilitator_id=ids["gijs"], label="Zuid")
    auth.login("anna")
    overview = auth.client.get("/admin/reports").get_data(as_text=True)
    assert 'href="/admin/reports/cards"' in overview
    page = auth.client.get("/admin/reports/cards").get_data(as_text=True)
    assert "Geteld over 1 sessie." in page
    assert "Niet geteld: 1 sessie met minder dan 3 spelers" in page
    rows = cells(page)
    drawn, passed, replaced, topic, sessions = (sum(column) for column in zip(*rows, strict=True))
    assert (drawn, passed, replaced, topic) == (5, 1, 1, 1)
    assert all(row[4] == 1 for row in rows), "each card was in the one counted session"
    assert re.search(r'href="/admin/editions/kletsborden/cards/(horen|zien)-\d+"', page)
    assert drawn >= sessions


def test_facilitators_do_not_see_per_card_figures(auth: Auth) -> None:
    auth.login("fenna")
    assert auth.client.get("/admin/reports/cards").status_code == 403
    assert 'href="/admin/reports/cards"' not in auth.client.get("/admin/reports").get_data(
        as_text=True
    )


def test_figures_saved_before_per_card_counts_still_read() -> None:
    figures = SessionFigures(None, None, False, 0, 0, (), 0, 0, 0, 0, 0, 0, ())
    stored = encode(figures)
    del stored["per_card"]
    assert decode(SessionFigures, stored) == figures
