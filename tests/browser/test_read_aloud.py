"""Reading the card aloud with the browser's speech synthesis (stubbed: headless has no voices)."""

from __future__ import annotations

from collections.abc import Callable

from helpers import (
    SPEECH_RECORDER,
    Person,
    close_display_settings,
    device_voices,
    draw,
    follow_up,
    join_by_link,
    open_display_settings,
    open_room,
    start_game,
)
from playwright.sync_api import Page, expect

VOICES = device_voices("nl-NL", "en-GB")  # a phone with a Dutch and an English voice


def spoken(page: Page) -> list[dict]:
    return page.evaluate("window.__speech.filter((c) => c.call === 'speak')")


def calls(page: Page) -> list[str]:
    return page.evaluate("window.__speech.map((c) => c.call)")


def card_text(player: Person) -> str:
    return " ".join(filter(None, [player.question.inner_text(), follow_up(player)]))


def wait_for_speech(page: Page, count: int) -> dict:
    page.wait_for_function(
        "(n) => window.__speech.filter((c) => c.call === 'speak').length >= n", arg=count
    )
    return spoken(page)[count - 1]


def test_read_aloud_and_stop_in_a_dutch_room(someone: Callable[..., Person]) -> None:
    host = someone("Fatima", SPEECH_RECORDER, VOICES)
    henk = someone("Henk", SPEECH_RECORDER, VOICES)
    code = open_room(host, language="nl")
    join_by_link(henk, code)
    start_game(host)
    draw(host, "horen")
    expect(henk.question).not_to_be_empty()
    assert spoken(henk.page) == [], "nothing is read before anyone asks"

    for reader in (henk, host):
        page = reader.page
        expect(page.locator("#read-aloud")).to_be_visible()
        expect(page.locator("#stop-reading")).to_be_hidden()
        page.click("#read-aloud")
        utterance = wait_for_speech(page, 1)
        assert utterance["text"] == card_text(reader)
        assert utterance["lang"] == "nl-NL"
        assert utterance["voice"] == "voice nl-NL"
        expect(page.locator("#no-voice")).to_be_hidden()
        expect(page.locator("#stop-reading")).to_be_visible()

        page.click("#stop-reading")
        assert calls(page)[-1] == "cancel"
        expect(page.locator("#stop-reading")).to_be_hidden()
        expect(page.locator("#read-aloud")).to_be_focused()


def test_each_person_hears_the_card_in_their_own_language(someone: Callable[..., Person]) -> None:
    host = someone("Fatima", SPEECH_RECORDER, VOICES, locale="en-GB")
    code = open_room(host, language="en")
    henk = someone("Henk", SPEECH_RECORDER, VOICES)  # a Dutch phone in an English room
    join_by_link(henk, code)
    start_game(host)
    draw(host, "zien")
    expect(henk.question).not_to_be_empty()
    henk.page.click("#read-aloud")
    utterance = wait_for_speech(henk.page, 1)
    assert utterance["lang"] == "nl-NL"
    assert utterance["text"] == card_text(henk)
    host.page.click("#read-aloud")
    utterance = wait_for_speech(host.page, 1)
    assert utterance["lang"] == "en-GB"
    assert utterance["text"] == card_text(host) != card_text(henk)


def test_new_cards_are_read_automatically_when_asked(someone: Callable[..., Person]) -> None:
    host = someone("Fatima", SPEECH_RECORDER, VOICES)
    henk = someone("Henk", SPEECH_RECORDER, VOICES)
    code = open_room(host)
    join_by_link(henk, code)
    page = henk.page

    open_display_settings(page)
    auto_read = page.locator("#auto-read")
    expect(auto_read).not_to_be_checked()
    auto_read.check()
    close_display_settings(page)

    start_game(host)
    draw(host, "voelen")
    utterance = wait_for_speech(page, 1)
    expect(henk.question).not_to_be_empty()
    assert utterance["text"] == card_text(henk)
    assert utterance["lang"] == "nl-NL"
    assert spoken(host.page) == [], "the host did not ask for cards to be read"

    # The choice is remembered on this phone after a reload.
    page.reload()
    expect(page.locator("#game")).to_be_visible()
    expect(page.locator("#auto-read")).to_be_checked()
    expect(henk.question).not_to_be_empty()

    # ... and the next card is read again, without asking.
    host.page.click("#finish")
    expect(page.locator("#turn-status")).to_contain_text("Jij bent aan de beurt.")
    before = len(spoken(page))
    draw(henk, "zien")
    utterance = wait_for_speech(page, before + 1)
    assert utterance["text"] == card_text(henk)

    # Switching it off again: no more reading.
    open_display_settings(page)
    page.locator("#auto-read").uncheck()
    close_display_settings(page)
    page.click("#finish")
    expect(host.status).to_contain_text("Jij bent aan de beurt.")
    draw(host, "horen")
    expect(henk.question).to_have_text(host.question.inner_text())
    assert len(spoken(page)) == before + 1


def test_a_device_without_a_voice_for_the_language_says_so(someone: Callable[..., Person]) -> None:
    host = someone("Fatima", SPEECH_RECORDER, VOICES, locale="en-GB")
    code = open_room(host, language="en")
    sam = someone("Sam", SPEECH_RECORDER, device_voices("nl-NL"), locale="en-GB")
    join_by_link(sam, code)
    start_game(host)
    draw(host, "zien")
    expect(sam.question).not_to_be_empty()
    sam.page.click("#read-aloud")
    utterance = wait_for_speech(sam.page, 1)
    assert utterance["lang"] == "en", "still asked: the browser may find a voice itself"
    assert utterance["voice"] is None
    expect(sam.page.locator("#no-voice")).to_be_visible()
    expect(sam.page.locator("#no-voice")).to_have_text(
        "This device has no voice for this language, so reading aloud may sound strange or"
        " stay silent."
    )
    host.page.click("#read-aloud")  # the host's phone has an English voice
    assert wait_for_speech(host.page, 1)["voice"] == "voice en-GB"
    expect(host.page.locator("#no-voice")).to_be_hidden()
