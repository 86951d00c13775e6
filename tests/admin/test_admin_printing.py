"""Printing an edition from the editor: a PDF for admins (any edition) and facilitators
(published editions only), and a clear message when there is nothing to print."""

from __future__ import annotations

import math
import re

from flask import Flask
from printing.poppler import flat, page_count, page_texts
from support.admin import Auth

from kletsborden.app import database
from kletsborden.card_library import import_editions
from kletsborden.deck_editor.editions import get_edition
from kletsborden.editions.model import CardSpec, CardText, EditionSpec
from kletsborden.web.security import HEADERS

URL = "/admin/editions/kletsborden/print"


def add_edition(app: Flask, slug: str, status: str, active: bool = True) -> None:
    card = CardSpec(
        id="k-1",
        sense="voelen",
        kind="gewoon",
        depth=1,
        texts={"nl": CardText("Wat voel je onder je voeten?")},
        active=active,
    )
    edition = EditionSpec(id=slug, name={"nl": slug}, status=status, cards=(card,))
    import_editions(database(app), [edition])


def test_an_admin_prints_an_edition(app: Flask, admin: Auth) -> None:
    response = admin.client.get(URL)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, name
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'inline; filename="kletsborden-kletsborden-nl.pdf"'
    pdf = response.get_data()
    active = [c for c in get_edition(database(app), "kletsborden").cards if c.active]
    assert page_count(pdf) == 2 * math.ceil(len(active) / 6)
    assert flat(active[0].texts["nl"].question) in flat(page_texts(pdf)[0])


def test_in_english(app: Flask, admin: Auth) -> None:
    response = admin.client.get(f"{URL}?language=en")
    assert response.status_code == 200
    assert "kletsborden-kletsborden-en.pdf" in response.headers["Content-Disposition"]
    first = get_edition(database(app), "kletsborden").cards[0]
    assert flat(first.texts["en"].question) in flat(page_texts(response.get_data())[0])


def test_the_edition_page_links_to_both_languages(admin: Auth) -> None:
    page = admin.client.get("/admin/editions/kletsborden").get_data(as_text=True)
    assert "Kaarten op papier" in page
    assert f'href="{URL}?language=nl"' in page
    assert f'href="{URL}?language=en"' in page
    assert "Afdrukken in het Engels (PDF)" in page


def test_an_unknown_edition_is_not_found(admin: Auth) -> None:
    response = admin.client.get("/admin/editions/bestaat-niet/print")
    assert response.status_code == 404
    assert "Niet gevonden" in response.get_data(as_text=True)


def test_nothing_to_print_says_so_on_the_edition_page(app: Flask, admin: Auth) -> None:
    add_edition(app, "leeg", "draft", active=False)
    response = admin.client.get("/admin/editions/leeg/print", follow_redirects=True)
    assert response.request.path == "/admin/editions/leeg"
    page = response.get_data(as_text=True)
    assert "geen kaarten in het spel met een tekst in het Nederlands" in page
    bad = admin.client.get(f"{URL}?language=<b>fr</b>", follow_redirects=True)
    assert "De taal &lt;b&gt;fr&lt;/b&gt; kennen we niet" in bad.get_data(as_text=True)


def test_a_facilitator_prints_published_editions_only(app: Flask, auth: Auth) -> None:
    add_edition(app, "concept", "draft")
    assert auth.login(username="fenna").status_code == 302
    response = auth.client.get(URL)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert auth.client.get("/admin/editions/concept/print").status_code == 404
    assert auth.client.get("/admin/editions/kletsborden").status_code == 403, "no editing"


def test_a_facilitators_page_links_to_printing_the_published_editions(
    app: Flask, auth: Auth
) -> None:
    add_edition(app, "concept", "draft")
    assert auth.login(username="fenna").status_code == 302
    page = auth.client.get("/admin/facilitate").get_data(as_text=True)
    links = re.findall(r'href="(/admin/editions/[^"]+/print[^"]*)"', page)
    assert links == [
        "/admin/editions/kletsborden/print?language=nl",
        "/admin/editions/kletsborden/print?language=en",
    ]
    for link in links:
        assert auth.client.get(link).mimetype == "application/pdf"


def test_the_editor_warns_when_a_text_will_not_fit_a_usual_printed_card(
    app: Flask, admin: Auth
) -> None:
    form = {"id": "", "sense": "zien", "kind": "gewoon", "depth": "1", "active": "on"}
    long = {**form, "nl-question": "W" * 300, "nl-follow_up": "W" * 300}
    response = admin.post("/admin/editions/kletsborden/cards/new", long)
    assert response.status_code == 302
    page = admin.client.get(response.location).get_data(as_text=True)
    assert "te lang voor een gewone kaart op papier" in page
    short = {**form, "nl-question": "Wat zie je?"}
    response = admin.post("/admin/editions/kletsborden/cards/new", short)
    page = admin.client.get(response.location).get_data(as_text=True)
    assert "te lang voor een gewone kaart op papier" not in page


def test_the_edition_page_offers_cards_that_touch(admin: Auth) -> None:
    page = admin.client.get("/admin/editions/kletsborden").get_data(as_text=True)
    assert 'href="/admin/editions/kletsborden/print?language=nl&amp;touching=1"' in page
    response = admin.client.get("/admin/editions/kletsborden/print?language=nl&touching=1")
    assert response.mimetype == "application/pdf"
    assert "snijmachine" in response.headers["Content-Disposition"]
