"""Hostile text in every view that shows what people typed: it never runs and never becomes
markup, and it is shown literally.

An admin with a hostile name imports an edition whose name, description and card texts are
hostile, edits a card (the live preview follows), makes an account with a hostile name and
tries a faulty import; then a game is played with those cards by players with hostile names
who type hostile answers. Every page is checked with ``assert_inert`` (helpers.py); script
errors and Content-Security-Policy reports fail the test too (conftest.py).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import requests
from helpers import (
    ANNOUNCER_RECORDER,
    EMOJI,
    HOSTILE_STRINGS,
    IMG_PAYLOAD,
    JAVASCRIPT_LINK,
    LONG_WORD,
    RTL_OVERRIDE,
    SCRIPT_PAYLOAD,
    SVG_PAYLOAD,
    TEMPLATE_PAYLOAD,
    Person,
    assert_inert,
    fill_name_and_join,
    log_in,
    open_screen,
    shown_as,
    start_game,
    wait_for_announcement,
)
from playwright.sync_api import BrowserContext, Page, expect
from support.admin import PASSWORD, TOKEN, create_account
from support.server import Server

# Card and edition texts: several payloads in one text, each field its own mix.
NAME = f"{SVG_PAYLOAD} {EMOJI}"
DESCRIPTION = f"{SCRIPT_PAYLOAD} {JAVASCRIPT_LINK} {LONG_WORD * 3}"
QUESTION = f"{IMG_PAYLOAD} {TEMPLATE_PAYLOAD}?"
FOLLOW_UP = f"{SVG_PAYLOAD} {SCRIPT_PAYLOAD}"
ALT = f"{IMG_PAYLOAD} {EMOJI}"
EDITED = f"{SCRIPT_PAYLOAD} {LONG_WORD}?"
TYPED = "\n".join(HOSTILE_STRINGS)


def hostile_document(slug: str, question: str = QUESTION) -> dict[str, Any]:
    texts = {"question": question, "follow_up": FOLLOW_UP, "image_alt": ALT}
    card = {"id": "zien-01", "sense": "zien", "kind": "gewoon", "depth": 1}
    return {
        "format": "kletsborden-editions",
        "version": 1,
        "editions": [
            {
                "id": slug,
                "name": {"nl": NAME, "en": NAME},
                "description": {"nl": DESCRIPTION},
                "status": "published",
                "cards": [{**card, "image": "images/bel.svg", "texts": {"nl": texts}}],
            }
        ],
    }


def upload(data: dict[str, Any], name: str) -> dict[str, Any]:
    return {"name": name, "mimeType": "application/json", "buffer": json.dumps(data).encode()}


class Editor:
    """An admin account with a hostile name, and an edition of hostile cards it imported."""

    def __init__(self, site: Server):
        self.site = site
        self.username = f"{IMG_PAYLOAD}{uuid.uuid4().hex[:6]}"
        self.slug = f"xss-{uuid.uuid4().hex[:8]}"
        # The card's texts as last saved (the admin test edits them).
        self.question, self.follow_up = QUESTION, FOLLOW_UP
        create_account(site, self.username)
        self._import(hostile_document(self.slug))

    def _token(self, http: requests.Session, path: str) -> str:
        found = TOKEN.search(http.get(self.site.url + path, timeout=10).text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def _import(self, document: dict[str, Any]) -> None:
        """The import as a browser sends it: log in, dry run, confirm; then publish."""
        with requests.Session() as http:
            login = {"username": self.username, "password": PASSWORD}
            login["csrf_token"] = self._token(http, "/admin/login")
            assert http.post(f"{self.site.url}/admin/login", data=login, timeout=10).ok
            url = f"{self.site.url}/admin/import"
            files = {"file": ("hostile.json", json.dumps(document).encode(), "application/json")}
            form = {"step": "preview", "csrf_token": self._token(http, "/admin/import")}
            preview = http.post(url, data=form, files=files, timeout=30)
            assert preview.status_code == 200, preview.text
            content = re.search(r'name="content" value="([^"]+)"', preview.text)
            assert content, "the dry run offers no import"
            form = {"step": "confirm", "filename": "hostile.json", "content": content.group(1)}
            form["csrf_token"] = self._token(http, "/admin/import")
            done = http.post(url, data=form, timeout=30)
            assert done.ok and "/admin/import" not in done.url, done.text
            status = f"{self.site.url}/admin/editions/{self.slug}/status"
            form = {"step": "publish", "csrf_token": self._token(http, "/admin/")}
            assert http.post(status, data=form, timeout=10).ok

    def log_in(self, page: Page) -> None:
        log_in(page, self.username)


@pytest.fixture(scope="module")
def editor(site: Server) -> Editor:
    return Editor(site)


def test_admin_pages_show_hostile_text_as_text(editor: Editor, new_context) -> None:
    context: BrowserContext = new_context(reduced_motion="reduce")
    page = context.new_page()
    editor.log_in(page)
    assert_inert(page, editor.username, NAME)  # the editions list, and who is logged in

    page.goto(f"/admin/editions/{editor.slug}")
    assert_inert(page, NAME, QUESTION)
    page.goto(f"/admin/editions/{editor.slug}/settings")
    expect(page.locator("#field-name-nl")).to_have_value(NAME)
    expect(page.locator("#field-description-nl")).to_have_value(DESCRIPTION)
    assert_inert(page)

    # The card form: its fields hold the texts, the live preview (admin-preview.js) shows them,
    # and follows what is typed.
    page.goto(f"/admin/editions/{editor.slug}/cards/zien-01")
    expect(page.locator("#field-nl-question")).to_have_value(QUESTION)
    expect(page.locator("#field-nl-image-alt")).to_have_value(ALT)
    preview = page.locator("#preview-card")
    expect(preview.locator("#preview-question")).to_have_text(QUESTION)
    expect(preview.locator("#preview-follow-up")).to_have_text(FOLLOW_UP)
    page.locator("#field-nl-question").fill(EDITED)
    expect(preview.locator("#preview-question")).to_have_text(EDITED)
    page.locator("#field-nl-follow-up").fill(f"{IMG_PAYLOAD}\n{SVG_PAYLOAD}")
    expect(preview.locator("#preview-follow-up")).to_have_text(f"{IMG_PAYLOAD} {SVG_PAYLOAD}")
    assert_inert(page, EDITED)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#card-zien-01")).to_contain_text(EDITED)
    editor.question, editor.follow_up = EDITED, f"{IMG_PAYLOAD} {SVG_PAYLOAD}"
    assert_inert(page, EDITED)

    # The history: who did it (a hostile name), and what was and is now.
    page.goto(f"/admin/editions/{editor.slug}/cards/zien-01/history")
    assert_inert(page, editor.username, QUESTION, EDITED, FOLLOW_UP)
    page.goto(f"/admin/editions/{editor.slug}/history")
    assert_inert(page, editor.username, NAME)

    # An import's dry run shows the texts it would change, and the file's name.
    page.goto("/admin/import")
    changed = hostile_document(editor.slug, question=f"{JAVASCRIPT_LINK}?")
    page.get_by_label("Bestand").set_input_files(upload(changed, f"{SVG_PAYLOAD}.json"))
    page.get_by_role("button", name="Bekijken wat er verandert").click()
    assert_inert(page, NAME, EDITED, f"{JAVASCRIPT_LINK}?", f"{SVG_PAYLOAD}.json")

    # A faulty import lists its faults, with the hostile card ids and fields in them.
    faulty = hostile_document(editor.slug)
    card = faulty["editions"][0]["cards"][0]
    card["id"], card[SCRIPT_PAYLOAD] = IMG_PAYLOAD, SVG_PAYLOAD
    card["texts"]["nl"]["question"] = RTL_OVERRIDE
    page.goto("/admin/import")
    page.get_by_label("Bestand").set_input_files(upload(faulty, f"{IMG_PAYLOAD}.json"))
    page.get_by_role("button", name="Bekijken wat er verandert").click()
    expect(page.locator("table.faults tbody tr").first).to_be_visible()
    assert_inert(page, IMG_PAYLOAD, SCRIPT_PAYLOAD)

    # Accounts: a new account's hostile name, in the notice and in the list.
    page.goto("/admin/accounts")
    other = f"{SVG_PAYLOAD}{uuid.uuid4().hex[:6]}"
    page.locator("#field-username").fill(other)
    page.get_by_label("Gespreksleider: leidt gesprekken, verandert geen kaarten").check()
    page.locator("#field-password").fill(PASSWORD)
    page.locator("#field-password-again").fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_text(f"Het account {other} is gemaakt.")).to_be_visible()
    assert_inert(page, other, editor.username)


def host_room(page: Page, name: str, slug: str) -> str:
    """Open a room with the hostile edition the way host.js does, and take the host's seat."""
    page.goto("/")
    settings = {
        "editions": [slug],
        "senses": ["zien"],
        "language": "nl",
        "typed_answers": True,
        "answering": "drawer",
    }
    answer = page.evaluate(
        """async ([name, settings]) => {
            const response = await fetch("/api/rooms", {
                method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({name, settings, takes_turns: true}),
            });
            return response.json();
        }""",
        [name, settings],
    )
    assert answer["ok"], answer
    seat = json.dumps({"token": answer["token"], "seat_id": answer["seat_id"]})
    page.evaluate(
        "([code, seat]) => localStorage.setItem(`kletsborden.seat.${code}`, seat)",
        [answer["code"], seat],
    )
    page.goto(f"/play/{answer['code']}")
    expect(page.locator("#host-panel")).to_be_visible()
    return answer["code"]


