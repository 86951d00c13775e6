"""Reading a PDF the way a printer and a reader would: poppler renders each page to an image
(pdftoppm) and extracts its text (pdftotext). scripts/install installs poppler-utils."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def page_count(pdf: bytes) -> int:
    info = _run(["pdfinfo", "-"], pdf).decode()
    found = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert found, info
    return int(found.group(1))


def dark_share_per_page(pdf: bytes, resolution: int = 24) -> list[float]:
    """For each page rendered in grey, the share of its pixels that are darker than mid-grey."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "deck.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(resolution), "-gray", str(source), str(Path(folder) / "page")],
            check=True,
            capture_output=True,
            timeout=120,
        )
        images = sorted(Path(folder).glob("page-*.pgm"))
        return [_dark_share(image.read_bytes()) for image in images]


def _dark_share(pgm: bytes) -> float:
    """A binary PGM (P5) image: header "P5 width height maxval", then one byte per pixel."""
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    assert header, pgm[:20]
    width, height = int(header.group(1)), int(header.group(2))
    pixels = pgm[header.end() : header.end() + width * height]
    assert len(pixels) == width * height
    return sum(value < 128 for value in pixels) / len(pixels)


def page_texts(pdf: bytes) -> list[str]:
    """The text of every page, in the order it was drawn."""
    text = _run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], pdf).decode("utf-8")
    return text.split("\f")[: page_count(pdf)]


def flat(text: str) -> str:
    """Whitespace and line breaks as single spaces: lines wrap on paper, never mid-word."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Word:
    text: str
    x: float  # its centre, in points from the left
    y: float  # its centre, in points from the top


def page_words(pdf: bytes, page: int) -> list[Word]:
    """The words of one page (numbered from 1) with where they are."""
    html = _run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], pdf).decode()
    number = r'"([\d.]+)"'
    pattern = rf"<word xMin={number} yMin={number} xMax={number} yMax={number}>([^<]*)</word>"
    return [
        Word(text, (float(x1) + float(x2)) / 2, (float(y1) + float(y2)) / 2)
        for x1, y1, x2, y2, text in re.findall(pattern, html)
    ]


def _run(command: list[str], pdf: bytes) -> bytes:
    done = subprocess.run(command, input=pdf, capture_output=True, check=True, timeout=120)
    return done.stdout


def fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(name, embedded) of every font the PDF uses, as pdffonts lists them."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "file.pdf"
        source.write_bytes(pdf)
        listing = subprocess.run(
            ["pdffonts", str(source)], capture_output=True, check=True, timeout=120, text=True
        ).stdout
    found = []
    for line in listing.splitlines()[2:]:  # a heading line and a line of dashes first
        parts = line.split()
        # name type [encoding...] emb sub uni object ID: "emb" is the fifth field from the end
        found.append((parts[0], parts[-5] == "yes"))
    return found
