"""Session templates: ready ways of running a session, to start one from /host in a click.

Some are shipped with the product (in code, names translated); facilitators save their own.
A template holds only game settings (``TEMPLATE_FIELDS``): the card language is chosen when the
room opens. Every change is checked by the engine's ``validate_settings`` and the limits in
config.py, and an account only ever sees and changes its own templates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from .config import (
    DEFAULT_LANGUAGE,
    MAX_EXCLUDED_CARDS,
    MAX_TEMPLATE_NAME_LENGTH,
    MAX_TEMPLATES_PER_ACCOUNT,
    PAST_SESSIONS_SHOWN,
)
from .deck_editor import EditorError, NotFound, fault
from .editions.model import Fault
from .engine import Answering, Settings, decode, encode
from .engine import errors as e
from .engine.rules import (
    MAX_PLANNED_MINUTES,
    settings_faults,
)
from .engine.summary import SessionFigures
from .i18n import translate
from .payloads import clean_line, whole_number
from .store import session_templates as store
from .store.database import Database
from .store.editions import playable_cards, published_languages

TEMPLATE_FIELDS = (
    "editions",
    "senses",
    "max_depth",
    "answering",
    "typed_answers",
    "planned_minutes",
    "turn_timer_seconds",
    "excluded_cards",
    "play_mode",
)


@dataclass(frozen=True)
class SessionTemplate:
    """``key`` is what /host?template= takes: a shipped template's name, or a saved one's id."""

    key: str
    name: str
    settings: Settings
    shipped: bool = False


# The shipped templates: (key, settings); their names are messages ``ui.template.<key>``.
SHIPPED: tuple[tuple[str, Settings], ...] = (
    (
        "kennismaking",
        Settings(
            max_depth=1, answering=Answering.EVERYONE, typed_answers=False, planned_minutes=30
        ),
    ),
    ("verdieping", Settings(max_depth=3, answering=Answering.DRAWER, planned_minutes=60)),
    (
        "rustig_aan",
        Settings(max_depth=2, answering=Answering.DRAWER, typed_answers=True, planned_minutes=45),
    ),
)


def shipped_templates(lang: str) -> list[SessionTemplate]:
    return [
        SessionTemplate(key, translate(f"ui.template.{key}", lang), settings, shipped=True)
        for key, settings in SHIPPED
    ]


def template_settings(settings: Settings) -> dict[str, Any]:
    """The part of the settings a template keeps, as JSON."""
    return {name: encode(getattr(settings, name)) for name in TEMPLATE_FIELDS}


def _template(row: Any) -> SessionTemplate:
    data = {k: v for k, v in (row.settings or {}).items() if k in TEMPLATE_FIELDS}
    return SessionTemplate(str(row.id), row.name, decode(Settings, data))


def list_own(db: Database, owner_id: int) -> list[SessionTemplate]:
    with db.transaction() as session:
        return [_template(row) for row in store.list_templates(session, owner_id)]


def get_own(db: Database, owner_id: int, template_id: int) -> SessionTemplate:
    """The account's own template; any other id (someone else's, or none) is ``NotFound``."""
    with db.transaction() as session:
        row = store.find_template(session, owner_id, template_id)
        if row is None:
            raise NotFound(f"no template {template_id}")
        return _template(row)


def find(db: Database, owner_id: int, key: str, lang: str) -> SessionTemplate | None:
    """A shipped template by name or one of the account's own by id; None for anything else."""
    for template in shipped_templates(lang):
        if template.key == key:
            return template
    number = whole_number(key, 9)
    if number is None:
        return None
    try:
        return get_own(db, owner_id, number)
    except NotFound:
        return None


def session_template_name(db: Database, owner_id: int, key: str) -> str:
    """The name a session records for the template it was started from.

    Shipped templates are recorded by their Dutch name, so reports group them alike whatever
    language the facilitator used. An unknown key (or another account's) is refused.
    """
    template = find(db, owner_id, key, DEFAULT_LANGUAGE)
    if template is None:
        raise e.InvalidSettings(f"no template {key[:20]!r}", field="template")
    return template.name


def _checked(
    session: Session, owner_id: int, name: str, settings: Settings, template_id: int | None
) -> tuple[str, Settings]:
    """The cleaned name and settings, or ``EditorError`` with every fault at its field."""
    faults: list[Fault] = []
    name = clean_line(name)
    if not name:
        faults.append(fault("missing", "a template needs a name", "name"))
    elif len(name) > MAX_TEMPLATE_NAME_LENGTH:
        faults.append(
            fault(
                "too_long",
                "name too long",
                "name",
                length=len(name),
                limit=MAX_TEMPLATE_NAME_LENGTH,
            )
        )
    elif store.name_taken(session, owner_id, name, other_than=template_id):
        faults.append(fault("template_name_taken", "you have a template with this name", "name"))
    faults += [_setting_fault(name, settings) for name in settings_faults(settings)]
    published = {row.slug for row in store.published_editions(session)}
    if settings.editions and not set(settings.editions) <= published:
        faults.append(fault("choice", "not a published edition", "editions"))
    if len(settings.excluded_cards) > MAX_EXCLUDED_CARDS:
        limit = MAX_EXCLUDED_CARDS
        faults.append(
            fault("too_many_excluded", "too many cards left out", "excluded_cards", limit=limit)
        )
    if (
        template_id is None
        and store.count_templates(session, owner_id) >= MAX_TEMPLATES_PER_ACCOUNT
    ):
        limit = MAX_TEMPLATES_PER_ACCOUNT
        faults.append(fault("too_many_templates", "too many templates", None, limit=limit))
    if faults:
        raise EditorError(faults)
    kept = {field: getattr(settings, field) for field in TEMPLATE_FIELDS}
    return name, replace(Settings(), **kept)


