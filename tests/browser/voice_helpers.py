"""Helpers for the voice table's browser tests: joining voice, and what each connection hears.

What a page hears is read from the real connections' ``getStats()`` (recorded in
``window.__pcs`` by ``PEER_CONNECTION_RECORDER``), per participant: a connection belongs to the
participant whose ``<audio data-peer=…>`` element plays its incoming track.
"""

from __future__ import annotations

import time

from helpers import Person
from playwright.sync_api import Page, expect

SILENCE = 0.005  # getStats audioLevel (0..1): a muted microphone arrives at about 0.00003
HEARD = 0.02  # the test's WAV arrives at 0.2 to 0.4
WAIT_SECONDS = 20.0

PEER_STATS = """
async () => {
  const heard = {};
  const players = [...document.querySelectorAll("#voice audio[data-peer]")];
  for (const pc of window.__pcs || []) {
    if (pc.connectionState === "closed") continue;
    const tracks = pc.getReceivers().map((receiver) => receiver.track.id);
    const player = players.find((audio) => audio.srcObject &&
      audio.srcObject.getTracks().some((track) => tracks.includes(track.id)));
    const id = player ? player.dataset.peer : `unplayed-${Object.keys(heard).length}`;
    const stats = await pc.getStats();
    let packets = 0, level = 0, candidate = null;
    stats.forEach((s) => {
      if (s.type === "inbound-rtp" && s.kind === "audio") {
        packets += s.packetsReceived || 0;
        level = Math.max(level, s.audioLevel || 0);
      }
      if (s.type === "transport" && s.selectedCandidatePairId) {
        const pair = stats.get(s.selectedCandidatePairId);
        const local = pair && stats.get(pair.localCandidateId);
        candidate = local ? local.candidateType : null;
      }
    });
    heard[id] = { state: pc.connectionState, packets, level, candidate,
      signaling: pc.signalingState, ice: pc.iceConnectionState,
      remote: Boolean(pc.remoteDescription), tracks: tracks.length };
  }
  return heard;
}
"""


def peer_stats(page: Page) -> dict[str, dict]:
    """``{participant id: {state, packets, level, candidate}}`` for every open connection."""
    return page.evaluate(PEER_STATS)


def open_connections(page: Page) -> int:
    return page.evaluate(
        "() => (window.__pcs || []).filter((pc) => pc.connectionState !== 'closed').length"
    )


def join_voice(person: Person, button: str = "Praat mee") -> None:
    page = person.page
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator("[data-voice=in]")).to_be_visible()


def hears(page: Page, peer: str, seconds: float = WAIT_SECONDS) -> dict:
    """Wait until the connection from ``peer`` receives growing audio above silence."""
    deadline = time.monotonic() + seconds
    first = peer_stats(page).get(peer, {}).get("packets", 0)
    seen: dict = {}
    while time.monotonic() < deadline:
        seen = peer_stats(page).get(peer, {})
        if seen.get("packets", 0) > first + 20 and seen.get("level", 0) > HEARD:
            return seen
        time.sleep(0.3)
    raise AssertionError(f"no sound from {peer} within {seconds:g} s: {seen or 'no connection'}")


def silent(page: Page, peer: str, seconds: float = WAIT_SECONDS) -> dict:
    """Wait until the connection from ``peer`` still receives packets, but only silence."""
    deadline = time.monotonic() + seconds
    seen: dict = {}
    while time.monotonic() < deadline:
        seen = peer_stats(page).get(peer, {})
        if seen and seen["level"] < SILENCE:
            return seen
        time.sleep(0.3)
    raise AssertionError(f"{peer} is still heard after {seconds:g} s: {seen}")


def connections_close(page: Page, count: int, seconds: float = WAIT_SECONDS) -> None:
    """Wait until exactly ``count`` connections of the page are open."""
    page.wait_for_function(
        "(n) => (window.__pcs || []).filter((pc) => pc.connectionState !== 'closed').length === n",
        arg=count,
        timeout=seconds * 1000,
    )
