"""The deck editor in a real browser: an admin logs in, makes an edition, writes and edits a
card while the live preview follows, publishes, and the new card is drawn in a real game.
Every editor page passes axe-core, light and dark."""

from __future__ import annotations

import json
import re
import uuid

from playwright.sync_api import BrowserContext, Page, expect
from support.admin import PASSWORD, create_account
from support.browser import assert_accessible
from support.server import Server

QUESTION = "Welke kleur heeft jouw voordeur?"
EDITED = "Welke kleur had de voordeur van je oma?"


def accessible_both_ways(page: Page, state: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_accessible(page, f"{state}, {scheme}")
    page.emulate_media(color_scheme="light")


def log_in(page: Page, username: str) -> None:
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login"))
    accessible_both_ways(page, "login")
    page.get_by_label("Naam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text(f"Ingelogd als {username}")).to_be_visible()


def test_an_admin_writes_a_card_that_is_then_played(new_context, site: Server) -> None:
    username = f"beheer-{uuid.uuid4().hex[:6]}"
    create_account(site, username)
    context: BrowserContext = new_context(reduced_motion="reduce")
    page = context.new_page()
    log_in(page, username)
    accessible_both_ways(page, "editions")

    # A new edition (its id is made from the name).
    page.get_by_role("link", name="Nieuwe editie").click()
    accessible_both_ways(page, "new edition")
    name = f"Deuren {uuid.uuid4().hex[:6]}"
    page.locator("#field-name-nl").fill(name)
    page.get_by_role("button", name="Editie maken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    slug = page.url.rsplit("/", 1)[-1]
    accessible_both_ways(page, "empty edition")

    # A card: a fault first (next to its field, nothing saved), then the live preview.
    page.get_by_role("link", name="Nieuwe kaart", exact=True).click()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#field-texts")).to_contain_text("Schrijf de vraag in minstens één taal")
    accessible_both_ways(page, "card form with faults")
    page.get_by_role("radio", name="Zien").check()
    page.locator("#field-nl-question").fill(QUESTION)
    preview = page.locator("#preview-card")
    expect(preview.locator("#preview-question")).to_have_text(QUESTION)
    expect(preview.locator(".sense-mark[data-sense='zien']")).to_be_visible()
    page.locator("#field-nl-follow-up").fill("En\nvroeger?")
    expect(preview.locator("#preview-follow-up")).to_have_text("En vroeger?")
    page.get_by_label("Voorbeeld in").select_option("en")
    expect(preview.locator("#preview-question")).to_have_text("(nog geen vraag)")
    page.get_by_label("Voorbeeld in").select_option("nl")
    accessible_both_ways(page, "card form with preview")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Kaart zien-01 is gemaakt.")).to_be_visible()
    expect(page.locator("#card-zien-01")).to_contain_text(QUESTION)
    accessible_both_ways(page, "edition with a card")

    # Editing it: the preview starts from the saved card and follows the typing.
    page.locator("#card-zien-01").get_by_role("link", name="Bewerken").click()
    expect(preview.locator("#preview-question")).to_have_text(QUESTION)
    page.locator("#field-nl-question").fill(EDITED)
    expect(preview.locator("#preview-question")).to_have_text(EDITED)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#card-zien-01")).to_contain_text(EDITED)

    page.locator("#card-zien-01").get_by_role("link", name="Geschiedenis").click()
    expect(page.get_by_text("Kaart veranderd")).to_be_visible()
    accessible_both_ways(page, "card history")

    # Publishing is its own step.
    page.goto(f"/admin/editions/{slug}")
    page.get_by_role("link", name="Publiceren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Editie publiceren?")
    accessible_both_ways(page, "publish, asked first")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator(".notice")).to_contain_text("is gepubliceerd")
    accessible_both_ways(page, "published edition")

    for url, state in (
        (f"/admin/editions/{slug}/history", "edition history"),
        (f"/admin/editions/{slug}/settings", "edition settings"),
        (f"/admin/editions/{slug}/duplicate", "duplicate edition"),
        (f"/admin/editions/{slug}/status?step=archive", "archive, asked first"),
        ("/admin/reports/cards", "per-card figures"),
        ("/admin/reports", "reports as an admin"),
        ("/admin/editions/kletsborden?missing=en&q=geluid", "filtered cards"),
        ("/admin/export", "export"),
        ("/admin/accounts", "accounts"),
        ("/admin/import", "import"),
        ("/admin/editions/bestaat-niet", "not found"),
    ):
        page.goto(url)
        accessible_both_ways(page, state)

    # The import's dry run.
    export = page.request.get(f"/admin/export/download?edition={slug}&format=csv-excel")
    page.goto("/admin/import")
    page.get_by_label("Bestand").set_input_files(
        {"name": "deuren.csv", "mimeType": "text/csv", "buffer": export.body()}
    )
    page.get_by_role("button", name="Bekijken wat er verandert").click()
    expect(page.get_by_text("Dit bestand verandert niets.")).to_be_visible()
    accessible_both_ways(page, "import dry run")

    # A facilitator, made in the editor, may log in but not edit.
    page.goto("/admin/accounts")
    facilitator = f"leider-{uuid.uuid4().hex[:6]}"
    page.locator("#field-username").fill(facilitator)
    page.get_by_label("Gespreksleider: leidt gesprekken, verandert geen kaarten").check()
    page.locator("#field-password").fill(PASSWORD)
    page.locator("#field-password-again").fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_text(f"Het account {facilitator} is gemaakt.")).to_be_visible()
    other = new_context(reduced_motion="reduce").new_page()
    log_in(other, facilitator)
    accessible_both_ways(other, "facilitator home")
    other.goto(f"/admin/editions/{slug}")
    expect(other.get_by_role("heading", name="Dit mag je niet doen")).to_be_visible()
    accessible_both_ways(other, "forbidden")

    # A game with the new edition draws the new card.
    host = new_context(reduced_motion="reduce").new_page()
    host.goto("/")
    settings = {"editions": [slug], "senses": ["zien"], "max_depth": 3, "language": "nl"}
    answer = host.evaluate(
        """async (settings) => {
            const response = await fetch("/api/rooms", {
                method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({name: "Fien", settings}),
            });
            return response.json();
        }""",
        settings,
    )
    assert answer["ok"], json.dumps(answer)
    seat = json.dumps({"token": answer["token"], "seat_id": answer["seat_id"]})
    host.evaluate(
        "([code, seat]) => localStorage.setItem(`kletsborden.seat.${code}`, seat)",
        [answer["code"], seat],
    )
    host.goto(f"/play/{answer['code']}")
    host.locator("#start-game").click()
    host.locator("[data-draw='zien']").click()
    expect(host.locator("#card-question")).to_have_text(EDITED)
    expect(host.locator("#card-follow-up")).to_have_text("En vroeger?")
