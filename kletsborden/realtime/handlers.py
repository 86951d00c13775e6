"""Socket.IO events → room use cases. Thin: parse the payload, call the service, acknowledge.

Every client event gets an ack: ``{"ok": true, ...}`` or ``{"ok": false, "error": {...}}`` with a
stable code and a message in the connection's language. Changes are broadcast to the room as a
``room_state`` snapshot after the service has committed them. docs/protocol.md describes it all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import socketio as python_socketio
from flask import request
from flask_socketio import SocketIO

from .. import guesses
from ..engine import GameError, RoomState
from ..engine import actions as a
from ..engine.errors import VoiceNotIn
from ..engine.state import HALL, Role
from ..errors import (
    InternalError,
    InvalidPayload,
    InvalidToken,
    NotAllowed,
    NotJoined,
    RateLimited,
    RoomNotFound,
    TooManyReactions,
    TooManySeats,
    TooManySignals,
    UnknownEvent,
)
from ..i18n import error_body
from ..i18n.languages import choose, interface_languages
from ..payloads import (
    SIGNAL_FIELDS,
    expect_dict,
    field_of,
    parse_code,
    parse_device,
    parse_language,
    parse_name,
    parse_reflection,
    parse_signal,
    parse_typed_answer,
    settings_changes,
)
from ..ratelimit import Limit
from ..rooms import RoomService, RoomUpdate
from ..snapshot import lead_view
from ..turn import TurnServers
from .context import caller, handling, session

log = logging.getLogger(__name__)

Ack = dict[str, Any]
ActionMaker = Callable[[str, dict[str, Any]], Callable[[RoomState, float], a.Action]]


# The limit each event counts toward, with its refusal: voice signals have their own budget.
LIMITS = {"events": RateLimited, "signals": TooManySignals}


def guarded(name: str, handle: Callable[[], Ack], limit: str = "events") -> Ack:
    """Rate-limit, run, and turn every failure into an error ack: never silence, never a crash."""
    try:
        if not limiter(limit).hit(caller.sid):
            raise LIMITS[limit]()
        return handle()
    except GameError as error:
        return error_ack(error)
    except Exception:
        log.exception("event %s failed", name)
        return error_ack(InternalError())


def _guesses() -> tuple[Limit, str]:
    """The failed-joins limit and the address it counts for (module ``guesses``)."""
    return limiter("failed_joins"), caller.remote_addr


def _single(payloads: tuple[Any, ...]) -> Any:
    if len(payloads) > 1:
        raise InvalidPayload("one payload at most", detail="send one object")
    return payloads[0] if payloads else None


def rooms() -> RoomService:
    return caller.app.extensions["kletsborden.rooms"]


def limiter(name: str) -> Limit:
    return caller.app.extensions["kletsborden.limits"][name]


def error_ack(error: GameError) -> Ack:
    return {"ok": False, "error": error_body(error.code, error.params, session.get("lang", "nl"))}


def _in_connection(
    server: python_socketio.Server, on_event: Callable[..., Ack]
) -> Callable[..., Ack | None]:
    """``on_event`` as python-socketio calls it (the connection's id first), handled with its
    connection (context.py)."""

    def dispatch(sid: str, *payloads: Any) -> Ack | None:
        environ = server.get_environ(sid)
        if environ is None:  # no longer connected: nobody to answer
            return None
        with handling(sid, environ):
            return on_event(*payloads)

    return dispatch


def _in_flask_request(handle: Callable[..., Ack | None]) -> Callable[..., Ack | None]:
    """A handler Flask-SocketIO dispatches (in its request context), given its connection too."""

    def dispatch(*args: Any) -> Ack | None:
        with handling(request.sid, request.environ):  # type: ignore[attr-defined]
            return handle(*args)

    dispatch.__name__ = handle.__name__
    return dispatch


class Handlers:
    """Registers every client event on a SocketIO server; one method per event."""

    def __init__(self, socketio: SocketIO):
        self.socketio = socketio
        # Connections of this process that hold a seat: vouched for by the sweeper's heartbeat.
        self.seated_connections: set[str] = set()
        # The game's events, by name: python-socketio calls them directly (``bind``).
        self.events: dict[str, Callable[..., Ack]] = {}
        # Flask-SocketIO dispatches these in a request context: connect reads the cookies.
        socketio.on_event("connect", _in_flask_request(self.connect))
        socketio.on_event("disconnect", _in_flask_request(self.disconnect))
        socketio.on_event("*", _in_flask_request(self.unknown_event))
        for name, (fields, make) in GAME_ACTIONS.items():
            if name not in ("react", "ask_topic_change"):
                allowed = fields | {"for_seat"} if name in PLAYABLE_FOR else fields
                self._register(name, allowed, self._game_action(make))
        self._register(
            "join",
            {"code", "name", "token", "ticket", "language", "spectator", "device"},
            self.join,
        )
        self._register("watch", {"code", "screen_key", "language"}, self.watch)
        self._register("leave", set(), self.leave)
        self._register("start_game", set(), self.start_game)
        self._register("kick", {"seat_id"}, self.kick)
        self._register("react", GAME_ACTIONS["react"][0], self.react)
        self._register("get_state", set(), self.get_state)
        self._register("get_screen_key", set(), self.get_screen_key)
        self._register("renew_screen_key", set(), self.renew_screen_key)
        self._register("set_language", {"language"}, self.set_language)
        self._register("change_settings", {"settings"}, self.change_settings)
        self._register("add_player", {"name"}, self.add_player)
        fields, _ = GAME_ACTIONS["ask_topic_change"]
        self._register("ask_topic_change", fields, self.ask_topic_change)
        self._register("voice_join", {"camera"}, self.voice_join)
        self._register("voice_leave", set(), self.voice_leave)
        for name, (fields, make) in VOICE_ACTIONS.items():
            self._register(name, fields, self._voice_action(make))
        self._register("voice_ask_mute", {"seat_id"}, self.voice_ask_mute)
        self._register("voice_signal", SIGNAL_FIELDS, self.voice_signal, limit="signals")

    def _register(
        self,
        name: str,
        fields: set[str],
        handler: Callable[[dict], Ack],
        limit: str = "events",
    ) -> None:
        def on_event(*payloads: Any) -> Ack:
            return guarded(name, lambda: handler(expect_dict(_single(payloads), fields)), limit)

        self.events[name] = on_event

    def bind(self, server: python_socketio.Server) -> None:
        """Register the game's events on ``server`` (made by ``SocketIO.init_app``) itself,
        without Flask-SocketIO's request context per event (context.py says why)."""
        for name, on_event in self.events.items():
            server.on(name, _in_connection(server, on_event))

    def _join(self, room: str) -> None:
        self.socketio.server.enter_room(caller.sid, room, namespace="/")

    def _leave(self, room: str) -> None:
        self.socketio.server.leave_room(caller.sid, room, namespace="/")

    # --- connection -------------------------------------------------------------------------

    def _sent_by_client(self) -> bool:
        """A client can emit an event named "connect" or "disconnect"; the real ones arrive
        while the server is still connecting or disconnecting it."""
        return self.socketio.server.manager.is_connected(caller.sid, "/")

    def connect(self, auth: Any = None, *_more: Any) -> Ack | None:
        if self._sent_by_client():
            return error_ack(UnknownEvent())
        session["lang"] = choose(request.cookies.get("lang"), request.accept_languages)
        return None

    def disconnect(self, reason: Any = None, *_more: Any) -> Ack | None:
        if self._sent_by_client():
            return error_ack(UnknownEvent())
        self.seated_connections.discard(caller.sid)
        for name in ("events", "reactions", "signals"):
            limiter(name).forget(caller.sid)
        code, seat = session.get("room"), session.get("seat")
        try:
            if code and seat:
                self.broadcast(rooms().disconnect(code, seat, caller.sid))
            elif code and session.get("hall_session"):  # the hall's screen closed: it hangs up
                self.broadcast(self._hall_leaves(code))
        except GameError as error:
            log.info("disconnect from room %s not recorded: %s", code, error.code)

    def unknown_event(self, event: str, *payloads: Any) -> Ack:
        return guarded(str(event)[:40], lambda: error_ack(UnknownEvent()))

    # --- joining ----------------------------------------------------------------------------

    def join(self, payload: dict[str, Any]) -> Ack:
        self._take_language(payload)
        token = field_of(payload, "token", str, required=False)
        if token is not None:
            with guesses.secret(*_guesses(), RoomNotFound, InvalidToken):
                code = parse_code(payload.get("code"))
                seated = rooms().rejoin(code, token, caller.sid, language=self._language(payload))
        else:
            ticket = field_of(payload, "ticket", str, required=False)
            given = rooms().is_join_ticket(payload.get("code"), ticket)
            with guesses.typed_code(*_guesses(), given=given):
                code = parse_code(payload.get("code"))
                name = parse_name(payload.get("name"))
                spectator = bool(field_of(payload, "spectator", bool, required=False))
                device = parse_device(payload.get("device"))
                if not limiter("new_seats").hit(f"{caller.remote_addr} {code}"):
                    rooms().current(code)  # a code that is no room stays a miss
                    raise TooManySeats()
                seated = rooms().join(
                    code,
                    name,
                    caller.sid,
                    spectator=spectator,
                    device=device,
                    language=self._language(payload),
                )
        self._enter(seated.update.code, seated.seat_id)
        if seated.replaced:  # the seat moved here from another tab or device: tell that one
            self.socketio.emit("seat_moved", {"code": code}, to=seated.replaced)
            self.socketio.server.disconnect(seated.replaced, namespace="/")
        self.broadcast(seated.update)
        ack: Ack = {
            "ok": True,
            "seat_id": seated.seat_id,
            "snapshot": seated.update.snapshot(),
            "join_ticket": rooms().join_ticket(seated.update.code),
        }
        if seated.token:
            ack["token"] = seated.token
        return _with_lead_view(ack, seated.update, seated.seat_id)

    def watch(self, payload: dict[str, Any]) -> Ack:
        """A projector screen: sees the room without a seat, with the host's screen key."""
        self._take_language(payload)
        with guesses.secret(*_guesses(), RoomNotFound, NotAllowed):
            code = parse_code(payload.get("code"))
            key = field_of(payload, "screen_key", str)
            update = rooms().watch(code, key)
        self._enter(code, None)
        session["screen_key"] = key  # checked again when this screen joins voice as the hall
        return {"ok": True, "snapshot": update.snapshot(), "join_ticket": rooms().join_ticket(code)}

    def leave(self, payload: dict[str, Any]) -> Ack:
        code, seat = self._seat()
        update = rooms().leave(code, seat)
        self._leave(code)
        self._leave(voice_room(code, seat))
        session.pop("room", None)
        session.pop("seat", None)
        self.seated_connections.discard(caller.sid)
        self.broadcast(update)
        return {"ok": True}

    def _enter(self, code: str, seat_id: str | None) -> None:
        """Bind this connection to one room (and seat); a seat it held before is let go."""
        old, old_seat = session.get("room"), session.get("seat")
        if old and old != code:
            self._leave(old)
            self._leave(screens(old))
        if old and session.get("hall_session") and (old, old_seat) != (code, None):
            self.broadcast(self._hall_leaves(old))  # this screen was the hall of its room
            self._leave(voice_room(old, HALL))
        if old_seat and (old, old_seat) != (code, seat_id):
            self._leave(voice_room(old, old_seat))
            self.broadcast(rooms().disconnect(old, old_seat, caller.sid))
            self.seated_connections.discard(caller.sid)
        session["room"], session["seat"] = code, seat_id
        self._join(code if seat_id is not None else screens(code))
        if seat_id is not None:  # its own room, where what is for this seat alone is sent
            self._join(voice_room(code, seat_id))
            self.seated_connections.add(caller.sid)

    def _take_language(self, payload: dict[str, Any]) -> None:
        if payload.get("language") is not None:
            self._speak(parse_language(payload["language"]))

    @staticmethod
    def _speak(language: str) -> None:
        """Messages come in ``language`` where the interface speaks it; a language only the
        cards have leaves them in the one this connection had."""
        if language in interface_languages():
            session["lang"] = language

    @staticmethod
    def _language(payload: dict[str, Any]) -> str | None:
        language = payload.get("language")
        return None if language is None else parse_language(language)

    # --- playing ----------------------------------------------------------------------------

    def _seat(self) -> tuple[str, str]:
        code, seat = session.get("room"), session.get("seat")
        if not code or not seat:
            raise NotJoined()
        return code, seat

    def _game_action(self, make: ActionMaker) -> Callable[[dict], Ack]:
        def handler(payload: dict[str, Any]) -> Ack:
            code, seat = self._seat()
            for_seat = field_of(payload, "for_seat", str, required=False)
            if for_seat is None:
                update = rooms().act(code, make(seat, payload))
            else:  # a host plays the move of a seat without a device
                move = make(for_seat, payload)
                update = rooms().act(
                    code, lambda state, at: a.ActFor(by=seat, action=move(state, at), at=at)
                )
            self.broadcast(update)
            return {"ok": True, "version": update.version}

        return handler

    def start_game(self, payload: dict[str, Any]) -> Ack:
        code, seat = self._seat()
        update = rooms().start(code, seat)
        self.broadcast(update)
        return {"ok": True, "version": update.version}

    def kick(self, payload: dict[str, Any]) -> Ack:
        code, seat = self._seat()
        target = field_of(payload, "seat_id", str)
        update, connection = rooms().kick(code, seat, target)
        if connection:  # tell the kicked connection, then close it, in whichever process it is
            self.socketio.emit("kicked", {"code": code}, to=connection)
            self.socketio.server.disconnect(connection, namespace="/")
        self.broadcast(update)
        return {"ok": True, "version": update.version}

    def react(self, payload: dict[str, Any]) -> Ack:
        """Reactions are moments, not state: sent to the room as a ``reaction`` event."""
        code, seat = self._seat()
        if not limiter("reactions").hit(caller.sid):
            raise TooManyReactions()
        _, make = GAME_ACTIONS["react"]
        rooms().react(code, make(seat, payload))
        reaction = {"seat_id": seat, "reaction": payload["reaction"]}
        self.socketio.emit("reaction", reaction, to=[code, screens(code)])
        return {"ok": True}

    def change_settings(self, payload: dict[str, Any]) -> Ack:
        code, seat = self._seat()
        changes = settings_changes(field_of(payload, "settings", dict))
        update = rooms().change_settings(code, seat, changes)
        self.broadcast(update)
        return {"ok": True, "version": update.version}

    def get_state(self, payload: dict[str, Any]) -> Ack:
        code = session.get("room")
        if not code:
            raise NotJoined()
        update = rooms().current(code)
        ack: Ack = {"ok": True, "snapshot": update.snapshot()}
        return _with_lead_view(ack, update, session.get("seat"))

    def add_player(self, payload: dict[str, Any]) -> Ack:
        """A host adds someone without a phone, whom the hosts then play for (``for_seat``)."""
        code, seat = self._seat()
        update, seat_id = rooms().add_deviceless(code, seat, parse_name(payload.get("name")))
        self.broadcast(update)
        return {"ok": True, "seat_id": seat_id, "version": update.version}

    def ask_topic_change(self, payload: dict[str, Any]) -> Ack:
        """Only the room's hosts hear of it (``lead_view``); the ack says nothing more than ok."""
        code, seat = self._seat()
        _, make = GAME_ACTIONS["ask_topic_change"]
        self.broadcast(rooms().act(code, make(seat, payload)))
        return {"ok": True}

    def get_screen_key(self, payload: dict[str, Any]) -> Ack:
        code, seat = self._seat()
        return {"ok": True, "screen_key": rooms().current_screen_key(code, seat)}

    def renew_screen_key(self, payload: dict[str, Any]) -> Ack:
        """A new projector key: screens watching with the old one are told and let go of."""
        code, seat = self._seat()
        key = rooms().current_screen_key(code, seat, renew=True)
        self.socketio.emit("screen_key_renewed", {"code": code}, to=screens(code))
        self.socketio.close_room(screens(code))
        self.socketio.close_room(voice_room(code, HALL))  # and the hall with it
        self.broadcast(rooms().act(code, lambda _state, at: a.LeaveVoice(by=HALL, at=at)))
        return {"ok": True, "screen_key": key}

    # --- the voice table --------------------------------------------------------------------

    def _voice_participant(self, joining: bool = False) -> tuple[str, str]:
        """This connection at the voice table: its seat, or ``HALL`` for a projector screen that
        joined voice (only a screen that did so speaks for the hall)."""
        code, seat = session.get("room"), session.get("seat")
        if not code:
            raise NotJoined()
        if seat:
            return code, seat
        if not joining and not session.get("hall_session"):
            raise VoiceNotIn()
        return code, HALL

    def voice_join(self, payload: dict[str, Any]) -> Ack:
        code, me = self._voice_participant(joining=True)
        camera = bool(field_of(payload, "camera", bool, required=False))
        if me == HALL:  # a screen whose key was renewed since it began watching is let go
            rooms().watch(code, session.get("screen_key", ""))
        update = rooms().join_voice(code, me, camera)
        if me == HALL:
            voice = update.state.hall_voice
            assert voice is not None
            session["hall_session"] = voice.session
            self._join(voice_room(code, HALL))
        self.broadcast(update)
        turn: TurnServers = caller.app.extensions["kletsborden.turn"]
        return {
            "ok": True,
            "version": update.version,
            "me": me,
            "ice_servers": turn.ice_servers(me, rooms().clock()),
            "ice_transport_policy": turn.ice_transport_policy,
        }

    def _voice_action(self, make: ActionMaker) -> Callable[[dict], Ack]:
        def handler(payload: dict[str, Any]) -> Ack:
            code, me = self._voice_participant()
            update = rooms().act(code, make(me, payload))
            self.broadcast(update)
            return {"ok": True, "version": update.version}

        return handler

    def voice_leave(self, payload: dict[str, Any]) -> Ack:
        code, me = self._voice_participant()
        if me == HALL:
            update = self._hall_leaves(code)
            self._leave(voice_room(code, HALL))
        else:
            update = rooms().act(code, _make(a.LeaveVoice, by=me))
        self.broadcast(update)
        return {"ok": True, "version": update.version}

    def _hall_leaves(self, code: str) -> RoomUpdate:
        """The hall of this connection leaves voice (unless a newer screen is the hall now)."""
        hall_session = session.pop("hall_session", None)
        return rooms().act(
            code, lambda _state, at: a.LeaveVoice(by=HALL, session=hall_session, at=at)
        )

    def voice_ask_mute(self, payload: dict[str, Any]) -> Ack:
        code, seat = self._seat()
        target = field_of(payload, "seat_id", str)
        update = rooms().act(code, _make(a.AskToMute, by=seat, seat_id=target))
        self.broadcast(update)
        return {"ok": True, "version": update.version}

    def voice_signal(self, payload: dict[str, Any]) -> Ack:
        """Relay an offer, answer or candidate to one participant of this room's voice table.

        Never stored and never logged; sent to the target's own Socket.IO room, so the message
        queue carries it to whichever process holds that connection.
        """
        code, me = self._voice_participant()
        signal = parse_signal(payload)
        rooms().check_signal(code, me, signal.to, session.get("hall_session"))
        self.socketio.emit(
            "voice_signal", {"from": me, **signal.body}, to=voice_room(code, signal.to)
        )
        return {"ok": True}

    def set_language(self, payload: dict[str, Any]) -> Ack:
        """The connection's language; a seated person's language is also their seat's, so the
        room hears of it (their card now comes in it)."""
        language = parse_language(payload.get("language"))
        self._speak(language)
        code, seat = session.get("room"), session.get("seat")
        if not code or not seat:
            return {"ok": True, "language": language}
        update = rooms().set_language(code, seat, language)
        self.broadcast(update)
        return {"ok": True, "language": language, "version": update.version}

    def broadcast(self, update: RoomUpdate | None) -> None:
        broadcast(self.socketio, update)
        if update is not None and any(event.for_leads for event in update.events):
            view = lead_view(update.code, update.version, update.state)
            for connection in rooms().lead_connections(update):
                self.socketio.emit("lead_view", view, to=connection)


def broadcast(socketio: SocketIO, update: RoomUpdate | None) -> None:
    """Send the new snapshot to everyone in the room (after the service committed it).

    A change only hosts may hear of is not broadcast at all: the room sees no sign of it.
    """
    if update is None or not update.changed:
        return
    if update.events and all(event.for_leads for event in update.events):
        return
    socketio.emit("room_state", update.snapshot(), to=[update.code, screens(update.code)])


def screens(code: str) -> str:
    """The Socket.IO room of a room's projector screens (watchers have no seat)."""
    return f"{code}/screens"


def voice_room(code: str, participant: str) -> str:
    """The Socket.IO room of one seat's connection (``<code>/seat/<id>``), or of the screen
    that is the hall (``<code>/hall``): where what is for that participant alone goes."""
    return f"{code}/hall" if participant == HALL else f"{code}/seat/{participant}"


def _with_lead_view(ack: Ack, update: RoomUpdate, seat_id: str | None) -> Ack:
    """Hosts and co-hosts also get their private ``lead_view`` (after a reload, too)."""
    seat = update.state.seat(seat_id) if seat_id else None
    if seat is not None and seat.leads:
        ack["lead_view"] = lead_view(update.code, update.version, update.state)
    return ack


def _make(kind: type[a.Action], **fields: Any) -> Callable[[RoomState, float], a.Action]:
    """An action with these (already parsed) fields, made when the service applies it."""
    return lambda _state, at: kind(**fields, at=at)


def _role(payload: dict[str, Any]) -> Role:
    value = field_of(payload, "role", str)
    if value not in (Role.HOST, Role.COHOST, Role.PLAYER):
        raise InvalidPayload("role", detail="role must be host, cohost or player")
    return Role(value)


def _str(payload: dict[str, Any], name: str) -> str:
    return field_of(payload, name, str)


def _bool(payload: dict[str, Any], name: str) -> bool:
    return field_of(payload, name, bool)


# Voice events that are one engine action by this connection's participant (seat or hall).
VOICE_ACTIONS: dict[str, tuple[set[str], ActionMaker]] = {
    "voice_mute": ({"muted"}, lambda me, p: _make(a.SetMuted, by=me, muted=_bool(p, "muted"))),
    "voice_camera": ({"on"}, lambda me, p: _make(a.SetCamera, by=me, on=_bool(p, "on"))),
}

# Moves a host may make for a seat without a device, with ``for_seat`` (wrapped in ActFor).
PLAYABLE_FOR = {"draw_card", "hand_card", "pass_card", "finish_turn", "type_answer", "extend_timer"}

# Events that are one engine action by this connection's seat: name → (fields, action maker).
GAME_ACTIONS: dict[str, tuple[set[str], ActionMaker]] = {
    "draw_card": (
        {"sense"},
        lambda seat, p: _make(a.DrawCard, by=seat, sense=field_of(p, "sense", str, required=False)),
    ),
    "hand_card": ({"to"}, lambda seat, p: _make(a.HandCard, by=seat, to=_str(p, "to"))),
    "pass_card": (set(), lambda seat, p: _make(a.PassCard, by=seat)),
    "finish_turn": (set(), lambda seat, p: _make(a.FinishTurn, by=seat)),
    "type_answer": (
        {"text"},
        lambda seat, p: _make(a.TypeAnswer, by=seat, text=parse_typed_answer(p.get("text"))),
    ),
    "extend_timer": (set(), lambda seat, p: _make(a.ExtendTimer, by=seat)),
    "skip_player": (
        {"seat_id"},
        lambda seat, p: _make(a.SkipPlayer, by=seat, seat_id=_str(p, "seat_id")),
    ),
    "set_locked": (
        {"locked"},
        lambda seat, p: _make(a.SetLocked, by=seat, locked=_bool(p, "locked")),
    ),
    "set_show_join": (
        {"show"},
        lambda seat, p: _make(a.SetShowJoin, by=seat, show=_bool(p, "show")),
    ),
    "set_paused": (
        {"paused"},
        lambda seat, p: _make(a.SetPaused, by=seat, paused=_bool(p, "paused")),
    ),
    "set_role": (
        {"seat_id", "role"},
        lambda seat, p: _make(a.SetRole, by=seat, seat_id=_str(p, "seat_id"), role=_role(p)),
    ),
    "set_takes_turns": (
        {"seat_id", "takes_turns"},
        lambda seat, p: _make(
            a.SetTakesTurns,
            by=seat,
            seat_id=_str(p, "seat_id"),
            takes_turns=_bool(p, "takes_turns"),
        ),
    ),
    "react": (
        {"reaction"},
        lambda seat, p: _make(a.React, by=seat, reaction=_str(p, "reaction")),
    ),
    "end_game": (set(), lambda seat, p: _make(a.EndGame, by=seat)),
    "ask_topic_change": (
        {"show_name"},
        lambda seat, p: _make(
            a.AskTopicChange,
            by=seat,
            show_name=bool(field_of(p, "show_name", bool, required=False)),
        ),
    ),
    "set_card_aside": (set(), lambda seat, p: _make(a.SetCardAside, by=seat)),
    "reflect": (
        {"answers"},
        lambda seat, p: _make(
            a.Reflect, by=seat, answers=parse_reflection(field_of(p, "answers", dict))
        ),
    ),
}
