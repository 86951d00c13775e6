"""The rules: ``apply(state, action)`` returns the new state and the events it caused.

Pure and deterministic: no I/O, no clock, no global randomness. An illegal action raises a
``GameError`` and, since states are immutable, leaves the caller's state as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import actions as a
from . import errors as e
from . import events as ev
from . import voice
from .decks import build_decks, choose_sense, draw
from .state import (
    DEPTHS,
    REACTIONS,
    REFLECTION_QUESTIONS,
    REFLECTION_SCALE,
    SENSES,
    Answer,
    Answering,
    Card,
    Outcome,
    Participant,
    Phase,
    Play,
    PlayMode,
    ReflectionCount,
    Role,
    RoomState,
    Seat,
    Settings,
    Turn,
    TypedAnswer,
    replace,
)
from .tally import keep_recent

Result = tuple[RoomState, list[ev.Event]]

MIN_TURN_TIMER_SECONDS = 10
MAX_TURN_TIMER_SECONDS = 3600
MAX_PLANNED_MINUTES = 24 * 60
# The closing reflection stays open this long after the game ends; reports show it only later
# (config.REFLECTION_SETTLE_MINUTES), so no answer can come in after its session is shown.
REFLECTION_OPEN_SECONDS = 45 * 60


def new_room(seed: int, settings: Settings | None = None) -> RoomState:
    """An empty room in the lobby. The seed decides every shuffle of this room."""
    settings = settings or Settings()
    validate_settings(settings)
    return RoomState(seed=seed, settings=settings)


def apply(state: RoomState, action: a.Action) -> Result:
    handler = _HANDLERS.get(type(action))
    if handler is None:
        raise TypeError(f"not an action: {action!r}")
    return handler(state, action)


def validate_settings(settings: Settings) -> None:
    """Raise ``InvalidSettings`` naming the first field that makes no sense."""
    wrong = settings_faults(settings)
    if wrong:
        raise e.InvalidSettings(f"invalid {wrong[0]}", field=wrong[0])


def settings_faults(settings: Settings) -> list[str]:
    """Every field of ``settings`` that makes no sense, in form order (a form says them all)."""
    senses = settings.senses
    checks = {
        "editions": bool(settings.editions)
        and len(set(settings.editions)) == len(settings.editions),
        "senses": bool(senses) and set(senses) <= set(SENSES) and len(set(senses)) == len(senses),
        "max_depth": settings.max_depth in DEPTHS,
        "answering": isinstance(settings.answering, Answering),
        "turn_timer_seconds": settings.turn_timer_seconds is None
        or MIN_TURN_TIMER_SECONDS <= settings.turn_timer_seconds <= MAX_TURN_TIMER_SECONDS,
        "max_players": settings.max_players is None or settings.max_players >= 1,
        "excluded_cards": len(set(settings.excluded_cards)) == len(settings.excluded_cards),
        "planned_minutes": settings.planned_minutes is None
        or 1 <= settings.planned_minutes <= MAX_PLANNED_MINUTES,
        "play_mode": isinstance(settings.play_mode, PlayMode),
    }
    return [name for name, ok in checks.items() if not ok]


# --- lookups and guards -------------------------------------------------------------------


def _seat(state: RoomState, seat_id: str) -> Seat:
    seat = state.seat(seat_id)
    if seat is None:
        raise e.UnknownSeat(seat_id)
    return seat


def _require_lead(state: RoomState, seat_id: str) -> None:
    if not _seat(state, seat_id).leads:
        raise e.NotHost()


def _require_playing(state: RoomState) -> Turn:
    if state.phase is Phase.LOBBY:
        raise e.GameNotStarted()
    if state.phase is Phase.ENDED or state.turn is None:
        raise e.GameEnded()
    return state.turn


def _require_running(state: RoomState) -> Turn:
    """Playing and not paused: the moves of the game itself need this."""
    turn = _require_playing(state)
    if state.paused:
        raise e.GamePaused()
    return turn


def _require_waited_on(state: RoomState, seat_id: str) -> Turn:
    turn = _require_running(state)
    _seat(state, seat_id)
    if state.waiting_on != seat_id:
        raise e.NotYourTurn()
    return turn


# --- state changes shared by several rules ----------------------------------------------


def _replace_seat(state: RoomState, seat_id: str, **changes: Any) -> RoomState:
    seats = tuple(replace(s, **changes) if s.id == seat_id else s for s in state.seats)
    return replace(state, seats=seats)


def _next_eligible(seats: tuple[Seat, ...], after: str | None) -> str | None:
    """The first seat after ``after`` in join order that may play, wrapping round to itself."""
    ids = [s.id for s in seats]
    start = ids.index(after) + 1 if after in ids else 0
    for seat in seats[start:] + seats[:start]:
        if seat.eligible:
            return seat.id
    return None


def _deadline(state: RoomState, at: float, active: str | None) -> float | None:
    """When someone starting to play now runs out of time, if the room has a turn timer.

    ``active`` is the player of the turn: a turn without a player has no timer.
    """
    timer = state.settings.turn_timer_seconds
    return None if timer is None or active is None else at + timer


def _start_turn(state: RoomState, active: str | None, at: float) -> Result:
    number = state.turn.number + 1 if state.turn else 1
    deadline = _deadline(state, at, active)
    turn = Turn(number=number, active=active, started_at=at, deadline=deadline)
    return replace(state, turn=turn), [ev.TurnStarted(active, number)]


def _end_turn(state: RoomState, at: float) -> Result:
    """Give the next eligible player a fresh turn; one who took over a card gets their own now."""
    turn = state.turn
    assert turn is not None
    taker = state.seat(turn.active) if turn.active and turn.handover else None
    if taker is not None and taker.eligible:
        return _start_turn(state, taker.id, at)
    return _start_turn(state, _next_eligible(state.seats, turn.active), at)


def _record(state: RoomState, seat_id: str, outcome: Outcome) -> Result:
    """Note what ``seat_id`` did with the card on the table."""
    play = state.history[-1]
    play = replace(play, answers=play.answers + (Answer(seat_id, outcome),))
    return replace(state, history=state.history[:-1] + (play,)), [
        ev.AnswerEnded(seat_id, outcome.value)
    ]


def _close_answer(state: RoomState, seat_id: str, outcome: Outcome | None, at: float) -> Result:
    """The waited-on seat is done: record it, move the answer queue on, end the turn when empty."""
    turn = state.turn
    assert turn is not None
    events: list[ev.Event] = []
    if outcome is not None and turn.card_id is not None:
        state, events = _record(state, seat_id, outcome)
    answerers = tuple(s for s in turn.answerers if s != seat_id)
    turn = replace(turn, answerers=answerers, deadline=_deadline(state, at, turn.active))
    state = replace(state, turn=turn)
    if answerers:
        return state, events
    state, more = _end_turn(state, at)
    return state, events + more


def _withdraw_from_turn(state: RoomState, seat_id: str, at: float) -> Result:
    """A seat stops being able to play (away or gone): the game must not wait on it.

    If the drawer withdraws while others still answer the card, the next player takes over the
    turn so those answers are not lost, and starts their own turn once the answers are done.
    """
    turn = state.turn
    if state.phase is not Phase.PLAYING or turn is None or turn.active is None:
        return state, []
    if seat_id != turn.active and seat_id not in turn.answerers:
        return state, []
    events: list[ev.Event] = []
    if seat_id in turn.answerers:
        state, events = _record(state, seat_id, Outcome.AWAY)
    answerers = tuple(s for s in turn.answerers if s != seat_id)
    awaited = state.waiting_on == seat_id
    turn = replace(turn, answerers=answerers)
    if awaited:  # whoever the game waits on next gets the whole timer
        turn = replace(turn, deadline=_deadline(state, at, turn.active))
    if seat_id == turn.active and answerers:
        turn = replace(turn, active=_next_eligible(state.seats, seat_id), handover=True)
        return replace(state, turn=turn), events
    state = replace(state, turn=turn)
    chooses_again = state.settings.answering is Answering.CHOSEN and not turn.handover
    if answerers or (chooses_again and seat_id != turn.active):
        return state, events  # in "chosen" an empty queue means: the drawer chooses again
    state, more = _end_turn(state, at)
    return state, events + more


def _resume_if_idle(state: RoomState, seat_id: str, at: float) -> Result:
    """While playing with nobody able to take a turn, a returning player takes it."""
    turn = state.turn
    seat = state.seat(seat_id)
    if state.phase is Phase.PLAYING and turn and turn.active is None and seat and seat.eligible:
        return _start_turn(state, seat_id, at)
    return state, []


def _host_candidate(state: RoomState, leaving: str) -> str | None:
    """Who takes over as host: a present co-host first, then the longest-present player.

    Never a seat without a device: nobody holds it to lead with.
    """
    others = [
        s for s in state.seats if s.id != leaving and s.role is not Role.SPECTATOR and s.has_device
    ]
    present = [s for s in others if s.connected and not s.away]
    for group in (
        [s for s in present if s.role is Role.COHOST],
        present,
        [s for s in others if s.role is Role.COHOST],
        others,
    ):
        if group:
            return group[0].id
    return None


def _hand_over_host(state: RoomState, leaving: str) -> Result:
    """Pass the host role on when the host leaves or goes away; stays if nobody can take it."""
    seat = state.seat(leaving)
    if seat is None or seat.role is not Role.HOST:
        return state, []
    successor = _host_candidate(state, leaving)
    if successor is None:
        return state, []
    state = _replace_seat(state, leaving, role=Role.PLAYER)
    state = _replace_seat(state, successor, role=Role.HOST)
    return state, [ev.HostChanged(successor)]


# --- one handler per action ---------------------------------------------------------------


def _with_participant(state: RoomState, seat: Seat) -> RoomState:
    """Count ``seat`` among the game's players if it plays while the game is on."""
    known = {p.seat_id for p in state.participants}
    if state.phase is not Phase.PLAYING or not seat.plays or seat.id in known:
        return state
    return replace(
        state,
        participants=state.participants + (Participant(seat.id, seat.has_device, seat.language),),
    )


