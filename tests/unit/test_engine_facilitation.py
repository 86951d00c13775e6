"""The facilitator's tools in the engine: seats without a device, the quiet wish for another
topic, putting a card away, and the anonymous closing reflection."""

from __future__ import annotations

import itertools

import pytest
from scenes import card, lobby, rejects, run, start

from kletsborden.engine import Answering, Role, apply
from kletsborden.engine import actions as a
from kletsborden.engine import events as ev
from kletsborden.engine.state import Phase
from kletsborden.engine.summary import session_figures
from kletsborden.snapshot import snapshot

POOL = tuple(card(f"h{n}", "horen") for n in range(6))


def with_opa(*seat_ids: str, **settings):
    """A started game where the host (the first seat) added Opa, who has no phone, before."""
    state = start(*seat_ids, cards=POOL, **settings)
    return run(state, a.AddDevicelessSeat(by=seat_ids[0], seat_id="opa", name="Opa"))


def test_a_seat_without_a_device_takes_its_turn_through_a_lead() -> None:
    state = with_opa("a", "b")
    state = run(state, a.DrawCard(by="a"), a.FinishTurn(by="a"))
    state = run(state, a.DrawCard(by="b"), a.FinishTurn(by="b"))
    assert state.turn.active == "opa", "Opa is in the turn order like anyone else"
    state, events = apply(state, a.ActFor(by="a", action=a.DrawCard(by="opa")))
    assert [type(e) for e in events] == [ev.CardDrawn]
    assert state.history[-1].drawn_by == "opa"
    state = run(state, a.ActFor(by="a", action=a.FinishTurn(by="opa")))
    assert state.turn.active == "a"


def test_only_leads_play_for_a_seat_without_a_device_and_only_its_turn_moves() -> None:
    state = with_opa("a", "b")
    rejects(state, a.ActFor(by="b", action=a.DrawCard(by="opa")), "not_host")
    rejects(state, a.ActFor(by="a", action=a.DrawCard(by="b")), "not_deviceless")
    rejects(state, a.ActFor(by="a", action=a.EndGame(by="opa")), "seat_not_available")
    rejects(
        state, a.ActFor(by="a", action=a.React(by="opa", reaction="heart")), "seat_not_available"
    )
    rejects(state, a.AddDevicelessSeat(by="b", seat_id="oma", name="Oma"), "not_host")


def test_a_seat_without_a_device_never_leads_and_is_never_away() -> None:
    state = with_opa("a", "b")
    rejects(state, a.SetRole(by="a", seat_id="opa", role=Role.COHOST), "seat_not_available")
    assert run(state, a.SetConnected(seat_id="opa", connected=False)) == state
    assert run(state, a.MarkAway(seat_id="opa")) == state
    state = run(state, a.RemoveSeat(seat_id="a"))
    assert state.seat("b").role is Role.HOST, "the host role skips Opa"


def test_the_wish_for_another_topic_is_counted_and_named_only_by_choice() -> None:
    state = start("a", "b", "c", cards=POOL)
    rejects(state, a.AskTopicChange(by="b"), "no_card_drawn")
    state = run(state, a.DrawCard(by="a"))
    state, events = apply(state, a.AskTopicChange(by="b"))
    assert events == [ev.TopicChangeAsked(state.turn.card_id, None)]
    assert events[0].for_leads, "told to hosts only"
    state = run(state, a.AskTopicChange(by="c", show_name=True))
    play = state.history[-1]
    assert (play.topic_signals, play.topic_named) == (2, ("c",))
    assert apply(state, a.AskTopicChange(by="c")) == (state, []), "one person counts once"


def test_putting_a_card_away_lets_the_same_player_draw_another() -> None:
    state = start("a", "b", cards=POOL)
    state = run(state, a.DrawCard(by="a"))
    rejects(state, a.SetCardAside(by="b"), "not_host")
    first = state.turn.card_id
    state, events = apply(state, a.SetCardAside(by="a"))
    assert events == [ev.CardSetAside(first)]
    assert (state.turn.active, state.turn.card_id) == ("a", None)
    assert state.history[-1].set_aside
    state = run(state, a.DrawCard(by="a"))
    assert state.turn.card_id != first, "a card put away is not drawn again straight away"
    assert session_figures(state).set_aside == 1


