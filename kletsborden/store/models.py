"""Database rows (SQLAlchemy 2.0 typed models). Row classes end in ``Row``; domain types do not."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..config import MAX_SESSION_LABEL_LENGTH, MAX_TEMPLATE_NAME_LENGTH


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    # Named constraints, so that later migrations can alter them on SQLite and PostgreSQL alike.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map = {dict[str, Any]: JSON}


class EditionRow(Base):
    __tablename__ = "editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="published")
    name: Mapped[dict[str, Any]] = mapped_column(default=dict)
    description: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # A draft copy of a published edition: publishing it replaces that edition's cards.
    replaces: Mapped[str | None] = mapped_column(String(64))

    cards: Mapped[list[CardRow]] = relationship(
        back_populates="edition", order_by="CardRow.position", cascade="all, delete-orphan"
    )


class CardRow(Base):
    """A card's language-independent facts; its texts are ``CardTextRow``s, one per language."""

    __tablename__ = "cards"
    __table_args__ = (UniqueConstraint("edition_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    sense: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    depth: Mapped[int]
    image: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    edition: Mapped[EditionRow] = relationship(back_populates="cards")
    texts: Mapped[list[CardTextRow]] = relationship(
        back_populates="card", order_by="CardTextRow.language", cascade="all, delete-orphan"
    )


class CardTextRow(Base):
    __tablename__ = "card_texts"
    __table_args__ = (UniqueConstraint("card_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    question: Mapped[str] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    image_alt: Mapped[str | None] = mapped_column(Text)
    # "reviewed", or "draft": a translation not yet checked by someone who speaks the language.
    status: Mapped[str] = mapped_column(String(16), default="reviewed", server_default="reviewed")

    card: Mapped[CardRow] = relationship(back_populates="texts")


class RoomRow(Base):
    """A room: its engine state as JSON, and a version that rises with every saved change.

    ``version`` is SQLAlchemy's version counter: an UPDATE only succeeds on the version it read,
    so two processes can never both apply a move to the same state. ``state`` (what moves
    change) is loaded only when read: a process that has the room's version decoded already
    does not need it (store/room_codec.py, store/rooms.py). The game's card pool is a row of
    its own (``RoomCardsRow``).
    """

    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    state: Mapped[dict[str, Any]] = mapped_column(deferred=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the game last changed, to a minute (store/rooms.py): the purge's clock.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    ended_at: Mapped[datetime | None]
    # When the room next needs a Tick (grace period or turn timer), in epoch seconds.
    due_at: Mapped[float | None] = mapped_column(index=True)
    # Which projector key is valid: renewing it (a host's choice) makes older links stop working.
    screen_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    seats: Mapped[list[SeatRow]] = relationship(back_populates="room", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class RoomCardsRow(Base):
    """A game's card pool, written once when the game starts and read by a process that has
    not seen the room yet. Apart from ``rooms`` because SQLite rewrites a whole row on every
    UPDATE: inside the room's row, the ~100 KB pool was written again with every move."""

    __tablename__ = "room_cards"

    room_id: Mapped[int] = mapped_column(
        ForeignKey("rooms.id", ondelete="CASCADE"), primary_key=True
    )
    cards: Mapped[list[Any]] = mapped_column(JSON)


class SeatRow(Base):
    """Who may sit in a seat: the hash of the seat's token. Names live in the room state."""

    __tablename__ = "seats"
    __table_args__ = (UniqueConstraint("room_id", "seat_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"))
    seat_key: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kicked: Mapped[bool] = mapped_column(default=False)
    # The device the seat was taken from, hashed with the room's code (see rooms.device_hash):
    # a kicked device cannot take a new seat in this room; it says nothing across rooms.
    device_hash: Mapped[str | None] = mapped_column(String(64))
    # The Socket.IO connection that holds the seat now; an older tab's disconnect is ignored.
    connection: Mapped[str | None] = mapped_column(String(64))
    # When the process holding ``connection`` last said it is still there (epoch seconds).
    seen_at: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    room: Mapped[RoomRow] = relationship(back_populates="seats")


class AdminUserRow(Base):
    __tablename__ = "admin_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="admin")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Rises on logout, password change and disabling: every login made before it ends at once.
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
    disabled: Mapped[bool] = mapped_column(default=False, server_default=false())


class SetupLinkRow(Base):
    """A one-time link that makes the first admin (printed by ``serve``; only its hash is kept)."""

    __tablename__ = "setup_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Epoch seconds after which the link no longer works.
    expires_at: Mapped[float]


class AuditRow(Base):
    """One change made to the decks or accounts: who, when, what, and the content before and after.

    Append only (store/audit.py refuses updates and deletes). Editions and cards are named by
    their ids, not foreign keys, so the history outlives what it describes.
    """

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    edition: Mapped[str | None] = mapped_column(String(64))
    card: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SessionTemplateRow(Base):
    """A facilitator's saved way of running a session (the shipped ones live in code)."""

    __tablename__ = "session_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("admin_users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(MAX_TEMPLATE_NAME_LENGTH))
    settings: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SessionRow(Base):
    """One session as reports see it: figures only, never a name or a story.

    Outlives its room (``room_id`` becomes NULL when the room is purged), so reports over many
    sessions keep working while the names are long gone.
    """

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("rooms.id", ondelete="SET NULL"), unique=True
    )
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("admin_users.id", ondelete="SET NULL"), index=True
    )
    # Raising these limits needs a migration: tests/store/test_migrations.py notices.
    label: Mapped[str | None] = mapped_column(String(MAX_SESSION_LABEL_LENGTH), index=True)
    template: Mapped[str | None] = mapped_column(String(MAX_TEMPLATE_NAME_LENGTH))
    language: Mapped[str] = mapped_column(String(8), default="nl")
    planned_minutes: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]
    # engine.summary.SessionFigures, encoded: counts only.
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON)


Index("ix_cards_edition_position", CardRow.edition_id, CardRow.position)
Index("ix_audit_entries_edition_card", AuditRow.edition, AuditRow.card, AuditRow.id)
