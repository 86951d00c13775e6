"""JSON over HTTP: creating a room. Everything after that happens over the socket."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, request, url_for

from ..codes import display_code
from ..engine import GameError, Settings
from ..errors import Busy, InvalidPayload, NotAllowed, Unavailable
from ..i18n import error_body
from ..payloads import expect_dict, field_of, parse_name, parse_settings
from ..rooms import RoomService

bp = Blueprint("api", __name__, url_prefix="/api")
RETRY = (Busy, Unavailable)  # worth trying again: 503


@bp.errorhandler(GameError)
def game_error(error: GameError) -> tuple[dict[str, Any], int]:
    status = 403 if isinstance(error, NotAllowed) else 503 if isinstance(error, RETRY) else 400
    return {"ok": False, "error": error_body(error.code, error.params, g.lang)}, status


@bp.post("/rooms")
def create_room() -> tuple[dict[str, Any], int]:
    """Open a room with its settings; the caller becomes host and gets the host seat's token."""
    if not current_app.config["KLETSBORDEN_OPEN_ROOM_CREATION"]:
        raise NotAllowed()
    if not request.is_json:  # a JSON body cannot be sent cross-site without CORS: no CSRF
        raise InvalidPayload("JSON expected", detail="send application/json")
    body = request.get_json(silent=True)
    if body is None:
        raise InvalidPayload("not JSON", detail="the body is not valid JSON")
    payload = expect_dict(body, {"name", "settings", "takes_turns"})
    settings = parse_settings(payload.get("settings"), Settings())
    takes_turns = field_of(payload, "takes_turns", bool, required=False)
    rooms: RoomService = current_app.extensions["kletsborden.rooms"]
    seated = rooms.create(
        parse_name(payload.get("name")), settings, takes_turns=takes_turns is not False
    )
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