# What is wrong with a setting, said with its range where it has one (all at once, per field);
# the turn timer is a list to choose from, so it keeps "this choice is not valid".
_SETTING_FAULTS = {
    "editions": ("no_editions", "choose at least one edition", {}),
    "senses": ("no_senses", "choose at least one deck", {}),
    "planned_minutes": (
        "out_of_range",
        "planned minutes out of range",
        {"min": 1, "max": MAX_PLANNED_MINUTES},
    ),
}


def _setting_fault(name: str, settings: Settings) -> Fault:
    """The fault of one setting: "choose one" for an empty choice, the range for a number."""
    chosen = getattr(settings, name, None)
    if name in _SETTING_FAULTS and not (name in ("editions", "senses") and chosen):
        code, reason, params = _SETTING_FAULTS[name]
        return fault(code, reason, name, **params)
    return fault("template_setting", f"invalid {name}", name)


def create(db: Database, owner_id: int, name: str, settings: Settings) -> SessionTemplate:
    with db.transaction() as session:
        name, settings = _checked(session, owner_id, name, settings, None)
        row = store.add_template(session, owner_id, name, template_settings(settings))
        return _template(row)


def update(
    db: Database, owner_id: int, template_id: int, name: str, settings: Settings
) -> SessionTemplate:
    with db.transaction() as session:
        row = store.find_template(session, owner_id, template_id)
        if row is None:
            raise NotFound(f"no template {template_id}")
        name, settings = _checked(session, owner_id, name, settings, template_id)
        row.name, row.settings = name, template_settings(settings)
        session.flush()
        return _template(row)


def delete(db: Database, owner_id: int, template_id: int) -> str:
    """Delete the account's template; returns its name (for the message that says so)."""
    with db.transaction() as session:
        row = store.find_template(session, owner_id, template_id)
        if row is None:
            raise NotFound(f"no template {template_id}")
        session.delete(row)
        return row.name


# --- what the forms offer -------------------------------------------------------------------


@dataclass(frozen=True)
class EditionChoice:
    id: str
    name: dict[str, str]


@dataclass(frozen=True)
class CardChoice:
    """A card a facilitator may leave out: its id as rooms use it, and its question per language."""

    id: str
    edition: str
    sense: str
    depth: int
    texts: dict[str, str]


def editions_to_choose(db: Database) -> list[EditionChoice]:
    with db.transaction() as session:
        return [
            EditionChoice(r.slug, dict(r.name or {})) for r in store.published_editions(session)
        ]


def card_languages(db: Database) -> list[str]:
    """The languages a room can be played in: those of the published editions' cards."""
    with db.transaction() as session:
        return published_languages(session)


def card_choices(db: Database, editions: list[str]) -> list[CardChoice]:
    """The playable cards of these editions in every language, sorted by sense, depth and id."""
    found: dict[str, CardChoice] = {}
    with db.transaction() as session:
        for lang in published_languages(session):
            for card in playable_cards(session, editions, lang):
                known = found.get(card.id)
                if known is None:
                    edition = card.id.partition("/")[0]
                    known = CardChoice(card.id, edition, card.sense, card.depth, {})
                    found[card.id] = known
                known.texts[lang] = card.texts[lang].question
    order = {sense: i for i, sense in enumerate(Settings().senses)}
    return sorted(found.values(), key=lambda c: (order.get(c.sense, 9), c.depth, c.id))


# --- a facilitator's past sessions ----------------------------------------------------------


@dataclass(frozen=True)
class PastSession:
    id: int
    opened_at: datetime
    label: str | None
    template: str | None
    players: int
    cards_drawn: int
    ended: bool


def past_sessions(db: Database, facilitator_id: int) -> list[PastSession]:
    """The account's latest sessions with their main figures (counts only, never names)."""
    shown = []
    with db.transaction() as session:
        for row in store.facilitated_sessions(session, facilitator_id, PAST_SESSIONS_SHOWN):
            figures = decode(SessionFigures, row.figures) if row.figures else None
            shown.append(
                PastSession(
                    id=row.id,
                    opened_at=row.started_at or row.created_at,
                    label=row.label,
                    template=row.template,
                    players=figures.players if figures else 0,
                    cards_drawn=figures.cards_drawn if figures else 0,
                    ended=figures.ended if figures else False,
                )
            )
    return shown


def templates_using_edition(db: Database, slug: str) -> list[tuple[str, str]]:
    """(name, owner) of every account's templates that play edition ``slug``: unpublishing
    or archiving it changes what they play, so the editor names them first."""
    with db.transaction() as session:
        return store.templates_using(session, slug)
