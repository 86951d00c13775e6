"""Configuration and limits, in one place.

Everything configurable comes from ``KLETSBORDEN_*`` environment variables with safe defaults;
every limit the product enforces is a constant here so that code, docs and tests agree.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any

# The game's vocabulary is defined by its rules; re-exported so limits and vocabulary sit together.
from .engine.state import DEPTHS as DEPTHS
from .engine.state import KINDS as KINDS
from .engine.state import SENSES as SENSES

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

# Card and edition text limits (characters).
MAX_ID_LENGTH = 64
MAX_EDITION_NAME_LENGTH = 120
MAX_EDITION_DESCRIPTION_LENGTH = 1000
MAX_QUESTION_LENGTH = 300
MAX_FOLLOW_UP_LENGTH = 300
MAX_IMAGE_ALT_LENGTH = 300
MAX_CARDS_PER_EDITION = 2000
MAX_IMPORT_BYTES = 2 * 1024 * 1024

# Accounts.
MAX_USERNAME_LENGTH = 64
MIN_PASSWORD_LENGTH = 10

# The deck editor. Failed logins: at most COUNT per WINDOW seconds per address (any name), per
# username from one address, and per username from anywhere (a slower backoff, so the right
# password from another address still works while one address guesses); after that the login
# waits, even for the right password, until the window has passed.
FAILED_LOGINS_PER_ADDRESS = (20, 900.0)
FAILED_LOGINS_PER_USERNAME_AND_ADDRESS = (5, 900.0)
FAILED_LOGINS_PER_USERNAME = (50, 3600.0)
# An admin stays logged in this long (also the life of the forms' CSRF tokens, so a long edit
# is never lost to an expired token while the login still holds).
ADMIN_SESSION_SECONDS = 12 * 3600
# The largest request body, and the largest form field (an upload re-sent to confirm an import).
MAX_REQUEST_BYTES = MAX_IMPORT_BYTES * 4 // 3 + 512 * 1024  # base64 of an import, and a bit
# History lists show this many entries (newest first).
AUDIT_PAGE_SIZE = 200
# Times in the deck editor's history are shown in this zone (UTC where it is unknown).
DISPLAY_TIMEZONE = "Europe/Amsterdam"
# Reports: reflection results of fewer people than this are never shown (nor exported), so no
# one's answer can be picked out; an overview lists at most this many sessions (newest first).
MIN_REFLECTION_RESPONDENTS = 3
MAX_REPORT_SESSIONS = 2000
# Reports: a session's reflection is shown only this long after it ended (or once its room is
# purged), so reloading a report while people answer never gives away one person's answer.
REFLECTION_SETTLE_MINUTES = 60

# Room limits.
MAX_NAME_LENGTH = 40
MAX_SEATS_PER_ROOM = 30
MAX_TYPED_ANSWER_LENGTH = 1000
MAX_CODE_INPUT_LENGTH = 32
ROOM_CODE_LENGTH = 8
# A card as a room names it, "edition/card"; a host may leave out this many cards.
MAX_CARD_REF_LENGTH = 2 * MAX_ID_LENGTH + 1
MAX_EXCLUDED_CARDS = 500

# Facilitators: their saved session templates, and the label a session carries into reports.
MAX_TEMPLATE_NAME_LENGTH = 80
MAX_TEMPLATES_PER_ACCOUNT = 30
MAX_SESSION_LABEL_LENGTH = 80
# A facilitator's start page lists this many of their past sessions (newest first).
PAST_SESSIONS_SHOWN = 50

# Socket.IO: a message larger than this closes the connection at the transport (bytes).
MAX_MESSAGE_BYTES = 1024 * 1024

# Rates: at most COUNT events per WINDOW seconds. The parts that messages mention have names
# of their own (a message says "{max_reactions} every {reaction_window_seconds} seconds").
MAX_FAILED_JOINS = 30
FAILED_JOIN_WINDOW_MINUTES = 10
# wrong room codes per address: guessing stays hopeless (codes.py)
FAILED_JOINS = (MAX_FAILED_JOINS, FAILED_JOIN_WINDOW_MINUTES * 60.0)
MAX_REACTIONS = 10
REACTION_WINDOW_SECONDS = 10
REACTIONS_PER_CONNECTION = (MAX_REACTIONS, float(REACTION_WINDOW_SECONDS))
EVENTS_PER_CONNECTION = (60, 10.0)
# New seats one address may take in one room per window (joins by name): a community centre's
# Wi-Fi seats everyone in a few minutes, while nobody with the code fills a room in a blink.
MAX_NEW_SEATS = 20
NEW_SEAT_WINDOW_SECONDS = 60
NEW_SEATS_PER_ADDRESS = (MAX_NEW_SEATS, float(NEW_SEAT_WINDOW_SECONDS))
# Frames of any kind one connection may send (docs/security.md): far above what the event limit
# lets a client use, so only a flood reaches it; the transport then closes the connection and
# drops what it had queued, before any work is done for it (realtime/transport.py).
FRAMES_PER_CONNECTION = (300, 10.0)
# Rooms opened per address (POST /api/rooms) in ROOM_WINDOW_MINUTES: a script cannot fill the
# database with rooms, while a community centre behind one address still opens plenty.
# KLETSBORDEN_ROOMS_PER_ADDRESS changes the count (0: no limit, e.g. for a load test).
DEFAULT_ROOMS_PER_ADDRESS = 60
ROOM_WINDOW_MINUTES = 60

# Open sockets one address may hold in one process (KLETSBORDEN_SOCKETS_PER_ADDRESS; 0: no cap):
# a community centre's phones, projectors and reconnects fit many times over, while one address
# cannot use up the process's open files (which serving raises to the hard limit at start-up).
DEFAULT_SOCKETS_PER_ADDRESS = 200

# The voice table (docs/voice.md): at most this many people talk at once, the hall counting as one
# (KLETSBORDEN_VOICE_MAX_PEERS). Every one sends their audio to every other, so each person's
# upload grows with the table; past about eight a mesh is more than a home line carries.
DEFAULT_VOICE_MAX_PEERS = 8
MAX_VOICE_PEERS = MAX_SEATS_PER_ROOM + 1
# Relayed connection offers and their network addresses (voice_signal), in UTF-8 bytes: far above
# what a browser sends for audio and a small video, far below anything that could hurt.
MAX_SDP_BYTES = 16 * 1024
MAX_CANDIDATE_BYTES = 1024
# Signals one connection may relay, on top of (not counted in) the event limit: joining a table of
# eight sends an offer and a handful of candidates to each of the seven others at once.
MAX_SIGNALS = 150
SIGNAL_WINDOW_SECONDS = 10
SIGNALS_PER_CONNECTION = (MAX_SIGNALS, float(SIGNAL_WINDOW_SECONDS))
# TURN credentials (coturn's use-auth-secret) are valid this long (KLETSBORDEN_TURN_TTL_SECONDS):
# a game's length, so a conversation never loses its relay halfway.
DEFAULT_TURN_TTL_SECONDS = 6 * 3600
MAX_TURN_TTL_SECONDS = 24 * 3600
TURN_SCHEMES = ("turn:", "turns:", "stun:")
# Whoever knows the TURN secret can mint relay credentials: it must not be guessable.
MIN_TURN_SECRET_LENGTH = 16

# A disconnected seat is marked away (and skipped) after this many seconds.
DEFAULT_GRACE_SECONDS = 60.0

# Each serving process vouches for its connections this often; a connection nobody vouched for
# in SILENT_AFTER_SECONDS belonged to a process that died, and its seat counts as disconnected.
HEARTBEAT_SECONDS = 10.0
SILENT_AFTER_SECONDS = 35.0

# A connection on which nothing could be sent or received for this long is closed. Live clients
# answer Engine.IO's ping every 25 s; a client that stopped reading would otherwise hold its
# socket, and everything queued for it, for ever (docs/security.md, Faults).
SOCKET_TIMEOUT_SECONDS = 50.0

# Rooms (names, seats, typed answers) are deleted this long after they end or go idle.
DEFAULT_RETENTION_HOURS = 24.0
PURGE_EVERY_SECONDS = 600.0

# A game being played writes its session's figures at most this often (seconds); a change of
# phase (start, end) and every move after the end write them at once, as does the purge.
FIGURES_EVERY_SECONDS = 30.0

# A room's ``updated_at`` (read by the purge alone, which counts in hours) is rewritten by a move
# at most this often (seconds): rewriting it with every move cost an index update each time.
ACTIVITY_EVERY_SECONDS = 60.0

# Distinct cards a process keeps one shared copy of for all its rooms (store/shared_cards.py).
SHARED_CARDS = 10_000

# Rooms whose decoded state (with its cards) a process keeps between moves (store/room_cache.py).
ROOM_CACHE_ROOMS = 5000
# Database connections a process keeps open. Under gevent every event being handled may hold one
# while it waits for the database; more wait their turn instead of opening and closing extras.
# Of them, DATABASE_MOVE_CONNECTIONS are kept in autocommit for moves of one statement
# (store/database.py); the rest serve transactions.
DATABASE_POOL_SIZE = 20
DATABASE_MOVE_CONNECTIONS = 10
# The serving process's garbage-collector thresholds (gc.set_threshold; serving.settle_heap).
GC_THRESHOLDS = (100_000, 50, 100)


class ConfigError(ValueError):
    """A KLETSBORDEN_* variable holds a value we cannot use; the message names it and says
    what is allowed, so whoever set it knows what to change."""


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"KLETSBORDEN_{name}", default)


def _bad(name: str, allowed: str) -> ConfigError:
    return ConfigError(f"KLETSBORDEN_{name} must be {allowed}, not {_env(name)!r}")


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


def _flag(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    if value.strip().lower() not in _TRUE + _FALSE:
        raise _bad(name, "1 or 0 (also true/false, yes/no, on/off)")
    return value.strip().lower() in _TRUE


def _number(
    name: str, default: float, kind: type = float, minimum: float = 0, maximum: float | None = None
) -> Any:
    """A whole number (``kind=int``) or a number, within bounds, from KLETSBORDEN_<name>."""
    value = _env(name)
    if value is None:
        return kind(default)
    words = "a whole number" if kind is int else "a number"
    bounds = f"from {minimum:g} to {maximum:g}" if maximum is not None else f"{minimum:g} or more"
    try:
        number = kind(value.strip())
    except ValueError:
        raise _bad(name, f"{words} {bounds}") from None
    if not (math.isfinite(number) and minimum <= number <= (maximum or math.inf)):
        raise _bad(name, f"{words} {bounds}")
    return number


def _url(name: str, schemes: tuple[str, ...]) -> str | None:
    value = _env(name)
    if value is None or value.strip() == "":
        return None
    if not value.strip().lower().startswith(schemes):
        raise _bad(name, "a URL starting with " + " or ".join(schemes))
    return value.strip()


MAX_ORGANISATION_LENGTH = 120


def _organisation() -> str:
    """The organisation's name for reports: one line, short enough to head a page."""
    value = (_env("ORGANISATION") or "").strip()
    if len(value) > MAX_ORGANISATION_LENGTH or not value.isprintable():
        raise _bad(
            "ORGANISATION", f"a name on one line of at most {MAX_ORGANISATION_LENGTH} characters"
        )
    return value


