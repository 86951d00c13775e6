"""CSV that a spreadsheet cannot turn into a formula, whatever a label or a name says."""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask
from report_script import play_known_session
from support.admin import PASSWORD, Auth
from support.clock import FakeClock

from kletsborden.app import database
from kletsborden.rooms import RoomService
from kletsborden.spreadsheet_cells import neutralise
from kletsborden.store.admins import create_admin


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_could_be_a_formula_gets_an_apostrophe(start: str) -> None:
    assert neutralise(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


def test_other_cells_are_left_alone() -> None:
    assert neutralise("Noord = goed") == "Noord = goed"
    assert neutralise("") == ""
    assert neutralise(12) == 12


def test_labels_and_names_from_people_are_neutralised_in_the_export(
    app: Flask, auth: Auth, rooms: RoomService, clock: FakeClock
) -> None:
    with database(app).transaction() as session:
        facilitator = create_admin(session, "@beheer", PASSWORD, "facilitator").id
    label = '=HYPERLINK("http://example.org","klik")'
    play_known_session(rooms, clock, facilitator_id=facilitator, label=label)
    auth.login("@beheer")
    for url in ("/admin/reports/sessions/1.csv", "/admin/reports/sessions.csv"):
        response = auth.client.get(url)
        content = response.get_data().decode("utf-8-sig")
        table = list(csv.reader(io.StringIO(content)))
        session_row = table[1]
        assert session_row[2] == "'@beheer" and session_row[3] == "'" + label
        cells = [cell for row in table for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
        assert response.headers["Content-Type"].startswith("text/csv")
