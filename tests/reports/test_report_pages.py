"""Report pages over HTTP: a scripted session's figures on its page and in its CSV, who may see
what, the small-group rule on every page, filters, and a session that outlives its room."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

from flask import Flask
from report_script import (
    DAY,
    KNOWN,
    NAMES,
    play_known_session,
    play_small_session,
)
from sqlalchemy import select, update
from support.admin import Auth
from support.clock import FakeClock

from kletsborden.app import database
from kletsborden.engine import Settings
from kletsborden.rooms import RoomService, SessionInfo
from kletsborden.store.models import RoomRow, SessionRow

TOO_FEW = "Minder dan 3 mensen gaven antwoord: niet getoond om hun anonimiteit te beschermen."


def text(response) -> str:
    return response.get_data(as_text=True)


def rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="')
    return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def session_ids(app: Flask) -> list[int]:
    with database(app).transaction() as session:
        return list(session.scalars(select(SessionRow.id).order_by(SessionRow.id)))


def no_names(content: str) -> None:
    for name in NAMES:
        assert not re.search(rf"\b{name}\b", content), f"{name!r} must not be in a report"


def test_a_known_session_on_its_page_and_in_its_csv(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    (session_id,) = session_ids(app)
    auth.login("fenna")
    page = text(auth.client.get(f"/admin/reports/sessions/{session_id}"))
    assert "Sessie van 02-11-2026 10:00" in page
    assert "40 minuten (gepland: 45 minuten)" in page
    assert "4 (waarvan 1 zonder telefoon)" in page
    assert 'class="session-cards">5<' in page
    assert '<desc id="session-cards-desc">Horen: 2; Zien: 3; Voelen: 0.</desc>' in page
    assert (
        "Antwoord gegeven: 3; Gepast: 1; Overgeslagen: 0; Vervangen door de gespreksleider: 1."
        in page
    )
    assert 'class="participant-minutes">160<' in page  # 4 players for 40 minutes
    assert "Vragen om een ander onderwerp: <strong>1</strong>" in page
    assert "3 mensen vulden de terugblik in." in page
    assert "Ik voelde me gehoord" in page and "Eens: 2; Neutraal: 1; Niet eens: 0." in page
    assert "Eens: 1; Neutraal: 0; Niet eens: 1." in page  # learned something
    no_names(page)

    (row,) = rows(auth.client.get(f"/admin/reports/sessions/{session_id}.csv"))
    assert row["Soort rij"] == "Sessie" and row["Buurt of groep"] == "Noord"
    assert row["Begonnen"] == "2026-11-02 10:00" and row["Gespreksleider"] == "fenna"
    assert (row["Gespeeld (minuten)"], row["Gepland (minuten)"]) == ("40", "45")
    assert (row["Spelers"], row["Zonder telefoon"]) == ("4", "1")
    assert (row["Horen: Licht"], row["Zien: Licht"], row["Voelen: Licht"]) == ("2", "3", "0")
    assert row["Getrokken kaarten"] == "5" and row["Deelnemersminuten"] == "160"
    for outcome, column in (
        ("answered", "Antwoord gegeven"),
        ("passed", "Gepast"),
        ("skipped", "Overgeslagen"),
        ("set_aside", "Vervangen door de gespreksleider"),
    ):
        assert row[column] == str(KNOWN[outcome])
    assert row["Vragen om een ander onderwerp"] == "1"
    assert row["Mensen die de terugblik invulden"] == "3" and row["Terugblik"] == "Getoond"
    assert row["Ik voelde me gehoord: Eens"] == "2"
    assert row["Ik heb iets geleerd over een ander: Niet eens"] == "1"
    assert row["Ik zou deze mensen graag weer ontmoeten: Eens"] == "2"
    no_names(text(auth.client.get(f"/admin/reports/sessions/{session_id}.csv")))


def test_two_respondents_are_not_shown_alone_but_count_in_the_group(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    clock.now += DAY
    play_small_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    clock.now += DAY
    play_small_session(rooms, clock, facilitator_id=ids["fenna"], label="Zuid")
    known, small, alone = session_ids(app)
    auth.login("fenna")
    page = text(auth.client.get(f"/admin/reports/sessions/{small}"))
    assert TOO_FEW in page
    assert "reflection" not in page.split(TOO_FEW)[1], "no reflection chart after the note"

    (row,) = rows(auth.client.get(f"/admin/reports/sessions/{small}.csv"))
    assert row["Mensen die de terugblik invulden"] == "0" and row["Terugblik"] == TOO_FEW
    assert row["Niet getoond (te weinig mensen)"] == "2"
    assert all(row[k] == "" for k in row if k.startswith("Ik voelde me gehoord"))

    overview = text(auth.client.get("/admin/reports"))
    noord, zuid = overview.split('class="report-group"')[1:]
    # Only the known session's 3 count: the small one's 2 are a separate "not shown" number.
    assert "3 mensen vulden de terugblik in." in noord
    assert "Niet getoond: de antwoorden van 2 mensen uit sessies waarin minder dan 3" in noord
    assert TOO_FEW in zuid and '<table class="report-table">\n    <caption>Terugblik' not in zuid
    exported = rows(auth.client.get("/admin/reports/sessions.csv"))
    assert [r["Soort rij"] for r in exported] == ["Sessie"] * 3 + ["Groep"] * 2 + ["Alles samen"]
    by_group = {r["Buurt of groep"]: r for r in exported if r["Soort rij"] == "Groep"}
    # The known session's answers only: the small session's (Bram disagreed) are not in it.
    assert by_group["Noord"]["Ik voelde me gehoord: Eens"] == "2"
    assert by_group["Noord"]["Ik voelde me gehoord: Niet eens"] == "0"
    assert by_group["Noord"]["Niet getoond (te weinig mensen)"] == "2"
    assert by_group["Zuid"]["Terugblik"] == TOO_FEW
    assert by_group["Zuid"]["Ik voelde me gehoord: Eens"] == ""
    assert exported[-1]["Mensen die de terugblik invulden"] == "3"
    assert exported[-1]["Niet getoond (te weinig mensen)"] == "4"
    assert exported[-1]["Sessies"] == "3" and exported[-1]["Getrokken kaarten"] == "9"
    assert {r["Buurt of groep"] for r in exported if r["Soort rij"] == "Sessie"} == {
        "Noord",
        "Zuid",
    }
    assert known and alone
    english = text(auth.client.get(f"/admin/reports/sessions/{small}?lang=en"))
    assert "Fewer than 3 people answered: not shown to protect their anonymity." in english


def test_a_facilitator_sees_only_their_own_sessions(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    play_small_session(rooms, clock, facilitator_id=ids["gijs"], label="Oost")
    hers, his = session_ids(app)
    auth.login("gijs")
    for url in (f"/admin/reports/sessions/{hers}", f"/admin/reports/sessions/{hers}.csv"):
        response = auth.client.get(url)
        assert response.status_code == 404
        assert "Geen verslag gevonden" in text(response)
    assert auth.client.get(f"/admin/reports/sessions/{his}").status_code == 200
    overview = text(auth.client.get("/admin/reports"))
    assert "Oost" in overview and "Noord" not in overview
    assert f'/admin/reports/sessions/{hers}"' not in overview
    exported = rows(auth.client.get("/admin/reports/sessions.csv"))
    assert {r["Buurt of groep"] for r in exported} == {"Oost", ""}
    assert auth.client.get("/admin/reports/sessions/999").status_code == 404


def test_an_admin_sees_every_session_per_facilitator_and_label(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    play_small_session(rooms, clock, facilitator_id=ids["gijs"], label="Oost")
    play_small_session(rooms, clock, facilitator_id=None, label=None)
    hers, his, nobodys = session_ids(app)
    auth.login("anna")
    overview = text(auth.client.get("/admin/reports"))
    headings = re.findall(r'<h2 id="group-\d+-title">(.*?)</h2>', overview, re.S)
    assert [re.sub(r"<[^>]+>|\s+", " ", h).split() for h in headings] == [
        ["fenna", "·", "Noord"],
        ["gijs", "·", "Oost"],
        ["Zonder", "account", "·", "Zonder", "buurt", "of", "groep"],
    ]
    for session_id in (hers, his, nobodys):
        assert auth.client.get(f"/admin/reports/sessions/{session_id}").status_code == 200
    no_names(overview)


def test_strangers_are_sent_to_the_login(auth: Auth, rooms: RoomService, clock: FakeClock) -> None:
    play_small_session(rooms, clock, facilitator_id=None, label=None)
    for url in (
        "/admin/reports",
        "/admin/reports/sessions.csv",
        "/admin/reports/sessions/1",
        "/admin/reports/sessions/1.csv",
    ):
        response = auth.client.get(url)
        assert response.status_code == 302, url
        assert response.location.startswith("/admin/login")


def test_filters_choose_sessions_and_bad_dates_are_explained(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")  # 2 November
    clock.now += 10 * DAY
    play_small_session(rooms, clock, facilitator_id=ids["fenna"], label="Zuid")  # 12 November
    auth.login("fenna")
    first_week = auth.client.get("/admin/reports?from=2026-11-01&to=2026-11-08")
    assert "Noord" in text(first_week).split('class="report-group"', 1)[1]
    assert text(first_week).count('class="report-group"') == 1
    exported = rows(auth.client.get("/admin/reports/sessions.csv?from=2026-11-09"))
    assert [r["Buurt of groep"] for r in exported if r["Soort rij"] == "Sessie"] == ["Zuid"]
    by_label = rows(auth.client.get("/admin/reports/sessions.csv?label=Noord"))
    assert [r["Buurt of groep"] for r in by_label if r["Soort rij"] == "Sessie"] == ["Noord"]
    assert 'href="/admin/reports/sessions.csv?label=Noord"' in text(
        auth.client.get("/admin/reports?label=Noord")
    )

    bad = auth.client.get("/admin/reports?from=2026-11-09&to=2026-11-01")
    assert bad.status_code == 400
    assert "Deze datum ligt vóór de datum bij" in text(bad)
    assert 'aria-invalid="true"' in text(bad)
    assert auth.client.get("/admin/reports/sessions.csv?from=morgen").status_code == 400
    assert len(session_ids(app)) == 2


def test_a_session_is_reported_after_its_room_is_purged(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    later = datetime.fromtimestamp(clock.now, UTC).replace(tzinfo=None) - timedelta(hours=25)
    with database(app).transaction() as session:
        session.execute(update(RoomRow).values(updated_at=later))
    assert rooms.purge(24.0) == 1
    (session_id,) = session_ids(app)
    auth.login("fenna")
    page = text(auth.client.get(f"/admin/reports/sessions/{session_id}"))
    assert "Horen: 2; Zien: 3; Voelen: 0." in page and "3 mensen vulden de terugblik in." in page


def test_a_room_that_never_started_has_no_report(
    app: Flask, auth: Auth, rooms: RoomService, ids: dict[str, int]
) -> None:
    rooms.create("Fien", Settings(), info=SessionInfo(facilitator_id=ids["fenna"], label="Leeg"))
    (session_id,) = session_ids(app)
    auth.login("fenna")
    assert auth.client.get(f"/admin/reports/sessions/{session_id}").status_code == 404
    overview = text(auth.client.get("/admin/reports"))
    assert "Er zijn (nog) geen gespeelde sessies om te laten zien." in overview


NOT_SETTLED = (
    "De terugblik is te zien vanaf een uur na afloop, zodat niemands antwoord te herkennen is."
)


def end_session_at(app: Flask, moment: datetime) -> None:
    with database(app).transaction() as session:
        session.execute(update(SessionRow).values(ended_at=moment))


def test_a_reflection_is_shown_only_an_hour_after_the_session_ended(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    """Else a facilitator reloading the report after each answer would learn that answer."""
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    (session_id,) = session_ids(app)
    now = datetime.now(UTC).replace(tzinfo=None)
    end_session_at(app, now - timedelta(minutes=50))
    auth.login("fenna")
    page = text(auth.client.get(f"/admin/reports/sessions/{session_id}"))
    assert NOT_SETTLED in page and "mensen vulden de terugblik in" not in page
    assert "reflection-felt_heard" not in page and "Eens: 2" not in page
    assert "Horen: 2; Zien: 3; Voelen: 0." in page, "the other figures are there"
    (row,) = rows(auth.client.get(f"/admin/reports/sessions/{session_id}.csv"))
    assert row["Terugblik"] == NOT_SETTLED and row["Mensen die de terugblik invulden"] == "0"
    assert row["Sessies met terugblik nog niet te zien"] == "1"
    assert all(row[k] == "" for k in row if k.startswith("Ik "))
    overview = text(auth.client.get("/admin/reports"))
    assert NOT_SETTLED in overview and "Eens: 2" not in overview
    exported = rows(auth.client.get("/admin/reports/sessions.csv"))
    assert all(r[k] == "" for r in exported for k in r if k.startswith("Ik "))
    english = text(auth.client.get(f"/admin/reports/sessions/{session_id}?lang=en"))
    assert "The reflection can be seen from an hour after the end" in english

    end_session_at(app, now - timedelta(minutes=61))
    page = text(auth.client.get(f"/admin/reports/sessions/{session_id}?lang=nl"))
    assert NOT_SETTLED not in page and "3 mensen vulden de terugblik in." in page
    assert "Eens: 2; Neutraal: 1; Niet eens: 0." in page


def test_dates_far_away_are_bad_dates_not_errors(auth: Auth) -> None:
    auth.login("fenna")
    for query in ("to=9999-12-31", "from=0001-01-01", "from=1999-12-31&to=2101-01-01"):
        for path in ("/admin/reports", "/admin/reports/sessions.csv"):
            response = auth.client.get(f"{path}?{query}")
            assert response.status_code == 400, (path, query)
            assert "Dit is geen datum." in text(response)


def test_an_id_too_large_for_the_database_is_not_found(
    auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    auth.login("anna")
    for session_id in ("99999999999999999999", "2147483648"):
        for suffix in ("", ".csv"):
            response = auth.client.get(f"/admin/reports/sessions/{session_id}{suffix}")
            assert response.status_code == 404, (session_id, suffix)
    assert auth.client.get("/admin/reports/sessions/2147483647").status_code == 404


def test_reports_for_a_funder(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock, ids: dict[str, int]
) -> None:
    """Participant-minutes as a headline, a trend per month, the depth per sense on the page,
    what the report is about on top, and the CSV also with ';' for Dutch Excel."""
    play_known_session(rooms, clock, facilitator_id=ids["fenna"], label="Noord")
    auth.login("fenna")
    page = text(auth.client.get("/admin/reports?label=Noord&from=2026-11-01"))
    assert 'class="participant-minutes">160<' in page
    assert '<dd class="report-period">01-11-2026 tot en met nu</dd>' in page
    assert '<dd class="report-label">Noord</dd>' in page
    trend = page.split('class="report-table trend-table"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", trend.split("<tbody>", 1)[1])
    assert cells == ["2026-11", "1", "4", "160", "5", "3"]
    depth = page.split("<caption>Getrokken kaarten per zintuig</caption>", 1)[1]
    assert "<details" not in depth.split("</table>", 1)[0], "the depth table is on the page"
    assert "meer antwoorden zijn dan getrokken kaarten" in page
    comma = auth.client.get("/admin/reports/sessions.csv?label=Noord").get_data(as_text=True)
    semicolon = auth.client.get("/admin/reports/sessions.csv?label=Noord&sep=semicolon")
    excel = semicolon.get_data(as_text=True)
    assert excel.startswith("\ufeffSoort rij;Begonnen;")
    assert list(csv.reader(io.StringIO(excel[1:]), delimiter=";")) == list(
        csv.reader(io.StringIO(comma[1:]))
    )
    assert "sep=semicolon" in page
