"""Arabic (and any right-to-left text) as a PDF needs it: shaped letters in visual order.

reportlab draws characters one after the other from left to right, as they are stored. Arabic
letters take a different form at the start, middle and end of a word, and a line is read from
right to left. So a text is first *shaped* (``arabic_reshaper`` picks each letter's form from
Unicode's presentation forms, which DejaVu Sans draws) and broken into lines in reading order;
then each line is put in *visual* order by the Unicode bidirectional algorithm (``python-bidi``),
so numbers and Latin words inside it still read left to right. Text without right-to-left
letters passes unchanged.
"""

from __future__ import annotations

import unicodedata

import arabic_reshaper
from bidi import get_display

_RTL_CLASSES = {"R", "AL"}


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def shaped(text: str) -> str:
    """The text with Arabic letters in their joined forms, still in reading order."""
    return arabic_reshaper.reshape(text) if has_rtl(text) else text


def visual(line: str, rtl: bool) -> str:
    """One line in the order reportlab must draw it; ``rtl`` is the paragraph's direction."""
    if not has_rtl(line):
        return line
    return get_display(line, base_dir="R" if rtl else "L")
