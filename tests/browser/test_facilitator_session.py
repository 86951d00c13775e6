"""A facilitator's session from start to report in real browsers: a shipped template, a player
without a phone played from the console, a player's quiet wish for another topic and the card put
away, the closing reflection (not shown while people may still be answering, so no reload gives
away one person's answer; shown once it has settled), and the report that shows how it went
without a single name."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import timedelta

from helpers import (
    AxeReport,
    Person,
    draw,
    end_game,
    join_by_link,
    log_in,
    start_game,
)
from playwright.sync_api import Page, expect
from support.admin import create_account
from support.server import Server

from kletsborden.config import REFLECTION_SETTLE_MINUTES
from kletsborden.store.database import Database
from kletsborden.store.models import SessionRow

LABEL = "Buurthuis Zuid"


def open_from_template(host: Person, username: str) -> str:
    """The facilitator logs in and opens a room from the shipped "Kennismaking" template."""
    page = host.page
    log_in(page, username)
    page.get_by_role("link", name="Start een gesprek met Kennismaking, 30 min").click()
    expect(page).to_have_url(re.compile(r"/host\?template=kennismaking$"))
    expect(page.locator("#planned-minutes")).to_have_value("30")
    page.fill("#host-name", host.name)
    page.uncheck("#takes-turns")  # she leads and plays for Opa, but takes no turns herself
    page.get_by_label("Buurt of groep (voor het verslag)").fill(LABEL)
    page.get_by_role("button", name="Kamer openen").click()
    page.wait_for_url(re.compile(r"/play/[A-Z0-9]+$"))
    expect(page.locator("#host-panel")).to_be_visible()
    return page.url.rsplit("/", 1)[1]


def finish(player: Person) -> None:
    player.page.click("#finish")


def reflect(player: Person, *answers: tuple[str, str]) -> None:
    page = player.page
    expect(page.locator("#reflect-form")).to_be_visible()
    for question, answer in answers:
        page.check(f"input[name=reflect-{question}][value={answer}]")
    page.click("#reflect-send")
    expect(page.locator("#reflect-thanks")).to_be_visible()


def settle_reflection(site: Server, session_id: int) -> None:
    """Move the session's end back in the site's database, as if the hour had passed."""
    db = Database(site.env["KLETSBORDEN_DATABASE_URL"])
    back = timedelta(minutes=REFLECTION_SETTLE_MINUTES + 1)
    try:
        with db.transaction() as session:
            row = session.get(SessionRow, session_id)
            assert row is not None and row.ended_at is not None
            row.ended_at -= back
    finally:
        db.dispose()


def cell(page: Page, chart: str, key: str):
    return page.locator(f"#session-{chart} td[data-key={key}]")


def test_a_facilitator_prepares_runs_and_reports_on_a_session(
    someone: Callable[..., Person], site: Server
) -> None:
    axe = AxeReport()
    username = f"leider-{uuid.uuid4().hex[:6]}"
    create_account(site, username, "facilitator")
    host = someone("Fenna")
    henk, aisha, bram = someone("Henk"), someone("Aisha"), someone("Bram")
    code = open_from_template(host, username)
    for player in (henk, aisha, bram):
        join_by_link(player, code)
    host.page.fill("#add-player-name", "Opa")
    host.page.locator("#add-player-form button[type=submit]").click()
    expect(henk.page.locator("#player-list li", has_text="Opa")).to_be_visible()
    planned = host.page.locator("#planned-time")
    expect(planned).to_have_text("Gepland: 30 minuten.")
    expect(henk.page.locator("#planned-time")).to_be_hidden()
    start_game(host)
    expect(planned).to_have_text(re.compile(r"^Gepland: 30 minuten\. Begonnen om \d\d:\d\d, "))

    # Everyone answers each card (the template): Henk draws; Henk answers, Aisha passes, Bram
    # answers, and the host answers for Opa.
    expect(henk.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")
    draw(henk, "horen")
    finish(henk)
    aisha.page.click("#pass")
    finish(bram)
    expect(host.page.locator("#playing-for")).to_contain_text("Opa")
    finish(host)

    # Aisha's turn: Bram would rather talk about something else; the host puts the card away.
    expect(aisha.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")
    draw(aisha, "zien")
    bram.page.click("#topic-ask")
    expect(bram.page.locator("#topic-sent")).to_be_visible()
    expect(host.page.locator("#lead-notice-text")).to_have_text(
        "Iemand wil liever over iets anders praten."
    )
    expect(henk.page.locator("#lead-notice")).to_be_hidden()
    axe.check(host.page, "the host's notice during a template session")
    host.page.click("#set-card-aside")
    expect(aisha.status).to_have_text("Jij bent aan de beurt. Kies een stapel.")
    draw(aisha, "voelen")
    for player in (aisha, bram, host, henk):  # Aisha, Bram, Opa (via the host), Henk
        finish(player)
    expect(host.page.locator("#playing-for")).to_be_hidden()
    end_game(host)

    # Two answer the reflection; the report right after the game shows none of it (not yet
    # settled), nor after a third answer: a reload never tells what one person answered.
    reflect(henk, ("felt_heard", "agree"), ("meet_again", "agree"))
    reflect(aisha, ("felt_heard", "neutral"), ("learned_something", "agree"))
    report = host.page.context.new_page()
    link = host.page.locator("#ended-report a")  # the host's end screen links to the report
    expect(link).to_be_visible()
    report.goto(link.get_attribute("href"))
    expect(report.locator(".session-label")).to_have_text(LABEL)
    report.goto("/admin/facilitate")
    sessions = report.locator("table.past-sessions tbody tr")
    expect(sessions.first).to_contain_text(LABEL)
    sessions.first.get_by_role("link").click()
    expect(report.locator(".session-label")).to_have_text(LABEL)
    not_yet = report.locator(".reflection-pending")
    expect(not_yet).to_have_text(
        "De terugblik is te zien vanaf een uur na afloop, zodat niemands antwoord te herkennen is."
    )
    expect(report.locator("[id^=session-reflection-]")).to_have_count(0)
    axe.check(report, "the session's report before the reflection settled")

    reflect(bram, ("felt_heard", "agree"))
    bram.page.context.close()
    report.reload()
    expect(not_yet).to_be_visible()
    expect(report.locator("[id^=session-reflection-]")).to_have_count(0)
    expect(report.get_by_text("mensen vulden de terugblik in")).to_have_count(0)

    session_id = int(report.url.rsplit("/", 1)[1])
    settle_reflection(site, session_id)
    report.reload()
    expect(not_yet).to_have_count(0)
    expect(report.locator(".session-players")).to_have_text("4 (waarvan 1 zonder telefoon)")
    expect(report.locator(".session-cards")).to_have_text("3")
    expect(report.locator(".session-duration")).to_contain_text("30")  # the planned time
    for key, value in {"answered": 7, "passed": 1, "skipped": 0, "set_aside": 1}.items():
        expect(cell(report, "outcomes", key)).to_have_text(str(value))
    for sense in ("horen", "zien", "voelen"):
        expect(cell(report, "cards", sense)).to_have_text("1")
    expect(report.get_by_text("Vragen om een ander onderwerp: 1")).to_be_visible()
    expect(report.get_by_text("3 mensen vulden de terugblik in.")).to_be_visible()
    for key, value in {"agree": 2, "neutral": 1, "disagree": 0}.items():
        expect(cell(report, "reflection-felt_heard", key)).to_have_text(str(value))
    expect(cell(report, "reflection-meet_again", "agree")).to_have_text("1")
    main = report.locator("main").inner_text()
    for name in ("Henk", "Aisha", "Bram", "Opa", "Fenna"):
        assert name not in main, f"the report names {name}"
    axe.check(report, "the session's report")
    axe.assert_clean()
