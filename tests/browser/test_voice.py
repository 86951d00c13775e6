"""The voice table in real browsers: chromium's fake microphone plays a speech-like WAV, and
every claim is read from the connections' own getStats() (packets and audio level)."""

from __future__ import annotations

import time

from helpers import (
    ANNOUNCER_RECORDER,
    PEER_CONNECTION_RECORDER,
    AxeReport,
    end_game,
    join_by_link,
    kick,
    open_room,
    open_screen,
    start_game,
    wait_for_announcement,
)
from playwright.sync_api import expect
from voice_helpers import (
    connections_close,
    hears,
    join_voice,
    open_connections,
    peer_stats,
    silent,
)


def test_three_people_hear_each_other_mute_ask_reload_leave_and_kick(talker) -> None:
    hanna = talker("Hanna", ANNOUNCER_RECORDER)
    piet = talker("Piet", ANNOUNCER_RECORDER)
    wim = talker("Wim", ANNOUNCER_RECORDER)
    code = open_room(hanna, play_mode="online")
    join_by_link(piet, code)
    join_by_link(wim, code)
    start_game(hanna)
    people = [hanna, piet, wim]
    seat = {each.name: each.seat_id(code) for each in people}

    # Before joining, the button says what happens; nothing is asked of the browser yet.
    intro = hanna.page.locator("#voice-intro")
    expect(intro).to_contain_text("alleen gebruikt zolang je aan deze tafel meepraat")
    expect(intro).to_contain_text("Er wordt niets opgenomen")
    assert open_connections(hanna.page) == 0
    axe = AxeReport()
    axe.check(hanna.page, "voice offered, as host")
    for each in people:
        join_voice(each)
        expect(each.page.get_by_role("button", name="Microfoon uit")).to_be_visible()
    expect(hanna.page.locator("#voice-state")).to_have_text(
        "Je microfoon staat aan: de anderen horen je."
    )

    # Every pair: each page receives growing audio above silence from each other person.
    for each in people:
        for other in people:
            if other is not each:
                hears(each.page, seat[other.name])
        assert open_connections(each.page) == 2
    wait_for_announcement(hanna.page, "Piet praat mee.")

    # Who speaks is shown with an icon and the word, not colour alone; whose turn is marked.
    speaking = hanna.page.locator("#voice .voice-people li.is-speaking .voice-speaking")
    expect(speaking.first).to_contain_text("praat")
    turn = hanna.page.locator("#voice .voice-people li.is-turn")
    expect(turn).to_have_count(1)
    expect(turn).to_contain_text("aan de beurt")

    axe.check(hanna.page, "in voice, as host")

    # Muting stops the sound itself: the others still get packets, but only silence.
    piet.page.get_by_role("button", name="Microfoon uit").click()
    expect(piet.page.get_by_role("button", name="Microfoon aan")).to_be_visible()
    expect(piet.page.locator("#voice-state")).to_contain_text("Je microfoon staat uit")
    silent(hanna.page, seat["Piet"])
    silent(wim.page, seat["Piet"])
    expect(hanna.page.locator(f"#voice li[data-peer='{seat['Piet']}']")).to_contain_text(
        "microfoon uit"
    )
    piet.page.get_by_role("button", name="Microfoon aan").click()
    hears(hanna.page, seat["Piet"])

    # The host asks Wim to mute: Wim is muted and told why; only he can unmute.
    hanna.page.get_by_role("button", name="Vraag Wim om de microfoon uit te zetten").click()
    expect(wim.page.get_by_role("button", name="Microfoon aan")).to_be_visible()
    expect(wim.page.locator("[data-voice=asked]")).to_contain_text("Alleen jij kunt hem weer")
    wait_for_announcement(wim.page, "heeft je microfoon uitgezet")
    silent(piet.page, seat["Wim"])
    axe.check(wim.page, "asked to mute")
    wim.page.get_by_role("button", name="Microfoon aan").click()
    hears(piet.page, seat["Wim"])

    # A reload: the others are told the conversation is being restored; Piet's page comes back
    # into voice by itself and is heard again.
    piet.page.reload()
    wait_for_announcement(hanna.page, "Verbinding met het gesprek herstellen")
    expect(piet.page.get_by_role("button", name="Microfoon uit")).to_be_visible()
    hears(hanna.page, seat["Piet"])
    hears(piet.page, seat["Hanna"])
    hears(piet.page, seat["Wim"])
    expect(hanna.page.locator("[data-voice=restoring]")).to_be_hidden()

    # Leaving voice closes Piet's connections and the others' to him; he stays in the game.
    piet.page.get_by_role("button", name="Stop met praten").click()
    expect(piet.page.get_by_role("button", name="Praat mee")).to_be_visible()
    connections_close(piet.page, 0)
    connections_close(hanna.page, 1)
    connections_close(wim.page, 1)
    assert seat["Piet"] not in peer_stats(hanna.page)
    wait_for_announcement(hanna.page, "Piet praat niet meer mee.")
    expect(piet.page.locator("#game")).to_be_visible()

    # A kick closes every connection of that seat at once.
    kick(hanna, "Wim")
    expect(wim.page.locator("#kicked")).to_be_visible()
    connections_close(wim.page, 0)
    connections_close(hanna.page, 0)
    axe.assert_clean()


