"""POST /api/rooms with a facilitator's extras: cards left out, planned time, a label and the
template, recorded for reports; anonymous hosts cannot give a label; hostile values are refused
plainly and change nothing."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from support.admin import Auth

from kletsborden import session_templates
from kletsborden.app import database
from kletsborden.config import MAX_CARD_REF_LENGTH, MAX_EXCLUDED_CARDS, MAX_SESSION_LABEL_LENGTH
from kletsborden.engine import Settings
from kletsborden.store.models import SessionRow


@pytest.fixture
def fenna(auth: Auth) -> Auth:
    assert auth.login(username="fenna").status_code == 302
    return auth


def sessions(app: Flask) -> list[SessionRow]:
    with database(app).transaction() as session:
        rows = list(session.scalars(select(SessionRow).order_by(SessionRow.id)))
        session.expunge_all()
        return rows


def room_count(app: Flask) -> int:
    with database(app).transaction() as session:
        return session.scalar(select(func.count()).select_from(SessionRow))


def create(client: FlaskClient, **fields) -> tuple[dict, int]:
    response = client.post("/api/rooms", json={"name": "Fenna", **fields})
    return response.get_json(), response.status_code


def test_a_facilitators_session_records_label_template_and_left_out_cards(
    app: Flask, fenna: Auth
) -> None:
    left_out = ["kletsborden/horen-01", "kletsborden/zien-03"]
    settings = {"excluded_cards": left_out, "planned_minutes": 45, "max_depth": 2}
    body, status = create(fenna.client, settings=settings, label="  Noord\t", template="rustig_aan")
    assert status == 201, body
    public = body["snapshot"]["settings"]
    assert public["excluded_cards"] == 2 and public["planned_minutes"] == 45
    (row,) = sessions(app)
    assert (row.facilitator_id, row.label, row.template) == (2, "Noord", "Rustig aan, 45 min")
    assert row.planned_minutes == 45
    state = app.extensions["kletsborden.rooms"].current(body["code"]).state
    assert state.settings.excluded_cards == tuple(left_out)


def test_an_own_template_is_recorded_by_its_name(app: Flask, fenna: Auth) -> None:
    made = session_templates.create(database(app), 2, "Dinsdagmiddag", Settings(max_depth=1))
    body, status = create(fenna.client, template=made.key)
    assert status == 201, body
    assert sessions(app)[0].template == "Dinsdagmiddag"


def test_a_logged_in_host_without_extras_is_still_recorded_as_facilitator(
    app: Flask, fenna: Auth
) -> None:
    assert create(fenna.client, label="", template="")[1] == 201
    (row,) = sessions(app)
    assert (row.facilitator_id, row.label, row.template) == (2, None, None)


def test_anonymous_hosts_open_rooms_but_give_no_label_or_template(
    app: Flask, client: FlaskClient
) -> None:
    body, status = create(client, settings={"excluded_cards": ["kletsborden/horen-01"]})
    assert status == 201
    assert sessions(app)[0].facilitator_id is None
    for extra in ({"label": "Noord"}, {"template": "kennismaking"}):
        body, status = create(client, **extra)
        assert status == 403 and body["error"]["code"] == "not_allowed"
    assert room_count(app) == 1


def test_another_accounts_or_an_unknown_template_is_refused(app: Flask, fenna: Auth) -> None:
    theirs = session_templates.create(database(app), 1, "Van Anna", Settings())
    for key in (theirs.key, "9999", "²", "bestaat-niet", "x" * 5000):
        body, status = create(fenna.client, template=key)
        assert status == 400 and body["error"]["code"] == "invalid_settings", key
    assert room_count(app) == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"settings": {"excluded_cards": "kletsborden/horen-01"}},
        {"settings": {"excluded_cards": [1, 2]}},
        {"settings": {"excluded_cards": [None]}},
        {"settings": {"excluded_cards": ["x" * (MAX_CARD_REF_LENGTH + 1)]}},
        {"settings": {"excluded_cards": [f"k/{n}" for n in range(MAX_EXCLUDED_CARDS + 1)]}},
        {"settings": {"excluded_cards": ["k/a", "k/a"]}},
        {"settings": {"planned_minutes": "30"}},
        {"settings": {"planned_minutes": True}},
        {"settings": {"planned_minutes": 0}},
        {"settings": {"planned_minutes": 100_000}},
        {"label": 12},
        {"label": ["Noord"]},
        {"label": "x" * (MAX_SESSION_LABEL_LENGTH + 1)},
        {"template": 3},
    ],
)
def test_hostile_values_are_refused_plainly(app: Flask, fenna: Auth, fields: dict) -> None:
    body, status = create(fenna.client, **fields)
    assert status == 400, body
    assert body["error"]["code"] in ("invalid_payload", "invalid_settings")
    assert body["error"]["message"]
    assert room_count(app) == 0


def test_unknown_card_ids_are_harmless(app: Flask, fenna: Auth) -> None:
    odd = ["nergens/niets", "<script>", "kletsborden/bestaat-niet"]
    body, status = create(fenna.client, settings={"excluded_cards": odd})
    assert status == 201, body
    code = body["code"]
    rooms = app.extensions["kletsborden.rooms"]
    joined = rooms.join(code, "Bram")
    state = rooms.start(code, body["seat_id"]).state
    assert joined and len(state.cards) > 10
