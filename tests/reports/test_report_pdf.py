"""The report as PDF: the same content as the page (what it is about, headline figures, trend,
cards per depth, turns, reflection), every font embedded, and only for who may see it."""

from __future__ import annotations

from flask import Flask
from printing.poppler import flat, fonts, page_texts
from report_script import play_known_session
from support.admin import Auth
from support.clock import FakeClock

from kletsborden.rooms import RoomService
from kletsborden.snapshot import lead_view


def test_the_overview_and_a_session_as_pdf(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    app.config["KLETSBORDEN_ORGANISATION"] = "Buurtwerk Noord"
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    auth.login("fenna")
    response = auth.client.get("/admin/reports.pdf?label=Noord&from=2026-11-01")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = flat(" ".join(page_texts(response.data)))
    for shown in (
        "Verslagen",
        "Organisatie: Buurtwerk Noord",
        "Periode: 01-11-2026 tot en met nu",
        "Buurt of groep: Noord",
        "Deelnemersminuten 160",
        "Getrokken kaarten 5",
        "Getrokken kaarten per zintuig",
        "Antwoord gegeven 3",
        "Vervangen door de gespreksleider 1",
        "meer antwoorden zijn dan getrokken kaarten",
        "Ik voelde me gehoord 2 1 0",
        "3 mensen vulden de terugblik in.",
    ):
        assert shown in text, shown
    used = fonts(response.data)
    assert used and all(embedded for _name, embedded in used), used

    page = auth.client.get("/admin/reports").get_data(as_text=True)
    assert 'href="/admin/reports.pdf"' in page
    session = auth.client.get("/admin/reports/sessions/1.pdf")
    assert session.status_code == 200
    assert "Sessie van 02-11-2026 10:00" in flat(" ".join(page_texts(session.data)))


def test_someone_elses_session_pdf_is_not_found(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    auth.login("gijs")
    assert auth.client.get("/admin/reports/sessions/1.pdf").status_code == 404
    assert auth.client.get("/admin/reports/sessions/999.pdf").status_code == 404


def test_the_host_is_led_from_the_end_screen_to_the_sessions_report(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    code = play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    ended = rooms.current(code)
    view = lead_view(code, ended.version, ended.state)
    assert view["report_path"] == f"/admin/reports/rooms/{code}"
    auth.login("fenna")
    response = auth.client.get(view["report_path"])
    assert response.status_code == 302
    assert auth.client.get(response.location).status_code == 200
    assert auth.client.get("/admin/reports/rooms/ZZZZ9999").status_code == 404
    other = Auth(app.test_client())
    other.login("gijs")
    led = other.client.get(view["report_path"])
    assert other.client.get(led.location).status_code == 404, "only its own facilitator"
