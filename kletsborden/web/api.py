"""JSON over HTTP: creating a room. Everything after that happens over the socket."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, request, url_for

from ..codes import display_code
from ..config import LANGUAGES
from ..engine import GameError, Settings
from ..i18n import language_or_default, translate
from ..payloads import InvalidPayload, expect_dict, field_of, parse_name, parse_settings
from ..rooms import NotAllowed, RoomService

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.errorhandler(GameError)
def game_error(error: GameError) -> tuple[dict[str, Any], int]:
    language = language_or_default(
        request.args.get("lang") or request.accept_languages.best_match(LANGUAGES)
    )
    details = {k: v for k, v in error.params.items() if isinstance(v, (str, int, float))}
    message = translate(f"errors.{error.code}", language, **details)
    status = 403 if isinstance(error, NotAllowed) else 400
    return {"ok": False, "error": {"code": error.code, "message": message, **details}}, status


@bp.post("/rooms")
def create_room() -> tuple[dict[str, Any], int]:
    """Open a room with its settings; the caller becomes host and gets the host seat's token."""
    if not current_app.config["KLETSBORDEN_OPEN_ROOM_CREATION"]:
        raise NotAllowed()
    if not request.is_json:  # a JSON body cannot be sent cross-site without CORS: no CSRF
        raise InvalidPayload("JSON expected", detail="send application/json")
    payload = expect_dict(request.get_json(silent=True), {"name", "settings", "takes_turns"})
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
        "join_url": url_for("pages.home", _external=True) + f"?code={code}",
        "seat_id": seated.seat_id,
        "token": seated.token,
        "screen_key": rooms.screen_key(code),
        "snapshot": seated.update.snapshot(),
    }, 201