def _sit_down(state: RoomState, seat: Seat, at: float) -> Result:
    """The checks every new seat passes, then the seat at the end of the table."""
    if state.phase is Phase.ENDED:
        raise e.GameEnded()
    if state.seat(seat.id) is not None:
        raise e.SeatExists()
    name = seat.name.strip()
    if not name:
        raise e.InvalidName()
    if any(s.name.casefold() == name.casefold() for s in state.seats):
        raise e.NameTaken()
    players = [s for s in state.seats if s.role is not Role.SPECTATOR]
    limit = state.settings.max_players
    if seat.role is not Role.SPECTATOR and limit is not None and len(players) >= limit:
        raise e.RoomFull()
    seat = replace(seat, name=name)
    state = _with_participant(replace(state, seats=state.seats + (seat,)), seat)
    events: list[ev.Event] = [ev.SeatAdded(seat.id)]
    state, more = _resume_if_idle(state, seat.id, at)
    return state, events + more


def _add_seat(state: RoomState, action: a.AddSeat) -> Result:
    if state.locked and state.phase is not Phase.ENDED:
        raise e.RoomLocked()
    role = action.role
    if role is Role.HOST and state.host is not None:
        raise e.NotHost()
    if role is Role.PLAYER and state.host is None:
        role = Role.HOST  # a room without a host gets one: the first to sit down
    seat = Seat(
        action.seat_id,
        action.name,
        role,
        takes_turns=action.takes_turns,
        language=action.language,
    )
    return _sit_down(state, seat, action.at)


