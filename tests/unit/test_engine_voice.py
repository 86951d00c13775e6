"""The voice table's rules (engine/voice.py): who sits at it, with which flags, and who leaves."""

from __future__ import annotations

from dataclasses import replace

import pytest
from scenes import card, lobby, rejects, run

from kletsborden.engine import actions as a
from kletsborden.engine import apply
from kletsborden.engine import events as ev
from kletsborden.engine.errors import GameError
from kletsborden.engine.state import HALL, PlayMode, RoomState, Voice
from kletsborden.engine.voice import check_signal

CARDS = (card("k/h1", "horen"), card("k/z1", "zien"))


def online(*seat_ids: str, mode: PlayMode = PlayMode.ONLINE) -> RoomState:
    return lobby(*seat_ids, play_mode=mode)


def join(*participants: str, max_peers: int = 8) -> list[a.Action]:
    return [a.JoinVoice(by=p, max_peers=max_peers) for p in participants]


def test_joining_numbers_each_voice_session_and_a_rejoin_keeps_a_hosts_request() -> None:
    state, events = apply(online("a", "b"), a.JoinVoice(by="b", max_peers=8, camera=True))
    assert events == [ev.VoiceJoined("b", 1)]
    assert state.seat("b").voice == Voice(1, camera=True)
    state = run(state, *join("a"), a.AskToMute(by="a", seat_id="b"))
    assert state.seat("b").voice == Voice(1, muted=True, asked_to_mute=True, camera=True)
    state, events = apply(state, a.JoinVoice(by="b", max_peers=8))
    assert events == [ev.VoiceJoined("b", 3)]
    assert state.seat("b").voice == Voice(3, muted=True, asked_to_mute=True)
    assert state.in_voice == ["a", "b"]


def test_no_voice_table_when_playing_together_and_no_hall_outside_mixed() -> None:
    rejects(lobby("a"), a.JoinVoice(by="a", max_peers=8), "voice_off")
    rejects(online("a"), a.JoinVoice(by=HALL, max_peers=8), "voice_off")
    state = run(online("a", mode=PlayMode.MIXED), *join(HALL, "a"))
    assert state.in_voice == ["a", HALL]
    assert state.hall_voice == Voice(1)


def test_refusals_leave_the_state_untouched() -> None:
    state = run(online("a", "b", "c"), *join("a", "b", max_peers=2))
    rejects(state, a.JoinVoice(by="c", max_peers=2), "voice_full")
    assert rejects(state, a.JoinVoice(by="c", max_peers=2), "voice_full").params == {"limit": 2}
    rejects(state, a.JoinVoice(by="x", max_peers=8), "unknown_seat")
    rejects(state, a.SetMuted(by="c", muted=True), "voice_not_in")
    rejects(state, a.SetCamera(by="c", on=True), "voice_not_in")
    rejects(state, a.SetMuted(by="x", muted=True), "unknown_seat")
    rejects(state, a.AskToMute(by="b", seat_id="a"), "not_host")
    rejects(state, a.AskToMute(by="a", seat_id="c"), "voice_peer_unknown")
    rejects(state, a.AskToMute(by="a", seat_id=HALL), "voice_peer_unknown")
    rejects(state, a.LeaveVoice(by="x"), "unknown_seat")
    deviceless = run(state, a.AddDevicelessSeat(by="a", seat_id="d", name="Daan"))
    rejects(deviceless, a.JoinVoice(by="d", max_peers=8), "seat_not_available")
    away = run(state, a.SetConnected(seat_id="c", connected=False), a.MarkAway(seat_id="c"))
    rejects(away, a.JoinVoice(by="c", max_peers=8), "seat_not_available")


def test_a_rejoin_never_counts_twice_toward_the_limit() -> None:
    state = run(online("a", "b"), *join("a", "b", max_peers=2))
    state = run(state, *join("a", max_peers=2))
    assert state.in_voice == ["a", "b"]


def test_unmuting_ends_a_hosts_request_and_unchanged_flags_change_nothing() -> None:
    state = run(online("a", "b"), *join("b"), a.AskToMute(by="a", seat_id="b"))
    assert apply(state, a.AskToMute(by="a", seat_id="b")) == (state, [])
    assert apply(state, a.SetMuted(by="b", muted=True)) == (state, [])
    state, events = apply(state, a.SetMuted(by="b", muted=False))
    assert events == [ev.VoiceMuted("b", False)]
    assert state.seat("b").voice == Voice(1)


