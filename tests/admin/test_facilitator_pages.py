"""A facilitator's pages over HTTP: the start page with shipped and own templates and past
sessions, the template form (saved, refused at its field, changed, deleted), nobody touching
another account's templates, and /host filled in from a template."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from support.admin import PASSWORD, Auth

from kletsborden import session_templates
from kletsborden.app import database
from kletsborden.deck_editor.editions import get_edition
from kletsborden.store.admins import create_admin

TEMPLATE = {
    "name": "Buurthuis De Linde",
    "editions": "kletsborden",
    "senses": ["horen", "voelen"],
    "max_depth": "2",
    "answering": "chosen",
    "typed_answers": "on",
    "turn_timer_seconds": "120",
    "planned_minutes": "50",
    "excluded_cards": ["kletsborden/horen-01", "kletsborden/voelen-02"],
    "play_mode": "online",
}


def page(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def fenna(auth: Auth) -> Auth:
    assert auth.login(username="fenna").status_code == 302
    return auth


def own_templates(app: Flask, username: str = "fenna") -> list:
    db = database(app)
    admin_id = {"anna": 1, "fenna": 2}.get(username)
    return session_templates.list_own(db, admin_id)


def test_the_facilitator_start_page(fenna: Auth) -> None:
    home = page(fenna.client.get("/admin/"))
    assert "Gesprekken leiden" in home
    assert "Kaarten maken en veranderen kan alleen een beheerder" in home
    assert "Kennismaking, 30 min" in home and "Verdieping, 60 min" in home
    assert 'href="/host?template=kennismaking"' in home
    assert 'href="/admin/templates/new"' in home
    assert "Je hebt nog geen eigen sjablonen." in home
    assert "Je hebt nog geen gesprekken geleid" in home
    assert fenna.client.get("/admin/facilitate").status_code == 200


def test_admins_reach_the_page_from_the_menu(admin: Auth) -> None:
    home = page(admin.client.get("/admin/"))
    assert 'href="/admin/facilitate"' in home and "Edities" in home
    facilitate = page(admin.client.get("/admin/facilitate"))
    assert 'aria-current="page">Gesprekken leiden' in facilitate
    assert "Kaarten maken en veranderen kan alleen" not in facilitate


def test_a_template_made_changed_and_deleted_through_the_forms(app: Flask, fenna: Auth) -> None:
    form = page(fenna.client.get("/admin/templates/new"))
    assert 'name="excluded_cards" value="kletsborden/horen-01"' in form
    response = fenna.post("/admin/templates/new", TEMPLATE)
    assert response.status_code == 302 and response.location == "/admin/facilitate"
    (made,) = own_templates(app)
    settings = made.settings
    assert made.name == "Buurthuis De Linde"
    assert settings.senses == ("horen", "voelen") and settings.max_depth == 2
    assert (settings.answering, settings.typed_answers) == ("chosen", True)
    assert (settings.turn_timer_seconds, settings.planned_minutes) == (120, 50)
    assert settings.excluded_cards == ("kletsborden/horen-01", "kletsborden/voelen-02")
    assert settings.play_mode == "online"

    home = page(fenna.client.get("/admin/facilitate"))
    assert "Het sjabloon Buurthuis De Linde is opgeslagen." in home
    assert f'href="/host?template={made.key}"' in home
    assert "Weggelaten kaarten: 2" in home

    edit = page(fenna.client.get(f"/admin/templates/{made.key}"))
    assert 'value="Buurthuis De Linde"' in edit
    assert re.search(r'value="kletsborden/voelen-02" checked', edit)
    assert re.search(r'id="answering-chosen" name="answering" value="chosen" checked', edit)
    changed = {**TEMPLATE, "name": "De Linde", "excluded_cards": [], "planned_minutes": ""}
    assert fenna.post(f"/admin/templates/{made.key}", changed).status_code == 302
    (saved,) = own_templates(app)
    assert saved.name == "De Linde" and saved.settings.excluded_cards == ()
    assert saved.settings.planned_minutes is None

    response = fenna.post(f"/admin/templates/{made.key}/delete")
    assert response.status_code == 302
    assert "Het sjabloon De Linde is weggegooid." in page(fenna.client.get(response.location))
    assert own_templates(app) == []


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"name": ""}, "field-name", "Vul dit in."),
        ({"name": "x" * 81}, "field-name", "Er passen er 80"),
        ({"senses": []}, "field-senses", "Kies minstens één stapel"),
        ({"max_depth": "9"}, "field-max-depth", "Deze keuze klopt niet"),
        ({"max_depth": "²"}, "field-max-depth", "Deze keuze klopt niet"),  # a digit int() refuses
        ({"answering": "iedereen"}, "field-answering", "Deze keuze klopt niet"),
        ({"planned_minutes": "veel"}, "field-planned-minutes", "van 1 tot en met 1440"),
        ({"turn_timer_seconds": "1"}, "field-turn-timer-seconds", "Deze keuze klopt niet"),
        ({"editions": "geheim"}, "field-editions", "Kies een van de mogelijkheden"),
    ],
)
def test_a_bad_template_is_refused_next_to_its_field(
    app: Flask, fenna: Auth, changes: dict, field_id: str, message: str
) -> None:
    response = fenna.post("/admin/templates/new", {**TEMPLATE, **changes})
    assert response.status_code == 400
    text = page(response)
    assert f'href="#{field_id}"' in text and message in text
    assert f'id="{field_id}"' in text
    assert own_templates(app) == []


def test_odd_template_numbers_are_simply_not_found(fenna: Auth) -> None:
    for url in ("/admin/templates/99999999999999999999", "/host?template=%C2%B2"):
        response = fenna.client.get(url)
        assert response.status_code in (200, 404), url
    assert fenna.client.get("/admin/templates/99999999999999999999").status_code == 404


def test_nobody_opens_changes_or_deletes_another_accounts_template(app: Flask, fenna: Auth) -> None:
    assert fenna.post("/admin/templates/new", TEMPLATE).status_code == 302
    (made,) = own_templates(app)
    fenna.post("/admin/logout")
    with database(app).transaction() as session:
        create_admin(session, "gijs", PASSWORD, "facilitator")
    assert fenna.login(username="gijs").status_code == 302
    url = f"/admin/templates/{made.key}"
    assert fenna.client.get(url).status_code == 404
    assert fenna.post(url, {**TEMPLATE, "name": "Van Gijs"}).status_code == 404
    assert fenna.post(f"{url}/delete").status_code == 404
    assert "Buurthuis De Linde" not in page(fenna.client.get("/admin/facilitate"))
    assert own_templates(app) == [made], "left as it was"


def test_shipped_templates_cannot_be_edited(fenna: Auth) -> None:
    assert fenna.client.get("/admin/templates/kennismaking").status_code == 404
    assert fenna.post("/admin/templates/kennismaking/delete").status_code == 404
    home = page(fenna.client.get("/admin/facilitate"))
    assert "/admin/templates/kennismaking" not in home


def test_the_host_page_is_filled_in_from_a_template(app: Flask, fenna: Auth) -> None:
    assert fenna.post("/admin/templates/new", TEMPLATE).status_code == 302
    (made,) = own_templates(app)
    host = page(fenna.client.get(f"/host?template={made.key}"))
    assert "Buurt of groep (voor het verslag)" in host
    assert f'<input type="hidden" name="template" value="{made.key}">' in host
    assert re.search(r'value="kletsborden/horen-01" checked', host)
    assert re.search(r'id="sense-zien" name="senses" value="zien">', host), "not ticked"
    assert re.search(r'id="answering-chosen" name="answering" value="chosen" checked', host)
    assert (
        'name="planned_minutes" type="number" min="1" max="1440" inputmode="numeric" value="50"'
        in host
    )
    assert "(2 weggelaten)" in host

    shipped = page(fenna.client.get("/host?template=kennismaking"))
    assert re.search(r'id="depth-1" name="max_depth" value="1" checked', shipped)
    assert re.search(r'id="answering-everyone" name="answering" value="everyone" checked', shipped)
    assert 'value="30"' in shipped

    plain = page(fenna.client.get("/host?template=9999"))
    assert 'name="template" value=' not in plain, "an unknown template is no template"
    assert re.search(r'id="depth-2" name="max_depth" value="2" checked', plain)


def test_anonymous_hosts_keep_the_simple_page(client) -> None:
    host = page(client.get("/host?template=kennismaking"))
    assert 'id="session-label"' not in host and 'id="card-picker"' not in host
    assert 'id="template"' not in host
    assert re.search(r'id="depth-2" name="max_depth" value="2" checked', host)


def test_past_sessions_link_to_their_reports(app: Flask, fenna: Auth) -> None:
    body = {
        "name": "Fenna",
        "label": "Noord",
        "template": "verdieping",
        "settings": {"planned_minutes": 60},
    }
    assert fenna.client.post("/api/rooms", json=body).status_code == 201
    home = page(fenna.client.get("/admin/facilitate"))
    row = re.search(r"<tbody>(.*)</tbody>", home, re.S).group(1)
    assert "Noord" in row and "Verdieping, 60 min" in row and "nog bezig" in row
    if "admin.session_report" in app.view_functions:
        assert re.search(r'href="/admin/reports/sessions/\d+"', row) or "Bekijk verslag" in row
        assert "Alle verslagen" in home


def test_the_template_limit_is_said_plainly(
    app: Flask, fenna: Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_templates, "MAX_TEMPLATES_PER_ACCOUNT", 1)
    assert fenna.post("/admin/templates/new", TEMPLATE).status_code == 302
    response = fenna.post("/admin/templates/new", {**TEMPLATE, "name": "Nog een"})
    assert response.status_code == 400
    assert "Je hebt al het grootste aantal sjablonen (1). Gooi er eerst een weg." in page(response)
    assert len(own_templates(app)) == 1


def test_a_typed_name_is_shown_as_text(fenna: Auth) -> None:
    name = '<img src=x onerror="alert(1)">'
    assert fenna.post("/admin/templates/new", {**TEMPLATE, "name": name}).status_code == 302
    for url in ("/admin/facilitate", "/host?template=1"):
        text = page(fenna.client.get(url))
        assert "<img src=x" not in text and "&lt;img src=x onerror=" in text


def test_archiving_an_edition_asks_first_and_names_the_templates_that_use_it(
    app: Flask, auth: Auth
) -> None:
    """The editor's status buttons lead to a question; unpublishing or archiving an edition
    that templates play says which and what happens to them; only the confirm button acts."""
    assert auth.login(username="fenna").status_code == 302
    assert auth.post("/admin/templates/new", TEMPLATE).status_code == 302
    admin = Auth(app.test_client())
    assert admin.login().status_code == 302
    edition = page(admin.client.get("/admin/editions/kletsborden"))
    assert 'href="/admin/editions/kletsborden/status?step=archive"' in edition
    assert 'name="step" value="archive"' not in edition, "no status change in one click"
    question = page(admin.client.get("/admin/editions/kletsborden/status?step=archive"))
    assert "Editie archiveren?" in question
    assert "1 sjabloon speelt met deze editie" in question
    assert "Buurthuis De Linde (van fenna)" in question
    assert "speelt zonder de kaarten van deze editie" in question
    assert get_edition(database(app), "kletsborden").status == "published", "asking changes nothing"
    publish = page(admin.client.get("/admin/editions/kletsborden/status?step=publish"))
    assert "Editie publiceren?" in publish and "sjabloon" not in publish
    response = admin.post("/admin/editions/kletsborden/status", {"step": "archive"})
    assert response.status_code == 302
    assert get_edition(database(app), "kletsborden").status == "archived"


def test_a_template_says_every_fault_at_once_each_at_its_field(app: Flask, fenna: Auth) -> None:
    bad = {**TEMPLATE, "name": "", "senses": [], "planned_minutes": "5000", "max_depth": "9"}
    response = fenna.post("/admin/templates/new", bad)
    assert response.status_code == 400
    text = page(response)
    for field_id, message in (
        ("field-name", "Vul dit in."),
        ("field-senses", "Kies minstens één stapel: horen, zien of voelen."),
        ("field-planned-minutes", "Vul een getal in van 1 tot en met 1440."),
        ("field-max-depth", "Deze keuze klopt niet"),
    ):
        assert f'href="#{field_id}"' in text, field_id
        assert f'id="{field_id}-error">{message}' in text, field_id
    assert own_templates(app) == []
