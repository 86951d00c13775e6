"""Dutch as people speak it on the pages residents and facilitators open (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from kletsborden.app import create_app, database
from kletsborden.card_library import prepare_database
from kletsborden.i18n import keys, lookup, translate


@pytest.fixture
def client(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setenv("KLETSBORDEN_INSTANCE_PATH", str(tmp_path / "instance"))
    app: Flask = create_app({"TESTING": True, "KLETSBORDEN_DATABASE_URL": database_url})
    prepare_database(database(app))
    return app.test_client()


def test_the_host_form_speaks_plainly(client: FlaskClient) -> None:
    page = client.get("/host").get_data(as_text=True)
    assert "Zonder tijdslimiet" in page
    assert "Geen tijd" not in page
    assert "trekker" not in page.lower()


def test_the_play_page_names_the_website(client: FlaskClient) -> None:
    room = client.post("/api/rooms", json={"name": "Fatima"}).get_json()
    page = client.get(f"/play/{room['code']}", base_url="http://buurt.example").get_data(
        as_text=True
    )
    assert "ga naar buurt.example en typ deze code" in page


def test_every_new_play_text_is_in_both_languages() -> None:
    for key in keys():
        if key.startswith(("ui.sheets.", "ui.card.kind_", "ui.card.depth_", "ui.reactions.")):
            assert lookup(key, "nl")[1].language == "nl", key
            assert lookup(key, "en")[1].language == "en", key
    assert translate("ui.actions.type_button", "nl") == "Antwoord versturen"
