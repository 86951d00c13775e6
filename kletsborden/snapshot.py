"""The room as every member sees it: one serializer for every snapshot we send.

A snapshot is the whole (small) public state with a rising ``version``; clients render it
idempotently and ignore a version older than the one they have. It holds no tokens and nothing
private: what one player may see, everyone in the room may see. What only hosts may see (who
would rather talk about something else) is the separate ``lead_view``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from msgspec import to_builtins

from .codes import display_code
from .config import DEFAULT_VOICE_MAX_PEERS
from .engine import RoomState
from .engine.events import Event
from .engine.state import REFLECTION_QUESTIONS, REFLECTION_SCALE, Phase, Voice
from .engine.tally import totals
from .languages import describe

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def event_dict(event: Event) -> dict[str, Any]:
    """``CardDrawn(...)`` becomes ``{"type": "card_drawn", ...fields}``."""
    return {"type": _CAMEL.sub("_", type(event).__name__).lower(), **to_builtins(event)}


def reading_languages(state: RoomState) -> list[str]:
    """The languages the card is read in at this table: the room's first (what the projector
    shows, and every client's fallback), the projector's second one, then each person's."""
    settings = state.settings
    wanted = [settings.language, settings.second_language]
    wanted += [seat.language or settings.language for seat in state.seats]
    return [lang for lang in dict.fromkeys(wanted) if lang]


def _card(state: RoomState) -> dict[str, Any] | None:
    """The card on the table in the languages of the people at it, and no others: a card's
    texts in every language an edition has would make each broadcast several times larger."""
    card = state.current_card
    if card is None:
        return None
    play = state.history[-1]
    room, drafts = state.settings.language, state.settings.draft_languages
    texts = {
        lang: {**to_builtins(card.texts[lang]), **describe(lang)}
        for lang in reading_languages(state)
        if lang in card.texts and (lang == room or drafts or card.texts[lang].status != "draft")
    }
    return {
        "id": card.id,
        "sense": card.sense,
        "kind": card.kind,
        "depth": card.depth,
        "image": card.image,
        "language": room,
        "texts": texts,
        "drawn_by": play.drawn_by,
        "by_chance": play.by_chance,
        "answers": to_builtins(play.answers),
        "typed_answers": to_builtins(play.typed),
    }


def _turn(state: RoomState) -> dict[str, Any] | None:
    turn = state.turn
    if turn is None:
        return None
    return {
        "number": turn.number,
        "active": turn.active,
        "waiting_on": state.waiting_on,
        "answerers": list(turn.answerers),
        "choosing": turn.card_id is not None and not turn.answerers,
        "deadline": turn.deadline,
        "handover": turn.handover,
    }


def _settings(state: RoomState) -> dict[str, Any]:
    """Which cards the host left out is theirs to know: the room only hears how many."""
    settings = to_builtins(state.settings)
    settings["excluded_cards"] = len(settings["excluded_cards"])
    return settings


def _voice(voice: Voice | None) -> dict[str, Any] | None:
    return None if voice is None else to_builtins(voice)


def _played(state: RoomState) -> dict[str, Any]:
    tally = totals(state, per_card=False)
    per_sense = Counter()
    for count in tally.cards:
        per_sense[count.sense] += count.count
    return {
        "total": tally.plays,
        "per_sense": {deck.sense: per_sense[deck.sense] for deck in state.decks},
        "answered": tally.answered,
        "passed": tally.passed,
        "set_aside": tally.set_aside,
    }


def _reflection(state: RoomState) -> dict[str, Any]:
    """How many answered the closing reflection, never what: results are for reports only."""
    return {
        "respondents": len(state.reflected),
        # Who may answer: the seats that played (a host who only led does not, see ``reflect``).
        "invited": sorted(p.seat_id for p in state.participants if p.has_device),
        "questions": list(REFLECTION_QUESTIONS),
        "scale": list(REFLECTION_SCALE),
    }


def public_events(events: list[Event]) -> list[Event]:
    """The events the whole room may hear of: ``for_leads`` ones are told to hosts only."""
    return [event for event in events if not event.for_leads]


def lead_view(code: str, version: int, state: RoomState) -> dict[str, Any]:
    """What hosts and co-hosts alone see: the wish to change the topic of the card on the table.

    ``play`` is the number of that card in the game (``played.total`` of the same snapshot), so a
    client can tell this card from an earlier draw of the same card. Once the game has ended,
    ``report_path`` is where the session's report is (for its facilitator and admins, after
    logging in), so the host can go there from the end screen.
    """
    play = state.history[-1] if state.current_card is not None and state.history else None
    return {
        "code": code,
        "version": version,
        "card_id": play.card_id if play else None,
        "play": state.drawn,
        "topic_signals": play.topic_signals if play else 0,
        "named": list(play.topic_named) if play else [],
        "report_path": f"/admin/reports/rooms/{code}" if state.phase is Phase.ENDED else None,
    }


def snapshot(
    code: str,
    version: int,
    state: RoomState,
    events: list[Event],
    now: float,
    voice_max: int = DEFAULT_VOICE_MAX_PEERS,
) -> dict[str, Any]:
    """The public view of a room at ``version``; ``changes`` are the events that made it.

    ``voice_max`` is the server's mesh limit, so clients can say how many may talk at once.
    """
    return {
        "code": code,
        "display_code": display_code(code),
        "version": version,
        "server_time": now,
        "phase": state.phase.value,
        "paused": state.paused,
        "locked": state.locked,
        "show_join": state.show_join,
        "started_at": state.started_at,
        "settings": _settings(state),
        "seats": [
            {
                "id": seat.id,
                "name": seat.name,
                "role": seat.role.value,
                "connected": seat.connected,
                "away": seat.away,
                "takes_turns": seat.plays,
                "has_device": seat.has_device,
                "voice": _voice(seat.voice),
                "language": seat.language or state.settings.language,
            }
            for seat in state.seats
        ],
        "turn": _turn(state),
        "card": _card(state),
        "played": _played(state),
        "decks": {deck.sense: len(deck.remaining) for deck in state.decks},
        "reflection": _reflection(state),
        "hall_voice": _voice(state.hall_voice),
        "voice_max": voice_max,
        "changes": [event_dict(event) for event in public_events(events)],
    }
