"""The fonts on the printed cards: DejaVu Sans, for every language an edition may have.

DejaVu Sans draws Latin with Turkish and Polish letters (ğ ş İ and the dotless i, ł ą ę),
Cyrillic and Arabic (with the presentation forms that ``shaping.py`` writes), in regular and
bold; Debian ships it as fonts-dejavu-core, which ``scripts/install`` and the Dockerfile
install. A TrueType font embedded in the PDF prints the same on every printer. Where DejaVu is
not installed, the deck is printed in Bitstream Vera, which ships inside reportlab and covers
Dutch and English only.

A character the font lacks is replaced by its plain form where there is one, so no text is lost.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "KletsbordenSans"
BOLD = "KletsbordenSansBold"
# Where Debian (and most Linux systems) keep DejaVu; the first folder that has both files wins.
DEJAVU_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)
_DEJAVU = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_VERA = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf"}


def font_files() -> dict[str, Path]:
    """The font file for each of our font names: DejaVu Sans where installed, else Vera."""
    for folder in DEJAVU_FOLDERS:
        files = {name: folder / filename for name, filename in _DEJAVU.items()}
        if all(path.is_file() for path in files.values()):
            return files
    folder = Path(reportlab.__file__).parent / "fonts"
    return {name: folder / filename for name, filename in _VERA.items()}


@cache
def register_fonts() -> None:
    """Make the fonts known to reportlab (once per process)."""
    for name, path in font_files().items():
        pdfmetrics.registerFont(TTFont(name, str(path)))


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
