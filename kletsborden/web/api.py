"""JSON over HTTP: creating a room. Everything after that happens over the socket."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, request, url_for
from flask.blueprints import BlueprintSetupState

from ..codes import display_code
from ..config import ROOM_WINDOW_MINUTES
from ..engine import GameError, Settings
from ..errors import Busy, InvalidPayload, NotAllowed, TooManyRooms, Unavailable
from ..i18n import error_body
from ..logins import current_admin
from ..payloads import expect_dict, field_of, parse_label, parse_name, parse_settings
from ..ratelimit import Limit
from ..rooms import RoomService, SessionInfo
from ..session_templates import session_template_name

bp = Blueprint("api", __name__, url_prefix="/api")
# HTTP status per error (400 for the rest); 429 and 503 are worth trying again later.
STATUS = {NotAllowed: 403, TooManyRooms: 429, Busy: 503, Unavailable: 503}


def room_limit_for(state: BlueprintSetupState) -> None:
    """Rooms opened per address, counted in Redis when there is one (so across processes)."""
    app = state.app
    count = int(app.config["KLETSBORDEN_ROOMS_PER_ADDRESS"])
    queue = app.config.get("KLETSBORDEN_MESSAGE_QUEUE")
    limit = Limit("rooms", count, ROOM_WINDOW_MINUTES * 60.0, queue) if count else None
    app.extensions["kletsborden.room_limit"] = limit


bp.record_once(room_limit_for)


@bp.errorhandler(GameError)
def game_error(error: GameError) -> tuple[dict[str, Any], int]:
    status = STATUS.get(type(error), 400)
    return {"ok": False, "error": error_body(error.code, error.params, g.lang)}, status


@bp.post("/rooms")
def create_room() -> tuple[dict[str, Any], int]:
    """Open a room with its settings; the caller becomes host and gets the host seat's token."""
    # Switched off (KLETSBORDEN_OPEN_ROOM_CREATION=0): only logged-in facilitators and admins.
    if not current_app.config["KLETSBORDEN_OPEN_ROOM_CREATION"] and current_admin() is None:
        raise NotAllowed()
    if not request.is_json:  # a JSON body cannot be sent cross-site without CORS: no CSRF
        raise InvalidPayload("JSON expected", detail="send application/json")
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the JSON parser goes: not JSON we can read
        body = None
    if body is None:
        raise InvalidPayload("not JSON", detail="the body is not valid JSON")
    payload = expect_dict(body, {"name", "settings", "takes_turns", "label", "template"})
    settings = parse_settings(payload.get("settings"), Settings())
    takes_turns = field_of(payload, "takes_turns", bool, required=False)
    name, info = parse_name(payload.get("name")), _session_info(payload)
    rooms: RoomService = current_app.extensions["kletsborden.rooms"]
    rooms.check_settings(settings)
    # Counted before the room is made, in one step with the decision: parallel requests cannot
    # all pass a check first. A request refused above (bad input) does not count.
    room_limit = current_app.extensions["kletsborden.room_limit"]
    if room_limit is not None and not room_limit.hit(request.remote_addr or "unknown"):
        raise TooManyRooms(limit=room_limit.count)
    seated = rooms.create(name, settings, takes_turns=takes_turns is not False, info=info)
    code = seated.update.code
    return {
        "ok": True,
        "code": code,
        "display_code": display_code(code),
        "join_url": url_for("pages.play", code=code, _external=True),
        "seat_id": seated.seat_id,
        "token": seated.token,
        "screen_key": rooms.screen_key(code),
        "snapshot": seated.update.snapshot(),
    }, 201


def _session_info(payload: dict[str, Any]) -> SessionInfo:
    """Who facilitates, for reports: a logged-in facilitator or admin, with a label and the
    template the session started from. Anonymous hosts give neither."""
    label = parse_label(payload.get("label"))
    template = field_of(payload, "template", str, required=False)
    account = current_admin()
    if account is None:
        if label or template:
            raise NotAllowed("a label or template needs a facilitator's login")
        return SessionInfo()
    db = current_app.extensions["kletsborden.db"]
    name = session_template_name(db, account.id, template) if template else None
    return SessionInfo(facilitator_id=account.id, label=label, template=name)