def test_the_game_shows_hostile_names_cards_and_answers_as_text(
    editor: Editor, someone: Callable[..., Person]
) -> None:
    # Names fit MAX_NAME_LENGTH; the host's is the <img>, the others one payload each.
    host = someone(IMG_PAYLOAD, ANNOUNCER_RECORDER)
    guests = [
        someone(name, ANNOUNCER_RECORDER)
        for name in (SCRIPT_PAYLOAD, SVG_PAYLOAD, JAVASCRIPT_LINK, RTL_OVERRIDE, EMOJI, LONG_WORD)
    ]
    projector = someone("projector", ANNOUNCER_RECORDER)
    code = host_room(host.page, host.name, editor.slug)
    for guest in guests:
        guest.page.goto(f"/play/{code}")
        fill_name_and_join(guest)
    open_screen(projector, host)
    names = [shown_as(p.name) for p in (host, *guests)]
    expect(projector.page.locator("#screen-players li")).to_have_text(names)
    for viewer in (host, *guests, projector):
        assert_inert(viewer.page, *names)

    # The host console: every seat's menu names the player.
    for name in names[1:]:
        menu = host.page.locator("details.seat-menu summary", has_text=f"Opties voor {name}")
        expect(menu).to_have_count(1)
    host.page.locator("details.seat-menu summary").first.click()
    assert_inert(host.page, f"Opties voor {names[1]}")

    # A hostile card on every phone and on the projector; the turn in the live region.
    start_game(host)
    expect(guests[0].status).to_have_text(f"{IMG_PAYLOAD} is aan de beurt.")
    wait_for_announcement(guests[0].page, f"{IMG_PAYLOAD} is aan de beurt.")
    host.page.click("[data-draw='zien']")
    question = editor.question
    expect(host.question).to_have_text(question)
    for viewer in guests:
        expect(viewer.question).to_have_text(question)
        expect(viewer.page.locator("#card-drawn-by")).to_have_text(f"Getrokken door {IMG_PAYLOAD}")
    expect(projector.page.locator("#screen-question")).to_have_text(question)
    expect(projector.page.locator("#screen-follow-up")).to_have_text(editor.follow_up)
    expect(host.page.locator("#card-follow-up")).to_have_text(editor.follow_up)
    wait_for_announcement(guests[1].page, question)

    # Typed answers: every payload at once, on every phone and on the projector.
    host.page.fill("#type-text", TYPED)
    host.page.locator("#type-form button[type=submit]").click()
    answer = " ".join(shown_as(line) for line in HOSTILE_STRINGS)
    expect(host.page.locator("#typed-list li")).to_have_text(f"Jij: {answer}")
    for viewer in guests:
        expect(viewer.page.locator("#typed-list li")).to_have_text(f"{IMG_PAYLOAD}: {answer}")
    expect(projector.page.locator("#screen-typed li")).to_have_text(f"{IMG_PAYLOAD}: {answer}")
    guests[4].page.click("[data-react=heart]")
    expect(guests[0].page.locator("#reaction-feed")).to_have_text(f"{names[5]} stuurt een hartje.")

    for viewer in (host, *guests, projector):
        assert_inert(viewer.page, question, *names)
        assert "\u202e" not in viewer.page.locator("body").inner_text()

    # The end: the summary on the projector and on the phones.
    host.page.click("#end-game")
    expect(projector.page.locator("#screen-ended")).to_be_visible()
    for viewer in (host, *guests, projector):
        assert_inert(viewer.page)