def _add_deviceless_seat(state: RoomState, action: a.AddDevicelessSeat) -> Result:
    """Even in a locked room: the host vouches for whoever they add."""
    _require_lead(state, action.by)
    return _sit_down(state, Seat(action.seat_id, action.name, has_device=False), action.at)


# Moves a host may make for a seat without a device: the turn's own moves, nothing else.
_PLAYABLE_FOR = (a.DrawCard, a.HandCard, a.PassCard, a.FinishTurn, a.TypeAnswer, a.ExtendTimer)


def _act_for(state: RoomState, action: a.ActFor) -> Result:
    _require_lead(state, action.by)
    move = action.action
    if not isinstance(move, _PLAYABLE_FOR):
        raise e.SeatNotAvailable()
    if _seat(state, move.by).has_device:
        raise e.NoDevice()
    return apply(state, move)


def _remove_seat(state: RoomState, action: a.RemoveSeat) -> Result:
    _seat(state, action.seat_id)
    state, hung_up = voice.leave(state, action.seat_id)
    state, events = _withdraw_from_turn(
        _replace_seat(state, action.seat_id, away=True), action.seat_id, action.at
    )
    state, more = _hand_over_host(state, action.seat_id)
    state = replace(state, seats=tuple(s for s in state.seats if s.id != action.seat_id))
    return state, hung_up + events + more + [ev.SeatRemoved(action.seat_id)]


