"""Configuration and limits, in one place.

Everything configurable comes from ``KLETSBORDEN_*`` environment variables with safe defaults;
every limit the product enforces is a constant here so that code, docs and tests agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

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

# Room limits.
MAX_NAME_LENGTH = 40
MAX_SEATS_PER_ROOM = 30


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"KLETSBORDEN_{name}", default)


@dataclass
class Config:
    """Settings read from the environment when the app is created; tests pass overrides."""

    database_url: str | None = field(default_factory=lambda: _env("DATABASE_URL"))
    secret_key: str | None = field(default_factory=lambda: _env("SECRET_KEY"))
    message_queue: str | None = field(default_factory=lambda: _env("MESSAGE_QUEUE"))
    async_mode: str = field(default_factory=lambda: _env("ASYNC_MODE", "threading"))

    def as_flask_config(self) -> dict[str, object]:
        return {
            "KLETSBORDEN_DATABASE_URL": self.database_url,
            "SECRET_KEY": self.secret_key,
            "KLETSBORDEN_MESSAGE_QUEUE": self.message_queue,
            "KLETSBORDEN_ASYNC_MODE": self.async_mode,
        }
