"""Light for slow phones, private for everyone: nothing is fetched from another origin, and the
play page's first load is small."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from helpers import (
    Person,
    draw,
    end_game,
    join_by_link,
    open_room,
    open_screen,
    start_game,
)
from playwright.sync_api import BrowserContext, Request, expect
from support.server import Server

BUDGET = 100 * 1024  # bytes over the wire for the play page's first load


def record_traffic(context: BrowserContext, urls: list[str]) -> None:
    """Every request and WebSocket any page of this context opens."""
    context.on("request", lambda request: urls.append(request.url))
    context.on("page", lambda page: page.on("websocket", lambda ws: urls.append(ws.url)))


def origin(url: str) -> str:
    parts = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    return f"{scheme}://{parts.netloc}"


def test_a_whole_game_asks_nothing_of_other_origins(
    someone: Callable[..., Person], site: Server
) -> None:
    urls: list[str] = []
    host, henk, projector = someone("Fatima"), someone("Henk"), someone("projector")
    for person_ in (host, henk, projector):
        record_traffic(person_.page.context, urls)
        person_.page.on("websocket", lambda ws: urls.append(ws.url))

    host.page.goto("/")
    host.page.click("a.button[href='/host']")
    code = open_room(host)
    join_by_link(henk, code)
    open_screen(projector, host)
    start_game(host)
    draw(host, "horen")
    host.page.click("#read-aloud")
    henk.page.click("[data-react=heart]")
    host.page.click("#finish")
    draw(henk, "")
    henk.page.click("#pass")
    expect(host.status).to_contain_text("Jij bent aan de beurt.")
    end_game(host)
    expect(projector.page.locator("#screen-ended")).to_be_visible()
    for person_ in (host, henk, projector):
        person_.page.wait_for_load_state("networkidle")

    assert any(url.startswith(("ws://", "wss://")) for url in urls), "no WebSocket was seen"
    assert any("/qr/" in url for url in urls), "no QR code was loaded"
    foreign = sorted({url for url in urls if origin(url) != site.url})
    assert not foreign, "requests to other origins:\n" + "\n".join(foreign)


def test_the_play_page_loads_light(someone: Callable[..., Person]) -> None:
    host = someone("Fatima")
    code = open_room(host)
    newcomer = someone("Henk")  # a new phone: nothing cached
    page = newcomer.page
    finished: list[Request] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(f"/play/{code}")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#join-panel")).to_be_visible()

    sizes = []
    for request in finished:
        size = request.sizes()
        sizes.append(
            (max(size["responseBodySize"], 0) + max(size["responseHeadersSize"], 0), request.url)
        )
    kinds = {request.resource_type for request in finished}
    assert {"document", "script", "stylesheet", "image"} <= kinds, kinds
    assert any("/qr/" in url for _, url in sizes), "the QR code was not loaded"
    total = sum(size for size, _ in sizes)
    listing = "\n".join(f"{size:>8} {url}" for size, url in sorted(sizes, reverse=True))
    assert total <= BUDGET, f"first load is {total} bytes (> {BUDGET}):\n{listing}"


def test_pages_and_scripts_are_sent_compressed(someone: Callable[..., Person]) -> None:
    host = someone("Fatima")
    code = open_room(host)
    page = someone("Henk").page
    encodings: dict[str, str] = {}

    def note(response) -> None:
        if response.request.resource_type in ("document", "script", "stylesheet"):
            encodings[response.url] = response.headers.get("content-encoding", "")

    page.on("response", note)
    page.goto(f"/play/{code}")
    page.wait_for_load_state("networkidle")
    # Files of a kilobyte or more are compressed (smaller ones are not worth it).
    plain = {
        url: len(page.request.get(url).body())
        for url, encoding in encodings.items()
        if encoding not in ("gzip", "br", "deflate", "zstd")
    }
    assert encodings and all(size < 1024 for size in plain.values()), (
        f"sent without compression: {plain}"
    )