def test_leaving_voice_is_idempotent_and_an_old_hall_session_leaves_nothing() -> None:
    state = run(online("a", mode=PlayMode.MIXED), *join(HALL, "a"))
    assert apply(state, a.LeaveVoice(by=HALL, session=2)) == (state, [])  # "a" has session 2
    state, events = apply(state, a.LeaveVoice(by=HALL, session=1))
    assert events == [ev.VoiceLeft(HALL)] and state.hall_voice is None
    state, events = apply(state, a.LeaveVoice(by="a"))
    assert events == [ev.VoiceLeft("a")]
    assert apply(state, a.LeaveVoice(by="a")) == (state, [])


@pytest.mark.parametrize(
    ("action", "first"),
    [
        (a.RemoveSeat(seat_id="b"), 0),
        (a.Kick(by="a", seat_id="b"), 0),
        (a.MarkAway(seat_id="b"), 1),
    ],
)
def test_leave_kick_and_away_take_a_seat_away_from_the_table(action: a.Action, first: int) -> None:
    state = run(online("a", "b"), *join("a", "b"))
    state, events = apply(state, action)
    assert events[first] == ev.VoiceLeft("b")
    assert state.in_voice == ["a"]


def test_a_dropped_connection_keeps_its_place_until_it_is_marked_away() -> None:
    state = run(online("a", "b"), *join("b"), a.SetConnected(seat_id="b", connected=False, at=5))
    assert state.seat("b").voice == Voice(1)
    state, events = apply(state, a.Tick(grace=60, at=70))
    assert ev.VoiceLeft("b") in events
    assert state.seat("b").voice is None


def test_the_end_of_the_game_clears_the_table() -> None:
    state = run(online("a", "b", mode=PlayMode.MIXED), *join("a", "b", HALL))
    state = run(state, a.StartGame(by="a", cards=CARDS))
    state, events = apply(state, a.EndGame(by="a"))
    assert events == [ev.VoiceLeft("a"), ev.VoiceLeft("b"), ev.VoiceLeft(HALL), ev.GameEnded()]
    assert state.in_voice == []
    rejects(state, a.JoinVoice(by="a", max_peers=8), "game_ended")


def test_the_play_mode_decides_who_may_stay() -> None:
    state = run(online("a", "b", mode=PlayMode.MIXED), *join("a", HALL))
    state = run(state, a.StartGame(by="a", cards=CARDS))
    online_now = replace(state.settings, play_mode=PlayMode.ONLINE)
    state, events = apply(state, a.ChangeSettings(by="a", settings=online_now))
    assert events == [ev.SettingsChanged(), ev.VoiceLeft(HALL)]
    together = replace(state.settings, play_mode=PlayMode.TOGETHER)
    state, events = apply(state, a.ChangeSettings(by="a", settings=together))
    assert events == [ev.SettingsChanged(), ev.VoiceLeft("a")]
    assert state.in_voice == []
    rejects(
        state,
        a.ChangeSettings(by="a", settings=replace(state.settings, play_mode="outside")),
        "invalid_settings",
    )


def test_signals_go_only_between_two_at_the_same_table() -> None:
    state = run(online("a", "b", "c", mode=PlayMode.MIXED), *join("a", "b", HALL))
    check_signal(state, "a", "b")
    check_signal(state, HALL, "a")
    check_signal(state, HALL, "a", session=3)  # the hall's own session
    check_signal(state, "b", HALL)
    for sender, to, code in (
        ("c", "a", "voice_not_in"),
        ("a", "c", "voice_peer_unknown"),
        ("a", "a", "voice_peer_unknown"),
        ("a", "nobody", "voice_peer_unknown"),
    ):
        with pytest.raises(GameError) as caught:
            check_signal(state, sender, to)
        assert caught.value.code == code
    with pytest.raises(GameError) as caught:  # a screen that was the hall before a newer one
        check_signal(state, HALL, "a", session=1)
    assert caught.value.code == "voice_not_in"
