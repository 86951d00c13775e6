"""The pages people open in a browser, the join QR code, and npm packages from our own origin.

Pages are rendered on the server in the visitor's language; the game itself then runs over the
socket in static/js. Nothing here trusts a code it was given: unknown rooms get a plain page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response as WerkzeugResponse

from .. import guesses, session_templates
from ..codes import display_code, normalize_code
from ..config import MAX_SESSION_LABEL_LENGTH, SENSES
from ..engine import Settings
from ..errors import Busy, RoomNotFound, TooManyFailedJoins, Unavailable
from ..i18n import client_strings as texts_for_browser
from ..languages import language_label, language_name
from ..logins import current_admin
from ..paths import vendor_dir
from ..payloads import parse_code
from ..rooms import RoomService

bp = Blueprint("pages", __name__)

# npm packages whose browser builds we serve; nothing else under /vendor.
SERVED_PACKAGES = ("socket.io-client",)


def _rooms() -> RoomService:
    return current_app.extensions["kletsborden.rooms"]


def client_strings() -> dict[str, object]:
    """The texts the browser scripts need, in the page's language."""
    return texts_for_browser(g.lang)


def _ticket(code_text: str) -> str:
    """The join ticket of a shared link (``?ticket=``) if it belongs to ``code_text``, else ""
    (checked once per request; the pages pass it on, never mint one)."""
    given = request.args.get("ticket")
    return given if given and _rooms().is_join_ticket(code_text, given) else ""


def _existing_room(code_text: str, ticket: str) -> str:
    """The stored code of an open room. Raises ``RoomNotFound`` (a miss, counted against the
    address, unless the link carried the code's join ``ticket``), ``TooManyFailedJoins`` while
    the address has used up its misses, and a 503 page while the database cannot be reached
    (nobody's miss)."""
    failures = current_app.extensions["kletsborden.limits"]["failed_joins"]
    try:
        with guesses.typed_code(failures, request.remote_addr or "unknown", given=bool(ticket)):
            code = parse_code(code_text)
            _rooms().current(code)
    except (Unavailable, Busy):
        abort(503)
    return code


def _room_or_any(code_text: str, ticket: str) -> str | None:
    """The room's code for its pages, or None when there is no such room.

    While the address has used up its misses, every well-formed code gets its page without a
    look-up (so the page tells a guesser nothing): the socket then decides, and a seat's token
    or the projector's key still gets in, whatever others behind the address guessed.
    """
    try:
        return _existing_room(code_text, ticket)
    except RoomNotFound:
        return None
    except TooManyFailedJoins:
        return normalize_code(code_text)


@bp.get("/")
def home() -> str:
    return render_template("home.html", code=request.args.get("code", "")[:32], error=None)


@bp.get("/join")
def join() -> WerkzeugResponse | tuple[str, int]:
    """The home page's join form: on to the room, or back with a plain message."""
    typed = request.args.get("code", "")[:32]
    try:
        code = _existing_room(typed, _ticket(typed))
    except RoomNotFound:
        return _no_room(typed)
    except TooManyFailedJoins:
        return _no_room(typed, "ui.home.too_many_failed_joins", 429)
    return redirect(url_for("pages.play", code=code))


@bp.get("/play/<code>")
def play(code: str) -> str | tuple[str, int]:
    """A seat at the table: joining, playing and — for hosts — leading the session.

    Each person chooses the language they read the cards in (any language of the published
    editions, named in itself), also one the interface does not speak.
    """

    def card_languages() -> dict[str, Any]:
        db = current_app.extensions["kletsborden.db"]
        try:
            languages = session_templates.card_languages(db)
        except SQLAlchemyError:
            abort(503)  # as for the room itself: nobody's miss
        return {"card_languages": {code: language_name(code) for code in languages}}

    return _room_page("play.html", code, card_languages)


@bp.get("/screen/<code>")
def screen(code: str) -> str | tuple[str, int]:
    """The projector: the card and the turn in large type, and how to join. No controls."""
    return _room_page("screen.html", code)


def _room_page(
    template: str, code: str, more: Callable[[], dict[str, Any]] | None = None
) -> str | tuple[str, int]:
    """A room's page; ``more`` gives what else the template needs, once the room is known."""
    ticket = _ticket(code)
    room = _room_or_any(code, ticket)
    if room is None:
        return _no_room(code)
    context = more() if more else {}
    return render_template(
        template,
        code=room,
        display_code=display_code(room),
        join_url=url_for("pages.play", code=room, _external=True),
        ticket=ticket,
        strings=client_strings(),
        senses=SENSES,
        **context,
    )


def _no_room(typed: str, error: str = "ui.home.no_room", status: int = 404) -> tuple[str, int]:
    return render_template("home.html", code=typed[:32], error=error), status


@bp.get("/privacy")
def privacy() -> str:
    """What we keep, for how long and why, in plain words."""
    hours = current_app.config["KLETSBORDEN_RETENTION_HOURS"]
    return render_template("privacy.html", retention_hours=f"{hours:g}")


@bp.get("/host")
def host() -> str:
    """Start a session: the facilitator chooses the settings and opens a room.

    Logged-in facilitators and admins also get their templates (``?template=`` fills the form
    on the server, so it works without scripts), a label for reports, the planned duration and
    the cards to leave out. Anonymous hosts get the simple form.
    """
    settings = Settings(max_depth=2, language=g.lang)
    context: dict[str, Any] = {}
    account = current_admin()
    if account is not None:
        db = current_app.extensions["kletsborden.db"]
        key = request.args.get("template", "")[:40]
        chosen = session_templates.find(db, account.id, key, g.lang) if key else None
        if chosen is not None:
            settings = replace(chosen.settings, language=g.lang)
        editions = session_templates.editions_to_choose(db)
        context = {
            "account": account,
            "chosen": chosen,
            "shipped": session_templates.shipped_templates(g.lang),
            "own": session_templates.list_own(db, account.id),
            "editions": editions,
            "cards": session_templates.card_choices(db, [e.id for e in editions]),
            "label_length": MAX_SESSION_LABEL_LENGTH,
        }
    if account is None and not current_app.config["KLETSBORDEN_OPEN_ROOM_CREATION"]:
        return render_template("host_closed.html")  # says who can, instead of a dead form
    timers = sorted({60, 120, 180, 300} | {settings.turn_timer_seconds or 60})
    languages = session_templates.card_languages(current_app.extensions["kletsborden.db"])
    return render_template(
        "host.html",
        strings=client_strings(),
        senses=SENSES,
        card_languages=languages,
        language_names={code: language_label(code, g.lang) for code in languages},
        settings=settings,
        timers=timers,
        **context,
    )


@bp.get("/qr/<code>.svg")
def qr(code: str) -> Response:
    """The join link as a QR code, made here: no outside service ever sees a room code."""
    ticket = _ticket(code)
    room = _room_or_any(code, ticket)
    if room is None:
        abort(404)
    buffer = io.BytesIO()
    extra = {"ticket": ticket} if ticket else {}  # only a ticket it was given: it mints none
    link = url_for("pages.play", code=room, _external=True, **extra)
    segno.make(link, error="m").save(buffer, kind="svg", scale=8, border=2, xmldecl=False)
    return Response(
        buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"}
    )


@bp.get("/vendor/<package>/<path:filename>")
def vendor(package: str, filename: str) -> Response:
    if package not in SERVED_PACKAGES:
        abort(404)
    return send_from_directory(vendor_dir(package), filename, max_age=86400)