def _set_connected(state: RoomState, action: a.SetConnected) -> Result:
    seat = _seat(state, action.seat_id)
    if not seat.has_device:
        return state, []  # no connection of its own: present as long as the room is
    away = seat.away and not action.connected
    earlier = seat.disconnected_at
    gone_since = None if action.connected else (action.at if earlier is None else earlier)
    state = _replace_seat(
        state, seat.id, connected=action.connected, away=away, disconnected_at=gone_since
    )
    events: list[ev.Event] = [ev.PresenceChanged(seat.id, action.connected, away)]
    state, more = _resume_if_idle(state, seat.id, action.at)
    return state, events + more


def _mark_away(state: RoomState, action: a.MarkAway) -> Result:
    seat = _seat(state, action.seat_id)
    if seat.away or not seat.has_device:
        return state, []
    state = _replace_seat(state, seat.id, away=True)
    events: list[ev.Event] = [ev.PresenceChanged(seat.id, seat.connected, True)]
    state, hung_up = voice.leave(state, seat.id)
    state, more = _withdraw_from_turn(state, seat.id, action.at)
    state, host = _hand_over_host(state, seat.id)
    return state, events + hung_up + more + host


# Settings that may change while playing; the rest would change the deal, so only in the lobby.
_LIVE_SETTINGS = (
    "typed_answers",
    "turn_timer_seconds",
    "play_mode",
    "draft_languages",
    "second_language",
)


def _change_settings(state: RoomState, action: a.ChangeSettings) -> Result:
    _require_lead(state, action.by)
    if state.phase is Phase.ENDED:
        raise e.GameEnded()
    old, new = state.settings, action.settings
    validate_settings(new)
    kept = replace(new, **{name: getattr(old, name) for name in _LIVE_SETTINGS})
    if state.phase is Phase.PLAYING and kept != old:
        raise e.GameAlreadyStarted()
    state = replace(state, settings=new)
    if state.turn is not None and new.turn_timer_seconds != old.turn_timer_seconds:
        deadline = _deadline(state, action.at, state.turn.active)
        state = replace(state, turn=replace(state.turn, deadline=deadline))
    state, hung_up = voice.follow_play_mode(state)
    return state, [ev.SettingsChanged(), *hung_up]


def _start_game(state: RoomState, action: a.StartGame) -> Result:
    _require_lead(state, action.by)
    if state.phase is not Phase.LOBBY:
        raise e.GameEnded() if state.phase is Phase.ENDED else e.GameAlreadyStarted()
    settings = state.settings
    chosen: dict[str, Card] = {}
    excluded = set(settings.excluded_cards)
    for card in action.cards:
        fits = card.sense in settings.senses and card.depth <= settings.max_depth
        if fits and card.id not in excluded:
            chosen.setdefault(card.id, card)
    if not chosen:
        raise e.NoCards()
    first = _next_eligible(state.seats, None)
    if first is None:
        raise e.NoPlayers()
    cards = tuple(chosen.values())
    state = replace(
        state,
        phase=Phase.PLAYING,
        cards=cards,
        decks=build_decks(cards, settings.senses, state.seed),
        turn=None,
        history=(),
        started_at=action.at,
        participants=tuple(
            Participant(s.id, s.has_device, s.language) for s in state.seats if s.plays
        ),
    )
    state, events = _start_turn(state, first, action.at)
    return state, [ev.GameStarted()] + events


