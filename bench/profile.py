"""Summarise a py-spy profile in collapsed-stack form (``--format raw``, as ``--py-spy`` writes).

``python -m bench.profile FILE [--top N] [--match kletsborden/]`` prints where the samples went:
the functions with the most samples on the CPU themselves (self), and the functions with the
most samples anywhere on the stack (inclusive), each as a share of all samples.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


def frame_name(frame: str) -> str:
    """``f (pkg/mod.py:12)`` becomes ``pkg/mod.py:f`` (lines dropped to add up a function)."""
    match = FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    return f"{match['file']}:{match['function']}"


def read(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append(([frame_name(f) for f in stack.split(";")], int(count)))
    return stacks


def summarize(path: Path, match: str = "", top: int = 25) -> str:
    stacks = read(path)
    total = sum(count for _, count in stacks) or 1
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for frames, count in stacks:
        own[frames[-1]] += count
        for name in set(frames):
            if match in name:
                inclusive[name] += count
    lines = [f"{path}: {total} samples", "", "self (on the CPU in this function):"]
    lines += [f"  {n / total:6.1%}  {name}" for name, n in own.most_common(top)]
    lines += ["", f"inclusive (anywhere on the stack{f', matching {match!r}' if match else ''}):"]
    lines += [f"  {n / total:6.1%}  {name}" for name, n in inclusive.most_common(top)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--match", default="", help="only functions whose file/name has this")
    args = parser.parse_args()
    print(summarize(args.path, args.match, args.top))


if __name__ == "__main__":
    main()
