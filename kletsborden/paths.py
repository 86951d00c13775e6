"""Where the package finds its files, both in a source checkout and when installed from a wheel.

The wheel carries ``static/``, ``cards/`` and the npm packages we serve inside the package
(see pyproject.toml); a checkout keeps them at the top of the repository.
"""

from __future__ import annotations

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