def _draw_card(state: RoomState, action: a.DrawCard) -> Result:
    turn = _require_running(state)
    _seat(state, action.by)
    if turn.active != action.by:
        raise e.NotYourTurn()
    if turn.card_id is not None:
        raise e.CardAlreadyDrawn()
    senses_with_cards = [d.sense for d in state.decks if d.pool]
    if action.sense is None:
        if not senses_with_cards:
            raise e.NoCards()
        sense = choose_sense(senses_with_cards, state.seed, state.drawn)
    else:
        sense = action.sense
    deck = state.deck(sense)
    if deck is None:
        raise e.SenseNotInPlay()
    if not deck.pool:
        raise e.NoCards()
    card_id, deck, reshuffled = draw(deck, state.seed)
    decks = tuple(deck if d.sense == sense else d for d in state.decks)
    mode = state.settings.answering
    if mode is Answering.EVERYONE:
        order = [s.id for s in state.seats]
        start = order.index(action.by)
        answerers = tuple(s.id for s in state.seats[start:] + state.seats[:start] if s.eligible)
    elif mode is Answering.CHOSEN:
        answerers = ()
    else:
        answerers = (action.by,)
    card = state.card(card_id)
    depth = card.depth if card is not None else 0
    play = Play(card_id, sense, action.by, action.sense is None, action.at, depth=depth)
    state = replace(
        state,
        decks=decks,
        history=state.history + (play,),
        turn=replace(turn, card_id=card_id, answerers=answerers),
    )
    state = keep_recent(state)
    events: list[ev.Event] = [ev.CardDrawn(card_id, sense, action.by, action.sense is None)]
    if reshuffled:
        events.append(ev.DeckShuffled(sense, deck.shuffles))
    return state, events


def _hand_card(state: RoomState, action: a.HandCard) -> Result:
    turn = _require_waited_on(state, action.by)
    if turn.card_id is None:
        raise e.NoCardDrawn()
    if state.settings.answering is Answering.EVERYONE:
        raise e.HandNotAllowed()
    target = _seat(state, action.to)
    choosing = not turn.answerers
    if not target.eligible or (target.id == action.by and not choosing):
        raise e.SeatNotAvailable()
    turn = replace(turn, answerers=(target.id,), deadline=_deadline(state, action.at, turn.active))
    return replace(state, turn=turn), [ev.CardHanded(action.by, target.id)]


def _pass_card(state: RoomState, action: a.PassCard) -> Result:
    turn = _require_waited_on(state, action.by)
    if turn.card_id is None:
        raise e.NoCardDrawn()
    return _close_answer(state, action.by, Outcome.PASSED, action.at)


def _finish_turn(state: RoomState, action: a.FinishTurn) -> Result:
    turn = _require_waited_on(state, action.by)
    outcome = Outcome.ANSWERED if action.by in turn.answerers else None
    return _close_answer(state, action.by, outcome, action.at)


def _skip_player(state: RoomState, action: a.SkipPlayer) -> Result:
    _require_lead(state, action.by)
    _require_running(state)
    if state.waiting_on != action.seat_id:
        raise e.NotWaitingOnPlayer()
    return _close_answer(state, action.seat_id, Outcome.SKIPPED, action.at)


def _end_game(state: RoomState, action: a.EndGame) -> Result:
    _require_lead(state, action.by)
    if state.phase is Phase.ENDED:
        raise e.GameEnded()
    ended = replace(state, phase=Phase.ENDED, turn=None, paused_at=None, ended_at=action.at)
    ended, hung_up = voice.leave_all(ended)
    return ended, [*hung_up, ev.GameEnded()]


def _kick(state: RoomState, action: a.Kick) -> Result:
    _require_lead(state, action.by)
    target = _seat(state, action.seat_id)
    if target.id == action.by or target.role is Role.HOST:
        raise e.SeatNotAvailable()
    state, events = _remove_seat(state, a.RemoveSeat(seat_id=target.id, at=action.at))
    return state, [*events, ev.SeatKicked(target.id)]


