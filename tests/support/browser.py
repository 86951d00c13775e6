"""Driving Debian's chromium with Playwright, and checking pages with axe-core."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

CHECKOUT = Path(__file__).resolve().parents[2]
AXE_SOURCE = CHECKOUT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError(
            "Debian's chromium is needed for browser tests: apt-get install chromium"
        )
    return found


def axe_violations(page: Page, include: str | None = None) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.2 AA tags) on the page as it is now; returns the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    context = json.dumps(include) if include else "document"
    return page.evaluate(
        f"async () => (await axe.run({context}, {json.dumps(options)})).violations"
    )


def assert_accessible(page: Page, state: str) -> None:
    violations = axe_violations(page)
    readable = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
    ]
    assert not violations, f"axe found problems in state {state!r}:\n" + "\n".join(readable)