def test_without_a_microphone_one_listens_and_the_game_goes_on(talker, someone) -> None:
    """A browser without any microphone (the ordinary test chromium has none) listens along."""
    hanna = talker("Hanna")
    kees = someone("Kees", PEER_CONNECTION_RECORDER, ANNOUNCER_RECORDER)
    code = open_room(hanna, play_mode="online")
    join_by_link(kees, code)
    join_voice(hanna)
    join_voice(kees)
    note = kees.page.locator("[data-voice=note]")
    expect(note).to_contain_text("We konden je microfoon niet gebruiken")
    expect(note).to_contain_text("Het spel gaat gewoon door")
    expect(kees.page.locator("#voice-state")).to_contain_text("Je luistert mee zonder microfoon")
    expect(kees.page.get_by_role("button", name="Microfoon uit")).to_be_hidden()
    wait_for_announcement(kees.page, "We konden je microfoon niet gebruiken")
    hears(kees.page, hanna.seat_id(code))
    start_game(hanna)
    expect(kees.page.locator("#turn-status")).to_contain_text("Hanna")


def test_a_mixed_room_hears_the_hall_through_the_projector(talker) -> None:
    hanna = talker("Hanna", ANNOUNCER_RECORDER)
    hall = talker("Projector", ANNOUNCER_RECORDER)
    code = open_room(hanna, play_mode="mixed")
    expect(hanna.page.locator("[data-voice=mixed-hint]")).to_be_visible()
    open_screen(hall, hanna)
    hall.page.get_by_role("button", name="Laat de zaal meepraten").click()
    expect(hall.page.get_by_role("button", name="De zaal stopt met praten")).to_be_visible()
    expect(hanna.page.locator("#voice li[data-peer=hall]")).to_contain_text("De zaal")
    wait_for_announcement(hanna.page, "De zaal praat mee.")
    join_voice(hanna)
    hears(hanna.page, "hall")
    hears(hall.page, hanna.seat_id(code))
    # The hall's panel is a band at the bottom: the projector still fits without scrolling.
    assert hall.page.evaluate("() => document.documentElement.scrollHeight <= innerHeight")
    axe = AxeReport()
    axe.check(hall.page, "projector as the hall", schemes=("light",))

    # A host may ask the hall to mute too (a noisy room): its microphone goes silent.
    hanna.page.get_by_role("button", name="Vraag de zaal om de microfoon uit te zetten").click()
    expect(hall.page.get_by_role("button", name="Microfoon aan")).to_be_visible()
    expect(hall.page.locator("[data-voice=asked]")).to_contain_text("Hanna heeft je microfoon")
    silent(hanna.page, "hall")

    # Playing together again takes everyone out of voice: every connection closes.
    hanna.page.check("#play-mode-together")
    expect(hanna.page.locator("#voice")).to_be_hidden()
    expect(hall.page.locator("#voice")).to_be_hidden()
    connections_close(hanna.page, 0)
    connections_close(hall.page, 0)
    axe.assert_clean()


