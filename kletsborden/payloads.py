"""Turning what clients send into clean values, at the edge: bad input never gets further.

Every function here either returns a value the rest of the code can trust or raises a
``GameError`` with a stable code, so adapters can answer with a translated error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from typing import Any

from .codes import normalize_code
from .config import (
    MAX_CANDIDATE_BYTES,
    MAX_CARD_REF_LENGTH,
    MAX_CODE_INPUT_LENGTH,
    MAX_EXCLUDED_CARDS,
    MAX_NAME_LENGTH,
    MAX_SDP_BYTES,
    MAX_SESSION_LABEL_LENGTH,
    MAX_TYPED_ANSWER_LENGTH,
)
from .engine import Settings
from .engine import errors as e
from .engine.state import REFLECTION_QUESTIONS, REFLECTION_SCALE, Answering, PlayMode
from .errors import AnswerTooLong, InvalidPayload, RoomNotFound, VoiceSignalTooLarge
from .languages import is_language


def expect_dict(payload: Any, allowed: set[str]) -> dict[str, Any]:
    """The payload as a dict with no fields besides ``allowed`` (None counts as empty)."""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise InvalidPayload("the payload must be an object", detail="object expected")
    extra = sorted(str(k) for k in payload if k not in allowed)
    if extra:
        raise InvalidPayload(f"unknown fields {extra}", detail=f"unknown field {extra[0][:40]}")
    return payload


def field_of(
    payload: dict[str, Any], name: str, kind: type | tuple[type, ...], required: bool = True
) -> Any:
    value = payload.get(name)
    if value is None:
        if required:
            raise InvalidPayload(f"{name} is missing", detail=f"{name} is missing")
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise InvalidPayload(f"{name} has the wrong type", detail=f"{name} has the wrong type")
    return value


def _visible(ch: str) -> bool:
    """Control, format and lone surrogate characters go; the joiner inside emoji stays."""
    return ch in "\n\u200d" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")


def _clean(text: str, keep_newlines: bool) -> str:
    text = "".join(ch for ch in unicodedata.normalize("NFC", text) if _visible(ch))
    if keep_newlines:
        lines = (" ".join(line.split()) for line in text.split("\n"))
        return "\n".join(lines).strip()
    return " ".join(text.split())


def parse_name(value: Any) -> str:
    """A display name: one line of 1..MAX_NAME_LENGTH characters, no control characters."""
    if not isinstance(value, str) or len(value) > MAX_NAME_LENGTH * 8:
        raise e.InvalidName()
    name = _clean(value, keep_newlines=False)
    if not name.replace("\u200d", "").strip() or len(name) > MAX_NAME_LENGTH:
        raise e.InvalidName()
    return name


def clean_line(text: str) -> str:
    """One line of text as people meant it: tabs and line breaks are spaces, no control
    characters, single spaces."""
    return _clean(" ".join(text.split()), keep_newlines=False)


def parse_label(value: Any) -> str | None:
    """A session's label for reports (a neighbourhood, a group); empty means none."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_SESSION_LABEL_LENGTH * 8:
        raise InvalidPayload("label must be short text", detail="label")
    label = clean_line(value)
    if len(label) > MAX_SESSION_LABEL_LENGTH:
        raise InvalidPayload("label is too long", detail="label")
    return label or None


