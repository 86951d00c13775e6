"""The one guard against spreadsheet formulas in the CSV files we write (reports, card export).

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula,
so a text such as ``=HYPERLINK("http://…")`` typed by someone could act when a colleague opens
the file. ``neutralise`` puts an apostrophe in front of such a text, which spreadsheets show as
plain text. ``restore`` takes that apostrophe off again when we read our own export back, so an
export imports to exactly the text it was written from:

- written: ``'=HYPERLINK(…)`` for ``=HYPERLINK(…)``; ``''=x`` for ``'=x``;
- read: an apostrophe is removed only where ``neutralise`` would have added it (the rest of the
  cell, apostrophes stripped, starts with a formula character). "'t Is goed" stays as it is.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(cell: object) -> object:
    """A cell as written: text that a spreadsheet would run as a formula gets a leading '."""
    if isinstance(cell, str) and _looks_like_formula(cell):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """A cell as read: the apostrophe ``neutralise`` added is taken off; nothing else changes."""
    if cell.startswith("'") and _looks_like_formula(cell[1:]):
        return cell[1:]
    return cell