SENDERS = """
() => window.__pcs.filter((pc) => pc.connectionState !== "closed").flatMap((pc) =>
  pc.getSenders().filter((sender) => sender.track).map((sender) => ({
    kind: sender.track.kind,
    caps: sender.getParameters().encodings.map((encoding) => encoding.maxBitrate),
    settings: sender.track.getSettings(),
  })))
"""

VIDEO_BYTES = """
async () => {
  let bytes = 0;
  for (const pc of window.__pcs.filter((pc) => pc.connectionState !== "closed")) {
    (await pc.getStats()).forEach((s) => {
      if (s.type === "inbound-rtp" && s.kind === "video") bytes += s.bytesReceived || 0;
    });
  }
  return bytes;
}
"""


def test_camera_is_small_hiding_video_stops_it_and_the_end_hangs_up(talker) -> None:
    hanna = talker("Hanna")
    piet = talker("Piet")
    code = open_room(hanna, play_mode="online")
    join_by_link(piet, code)
    join_voice(hanna)
    join_voice(piet)
    hanna_seat = hanna.seat_id(code)
    hears(piet.page, hanna_seat)

    hanna.page.get_by_role("button", name="Camera aan").click()
    expect(hanna.page.get_by_role("button", name="Camera uit")).to_be_visible()
    video = piet.page.locator(f"#voice li[data-peer='{hanna_seat}'] video")
    expect(video).to_have_attribute("aria-label", "Video van Hanna")
    piet.page.wait_for_function("(video) => video.videoWidth > 0", arg=video.element_handle())
    width, height = video.evaluate("(video) => [video.videoWidth, video.videoHeight]")
    assert 0 < width <= 320 and 0 < height <= 240
    senders = {sender["kind"]: sender for sender in hanna.page.evaluate(SENDERS)}
    assert senders["audio"]["caps"] == [32_000]
    assert senders["video"]["caps"] == [150_000]
    camera = senders["video"]["settings"]
    assert camera["width"] <= 320 and camera["height"] <= 240 and camera["frameRate"] <= 15

    # Hiding all video stops receiving it (not only showing it): the bytes stop growing.
    piet.page.get_by_label("Alle video verbergen").check()
    expect(video).to_have_count(0)
    assert video_stops(piet.page)
    hears(piet.page, hanna_seat)  # the sound goes on

    # The end of the game closes every connection.
    end_game(hanna)
    connections_close(hanna.page, 0)
    connections_close(piet.page, 0)


def video_stops(page, seconds: float = 20.0) -> bool:
    """Whether the page stops receiving video: two readings a second apart are the same."""
    deadline = time.monotonic() + seconds
    before = page.evaluate(VIDEO_BYTES)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = page.evaluate(VIDEO_BYTES)
        if now == before > 0:
            return True
        before = now
    return False


def test_after_a_lost_connection_voice_comes_back_by_itself(talker) -> None:
    hanna = talker("Hanna", ANNOUNCER_RECORDER)
    piet = talker("Piet")
    code = open_room(hanna, play_mode="online")
    join_by_link(piet, code)
    join_voice(hanna)
    join_voice(piet)
    hears(hanna.page, piet.seat_id(code))
    made = piet.page.evaluate("() => window.__pcs.length")

    piet.page.context.set_offline(True)
    expect(piet.page.locator("#connection")).to_be_visible(timeout=30_000)
    wait_for_announcement(hanna.page, "Verbinding met het gesprek herstellen")
    expect(hanna.page.locator("[data-voice=restoring]")).to_be_visible()
    piet.page.context.set_offline(False)
    expect(piet.page.locator("#connection")).to_be_hidden(timeout=30_000)

    # Piet's page joined voice again: new connections, and the sound is back both ways.
    piet.page.wait_for_function("(made) => window.__pcs.length > made", arg=made)
    hears(hanna.page, piet.seat_id(code))
    hears(piet.page, hanna.seat_id(code))
    expect(hanna.page.locator("[data-voice=restoring]")).to_be_hidden()