def _choice(name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = (_env(name) or default).strip()
    if value not in allowed:
        raise _bad(name, " or ".join(allowed))
    return value


def _origins() -> list[str]:
    origins = [
        o.strip().rstrip("/") for o in (_env("ALLOWED_ORIGINS") or "").split(",") if o.strip()
    ]
    if any(not o.startswith(("http://", "https://")) for o in origins):
        raise _bad("ALLOWED_ORIGINS", "origins like https://example.org, separated by commas")
    return origins


def _turn_urls() -> list[str]:
    """KLETSBORDEN_TURN_URLS: our own STUN/TURN servers; none by default, never a third party's."""
    urls = [u.strip() for u in (_env("TURN_URLS") or "").split(",") if u.strip()]
    if any(not u.lower().startswith(TURN_SCHEMES) or any(c.isspace() for c in u) for u in urls):
        raise _bad("TURN_URLS", "URLs like turn:turn.example.org:3478, separated by commas")
    return urls


def _turn_secret() -> str | None:
    """KLETSBORDEN_TURN_SECRET: coturn's static-auth-secret, shared with our TURN server."""
    secret = _env("TURN_SECRET") or None
    if secret is not None and len(secret.strip()) < MIN_TURN_SECRET_LENGTH:
        raise _bad("TURN_SECRET", f"a random value of at least {MIN_TURN_SECRET_LENGTH} characters")
    return secret


def serve_host() -> str:
    """Where ``kletsborden serve`` listens by default (KLETSBORDEN_HOST)."""
    host = (_env("HOST") or "127.0.0.1").strip().strip("[]")
    if not host or any(c.isspace() or c in "/@" for c in host):
        raise _bad("HOST", "an address or host name, such as 127.0.0.1 or 0.0.0.0")
    return host


def _database_url() -> str | None:
    """KLETSBORDEN_DATABASE_URL, checked to name a database SQLAlchemy can open."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    value = _env("DATABASE_URL")
    if value is None or value.strip() == "":
        return None
    try:
        make_url(value.strip()).get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError):
        raise _bad(
            "DATABASE_URL",
            "a database URL such as sqlite:////path/kletsborden.db or "
            "postgresql+psycopg://user@host/db",
        ) from None
    return value.strip()


def serve_port() -> int:
    """The port ``kletsborden serve`` listens on by default (KLETSBORDEN_PORT)."""
    return _number("PORT", 5000, int, 1, 65535)


@dataclass
class Config:
    """Settings read from the environment when the app is created; tests pass overrides."""

    database_url: str | None = field(default_factory=lambda: _database_url())
    secret_key: str | None = field(default_factory=lambda: _env("SECRET_KEY"))
    message_queue: str | None = field(
        default_factory=lambda: _url("MESSAGE_QUEUE", ("redis://", "rediss://"))
    )
    async_mode: str = field(
        default_factory=lambda: _choice("ASYNC_MODE", "threading", ("threading", "gevent"))
    )
    grace_seconds: float = field(
        default_factory=lambda: _number("GRACE_SECONDS", DEFAULT_GRACE_SECONDS)
    )
    open_room_creation: bool = field(default_factory=lambda: _flag("OPEN_ROOM_CREATION", True))
    retention_hours: float = field(
        default_factory=lambda: _number("RETENTION_HOURS", DEFAULT_RETENTION_HOURS)
    )
    # Served over HTTPS (directly or behind a proxy): session cookies are then sent only there.
    https: bool = field(default_factory=lambda: _flag("HTTPS", False))
    # Origins besides our own that may open a game socket (none by default).
    allowed_origins: list[str] = field(default_factory=_origins)
    # Reverse proxies in front of us whose X-Forwarded-* headers are true (0: trust none).
    trusted_proxies: int = field(default_factory=lambda: _number("TRUSTED_PROXIES", 0, int))
    # Rooms one address may open per ROOM_WINDOW_MINUTES (0: no limit).
    rooms_per_address: int = field(
        default_factory=lambda: _number("ROOMS_PER_ADDRESS", DEFAULT_ROOMS_PER_ADDRESS, int)
    )
    # The organisation named on top of printed reports and their PDF (none by default).
    organisation: str = field(default_factory=lambda: _organisation())
    # Open sockets one address may hold in this process (0: no cap).
    sockets_per_address: int = field(
        default_factory=lambda: _number("SOCKETS_PER_ADDRESS", DEFAULT_SOCKETS_PER_ADDRESS, int)
    )
    # The voice table: its mesh limit, and the STUN/TURN servers handed to browsers (turn.py).
    voice_max_peers: int = field(
        default_factory=lambda: _number(
            "VOICE_MAX_PEERS", DEFAULT_VOICE_MAX_PEERS, int, 2, MAX_VOICE_PEERS
        )
    )
    turn_urls: list[str] = field(default_factory=_turn_urls)
    turn_secret: str | None = field(default_factory=_turn_secret)
    turn_ttl_seconds: int = field(
        default_factory=lambda: _number(
            "TURN_TTL_SECONDS", DEFAULT_TURN_TTL_SECONDS, int, 60, MAX_TURN_TTL_SECONDS
        )
    )
    # Tests only: browsers use the TURN relay alone, to prove it works.
    turn_relay_only: bool = field(default_factory=lambda: _flag("TURN_RELAY_ONLY", False))

    def as_flask_config(self) -> dict[str, object]:
        return {
            "KLETSBORDEN_DATABASE_URL": self.database_url,
            "SECRET_KEY": self.secret_key,
            "KLETSBORDEN_MESSAGE_QUEUE": self.message_queue,
            "KLETSBORDEN_ASYNC_MODE": self.async_mode,
            "KLETSBORDEN_GRACE_SECONDS": self.grace_seconds,
            "KLETSBORDEN_OPEN_ROOM_CREATION": self.open_room_creation,
            "KLETSBORDEN_RETENTION_HOURS": self.retention_hours,
            "KLETSBORDEN_ALLOWED_ORIGINS": self.allowed_origins,
            "KLETSBORDEN_TRUSTED_PROXIES": self.trusted_proxies,
            "KLETSBORDEN_ROOMS_PER_ADDRESS": self.rooms_per_address,
            "KLETSBORDEN_ORGANISATION": self.organisation,
            "KLETSBORDEN_SOCKETS_PER_ADDRESS": self.sockets_per_address,
            "KLETSBORDEN_VOICE_MAX_PEERS": self.voice_max_peers,
            "KLETSBORDEN_TURN_URLS": self.turn_urls,
            "KLETSBORDEN_TURN_SECRET": self.turn_secret,
            "KLETSBORDEN_TURN_TTL_SECONDS": self.turn_ttl_seconds,
            "KLETSBORDEN_TURN_RELAY_ONLY": self.turn_relay_only,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": self.https,
            "KLETSBORDEN_HTTPS": self.https,
            "WTF_CSRF_TIME_LIMIT": ADMIN_SESSION_SECONDS,
            "MAX_CONTENT_LENGTH": MAX_REQUEST_BYTES,
            "MAX_FORM_MEMORY_SIZE": MAX_REQUEST_BYTES,
        }


# The first admin: `kletsborden serve` prints a one-time setup link while no admin exists; it
# works once, for this long.
SETUP_LINK_SECONDS = 3600
# The server refuses to listen beyond this machine with a secret key shorter than this
# (characters), or with a key known from examples.
MIN_SECRET_KEY_LENGTH = 32