def parse_typed_answer(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidPayload("text must be text", detail="text has the wrong type")
    if len(value) > MAX_TYPED_ANSWER_LENGTH * 4:
        raise AnswerTooLong()
    text = _clean(value, keep_newlines=True)
    if not text:
        raise e.EmptyAnswer()
    if len(text) > MAX_TYPED_ANSWER_LENGTH:
        raise AnswerTooLong()
    return text


def parse_reflection(value: Any) -> tuple[tuple[str, str], ...]:
    """Closing-reflection answers ``{question: answer}`` as sorted pairs; a ``null`` answer is a
    question left open. Nothing answered at all is not a reflection (skipping sends nothing)."""
    if not isinstance(value, dict):
        raise InvalidPayload("answers must be an object", detail="answers has the wrong type")
    if len(value) > len(REFLECTION_QUESTIONS):
        raise e.InvalidReflection()
    pairs = []
    for question, answer in value.items():
        if answer is None:
            continue
        if question not in REFLECTION_QUESTIONS or answer not in REFLECTION_SCALE:
            raise e.InvalidReflection()
        pairs.append((question, answer))
    if not pairs:
        raise e.InvalidReflection()
    return tuple(sorted(pairs))


def parse_code(value: Any) -> str:
    """A room code as stored; anything that cannot be one is simply a room that is not there."""
    if not isinstance(value, str) or len(value) > MAX_CODE_INPUT_LENGTH:
        raise RoomNotFound()
    code = normalize_code(value)
    if code is None:
        raise RoomNotFound()
    return code


DEVICE_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


def parse_device(value: Any) -> str | None:
    """The id a browser keeps for itself (optional): 16 to 64 URL-safe characters."""
    if value is None:
        return None
    if not isinstance(value, str) or not DEVICE_ID.fullmatch(value):
        raise InvalidPayload("bad device id", detail="device must be 16-64 of A-Z a-z 0-9 _ -")
    return value


def parse_language(value: Any) -> str:
    """A person's or a room's language: any language people write (``nl``, ``tr``, ``ar``).

    Whether there are cards or interface texts in it is not asked here: a card without a text
    in a person's language is shown in the room's, and the interface falls back to Dutch.
    """
    if not is_language(value):
        raise InvalidPayload("unknown language", detail="language must be a code such as nl or ar")
    return value


_SETTING_TYPES: dict[str, Any] = {
    "editions": list,
    "senses": list,
    "max_depth": int,
    "answering": str,
    "turn_timer_seconds": int,
    "language": str,
    "max_players": int,
    "typed_answers": bool,
    "excluded_cards": list,
    "planned_minutes": int,
    "play_mode": str,
    "draft_languages": bool,
    "second_language": str,
}
# (most items, longest item) of each list setting.
_LIST_LIMITS: dict[str, tuple[int, int]] = {
    "excluded_cards": (MAX_EXCLUDED_CARDS, MAX_CARD_REF_LENGTH),
}


def parse_settings(payload: Any, base: Settings) -> Settings:
    """Settings from a client: fields left out keep their value in ``base``."""
    return replace(base, **settings_changes(payload))


def settings_changes(payload: Any) -> dict[str, Any]:
    """The settings a client wants changed, checked for shape.

    Whether the values make sense is the engine's ``validate_settings``, so each check lives in
    one place.
    """
    data = expect_dict(payload, {f.name for f in fields(Settings)})
    changes: dict[str, Any] = {}
    for name, value in data.items():
        nullable = name in (
            "turn_timer_seconds",
            "max_players",
            "planned_minutes",
            "second_language",
        )
        if value is None and nullable:
            changes[name] = None
            continue
        value = field_of(data, name, _SETTING_TYPES[name])
        if isinstance(value, list):
            most, longest = _LIST_LIMITS.get(name, (20, 64))
            # No NUL: PostgreSQL cannot even look such a name up (it answered "unavailable").
            short = all(isinstance(v, str) and len(v) <= longest and "\x00" not in v for v in value)
            if len(value) > most or not short:
                raise InvalidPayload(f"{name} must be a short list of names", detail=name)
            value = tuple(value)
        changes[name] = value
    if "answering" in changes:
        try:
            changes["answering"] = Answering(changes["answering"])
        except ValueError:
            raise e.InvalidSettings(field="answering") from None
    if "play_mode" in changes:
        try:
            changes["play_mode"] = PlayMode(changes["play_mode"])
        except ValueError:
            raise e.InvalidSettings(field="play_mode") from None
    for name in ("language", "second_language"):
        if changes.get(name) is not None:
            changes[name] = parse_language(changes[name])
    return changes


def whole_number(text: str, max_digits: int) -> int | None:
    """``text`` as a whole number of at most ``max_digits`` digits 0-9, else None.

    ``str.isdigit`` alone also accepts digits like "²" that ``int`` refuses.
    """
    if text.isascii() and text.isdigit() and len(text) <= max_digits:
        return int(text)
    return None


# --- the voice table's signals ---------------------------------------------------------------

SIGNAL_FIELDS = {"to", "description", "candidate"}
_DESCRIPTION_TYPES = ("offer", "answer", "rollback")
_MAX_PARTICIPANT_LENGTH = 64  # a seat id (12 hex) or "hall"; longer can name nobody


@dataclass(frozen=True)
class Signal:
    """A WebRTC offer, answer or candidate for one participant; relayed, never kept.

    ``body`` is rebuilt from the checked fields only, so nothing else a client sent passes on.
    """

    to: str
    body: dict[str, Any]


def _sized(value: Any, name: str, limit: int, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise InvalidPayload(f"{name} must be text", detail=f"{name} has the wrong type")
    if len(value) > limit or len(value.encode("utf-8", "surrogatepass")) > limit:
        raise VoiceSignalTooLarge()
    return value


def _description(value: Any) -> dict[str, Any]:
    data = expect_dict(value, {"type", "sdp"})
    kind = data.get("type")
    if kind not in _DESCRIPTION_TYPES:
        raise InvalidPayload("description type", detail="type must be offer, answer or rollback")
    sdp = _sized(data.get("sdp", ""), "sdp", MAX_SDP_BYTES)
    if kind != "rollback" and not sdp:
        raise InvalidPayload("sdp is missing", detail="sdp is missing")
    return {"type": kind, "sdp": sdp}


def _candidate(value: Any) -> dict[str, Any] | None:
    """An ICE candidate; ``None`` says the sender has no more candidates."""
    if value is None:
        return None
    data = expect_dict(value, {"candidate", "sdpMid", "sdpMLineIndex", "usernameFragment"})
    index = data.get("sdpMLineIndex")
    if index is not None and (
        not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < 1024
    ):
        raise InvalidPayload("sdpMLineIndex", detail="sdpMLineIndex has the wrong type")
    return {
        "candidate": _sized(data.get("candidate"), "candidate", MAX_CANDIDATE_BYTES),
        "sdpMid": _sized(data.get("sdpMid"), "sdpMid", MAX_CANDIDATE_BYTES, nullable=True),
        "sdpMLineIndex": index,
        "usernameFragment": _sized(
            data.get("usernameFragment"), "usernameFragment", MAX_CANDIDATE_BYTES, nullable=True
        ),
    }


def parse_signal(payload: dict[str, Any]) -> Signal:
    """``{"to", "description"}`` or ``{"to", "candidate"}``: exactly one of the two keys (a
    ``null`` candidate, "no more candidates", counts as present)."""
    to = field_of(payload, "to", str)
    if len(to) > _MAX_PARTICIPANT_LENGTH:
        raise InvalidPayload("to is too long", detail="to has the wrong type")
    kinds = [key for key in ("description", "candidate") if key in payload]
    if len(kinds) != 1:
        raise InvalidPayload("one of two", detail="send a description or a candidate")
    if kinds[0] == "description":
        return Signal(to, {"description": _description(payload["description"])})
    return Signal(to, {"candidate": _candidate(payload["candidate"])})