def _set_locked(state: RoomState, action: a.SetLocked) -> Result:
    _require_lead(state, action.by)
    if state.locked == action.locked:
        return state, []
    return replace(state, locked=action.locked), [ev.LockChanged(action.locked)]


def _set_show_join(state: RoomState, action: a.SetShowJoin) -> Result:
    _require_lead(state, action.by)
    if state.show_join == action.show:
        return state, []
    return replace(state, show_join=action.show), [ev.ShowJoinChanged(action.show)]


def _set_paused(state: RoomState, action: a.SetPaused) -> Result:
    _require_lead(state, action.by)
    turn = _require_playing(state)
    if state.paused == action.paused:
        return state, []
    if action.paused:
        return replace(state, paused_at=action.at), [ev.PauseChanged(True)]
    assert state.paused_at is not None
    # The pause does not count against the timer. If the clock went back meanwhile the shift is
    # negative and the time left is still what it was (see _rebase_if_clock_went_back).
    shift = action.at - state.paused_at
    deadline = None if turn.deadline is None else turn.deadline + shift
    turn = replace(turn, started_at=min(turn.started_at + shift, action.at), deadline=deadline)
    return replace(state, paused_at=None, turn=turn), [ev.PauseChanged(False)]


def _set_role(state: RoomState, action: a.SetRole) -> Result:
    me = _seat(state, action.by)
    if me.role is not Role.HOST:
        raise e.NotHost()
    target = _seat(state, action.seat_id)
    if target.id == me.id or Role.SPECTATOR in (target.role, action.role):
        raise e.SeatNotAvailable()
    if not target.has_device and action.role is not Role.PLAYER:
        raise e.SeatNotAvailable()  # nobody holds that seat to lead with
    state = _replace_seat(state, target.id, role=action.role)
    events: list[ev.Event] = [ev.RoleChanged(target.id, action.role.value)]
    if action.role is Role.HOST:
        state = _replace_seat(state, me.id, role=Role.COHOST)
        events += [ev.RoleChanged(me.id, Role.COHOST.value), ev.HostChanged(target.id)]
    return state, events


def _set_takes_turns(state: RoomState, action: a.SetTakesTurns) -> Result:
    target = _seat(state, action.seat_id)
    if action.by != target.id:
        _require_lead(state, action.by)
    if target.role is Role.SPECTATOR:
        raise e.SeatNotAvailable()
    if target.takes_turns == action.takes_turns:
        return state, []
    state = _replace_seat(state, target.id, takes_turns=action.takes_turns)
    state = _with_participant(state, _seat(state, target.id))
    said: list[ev.Event] = [ev.TakesTurnsChanged(target.id, action.takes_turns)]
    if action.takes_turns:
        state, events = _resume_if_idle(state, target.id, action.at)
    else:
        state, events = _withdraw_from_turn(state, target.id, action.at)
    return state, said + events


def _set_language(state: RoomState, action: a.SetLanguage) -> Result:
    """Anyone may change their own language at any time, also after the game ended."""
    seat = _seat(state, action.seat_id)
    if seat.language == action.language:
        return state, []
    state = _replace_seat(state, seat.id, language=action.language)
    participants = tuple(
        replace(p, language=action.language) if p.seat_id == seat.id else p
        for p in state.participants
    )
    state = replace(state, participants=participants)
    return state, [ev.LanguageChanged(seat.id, action.language)]


def _react(state: RoomState, action: a.React) -> Result:
    _seat(state, action.by)
    if action.reaction not in REACTIONS:
        raise e.InvalidReaction()
    return state, [ev.Reacted(action.by, action.reaction)]