def test_replacing_the_card_of_a_drawer_who_left_starts_the_takers_own_turn() -> None:
    state = start("a", "b", "c", cards=POOL, answering=Answering.EVERYONE)
    state = run(state, a.DrawCard(by="a"), a.FinishTurn(by="a"), a.MarkAway(seat_id="a"))
    assert (state.turn.active, state.turn.handover) == ("b", True)
    state, events = apply(state, a.SetCardAside(by="b"))
    assert events[-1] == ev.TurnStarted("b", 2)
    assert (state.turn.active, state.turn.handover, state.turn.card_id) == ("b", False, None)
    state = run(state, a.DrawCard(by="b"), a.FinishTurn(by="b"), a.FinishTurn(by="c"))
    assert state.turn.active == "c", "b had one turn, not two"


def test_the_reflection_opens_when_the_game_ends_and_takes_one_answer_each() -> None:
    state = start("a", "b", cards=POOL, spectators=("s",))
    state = run(state, a.AddDevicelessSeat(by="a", seat_id="opa", name="Opa"))
    answers = (("felt_heard", "agree"),)
    rejects(state, a.Reflect(by="b", answers=answers), "game_not_ended")
    state = run(state, a.EndGame(by="a"))
    assert state.phase is Phase.ENDED
    for bad in ((), (("felt_heard", "maybe"),), (("mood", "agree"),), answers * 2):
        rejects(state, a.Reflect(by="b", answers=bad), "invalid_reflection")
    rejects(state, a.Reflect(by="s", answers=answers), "seat_not_available")
    rejects(state, a.Reflect(by="opa", answers=answers), "seat_not_available")
    state = run(state, a.Reflect(by="b", answers=answers))
    rejects(state, a.Reflect(by="b", answers=answers), "already_reflected")


def test_only_who_played_answers_the_reflection() -> None:
    """A host who only led, or someone who came in after the end, does not answer: two players
    and their host are two respondents at most, never three (docs/reports.md, small groups)."""
    state = run(lobby("a", "b", "c"), a.SetTakesTurns(by="a", seat_id="a", takes_turns=False))
    state = run(state, a.StartGame(by="a", cards=POOL), a.EndGame(by="a"))
    answers = (("felt_heard", "agree"),)
    rejects(state, a.Reflect(by="a", answers=answers), "not_a_player")
    # The snapshot tells clients whom to ask, so the host who only led never sees the questions.
    assert snapshot("ABCD1234", 1, state, [], 0.0)["reflection"]["invited"] == ["b", "c"]
    state = run(state, *(a.Reflect(by=seat, answers=answers) for seat in ("b", "c")))
    assert state.reflected == ("b", "c")
    assert session_figures(state).players == 2


def test_a_host_who_played_answers_like_anyone() -> None:
    state = run(start("a", "b", cards=POOL), a.EndGame(by="a"))
    state = run(state, a.Reflect(by="a", answers=(("felt_heard", "agree"),)))
    assert state.reflected == ("a",)


def test_the_reflection_closes_before_reports_may_show_it() -> None:
    from kletsborden.config import REFLECTION_SETTLE_MINUTES
    from kletsborden.engine.rules import REFLECTION_OPEN_SECONDS

    assert REFLECTION_OPEN_SECONDS < REFLECTION_SETTLE_MINUTES * 60, "no answer after it is shown"
    ended = run(start("a", "b", cards=POOL), a.EndGame(by="a", at=1000.0))
    answers = (("felt_heard", "agree"),)
    last = 1000.0 + REFLECTION_OPEN_SECONDS
    assert run(ended, a.Reflect(by="b", answers=answers, at=last)).reflected == ("b",)
    rejects(ended, a.Reflect(by="b", answers=answers, at=last + 1), "reflection_closed")


@pytest.mark.parametrize("order", list(itertools.permutations("abc")))
def test_the_reflection_keeps_no_link_between_a_person_and_their_answers(order) -> None:
    """Whoever answers first, the stored room is the same: counts and who took part, no pairs."""
    said = {
        "a": (("felt_heard", "agree"), ("meet_again", "disagree")),
        "b": (("felt_heard", "neutral"),),
        "c": (("felt_heard", "agree"), ("learned_something", "agree")),
    }
    ended = run(start("a", "b", "c", cards=POOL), a.EndGame(by="a"))
    reference = run(ended, *(a.Reflect(by=seat, answers=said[seat]) for seat in "abc"))
    state = run(ended, *(a.Reflect(by=seat, answers=said[seat]) for seat in order))
    assert state == reference
    assert state.reflected == ("a", "b", "c")
    counts = {(c.question, c.answer): c.count for c in state.reflection}
    assert counts == {
        ("felt_heard", "agree"): 2,
        ("felt_heard", "neutral"): 1,
        ("learned_something", "agree"): 1,
        ("meet_again", "disagree"): 1,
    }
