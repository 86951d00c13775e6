"""Accounts in a real browser, on a fresh site: the first admin through the setup link that
``serve`` printed, then managing a facilitator and changing one's own password. Every account
page passes axe-core, light and dark."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from support.admin import PASSWORD
from support.server import Server, start_server, stop_server
from test_admin import accessible_both_ways

NEW_PASSWORD = "een ander lang wachtwoord"


@pytest.fixture
def fresh_site(tmp_path: Path) -> Iterator[Server]:
    """A site of its own: no account yet, so ``serve`` prints a setup link; only accounts
    open rooms there."""
    server = start_server(
        tmp_path / "instance", f"sqlite:///{tmp_path / 'fresh.db'}", open_room_creation="0"
    )
    yield server
    stop_server(server)


def open_page(browser: Browser, server: Server) -> Page:
    context = browser.new_context(base_url=server.url, locale="nl-NL", reduced_motion="reduce")
    return context.new_page()


def test_the_first_admin_then_accounts_managed_in_the_editor(
    browser: Browser, fresh_site: Server
) -> None:
    found = re.search(r"http://\S+/admin/setup/\S+", fresh_site.output())
    assert found, fresh_site.output()
    link = found.group(0)
    page = open_page(browser, fresh_site)

    # Opening rooms is switched off here: /host says so and who can, instead of a dead form.
    page.goto("/host")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kamers openen staat hier uit")
    expect(page.locator("#create-room")).to_have_count(0)
    accessible_both_ways(page, "host page with room creation off")

    # The login page says where the first admin comes from, without the link.
    page.goto("/admin/login")
    expect(page.locator("#first-admin-hint")).to_contain_text("link")
    assert link.rsplit("/", 1)[1] not in page.content()
    accessible_both_ways(page, "login without any admin")

    # The setup link: a fault first, then the first admin, logged in at once.
    page.goto(link)
    accessible_both_ways(page, "setup")
    page.get_by_label("Naam").fill("eerste")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Wachtwoord nog een keer").fill("kort")
    page.get_by_role("button", name="Beheerder maken").click()
    expect(page.locator("#field-password-error")).to_contain_text("minstens")
    accessible_both_ways(page, "setup with a fault")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(PASSWORD)
    page.get_by_role("button", name="Beheerder maken").click()
    expect(page.get_by_text("Ingelogd als eerste")).to_be_visible()
    expect(page.get_by_text("Je bent de eerste beheerder")).to_be_visible()
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("Er is al een beheerder")
    accessible_both_ways(page, "setup link refused")

    # A new account is a facilitator unless the admin chooses otherwise.
    page.goto("/admin/accounts")
    expect(
        page.get_by_label("Gespreksleider: leidt gesprekken, verandert geen kaarten")
    ).to_be_checked()
    page.locator("#field-username").fill("fenna")
    page.locator("#field-password").fill(PASSWORD)
    page.locator("#field-password-again").fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_text("Het account fenna is gemaakt.")).to_be_visible()
    accessible_both_ways(page, "accounts")

    # Fenna logs in elsewhere; disabling her account logs her out there at once.
    fenna = open_page(browser, fresh_site)
    fenna.goto("/admin/login")
    fenna.get_by_label("Naam").fill("fenna")
    fenna.get_by_label("Wachtwoord").fill(PASSWORD)
    fenna.get_by_role("button", name="Inloggen").click()
    expect(fenna.get_by_text("Ingelogd als fenna")).to_be_visible()

    page.get_by_role("link", name="fenna beheren").click()
    accessible_both_ways(page, "one account")
    page.get_by_role("button", name="Account uitzetten").click()
    expect(page.get_by_text("Het account fenna is uitgezet.")).to_be_visible()
    accessible_both_ways(page, "a disabled account")
    fenna.reload()
    expect(fenna).to_have_url(re.compile(r"/admin/login"))
    page.get_by_role("button", name="Account weer aanzetten").click()
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_text("fenna heeft een nieuw wachtwoord.")).to_be_visible()

    # Everyone changes their own password.
    page.get_by_role("link", name="Wachtwoord").click()
    accessible_both_ways(page, "own password")
    page.get_by_label("Je huidige wachtwoord").fill("fout wachtwoord")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord veranderen").click()
    expect(page.locator("#field-current-password-error")).to_be_visible()
    accessible_both_ways(page, "own password with a fault")
    page.get_by_label("Je huidige wachtwoord").fill(PASSWORD)
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord veranderen").click()
    expect(page.get_by_text("Je wachtwoord is veranderd.")).to_be_visible()
    expect(page.get_by_text("Ingelogd als eerste")).to_be_visible()
    page.goto("/host")  # logged in, an admin opens rooms all the same
    expect(page.locator("#create-room")).to_be_visible()
    page.context.close()
    fenna.context.close()
