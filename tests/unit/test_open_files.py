"""``kletsborden serve`` takes the hard open-file limit: every socket is an open file."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import resource
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, hard), hard))
from kletsborden.serving import raise_open_file_limit
raise_open_file_limit()
print(*resource.getrlimit(resource.RLIMIT_NOFILE), hard)
"""


def test_the_soft_open_file_limit_is_raised_to_the_hard_one() -> None:
    output = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True
    ).stdout
    soft, hard, was_hard = map(int, output.split())
    assert soft == hard == was_hard
