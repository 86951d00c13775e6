"""Printing from the deck editor in a real browser: the print buttons on an edition's page give
a PDF, and an edition with nothing to print says so on its page, which stays accessible."""

from __future__ import annotations

import uuid

from playwright.sync_api import BrowserContext, expect
from support.server import Server
from test_admin import accessible_both_ways, create_account, log_in


def test_print_buttons_and_nothing_to_print(new_context, site: Server) -> None:
    username = f"druk-{uuid.uuid4().hex[:6]}"
    create_account(site, username)
    context: BrowserContext = new_context(reduced_motion="reduce")
    page = context.new_page()
    log_in(page, username)

    page.goto("/admin/editions/kletsborden")
    panel = page.get_by_role("region", name="Kaarten op papier")
    expect(panel).to_contain_text("omslaan langs de lange kant")
    link = panel.get_by_role("link", name="Afdrukken in het Engels (PDF)")
    response = page.request.get(link.get_attribute("href") or "")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    # A new edition has no cards yet: the button explains instead of giving an empty file.
    page.goto("/admin/")
    page.get_by_role("link", name="Nieuwe editie").click()
    page.locator("#field-name-nl").fill(f"Papier {uuid.uuid4().hex[:6]}")
    page.get_by_role("button", name="Editie maken").click()
    page.get_by_role("link", name="Afdrukken in het Nederlands (PDF)").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("geen kaarten in het spel met een tekst in het Nederlands")
    accessible_both_ways(page, "nothing to print")
