"""Reports count sessions per language: in how many sessions a language was read at the table,
and by how many players, on the page, in the CSV and in the PDF."""

from __future__ import annotations

import csv
import io
from html import unescape

from flask import Flask
from printing.poppler import flat, page_texts
from report_script import _mover
from support.admin import Auth
from support.clock import FakeClock
from test_report_figures import LATER, figures, record

from kletsborden.engine import Settings
from kletsborden.engine import actions as a
from kletsborden.engine.summary import LanguageCount
from kletsborden.reports.figures import LanguageFigure, add_up
from kletsborden.rooms import RoomService, SessionInfo


def test_sessions_and_players_add_up_per_language() -> None:
    mixed = figures(players=3, languages=(LanguageCount("ar", 1), LanguageCount("nl", 2)))
    dutch = figures(players=2, languages=(LanguageCount("nl", 2),))
    older = figures(players=4)  # recorded before seats had a language: the room's counts
    totals = add_up([record(mixed), record(dutch, id=2), record(older, id=3, language="en")], LATER)
    assert totals.languages == (
        LanguageFigure("en", 1, 4),
        LanguageFigure("nl", 2, 4),
        LanguageFigure("ar", 1, 1),
    )


def _multilingual_session(rooms: RoomService, clock: FakeClock, facilitator_id: int) -> None:
    """Fien hosts in Dutch; Amira reads Arabic, Oksana Ukrainian, Bram first Dutch then Polish."""
    info = SessionInfo(facilitator_id=facilitator_id, label="Talen")
    host = rooms.create("Fien", Settings(max_depth=1), takes_turns=False, info=info)
    code = host.update.code
    rooms.join(code, "Amira", language="ar")
    rooms.join(code, "Oksana", language="uk")
    bram = rooms.join(code, "Bram").seat_id
    rooms.start(code, host.seat_id)
    rooms.set_language(code, bram, "pl")
    rooms.act(code, lambda state, at: a.DrawCard(by=state.turn.active, sense="horen", at=at))
    move = _mover(rooms, code)
    clock.now += 30 * 60
    move(lambda at: a.EndGame(by=host.seat_id, at=at))


def test_the_report_shows_the_languages_spoken(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    _multilingual_session(rooms, clock, ids["fenna"])
    auth.login("fenna")
    page = unescape(auth.client.get("/admin/reports").get_data(as_text=True))
    for language in ("ar", "uk", "pl"):
        assert f'<td data-key="{language}">1</td>' in page, language
    assert '<th scope="row" lang="ar">العربية</th>' in page
    assert "Talen aan tafel" in page

    response = auth.client.get("/admin/reports/sessions.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0]["Spelers per taal"] == "ar 1, pl 1, uk 1"

    pdf = auth.client.get("/admin/reports.pdf")
    text = flat(" ".join(page_texts(pdf.data)))
    assert "Talen aan tafel" in text
    assert "Polski 1 1" in text and "Українська 1 1" in text
