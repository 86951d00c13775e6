"""The play view as a card game on a phone: in every state the card is whole on the screen and
the state's next step is under the thumb, measured at 375x740 and 320x640, in Dutch and English.

Measured with bounding boxes against the viewport (after the card's reveal has ended), the
page's ``scrollWidth``, and the line boxes of every word of the question; each state is also
checked with axe-core.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable

import pytest
from helpers import (
    AxeReport,
    Person,
    SoftChecks,
    draw,
    join_by_link,
    open_room,
    settle,
    start_game,
)
from playwright.sync_api import Page, expect
from support.browser import CHECKOUT

from kletsborden.engine.state import DEPTHS, KINDS
from kletsborden.i18n import translate

PHONES = {"375x740": {"width": 375, "height": 740}, "320x640": {"width": 320, "height": 640}}
LOCALES = {"nl": "nl-NL", "en": "en-GB"}
THUMB_ZONE = 0.45  # the primary action's top lies in the lower part of the screen

# Where each part of the page is, in viewport pixels, and whether any word breaks over lines.
MEASURE = """
(selectors) => {
  const box = (el) => {
    if (!el || !el.checkVisibility()) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  };
  const question = document.querySelector("#card-question");
  const brokenWords = [];
  if (question && question.checkVisibility() && question.firstChild) {
    const text = question.firstChild;
    const range = document.createRange();
    // a line may end after a hyphen ("tv-|zender"): each part is a word of its own here
    for (const match of text.textContent.matchAll(/[^\\s\u2010-]+/g)) {
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) brokenWords.push(match[0]);
    }
  }
  const root = document.documentElement;
  return {
    viewport: { width: window.innerWidth, height: window.innerHeight },
    scrollY: window.scrollY,
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    boxes: Object.fromEntries(selectors.map((s) => [s, box(document.querySelector(s))])),
    brokenWords,
    question: question ? question.textContent : null,
    fit: getComputedStyle(document.querySelector("#card-text") || root).getPropertyValue("--fit"),
  };
}
"""


def check_state(
    page: Page,
    state: str,
    soft: SoftChecks,
    *,
    primary: str | None,
    card: bool = False,
    thumb: bool = True,
) -> None:
    """The card (if any) is whole above the dock, the primary action is in thumb reach (a form's
    button sits under its field instead: the phone's keyboard covers the bottom then)."""
    settle(page)
    if os.environ.get("KLETSBORDEN_SHOTS"):  # to look at the layouts while working on them
        name = re.sub(
            r"\W+",
            "-",
            f"{page.viewport_size} {page.locator('html').get_attribute('lang')} {state}",
        )
        page.screenshot(path=f"{os.environ['KLETSBORDEN_SHOTS']}/{name}.png")
    parts = ["#card", "#card-question", "#card-follow-up", "#dock"]
    if primary:
        parts.append(primary)
    found = page.evaluate(MEASURE, parts)
    height, width = found["viewport"]["height"], found["viewport"]["width"]
    boxes = found["boxes"]

    def within(name: str, selector: str, bottom: float) -> None:
        box = boxes[selector]
        if box is None:
            soft.failures.append(f"{state}: {name} ({selector}) is not shown")
            return
        if box["top"] < -0.5 or box["bottom"] > bottom + 0.5 or box["right"] > width + 0.5:
            soft.failures.append(
                f"{state}: {name} is not whole on the screen: {box} (limit {bottom}; "
                f"question {found['question']!r} at scale {found['fit']})"
            )

    if found["scrollY"] > 0:
        soft.failures.append(f"{state}: the page opened scrolled down ({found['scrollY']}px)")
    if found["scrollWidth"] > found["clientWidth"]:
        soft.failures.append(f"{state}: scrolls sideways ({found['scrollWidth']}px)")
    if card:
        dock_top = boxes["#dock"]["top"] if boxes["#dock"] else height
        within("the card", "#card", dock_top)
        within("the question", "#card-question", dock_top)
        if boxes["#card-follow-up"] is not None:
            within("the follow-up", "#card-follow-up", dock_top)
        if found["brokenWords"]:
            soft.failures.append(f"{state}: words broken over lines: {found['brokenWords']}")
    if primary:
        within("the primary action", primary, height)
        box = boxes[primary]
        if thumb and box and box["top"] < height * THUMB_ZONE:
            soft.failures.append(f"{state}: the primary action is out of thumb reach: {box}")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("phone", PHONES)
def test_every_state_fits_a_phone(
    someone: Callable[..., Person], phone: str, language: str
) -> None:
    options = {
        "viewport": PHONES[phone],
        "is_mobile": True,
        "has_touch": True,
        "locale": LOCALES[language],
        "reduced_motion": "no-preference",
    }
    host, henk = someone("Fatima", **options), someone("Henk", **options)
    soft = SoftChecks()
    axe = AxeReport()
    # Every state in the light scheme; on one phone and language in the dark one too (the
    # desktop layout's dark states are in test_accessibility).
    schemes = ("light", "dark") if (phone, language) == ("375x740", "nl") else ("light",)
    code = open_room(host, language=language)

    henk.page.goto(f"/play/{code}")
    expect(henk.page.locator("#join-panel")).to_be_visible()
    check_state(henk.page, "join form", soft, primary="#join-form button[type=submit]", thumb=False)
    axe.check(henk.page, "join form", schemes=schemes)
    join_by_link(henk, code)
    expect(host.page.locator("#player-list li")).to_have_count(2)

    check_state(henk.page, "lobby, player", soft, primary=None)
    if language == "nl":  # said once, not twice
        assert henk.page.locator("#game").inner_text().count("Wachten tot het spel begint") == 1
    check_state(host.page, "lobby, host", soft, primary="#start-game")
    axe.check(host.page, "lobby, host", schemes=schemes)
    axe.check(henk.page, "lobby, player", schemes=schemes)

    start_game(host)
    check_state(host.page, "my turn to draw", soft, primary="[data-draw=horen]")
    axe.check(host.page, "my turn to draw", schemes=schemes)

    for turn in range(3):  # several cards, so long questions come by too
        drawer, other = (host, henk) if turn % 2 == 0 else (henk, host)
        expect(drawer.page.locator("#draw-actions")).to_be_visible()
        draw(drawer, ("horen", "zien", "voelen")[turn])
        expect(other.question).to_have_text(drawer.question.inner_text())
        check_state(
            drawer.page, f"my card on the table ({turn})", soft, primary="#finish", card=True
        )
        check_state(
            other.page,
            f"someone else's card ({turn})",
            soft,
            primary="[data-react=thanks]",
            card=True,
        )
        if turn == 0:
            axe.check(drawer.page, "my card on the table", schemes=schemes)
            axe.check(other.page, "someone else's card", schemes=schemes)
        if turn < 2:
            drawer.page.click("#finish")

    host.page.locator("[data-sheet=table-sheet]").click()
    expect(host.page.locator("#table-sheet")).to_be_visible()
    expect(host.page.locator("#players-title")).to_be_focused()
    axe.check(host.page, "the table sheet, host", schemes=schemes)
    host.page.click("#pause-game")
    host.page.keyboard.press("Escape")
    expect(host.page.locator("#table-sheet")).to_be_hidden()
    expect(host.page.locator("[data-sheet=table-sheet]")).to_be_focused()
    expect(henk.status).to_have_text(
        "Het spel staat even stil." if language == "nl" else "The game is paused."
    )
    check_state(host.page, "paused, host", soft, primary="#resume-game", card=True)
    check_state(henk.page, "paused, player", soft, primary=None, card=True)
    if language == "nl":
        assert henk.page.locator("#game").inner_text().count("Het spel staat even stil") == 1
    axe.check(henk.page, "paused, player", schemes=schemes)

    henk.page.locator("[data-sheet=more-sheet]").click()
    expect(henk.page.locator("#more-sheet")).to_be_visible()
    expect(henk.page.locator("#more-title")).to_be_in_viewport()
    expect(henk.page.locator("#leave")).to_be_visible()  # the sheet scrolls on a small phone
    axe.check(henk.page, "the Meer sheet", schemes=schemes)
    henk.page.locator("#more-sheet [data-sheet-close]").click()
    expect(henk.page.locator("#more-sheet")).to_be_hidden()

    host.page.click("#resume-game")
    host.page.locator("[data-sheet=table-sheet]").click()
    host.page.click("#end-game")
    expect(henk.page.locator("#reflection")).to_be_visible()
    check_state(henk.page, "ended, reflection", soft, primary="#reflect-send")
    axe.check(henk.page, "ended, reflection", schemes=schemes)
    soft.assert_all()
    axe.assert_clean()


def test_the_table_is_one_tap_away(someone: Callable[..., Person]) -> None:
    """On a phone the table (who is here, whose turn) opens with one tap, over the card."""
    options = {"viewport": PHONES["320x640"], "is_mobile": True, "has_touch": True}
    host, henk = someone("Fatima", **options), someone("Henk", **options)
    code = open_room(host)
    join_by_link(henk, code)
    start_game(host)
    page = henk.page
    expect(page.locator("#player-list")).to_be_hidden()
    toggle = page.locator("[data-sheet=table-sheet]")
    expect(toggle).to_have_text("Aan tafel (2)")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#player-list li.is-waited-on .player-name")).to_have_text("Fatima")
    expect(page.locator("#player-list li.is-waited-on")).to_be_in_viewport()
    page.locator("#table-sheet [data-sheet-close]").click()
    expect(page.locator("#player-list")).to_be_hidden()
    expect(toggle).to_be_focused()


def test_long_question_scales_down_and_reveal_respects_reduced_motion(
    someone: Callable[..., Person],
) -> None:
    """A question too long for the screen gets smaller instead of scrolling; the card turns in
    with a short animation, which is a plain change for readers who ask for less motion."""
    options = {"viewport": PHONES["320x640"], "is_mobile": True, "has_touch": True}
    host = someone("Fatima", **options, reduced_motion="no-preference")
    calm = someone("Henk", **options, reduced_motion="reduce")
    code = open_room(host)
    join_by_link(calm, code)
    start_game(host)
    host.page.locator("[data-draw=voelen]").click()
    expect(calm.question).not_to_be_empty()
    expect(host.question).not_to_be_empty()
    animation = "(el) => getComputedStyle(el).animationName"
    assert host.page.locator("#card").evaluate(animation) == "card-reveal"
    assert calm.page.locator("#card").evaluate(animation) == "none"

    # The longest cards of the deck (question and follow-up, Dutch and English) fit a 320x640
    # phone above the dock, each word whole: shown in the card as the server would, to the one
    # who drew it (a two-line status above the card, "done" below it) and to the others.
    soft = SoftChecks()
    views = {"drawer": (host, "#finish"), "other": (calm, "[data-react=thanks]")}
    for language, question, follow_up in longest_cards():
        for view, (person, primary) in views.items():
            kind = longest_kind(person.page.locator("html").get_attribute("lang") or "nl")
            sizes = person.page.evaluate(
                """([text, more, language, kind]) => {
                     document.querySelector('#card-kind').textContent = kind;
                     const q = document.querySelector('#card-question');
                     const f = document.querySelector('#card-follow-up');
                     const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
                     q.textContent = text;
                     f.textContent = more;
                     f.hidden = !more;
                     q.lang = f.lang = language;
                     window.dispatchEvent(new Event('resize'));
                     return [1.6 * rem, parseFloat(getComputedStyle(q).fontSize)];
                   }""",
                [question, follow_up, language, kind],
            )
            assert sizes[1] <= sizes[0], sizes
            check_state(
                person.page,
                f"the longest card ({language}, {view})",
                soft,
                primary=primary,
                card=True,
            )
    soft.assert_all()


def longest_kind(language: str) -> str:
    """The longest kind and depth line a card can have in the page's language."""
    kinds = [translate(f"ui.card.kind_{kind}", language) for kind in KINDS]
    depths = [translate(f"ui.card.depth_{depth}", language) for depth in DEPTHS]
    return f"{max(kinds, key=len)} · {max(depths, key=len)}"


def longest_cards() -> list[tuple[str, str, str]]:
    """The longest question with its follow-up in each language of the default deck."""
    deck = tomllib.loads((CHECKOUT / "cards" / "kletsborden.toml").read_text(encoding="utf-8"))
    found = []
    for language in ("nl", "en"):
        texts = [card[language] for card in deck["cards"] if language in card]
        text = max(texts, key=lambda t: len(t["question"]) + len(t.get("follow_up") or ""))
        found.append((language, text["question"], text.get("follow_up") or ""))
    return found
