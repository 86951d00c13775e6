"""Reports in a real browser: a facilitator opens the overview and a session's report, both
pass axe-core (light and dark, tables open and closed), the figures are visible, the small-group
rule shows, and a label someone typed stays text."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from helpers import log_in, settle
from playwright.sync_api import Page, expect
from sqlalchemy import select
from support.admin import create_account
from support.browser import assert_accessible
from support.server import Server

from kletsborden.engine import encode
from kletsborden.engine.state import ReflectionCount
from kletsborden.engine.summary import CardCount, SessionFigures
from kletsborden.store.database import Database
from kletsborden.store.models import AdminUserRow, SessionRow

HOSTILE = '<img src=x onerror="window.__hacked=1">'
START = datetime(2026, 11, 2, 9, 0)  # UTC: 10:00 in Amsterdam


def _figures(respondents: int, *reflected: tuple[str, str, int]) -> dict:
    return encode(
        SessionFigures(
            started_at=START.timestamp(),
            ended_at=START.timestamp() + 40 * 60,
            ended=True,
            players=4,
            deviceless=1,
            cards=(CardCount("horen", 1, 2), CardCount("zien", 2, 3)),
            answered=3,
            passed=1,
            skipped=0,
            set_aside=1,
            topic_signals=1,
            respondents=respondents,
            reflection=tuple(ReflectionCount(*r) for r in reflected),
        )
    )


def facilitator_with_sessions(site: Server) -> tuple[str, str, int]:
    """A facilitator account (made with the CLI) and two sessions of theirs in the site's
    database: one with a hostile label and 3 respondents, one with 2 (too few to show)."""
    username = f"wijk-{uuid.uuid4().hex[:6]}"
    create_account(site, username, "facilitator")
    label = f"{HOSTILE} {uuid.uuid4().hex[:4]}"
    db = Database(site.env["KLETSBORDEN_DATABASE_URL"])
    try:
        with db.transaction() as session:
            account = session.scalars(
                select(AdminUserRow.id).where(AdminUserRow.username == username)
            ).one()
            known = SessionRow(
                facilitator_id=account,
                label=label,
                planned_minutes=45,
                started_at=START,
                ended_at=START.replace(minute=40),
                figures=_figures(
                    3,
                    ("felt_heard", "agree", 2),
                    ("felt_heard", "neutral", 1),
                    ("meet_again", "agree", 3),
                ),
            )
            small = SessionRow(
                facilitator_id=account,
                label="Zuid",
                started_at=START.replace(day=3),
                figures=_figures(2, ("felt_heard", "disagree", 2)),
            )
            session.add_all([known, small])
            session.flush()
            return username, label, small.id
    finally:
        db.dispose()


def accessible(page: Page, state: str) -> None:
    for opened in (False, True):
        page.evaluate(
            f"document.querySelectorAll('details').forEach(d => d.open = {str(opened).lower()})"
        )
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            settle(page)  # buttons fade to the new scheme's colours
            assert_accessible(page, f"{state}, {scheme}, tables {'open' if opened else 'closed'}")
    page.emulate_media(color_scheme="light")


def stayed_text(page: Page) -> None:
    assert page.evaluate("window.__hacked") is None
    assert page.locator("main img").count() == 0


def test_a_facilitator_reads_their_reports(page: Page, site: Server) -> None:
    username, label, small = facilitator_with_sessions(site)
    log_in(page, username)

    page.get_by_role("navigation").get_by_role("link", name="Verslagen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verslagen")
    groups = page.locator(".report-group")
    expect(groups).to_have_count(2)
    expect(groups.first.get_by_role("heading", level=2)).to_have_text(label)
    chart = page.get_by_role("img", name=re.compile("Getrokken kaarten per zintuig")).first
    expect(chart).to_be_visible()
    expect(groups.nth(1)).to_contain_text(
        "Minder dan 3 mensen gaven antwoord: niet getoond om hun anonimiteit te beschermen."
    )
    stayed_text(page)
    accessible(page, "overview")

    # Only the hostile label: one group, and the filter kept the label as text.
    page.get_by_label("Buurt of groep").select_option(label=label)
    page.get_by_role("button", name="Laten zien").click()
    expect(page.locator(".report-group")).to_have_count(1)
    expect(page.get_by_label("Buurt of groep")).to_have_value(label)
    stayed_text(page)

    page.get_by_role("link", name="02-11-2026 10:00").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sessie van 02-11-2026 10:00")
    expect(page.locator(".session-label")).to_have_text(label)
    expect(page.locator(".session-duration")).to_have_text("40 minuten (gepland: 45 minuten)")
    expect(page.locator(".session-players")).to_have_text("4 (waarvan 1 zonder telefoon)")
    expect(page.locator(".session-cards")).to_have_text("5")
    name = "Getrokken kaarten per zintuig Horen: 2; Zien: 3; Voelen: 0."
    cards = page.get_by_role("img", name=name)
    expect(cards).to_be_visible()
    page.get_by_text("Als tabel").first.click()
    expect(page.locator("#session-cards td[data-key='zien']")).to_have_text("3")
    expect(page.get_by_role("img", name=re.compile("^Ik voelde me gehoord"))).to_be_visible()
    stayed_text(page)
    accessible(page, "session report")

    page.goto(f"/admin/reports/sessions/{small}")
    expect(page.get_by_text("Minder dan 3 mensen gaven antwoord")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Ik voelde me gehoord"))).to_have_count(0)
    accessible(page, "session report with too few answers")


BOXES = """() => [...document.querySelectorAll('svg.bar-chart g.bar')].map(g => {
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  return {label: box(g.querySelector('.bar-label')), bar: box(g.querySelector('.bar-fill')),
          value: box(g.querySelector('.bar-value')), svg: box(g.ownerSVGElement)};
})"""


def _apart(a: dict, b: dict) -> bool:
    return (
        a["right"] <= b["left"]
        or b["right"] <= a["left"]
        or a["bottom"] <= b["top"]
        or (b["bottom"] <= a["top"])
    )


def test_chart_labels_never_touch_their_bars_and_the_report_prints_as_a_document(
    page: Page, site: Server
) -> None:
    username, _label, _small = facilitator_with_sessions(site)
    log_in(page, username)
    page.goto("/admin/reports")
    session = page.locator(".sessions-table th a").first.get_attribute("href")
    for width in (320, 768, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for url in ("/admin/reports", session):
            page.goto(url)
            boxes = page.evaluate(BOXES)
            assert any(box["bar"] for box in boxes)
            for box in boxes:
                for part in ("bar", "value"):
                    if box[part]:
                        assert _apart(box["label"], box[part]), (width, url, box)
                assert box["label"]["right"] <= box["svg"]["right"] + 0.5, (width, url, box)
    # Right to left (Arabic) the charts mirror: labels at the right, bars growing to the left.
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto("/admin/reports?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    for box in page.evaluate(BOXES):
        assert box["label"]["left"] >= box["svg"]["left"] - 0.5, box
        assert abs(box["label"]["right"] - box["svg"]["right"]) < 2, box
        if box["bar"]:
            assert _apart(box["label"], box["bar"]) and _apart(box["label"], box["value"]), box
            assert box["value"]["right"] <= box["bar"]["left"] + 0.5, box
    accessible(page, "overview, right to left")
    page.goto("/admin/reports?lang=nl")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/reports?from=2026-11-01")
    expect(page.get_by_text("Deelnemersminuten").first).to_be_visible()
    expect(page.get_by_role("table", name="Per maand")).to_be_visible()
    accessible(page, "overview with trend")
    page.emulate_media(media="print")
    for hidden in (".admin-nav", ".report-filters", ".downloads", ".site-header"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".report-period")).to_have_text("01-11-2026 tot en met nu")
    expect(page.locator(".report-scope")).to_be_visible()
    # Charts keep their tables on paper: the ones behind "Als tabel" print open.
    expect(page.locator("details.chart-table table").first).to_be_visible()
    page.emulate_media(media="screen")
