"""A facilitator in a real browser: logs in, makes a session template that leaves out a card,
starts a session from it on /host with a label and a second card left out, and the room opens
with exactly those settings. The start page, the template form and the host page with its
template and left-out cards pass axe-core, light and dark."""

from __future__ import annotations

import re
import uuid

from helpers import AxeReport, log_in
from playwright.sync_api import BrowserContext, expect
from support.admin import create_account
from support.server import Server

from kletsborden.store.database import Database
from kletsborden.store.models import SessionRow
from kletsborden.store.rooms import find_room, room_state

FIRST = "kletsborden/horen-01"
SECOND = "kletsborden/zien-02"


def box(card_id: str) -> str:
    return "#exclude-" + card_id.replace("/", "--")


def test_a_facilitator_starts_a_session_from_their_template(new_context, site: Server) -> None:
    axe = AxeReport()
    username = f"leider-{uuid.uuid4().hex[:6]}"
    create_account(site, username, "facilitator")
    context: BrowserContext = new_context(reduced_motion="reduce")
    page = context.new_page()
    log_in(page, username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprekken leiden")
    expect(page.get_by_role("heading", name="Kennismaking, 30 min")).to_be_visible()
    axe.check(page, "facilitator home")

    # A template of one's own, leaving out one card.
    page.get_by_role("link", name="Nieuw sjabloon maken").click()
    axe.check(page, "template form")
    page.get_by_role("button", name="Sjabloon opslaan").click()
    expect(page.locator("#field-name-error")).to_have_text("Vul dit in.")
    axe.check(page, "template form with a fault")
    name = "Buurthuis <De Linde>"
    page.get_by_label("Naam").fill(name)
    page.get_by_label("Licht: makkelijke vragen om te beginnen").check()
    page.get_by_label("Iedereen, om de beurt").check()
    page.get_by_label("Hoe lang duurt het gesprek?").fill("40")
    picker = page.locator("#card-picker")
    picker.locator("summary").click()
    expect(picker.locator("summary")).to_contain_text("(0 weggelaten)")
    page.check(box(FIRST))
    axe.check(page, "template form, cards opened")
    page.get_by_role("button", name="Sjabloon opslaan").click()
    expect(page.get_by_text(f"Het sjabloon {name} is opgeslagen.")).to_be_visible()
    expect(page.locator("#own-title + ul")).to_contain_text("Weggelaten kaarten: 1")
    axe.check(page, "facilitator home with a template")

    # Start a session from it: /host is filled in from the template.
    page.get_by_role("link", name=f"Start een gesprek met {name}").click()
    expect(page).to_have_url(re.compile(r"/host\?template=\d+$"))
    expect(page.locator("#template-chosen")).to_contain_text(name)
    expect(page.get_by_label("Licht: makkelijke vragen om te beginnen")).to_be_checked()
    expect(page.get_by_label("Iedereen, om de beurt")).to_be_checked()
    expect(page.locator("#planned-minutes")).to_have_value("40")
    picker = page.locator("#card-picker")
    expect(picker).to_have_attribute("open", "")
    expect(page.locator(box(FIRST))).to_be_checked()
    expect(picker.locator("summary")).to_contain_text("(1 weggelaten)")
    page.check(box(SECOND))
    expect(picker.locator("summary")).to_contain_text("(2 weggelaten)")
    # The list follows the choices: the card language, and the decks in play.
    label = page.locator(f"label[for='{box(FIRST)[1:]}']")
    dutch = label.text_content()
    page.locator("#language-en").check()
    expect(label).to_have_attribute("lang", "en")
    expect(label).not_to_have_text(dutch)
    page.locator("#language-nl").check()
    expect(label).to_have_text(dutch)
    page.locator("#sense-horen").uncheck()
    expect(page.locator(box(FIRST))).to_be_hidden()
    expect(page.locator(box(SECOND))).to_be_visible()
    page.locator("#sense-horen").check()
    expect(page.locator(box(FIRST))).to_be_visible()
    page.get_by_label("Jouw naam").fill("Fenna")
    page.get_by_label("Buurt of groep (voor het verslag)").fill("Noord")
    axe.check(page, "host page with a template and cards left out")

    # Without scripts in the way: choosing another template fills the form on the server.
    page.goto("/host")
    page.get_by_label("Sjabloon", exact=True).select_option("verdieping")
    page.get_by_role("button", name="Gebruik dit sjabloon").click()
    expect(page.get_by_label("Diep: ook vragen over gevoelens en herinneringen")).to_be_checked()
    expect(page.locator("#planned-minutes")).to_have_value("60")
    page.get_by_label("Sjabloon", exact=True).select_option(label=name)
    page.get_by_role("button", name="Gebruik dit sjabloon").click()
    page.check(box(SECOND))
    page.get_by_label("Jouw naam").fill("Fenna")
    page.get_by_label("Buurt of groep (voor het verslag)").fill("Noord")
    page.get_by_role("button", name="Kamer openen").click()
    expect(page).to_have_url(re.compile(r"/play/\w+$"))
    expect(page.locator("#host-panel")).to_be_visible()
    code = page.url.rsplit("/", 1)[-1]

    db = Database(site.env["KLETSBORDEN_DATABASE_URL"])
    try:
        with db.transaction() as session:
            row = find_room(session, code)
            settings = room_state(session, row).settings
            report = session.query(SessionRow).filter_by(room_id=row.id).one()
            recorded = (report.label, report.template, report.planned_minutes)
    finally:
        db.dispose()
    assert set(settings.excluded_cards) == {FIRST, SECOND}
    assert (settings.max_depth, settings.answering, settings.planned_minutes) == (1, "everyone", 40)
    assert recorded == ("Noord", name, 40)
    axe.assert_clean()
