"""Fixtures for the printable deck: the default cards as they are printed."""

from __future__ import annotations

import pytest

from kletsborden.editions.files import read_edition_file
from kletsborden.editions.model import EditionSpec
from kletsborden.paths import default_card_files
from kletsborden.printing.deck import cards_to_print
from kletsborden.printing.pdf import PrintCard


@pytest.fixture(scope="session")
def default_edition() -> EditionSpec:
    (edition,) = [e for path in default_card_files() for e in read_edition_file(path)]
    return edition


@pytest.fixture(scope="session")
def default_print_cards(default_edition: EditionSpec) -> list[PrintCard]:
    return cards_to_print(default_edition, "nl")
