"""Rate limits: events per connection, reactions per connection, failed joins per address.

The limiters' fake clock is frozen here, so only the test moves time.
"""

from __future__ import annotations

from kletsborden.config import (
    EVENTS_PER_CONNECTION,
    FAILED_JOINS,
    MAX_NEW_SEATS,
    NEW_SEAT_WINDOW_SECONDS,
    REACTIONS_PER_CONNECTION,
)

from .harness import Server, Table, assert_error

EVENTS, EVENT_WINDOW = EVENTS_PER_CONNECTION
REACTIONS, REACTION_WINDOW = REACTIONS_PER_CONNECTION
FAILURES, FAILURE_WINDOW = FAILED_JOINS


def test_too_many_events_from_one_connection(server: Server, table: Table) -> None:
    anna = table.join("Anna")  # one event of Anna's
    server.limit_clock.step = 0
    for _ in range(EVENTS - 1):
        assert anna.ask("get_state")["ok"] is True
    # over the limit: refused, whatever the event, and nothing changes
    table.error(anna, "get_state", None, "rate_limited", "nl")
    table.error(
        anna,
        "set_takes_turns",
        {"seat_id": anna.seat_id, "takes_turns": False},
        "rate_limited",
        "nl",
    )
    table.error(anna, "leave", None, "rate_limited", "nl")
    table.error(anna, "set_language", {"language": "en"}, "rate_limited", "nl")
    table.error(anna, "join", {"code": table.code, "name": "Anna 2"}, "rate_limited", "nl")
    table.error(anna, "get_state", {"bad": 1}, "rate_limited", "nl")
    assert table.seat(anna)["takes_turns"] is True
    # other connections have their own budget
    table.change(table.host, "set_locked", {"locked": True})
    # the window passes
    server.limit_clock.advance(EVENT_WINDOW + 1)
    assert anna.ask("set_language", {"language": "en"}).items() >= {"language": "en"}.items()
    for _ in range(EVENTS - 1):
        anna.ask("get_state")
    table.error(anna, "draw_card", None, "rate_limited", "en")


def test_a_rate_limited_move_is_not_made(server: Server) -> None:
    table = server.create_room()
    table.join("Anna")
    table.start()
    server.limit_clock.step = 0
    for _ in range(EVENTS - 2):  # the host used one to join and one to start
        table.host.ask("get_state")
    table.error(table.host, "draw_card", {"sense": "horen"}, "rate_limited", "nl")
    assert table.snapshot()["card"] is None
    server.limit_clock.advance(EVENT_WINDOW + 1)
    table.change(table.host, "draw_card", {"sense": "horen"})


def test_too_many_reactions(server: Server, table: Table) -> None:
    anna = table.join("Anna")
    server.limit_clock.step = 0
    for _ in range(REACTIONS):
        assert anna.ask("react", {"reaction": "heart"}) == {"ok": True}
    table.error(anna, "react", {"reaction": "thanks"}, "too_many_reactions", "nl")
    # other events and other connections are still fine
    table.change(anna, "set_takes_turns", {"seat_id": anna.seat_id, "takes_turns": False})
    assert table.host.ask("react", {"reaction": "heart"}) == {"ok": True}
    server.limit_clock.advance(REACTION_WINDOW + 1)
    table.drain()
    assert anna.ask("react", {"reaction": "me_too"}) == {"ok": True}
    assert table.host.events("reaction") == [{"seat_id": anna.seat_id, "reaction": "me_too"}]


def test_too_many_failed_joins_from_one_address(server: Server, table: Table) -> None:
    server.limit_clock.step = 0
    address = "192.0.2.7"
    wrong = "ACEFGHJK" if table.code != "ACEFGHJK" else "KJHGFECA"
    # failures that do not count: a taken name, a bad name, a bad payload
    for payload in (
        {"code": table.code, "name": "Host"},
        {"code": table.code, "name": ""},
        {"code": table.code, "name": "X", "extra": 1},
    ):
        assert table.connect(address=address).ask("join", payload)["ok"] is False
    # failures that count: wrong codes and wrong tokens, from any connection of the address
    for attempt in range(FAILURES):
        member = table.connect(address=address)
        if attempt % 2:
            payload = {"code": wrong, "name": "Xavier"}
            table.error(member, "join", payload, "room_not_found", "nl")
        else:
            payload = {"code": table.code, "token": f"guess-{attempt}"}
            table.error(member, "join", payload, "invalid_token", "nl")
    # now a typed code is refused from that address, the right one too, and wrong secrets ...
    for payload in (
        {"code": table.code, "name": "Anna"},
        {"code": wrong, "name": "Anna", "language": "en"},
        {"code": table.code, "token": "one more guess"},
        {"code": wrong, "token": "one more guess"},
    ):
        language = payload.get("language", "nl")
        member = table.connect(address=address)
        table.error(member, "join", payload, "too_many_failed_joins", language)
    payload = {"code": table.code, "screen_key": "0" * 32}
    table.error(table.connect(address=address), "watch", payload, "too_many_failed_joins")
    # ... but what others guessed never stops the right secret: a seat's token, the screen key
    table.rejoin(table.host.token, changes=False, address=address)
    table.watch(address=address)
    # other addresses are fine
    table.join("Anna")
    # after the window the address may try again
    server.limit_clock.advance(FAILURE_WINDOW + 1)
    member = table.connect(address=address)
    table.change(member, "join", {"code": table.code, "name": "Bert"}, entering=True)


