"""Room codes: short, easy to say and type, and far too many to guess.

The alphabet leaves out characters people mix up (0/O/D, 1/I/L, 2/Z, 5/S, 8/B, U/V). Eight of the
22 that remain give 22^8 ≈ 5.5 * 10^10 codes. An address may try at most config.FAILED_JOINS
wrong codes (30 per 10 minutes, 4,320 a day, enough for a community centre full of typos behind
one address); with a thousand rooms open at once it would expect its first hit after 35 years.
Codes are shown as two groups of four (``KXMR-7HPA``) and read ignoring case, spaces and dashes.
"""

from __future__ import annotations

import secrets

from .config import ROOM_CODE_LENGTH

ALPHABET = "ACEFGHJKMNPQRTWXY34679"
_SEPARATORS = str.maketrans("", "", " -_.\t")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(ROOM_CODE_LENGTH))


def normalize_code(text: str) -> str | None:
    """The code someone typed, as stored; None when it cannot be a room code at all."""
    code = text.translate(_SEPARATORS).upper()
    if len(code) != ROOM_CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def display_code(code: str) -> str:
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"
