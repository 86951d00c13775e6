"""Sound for browsers with a fake microphone: a WAV file made here, no recording needed.

Chromium's ``--use-file-for-fake-audio-capture`` plays the file as the microphone, in a loop.
A pure tone would be taken for noise by the browser's noise suppression, so this is speech-like:
syllables of changing pitch with their own rise and fall, and short pauses between them.
"""

from __future__ import annotations

import math
import random
import struct
import wave
from pathlib import Path

RATE = 48_000


def speech_like_wav(path: Path, seconds: float = 8.0, seed: int = 12) -> Path:
    """Write a mono 16-bit WAV of ``seconds`` of speech-like sound to ``path``."""
    rng = random.Random(seed)
    samples = bytearray()
    while len(samples) < seconds * RATE * 2:
        length = int(rng.uniform(0.12, 0.3) * RATE)
        pitch = rng.uniform(120, 260)
        for i in range(length):
            envelope = math.sin(math.pi * i / length)
            voice = sum(math.sin(2 * math.pi * pitch * k * i / RATE) / k for k in range(1, 6))
            samples += struct.pack("<h", int(12_000 * envelope * voice / 2.3))
        samples += b"\0\0" * int(rng.uniform(0.03, 0.12) * RATE)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(samples))
    return path
