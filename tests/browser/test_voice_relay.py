"""The voice table through our own TURN server (coturn, ``use-auth-secret``): browsers forced to
relay only (KLETSBORDEN_TURN_RELAY_ONLY) connect with the credentials the server minted, and do
not connect when the server's secret is not coturn's."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import Person, join_by_link, open_room
from support.server import Server, start_server, stop_server
from support.turn import turn_server
from voice_helpers import hears, join_voice, peer_stats

SECRET = "a-test-secret-only-coturn-and-the-server-know"


@pytest.fixture(scope="module")
def turn_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    with turn_server(tmp_path_factory.mktemp("turn"), SECRET) as port:
        yield port


@contextlib.contextmanager
def relayed_site(folder: Path, turn_port: int, secret: str) -> Iterator[Server]:
    server = start_server(
        folder / "instance",
        f"sqlite:///{folder / 'site.db'}",
        rooms_per_address="0",
        turn_urls=f"turn:127.0.0.1:{turn_port}?transport=udp",
        turn_secret=secret,
        turn_relay_only="1",
    )
    try:
        yield server
    finally:
        stop_server(server)


def two_in_voice(talker, site: Server) -> tuple[Person, Person, str]:
    hanna = talker("Hanna", base_url=site.url)
    piet = talker("Piet", base_url=site.url)
    code = open_room(hanna, play_mode="online")
    join_by_link(piet, code)
    join_voice(hanna)
    join_voice(piet)
    return hanna, piet, code


def test_relay_only_connects_through_our_turn_server(talker, turn_port, tmp_path) -> None:
    with relayed_site(tmp_path, turn_port, SECRET) as site:
        hanna, piet, code = two_in_voice(talker, site)
        heard = hears(piet.page, hanna.seat_id(code))
        assert heard["candidate"] == "relay"
        assert hears(hanna.page, piet.seat_id(code))["candidate"] == "relay"


def test_a_wrong_secret_does_not_connect(talker, turn_port, tmp_path) -> None:
    with relayed_site(tmp_path, turn_port, "not-the-secret-coturn-knows") as site:
        hanna, piet, code = two_in_voice(talker, site)
        piet_seat = piet.seat_id(code)
        # Relay only: the connection has no other candidates than what coturn hands out. Once
        # both sides finished gathering without one, it cannot connect at all.
        for page in (hanna.page, piet.page):
            page.wait_for_function(
                "() => (window.__pcs || []).some((pc) => pc.connectionState !== 'closed'"
                " && pc.iceGatheringState === 'complete')"
            )
        stats = peer_stats(hanna.page)
        assert stats[piet_seat]["state"] != "connected"
        assert stats[piet_seat]["packets"] == 0
        relayed = hanna.page.evaluate(
            """async () => {
                 let relays = 0;
                 for (const pc of window.__pcs) {
                   (await pc.getStats()).forEach((s) => {
                     if (s.type === "local-candidate" && s.candidateType === "relay") relays++;
                   });
                 }
                 return relays;
               }"""
        )
        assert relayed == 0  # coturn refused the credentials: no relay address was handed out