def _type_answer(state: RoomState, action: a.TypeAnswer) -> Result:
    if not state.settings.typed_answers:
        raise e.TypedAnswersOff()
    turn = _require_waited_on(state, action.by)
    if turn.card_id is None:
        raise e.NoCardDrawn()
    if action.by not in turn.answerers:  # the drawer still has to choose who answers
        raise e.NotYourTurn()
    text = action.text.strip()
    if not text:
        raise e.EmptyAnswer()
    play = state.history[-1]
    typed = tuple(t for t in play.typed if t.seat_id != action.by) + (TypedAnswer(action.by, text),)
    history = state.history[:-1] + (replace(play, typed=typed),)
    return replace(state, history=history), [ev.AnswerTyped(action.by)]


def _extend_timer(state: RoomState, action: a.ExtendTimer) -> Result:
    turn = _require_running(state)
    seat = _seat(state, action.by)
    timer = state.settings.turn_timer_seconds
    if timer is None or turn.deadline is None or seat.role is Role.SPECTATOR:
        raise e.NoTimer()
    deadline = max(turn.deadline, action.at) + timer
    return replace(state, turn=replace(turn, deadline=deadline)), [
        ev.TimerExtended(seat.id, deadline)
    ]


def _ask_topic_change(state: RoomState, action: a.AskTopicChange) -> Result:
    """Counted on the card on the table; the event goes to hosts only (see ``for_leads``)."""
    _require_playing(state)
    seat = _seat(state, action.by)
    card = state.current_card
    if card is None:
        raise e.NoCardDrawn()
    if seat.role is Role.SPECTATOR:
        raise e.SeatNotAvailable()
    play = state.history[-1]
    if seat.id in play.topic_from:
        return state, []  # asked already: one person counts once
    named = play.topic_named + ((seat.id,) if action.show_name else ())
    play = replace(
        play,
        topic_signals=play.topic_signals + 1,
        topic_named=named,
        topic_from=play.topic_from + (seat.id,),
    )
    return replace(state, history=state.history[:-1] + (play,)), [
        ev.TopicChangeAsked(card.id, seat.id if action.show_name else None)
    ]


def _set_card_aside(state: RoomState, action: a.SetCardAside) -> Result:
    _require_lead(state, action.by)
    turn = _require_running(state)
    if turn.card_id is None:
        raise e.NoCardDrawn()
    play = replace(state.history[-1], set_aside=True)
    state = replace(state, history=state.history[:-1] + (play,))
    if turn.handover:  # the card of a drawer who left is gone: the taker's own turn starts now
        state, events = _start_turn(state, turn.active, action.at)
        return state, [ev.CardSetAside(play.card_id), *events]
    turn = replace(
        turn, card_id=None, answerers=(), deadline=_deadline(state, action.at, turn.active)
    )
    return replace(state, turn=turn), [ev.CardSetAside(play.card_id)]


def _reflect(state: RoomState, action: a.Reflect) -> Result:
    if state.phase is not Phase.ENDED:
        raise e.GameNotEnded()
    if state.ended_at is not None and action.at > state.ended_at + REFLECTION_OPEN_SECONDS:
        raise e.ReflectionClosed()
    seat = _seat(state, action.by)
    if seat.role is Role.SPECTATOR or not seat.has_device:
        raise e.SeatNotAvailable()
    # Only who played answers (a host who only led does not), so the respondents can never
    # outnumber the players and nobody can subtract their own answer from a small group's.
    if seat.id not in {p.seat_id for p in state.participants}:
        raise e.NotAPlayer()
    if seat.id in state.reflected:
        raise e.AlreadyReflected()
    questions = [question for question, _ in action.answers]
    valid = all(
        q in REFLECTION_QUESTIONS and answer in REFLECTION_SCALE for q, answer in action.answers
    )
    if not action.answers or not valid or len(set(questions)) != len(questions):
        raise e.InvalidReflection()
    counts = {(c.question, c.answer): c.count for c in state.reflection}
    for pair in action.answers:
        counts[pair] = counts.get(pair, 0) + 1
    reflection = tuple(ReflectionCount(q, answer, n) for (q, answer), n in sorted(counts.items()))
    reflected = tuple(sorted(state.reflected + (seat.id,)))
    state = replace(state, reflected=reflected, reflection=reflection)
    return state, [ev.Reflected(len(reflected))]


