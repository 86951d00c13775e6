"""Names (and typed answers) are text, never markup: in every view, on every phone and screen."""

from __future__ import annotations

import re
from collections.abc import Callable

from helpers import (
    ANNOUNCER_RECORDER,
    IMG_PAYLOAD,
    RTL_OVERRIDE,
    Person,
    SoftChecks,
    assert_inert,
    draw,
    join_by_link,
    open_room,
    open_screen,
    start_game,
    wait_for_announcement,
)
from playwright.sync_api import expect

IMG = IMG_PAYLOAD
SCRIPT = '"><script>window.__xss=1</script>'
TEMPLATE = "{{7*7}}"
RTL_SHOWN = "Evagnp.exe"  # control characters are taken out of names (RTL_OVERRIDE's)
HEBREW = "שרה ✡ <b>בולד</b>"


def untouched(person: Person) -> None:
    """No injected script ran and no injected element exists in this page."""
    assert_inert(person.page)
    assert person.page.locator("b", has_text="בולד").count() == 0


def test_names_are_shown_as_literal_text(someone: Callable[..., Person]) -> None:
    host = someone(TEMPLATE, ANNOUNCER_RECORDER)
    img = someone(IMG, ANNOUNCER_RECORDER)
    script = someone(SCRIPT, ANNOUNCER_RECORDER)
    rtl = someone(RTL_OVERRIDE, ANNOUNCER_RECORDER)
    hebrew = someone(HEBREW, ANNOUNCER_RECORDER)
    projector = someone("projector", ANNOUNCER_RECORDER)
    code = open_room(host, takes_turns=False, typed_answers=True)
    for player in (img, script, rtl, hebrew):
        join_by_link(player, code)
    open_screen(projector, host)
    seated = [host, img, script, rtl, hebrew]
    shown = [TEMPLATE, IMG, SCRIPT, RTL_SHOWN, HEBREW]

    start_game(host)
    checks = SoftChecks(timeout=5_000)
    for viewer in seated:
        checks.check(
            f"players list on {viewer.name!r}'s phone",
            lambda viewer=viewer: expect(
                viewer.page.locator("#player-list .player-name")
            ).to_have_text([re.compile(rf"^{re.escape(n)}( \(jij\))?$") for n in shown]),
        )
    expect(projector.page.locator("#screen-players li")).to_have_text(shown)
    for viewer in (script, rtl, hebrew, host):
        expect(viewer.status).to_have_text(f"{IMG} is aan de beurt.")
    expect(projector.page.locator("#screen-status")).to_have_text(f"{IMG} is aan de beurt.")
    expect(host.page.locator("#skip-player")).to_have_text(f"Sla {IMG} over")
    expect(host.page.locator("details.seat-menu summary")).to_have_text(
        [f"Opties voor {n}" for n in shown[1:]]
    )
    wait_for_announcement(script.page, f"{IMG} is aan de beurt.")

    # The <img> player draws and hands the card on: names in the card, the choices, the status.
    question = draw(img, "horen")
    expect(script.page.locator("#card-drawn-by")).to_have_text(f"Getrokken door {IMG}")
    expect(img.page.locator("#hand-to option")).to_have_text([SCRIPT, RTL_SHOWN, HEBREW])
    wait_for_announcement(rtl.page, f"{IMG} trekt een kaart: Horen.", question)
    img.page.locator("#hand-to").select_option(label=SCRIPT)
    img.page.locator("#hand-form button[type=submit]").click()
    expect(rtl.status).to_have_text(f"{SCRIPT} is aan het woord.")
    expect(projector.page.locator("#screen-status")).to_have_text(f"{SCRIPT} is aan het woord.")
    expect(projector.page.locator("#screen-players li.is-waited-on")).to_have_text(SCRIPT)
    wait_for_announcement(hebrew.page, f"{IMG} geeft de kaart aan {SCRIPT}.")

    # Typed answers and reactions carry text too.
    script.page.fill("#type-text", IMG + " " + SCRIPT)
    script.page.locator("#type-form button[type=submit]").click()
    for viewer in (host, img, rtl, hebrew):
        expect(viewer.page.locator("#typed-list li")).to_have_text(f"{SCRIPT}: {IMG} {SCRIPT}")
    expect(projector.page.locator("#screen-typed li")).to_have_text(f"{SCRIPT}: {IMG} {SCRIPT}")
    rtl.page.click("[data-react=heart]")
    expect(hebrew.page.locator("#reaction-feed")).to_have_text(f"{RTL_SHOWN} stuurt een hartje.")
    hebrew.page.click("[data-react=thanks]")
    wait_for_announcement(projector.page, f"{HEBREW} zegt dankjewel.")

    # A fresh page gets all names in its first snapshot.
    rtl.page.reload()
    expect(rtl.page.locator("#player-list .player-name")).to_have_count(5)
    expect(rtl.page.locator("#typed-list li")).to_have_text(f"{SCRIPT}: {IMG} {SCRIPT}")

    for viewer in [*seated, projector]:
        untouched(viewer)
        assert "\u202e" not in viewer.page.locator("body").inner_text()
    checks.assert_all()
