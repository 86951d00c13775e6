"""Socket.IO packets written and read with msgspec (kletsborden/realtime/packets.py)."""

from __future__ import annotations

import pytest
from socketio import packet

from kletsborden.realtime.packets import GamePacket


def test_an_event_is_written_as_plain_utf8_json_and_read_back() -> None:
    data = ["room_state", {"card": {"ar": "ماذا تسمع؟", "uk": "Що ти чуєш?"}, "version": 7}]
    encoded = GamePacket(packet.EVENT, data=data, namespace="/").encode()
    assert encoded == '2["room_state",{"card":{"ar":"ماذا تسمع؟","uk":"Що ти чуєш?"},"version":7}]'
    assert GamePacket(encoded_packet=encoded).data == data


def test_an_ack_with_an_id_round_trips() -> None:
    encoded = GamePacket(packet.ACK, data=[{"ok": True}], namespace="/", id=12).encode()
    assert encoded == '312[{"ok":true}]'
    read = GamePacket(encoded_packet=encoded)
    assert (read.packet_type, read.id, read.data) == (packet.ACK, 12, [{"ok": True}])


@pytest.mark.parametrize(
    "frame",
    ['2["draw_card",' + "[" * 5000 + "]" * 5000 + "]", '2["x",' + "9" * 5000 + "]", '2["x",{'],
    ids=["nested too deep", "integer too large", "cut off"],
)
def test_a_packet_that_cannot_be_read_is_a_value_error(frame: str) -> None:
    """The transport guard counts ValueErrors as malformed packets (realtime/transport.py)."""
    with pytest.raises(ValueError):
        GamePacket(encoded_packet=frame)


def test_lone_surrogates_are_read_as_the_standard_reader_reads_them() -> None:
    """msgspec refuses them; the payload still arrives, for the name check to refuse."""
    read = GamePacket(encoded_packet='2["join",{"name":"\\udfff"}]')
    assert read.data == ["join", {"name": "\udfff"}]


def test_text_that_is_no_utf8_is_sent_escaped() -> None:
    """A lone surrogate a client sent, echoed in an error's detail, still makes a packet."""
    ack = [{"ok": False, "error": {"detail": "unknown field \ud800"}}]
    encoded = GamePacket(packet.ACK, data=ack, namespace="/", id=3).encode()
    assert encoded == '33[{"ok":false,"error":{"detail":"unknown field \\ud800"}}]'
    assert GamePacket(encoded_packet=encoded).data == ack
