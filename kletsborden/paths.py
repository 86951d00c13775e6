"""Where the package finds its files, both in a source checkout and when installed from a wheel.

The wheel carries ``static/``, ``cards/`` and the npm packages we serve inside the package
(see pyproject.toml); a checkout keeps them at the top of the repository.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = PACKAGE_DIR.parent


def resource_dir(name: str) -> Path:
    """The folder ``static`` or ``cards``: inside the installed package, else in the checkout."""
    bundled = PACKAGE_DIR / name
    return bundled if bundled.is_dir() else CHECKOUT_DIR / name


def vendor_dir(package: str) -> Path:
    """The browser files of an npm package we serve from our own origin."""
    bundled = PACKAGE_DIR / "vendor" / package
    return bundled if bundled.is_dir() else CHECKOUT_DIR / "node_modules" / package / "dist"


def default_card_files() -> list[Path]:
    return sorted(resource_dir("cards").glob("*.toml"))


def _is_checkout(folder: Path) -> bool:
    """A source checkout of Kletsborden: its pyproject.toml names this project."""
    try:
        text = (folder / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return False
    return 'name = "kletsborden"' in text


def instance_dir() -> Path:
    """The instance folder (SQLite database, generated secret key) every command uses.

    KLETSBORDEN_INSTANCE_PATH when set; else ``instance/`` in the checkout we run from, also when
    installed into a virtualenv inside that checkout (scripts/install makes ``.venv/``), so
    ``serve``, ``create-admin`` and the rest always share one database; else, installed
    elsewhere, ``<prefix>/var/kletsborden-instance``.
    """
    configured = os.environ.get("KLETSBORDEN_INSTANCE_PATH", "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    for folder in (CHECKOUT_DIR, Path(sys.prefix).resolve().parent):
        if _is_checkout(folder):
            return folder / "instance"
    return Path(sys.prefix).resolve() / "var" / "kletsborden-instance"
