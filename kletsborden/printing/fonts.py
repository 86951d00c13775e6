"""The fonts on the printed cards: Bitstream Vera, which ships inside reportlab.

A TrueType font embedded in the PDF prints accents (é, ë) and curly quotes the same on every
printer, and taking it from the installed package means no system font and no font file of our
own. A character the font lacks is replaced by its plain form where there is one (ĳ becomes
ij), so no text is lost.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "KletsbordenVera"
BOLD = "KletsbordenVeraBold"
_FILES = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf"}


@cache
def register_fonts() -> None:
    """Make the fonts known to reportlab (once per process)."""
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))


@cache
def _glyphs(font: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def printable(text: str, font: str = REGULAR) -> str:
    """``text`` with every character the font cannot draw replaced by a plain equivalent."""
    glyphs = _glyphs(font)
    if all(ord(ch) in glyphs for ch in text):
        return text
    return "".join(_plain(ch, glyphs) for ch in text)


def _plain(ch: str, glyphs: frozenset[int]) -> str:
    if ord(ch) in glyphs:
        return ch
    for form in ("NFKC", "NFKD"):
        spelled = unicodedata.normalize(form, ch)
        kept = "".join(c for c in spelled if ord(c) in glyphs)
        if kept and not unicodedata.combining(kept[0]):
            return kept
    return ch  # nothing better: the font's empty box still shows that something is there


def text_width(text: str, font: str, size: float) -> float:
    """Width in points."""
    register_fonts()
    return pdfmetrics.stringWidth(text, font, size)
