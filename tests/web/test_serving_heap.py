"""``kletsborden serve`` hides its start-up heap from the collector and sets its thresholds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def test_settle_heap_freezes_what_start_up_made_and_sets_the_thresholds() -> None:
    code = (
        "import gc; from kletsborden import config; from kletsborden.serving import settle_heap; "
        "assert gc.get_freeze_count() == 0; settle_heap(); "
        "assert gc.get_freeze_count() > 10_000, gc.get_freeze_count(); "
        "assert gc.get_threshold() == config.GC_THRESHOLDS, gc.get_threshold(); "
        "assert config.GC_THRESHOLDS[0] > 700, 'fewer young collections than the default'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
