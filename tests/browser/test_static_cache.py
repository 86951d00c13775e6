"""Static files are cached with validators: a warm reload asks whether they changed (ETag /
Last-Modified) and gets 304 Not Modified, or uses its cache; it does not download them again."""

from __future__ import annotations

from collections.abc import Callable

from helpers import Person, open_room
from playwright.sync_api import Response, expect


def test_a_warm_reload_downloads_no_static_file_again(someone: Callable[..., Person]) -> None:
    host = someone("Fatima")
    code = open_room(host)
    page = someone("Henk").page
    page.goto(f"/play/{code}")
    expect(page.locator("#join-panel")).to_be_visible()
    page.wait_for_load_state("networkidle")

    static = ("/static/", "/vendor/")
    first = page.request.get("/static/css/base.css")
    assert first.headers.get("etag") or first.headers.get("last-modified"), first.headers

    seen: list[Response] = []
    page.on("response", lambda response: seen.append(response))
    page.reload()
    expect(page.locator("#join-panel")).to_be_visible()
    page.wait_for_load_state("networkidle")
    files = [r for r in seen if any(part in r.url for part in static)]
    assert len(files) >= 10, [r.url for r in files]  # the page's scripts, styles and icon
    downloaded = [
        f"{r.status} {r.url}"
        for r in files
        if r.status == 200 and r.request.sizes()["responseBodySize"] > 0
    ]
    assert not downloaded, "downloaded again on a warm reload:\n" + "\n".join(downloaded)