def _tick(state: RoomState, action: a.Tick) -> Result:
    events: list[ev.Event] = []
    if action.clock_went_back:
        state = _rebase_if_clock_went_back(state, action.at)
    for seat in state.seats:
        since = _gone_since(seat)
        if since is not None and action.at - since >= action.grace:
            state, more = _mark_away(state, a.MarkAway(seat_id=seat.id, at=action.at))
            events += more
    deadline, waiting = _timer_deadline(state), state.waiting_on
    if deadline is not None and waiting is not None and action.at >= deadline:
        state, more = _close_answer(state, waiting, Outcome.SKIPPED, action.at)
        events += [ev.TimerExpired(waiting), *more]
    return state, events


# How far a time may lie ahead of a tick before it counts as the clock having gone back: covers
# processes whose clocks differ a little, so they never undo each other's times.
CLOCK_SLACK_SECONDS = 5.0


def _rebase_if_clock_went_back(state: RoomState, at: float) -> RoomState:
    """Times ahead of ``at`` were stamped before the clock went back (NTP): start them from now.

    Without this a grace period or turn timer would stall for the whole jump (say an hour). A
    grace period runs once more in full; the turn's times move back together, so its timer keeps
    its length from the turn's start. Neither ends early.
    """
    ahead = at + CLOCK_SLACK_SECONDS
    seats = tuple(
        replace(s, disconnected_at=at) if (s.disconnected_at or 0.0) > ahead else s
        for s in state.seats
    )
    state = replace(state, seats=seats)
    turn = state.turn
    latest = None if turn is None else max(turn.started_at, state.paused_at or turn.started_at)
    if turn is None or latest is None or latest <= ahead:
        return state
    early = latest - at
    deadline = None if turn.deadline is None else turn.deadline - early
    paused_at = None if state.paused_at is None else state.paused_at - early
    turn = replace(turn, started_at=turn.started_at - early, deadline=deadline)
    return replace(state, turn=turn, paused_at=paused_at)


def _gone_since(seat: Seat) -> float | None:
    """Since when a seat that is not yet away has been disconnected."""
    return None if seat.connected or seat.away else seat.disconnected_at


def _timer_deadline(state: RoomState) -> float | None:
    """The running timer's deadline: none in the lobby, while paused, or with nobody to wait on."""
    turn = state.turn
    if state.phase is not Phase.PLAYING or state.paused or turn is None or not state.waiting_on:
        return None
    return turn.deadline


def next_deadline(state: RoomState, grace: float) -> float | None:
    """The earliest time at which a ``Tick`` would change this room, if any."""
    gone = [_gone_since(s) for s in state.seats]
    times = [since + grace for since in gone if since is not None]
    deadline = _timer_deadline(state)
    if deadline is not None:
        times.append(deadline)
    return min(times, default=None)


_HANDLERS: dict[type, Callable[[RoomState, Any], Result]] = {
    a.AddSeat: _add_seat,
    a.RemoveSeat: _remove_seat,
    a.SetConnected: _set_connected,
    a.MarkAway: _mark_away,
    a.ChangeSettings: _change_settings,
    a.StartGame: _start_game,
    a.DrawCard: _draw_card,
    a.HandCard: _hand_card,
    a.PassCard: _pass_card,
    a.FinishTurn: _finish_turn,
    a.SkipPlayer: _skip_player,
    a.EndGame: _end_game,
    a.Kick: _kick,
    a.SetLocked: _set_locked,
    a.SetShowJoin: _set_show_join,
    a.SetPaused: _set_paused,
    a.SetRole: _set_role,
    a.SetTakesTurns: _set_takes_turns,
    a.SetLanguage: _set_language,
    a.React: _react,
    a.TypeAnswer: _type_answer,
    a.ExtendTimer: _extend_timer,
    a.Tick: _tick,
    a.AddDevicelessSeat: _add_deviceless_seat,
    a.ActFor: _act_for,
    a.AskTopicChange: _ask_topic_change,
    a.SetCardAside: _set_card_aside,
    a.Reflect: _reflect,
    **voice.HANDLERS,
}