def test_pages_of_a_room_open_while_the_address_is_refused(server: Server, table: Table) -> None:
    """A player reloading /play/<code> gets the page (their token then takes them back in);
    it looks the same for any code meanwhile, so it tells a guesser nothing."""
    server.limit_clock.step = 0
    address = "192.0.2.11"
    client = server.http(address)
    for attempt in range(FAILURES):
        assert client.get(f"/play/ACEFGHJ{attempt % 10}").status_code == 404
    assert client.get(f"/join?code={table.code}").status_code == 429
    for path in (f"/play/{table.code}", "/play/KJHGFECA", f"/screen/{table.code}"):
        assert client.get(path).status_code == 200, path
    assert client.get("/play/not-a-code").status_code == 404
    assert server.http("192.0.2.12").get("/play/KJHGFECA").status_code == 404


def test_wrong_screen_keys_count_as_failed_joins(server: Server, table: Table) -> None:
    server.limit_clock.step = 0
    address = "192.0.2.9"
    for attempt in range(FAILURES):
        payload = {"code": table.code, "screen_key": f"{attempt:032x}"}
        table.error(table.connect(address=address), "watch", payload, "not_allowed", "nl")
    payload = {"code": table.code, "screen_key": "f" * 32}
    table.error(table.connect(address=address), "watch", payload, "too_many_failed_joins")
    payload = {"code": table.code, "name": "Anna"}
    table.error(table.connect(address=address), "join", payload, "too_many_failed_joins")
    table.watch(address=address)  # the right key still works


def test_successful_joins_do_not_count_as_failures(server: Server, table: Table) -> None:
    server.limit_clock.step = 0
    for number in range(FAILURES + 2):
        if number and number % MAX_NEW_SEATS == 0:  # the seat limit's window, not the misses'
            server.limit_clock.advance(NEW_SEAT_WINDOW_SECONDS + 1)
        member = table.connect(address="192.0.2.8")
        payload = {"code": table.code, "name": f"Speler {number}"}
        table.change(member, "join", payload, entering=True)
        table.leave(member)


def test_a_disconnect_event_does_not_reset_the_rate_limit(server: Server, table: Table) -> None:
    """BUG: the server's disconnect handler also runs for an ordinary client event named
    "disconnect", and it forgets the connection's rate-limit history. A rate-limited connection
    sends "disconnect" and is at once allowed another 60 events (and 10 reactions), so the
    limits do not hold. Expected: still ``rate_limited`` after the "disconnect" event."""
    anna = table.join("Anna")
    server.limit_clock.step = 0
    for _ in range(EVENTS - 1):
        anna.ask("get_state")
    assert_error(anna.ask("get_state"), "rate_limited")
    anna.ask("disconnect")
    assert anna.connected
    assert_error(anna.ask("get_state"), "rate_limited")


def test_a_shared_link_gets_in_while_the_address_is_refused(server: Server, table: Table) -> None:
    """Everyone on a community centre's Wi-Fi shares one address: a resident who scans the QR
    code or follows a member's link is never refused for what others there guessed."""
    server.limit_clock.step = 0
    address = "192.0.2.13"
    ticket = server.app.extensions["kletsborden.rooms"].join_ticket(table.code)
    assert len(ticket) == 16
    for attempt in range(FAILURES):
        payload = {"code": f"ACEFGHJ{attempt % 10}", "name": "Xavier"}
        table.error(table.connect(address=address), "join", payload, "room_not_found", "nl")
    typed = {"code": table.code, "name": "Anna"}
    table.error(table.connect(address=address), "join", typed, "too_many_failed_joins")
    for wrong in ("0" * 16, ticket.upper(), "é" * 16, ticket * 100):
        payload = {**typed, "ticket": wrong}
        table.error(table.connect(address=address), "join", payload, "too_many_failed_joins")
    payload = {**typed, "ticket": 1234}
    table.error(table.connect(address=address), "join", payload, "invalid_payload")
    # the ticket of another room proves nothing about this one
    other = "KJHGFECA" if table.code != "KJHGFECA" else "ACEFGHJK"
    payload = {"code": other, "name": "Anna", "ticket": ticket}
    table.error(table.connect(address=address), "join", payload, "too_many_failed_joins")
    member = table.connect(address=address)
    table.change(member, "join", {**typed, "ticket": ticket}, entering=True)
    # its page opens and its QR code carries the ticket on (a guessed ticket is not passed on)
    client = server.http(address)
    page = client.get(f"/play/{table.code}?ticket={ticket}")
    assert page.status_code == 200 and f'data-ticket="{ticket}"' in page.text
    assert 'data-ticket=""' in client.get(f"/play/{table.code}?ticket={'0' * 16}").text
    qr = client.get(f"/qr/{table.code}.svg?ticket={ticket}")
    assert qr.status_code == 200
    unticketed = client.get(f"/qr/{table.code}.svg?ticket={'0' * 16}")
    assert qr.data != unticketed.data
    assert unticketed.data == client.get(f"/qr/{table.code}.svg").data


def test_members_and_screens_get_the_join_ticket(server: Server, table: Table) -> None:
    """What they show and share (the QR code, the link) carries it; see ``invite.js``."""
    ticket = server.app.extensions["kletsborden.rooms"].join_ticket(table.code)
    member = table.connect()
    ack, _ = table.change(member, "join", {"code": table.code, "name": "Dirk"}, entering=True)
    assert ack["join_ticket"] == ticket
    screen = table.connect()
    ack = table.unchanged(screen, "watch", {"code": table.code, "screen_key": table.screen_key})
    assert ack["join_ticket"] == ticket
