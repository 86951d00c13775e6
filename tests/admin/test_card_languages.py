"""The editor shows each card's translations with their status, per language, and an admin
marks a draft translation as checked by someone who speaks the language."""

from __future__ import annotations

from html import unescape

from flask import Flask
from support.admin import Auth

from kletsborden.app import database
from kletsborden.card_library import import_editions
from kletsborden.deck_editor.cards import get_card
from kletsborden.deck_editor.editions import history
from kletsborden.editions.model import CardSpec, CardText, EditionSpec

DRAFT_NOTE = "concept — nog niet nagekeken door iemand die de taal spreekt"


def _edition(app: Flask) -> None:
    card = CardSpec(
        "horen-1",
        "horen",
        "gewoon",
        1,
        {
            "nl": CardText("Welk geluid maakt je blij?"),
            "tr": CardText("Hangi ses seni mutlu eder?", status="draft"),
            "ar": CardText("ما الصوت الذي يسعدك؟", status="draft"),
        },
    )
    import_editions(
        database(app), [EditionSpec("talen", {"nl": "Talen", "tr": "Diller"}, cards=(card,))]
    )


def test_the_edition_page_shows_each_draft_language_of_a_card(app: Flask, admin: Auth) -> None:
    _edition(app)
    html = unescape(admin.client.get("/admin/editions/talen").get_data(as_text=True))
    assert f"Türkçe: {DRAFT_NOTE}" in html
    assert f"العربية: {DRAFT_NOTE}" in html
    assert "1 kaart heeft een concept in het Türkçe" in html
    assert "1 kaart heeft nog geen tekst in het Engels." in html


def test_the_card_form_has_a_block_per_language_with_its_status(app: Flask, admin: Auth) -> None:
    _edition(app)
    html = unescape(admin.client.get("/admin/editions/talen/cards/horen-1").get_data(as_text=True))
    assert 'name="tr-question" rows="3" lang="tr" dir="ltr"' in html
    assert 'name="ar-question" rows="3" lang="ar" dir="rtl"' in html
    assert '<option value="draft" selected>Concept' in html
    # Saving the form keeps every language and its status; an admin may change the status.
    form = {
        "sense": "horen",
        "kind": "gewoon",
        "depth": "1",
        "active": "on",
        "nl-question": "Welk geluid maakt je blij?",
        "tr-question": "Hangi ses seni mutlu eder?",
        "tr-status": "reviewed",
        "ar-question": "ما الصوت الذي يسعدك؟",
        "ar-status": "draft",
    }
    response = admin.post("/admin/editions/talen/cards/horen-1", form)
    assert response.status_code == 302, response.get_data(as_text=True)
    card = get_card(database(app), "talen", "horen-1")
    assert {lang: t.status for lang, t in card.texts.items()} == {
        "nl": "reviewed",
        "tr": "reviewed",
        "ar": "draft",
    }
    refused = admin.post("/admin/editions/talen/cards/horen-1", form | {"ar-status": "klaar"})
    assert refused.status_code == 400
    assert get_card(database(app), "talen", "horen-1") == card


def test_an_admin_marks_a_draft_translation_reviewed(app: Flask, admin: Auth) -> None:
    _edition(app)
    response = admin.post("/admin/editions/talen/cards/horen-1/reviewed", {"language": "tr"})
    assert response.status_code == 302
    card = get_card(database(app), "talen", "horen-1")
    assert card.texts["tr"].status == "reviewed" and card.texts["ar"].status == "draft"
    entry = history(database(app), "talen", "horen-1")[0]
    assert entry.actor == "anna"
    assert entry.before["texts"]["tr"]["status"] == "draft"
    assert entry.after["texts"]["tr"]["status"] == "reviewed"
    # Again, or a language without a draft: nothing changes, nothing is written.
    for language in ("tr", "en", "xx"):
        admin.post("/admin/editions/talen/cards/horen-1/reviewed", {"language": language})
    assert len(history(database(app), "talen", "horen-1")) == 2
