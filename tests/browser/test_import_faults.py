"""An import with faults, as an admin sees it: every fault in a table with its CSV row, edition,
card and field, the bad value and what is allowed, all in Dutch; the page passes axe-core."""

from __future__ import annotations

import uuid

from helpers import log_in
from playwright.sync_api import Page, expect
from support.admin import create_account
from support.browser import assert_accessible
from support.server import Server

FAULTY = (
    "edition;edition_name_nl;position;id;sense;kind;depth;language;question\n"
    "proef;Proef;1;p-1;ruiken;gewoon;1;nl;Wat ruik je?\n"
    'proef;Proef;2;p-2;horen;gewoon;1;nl;"Wat hoor je\nvaak?"\n'
)


def test_import_faults_are_shown_where_they_are(page: Page, site: Server) -> None:
    username = f"beheer-{uuid.uuid4().hex[:6]}"
    create_account(site, username)
    log_in(page, username)
    page.goto("/admin/import")
    page.get_by_label("Bestand").set_input_files(
        {"name": "proef.csv", "mimeType": "text/csv", "buffer": FAULTY.encode()}
    )
    page.get_by_role("button", name="Bekijken wat er verandert").click()
    expect(page.get_by_role("heading", name="(2 problemen)")).to_be_visible()
    table = page.get_by_role("table", name="Wat er mis is, met waar het staat")
    rows = table.locator("tbody tr")
    expect(rows.nth(0).locator("td")).to_have_text(
        ["2", "proef", "p-1", "Zintuig", "Moet horen, zien of voelen zijn (nu: 'ruiken')."]
    )
    expect(rows.nth(1).locator("td").nth(0)).to_have_text("3")
    expect(rows.nth(1).locator("td").nth(3)).to_have_text("Vraag (Nederlands)")
    expect(rows.nth(1).locator("td").nth(4)).to_contain_text(
        "nieuwe regel (Enter) na “Wat hoor je”"
    )
    expect(page.locator("main")).not_to_contain_text("U+000A")
    assert_accessible(page, "import with faults")
