"""How Socket.IO packets are written and read: msgspec's JSON, and no binary attachments.

python-socketio's own packets use the standard ``json`` module and, before sending anything,
walk the whole payload looking for ``bytes`` to send as attachments. The game never sends
binary data, and its snapshots are the largest thing it sends to six connections at a time:
msgspec writes them in C, and as UTF-8 (Arabic or Ukrainian text is no longer sent as ``\\u``
escapes, a third more bytes). What clients send is read by msgspec too, and what msgspec
refuses by the reader Engine.IO would have used. (msgspec reads integers of up to Python's
4,300 digits where that reader stopped at 100; no field takes such a number, and reading one
costs under 0.1 ms.)
"""

from __future__ import annotations

from typing import Any

import msgspec
from engineio import json as engineio_json
from socketio.packet import Packet


class PacketJson:
    """The ``json`` module python-socketio's packets call, with msgspec behind it."""

    @staticmethod
    def dumps(data: Any, **_options: Any) -> str:
        """UTF-8 JSON; text that is no UTF-8 (a lone surrogate echoed back in an error's
        detail) goes out escaped, as the standard ``json`` writes it."""
        try:
            return msgspec.json.encode(data).decode()
        except UnicodeEncodeError:
            return engineio_json.dumps(data, separators=(",", ":"))

    @staticmethod
    def loads(text: str | bytes, **_options: Any) -> Any:
        """msgspec first; what it refuses is read as before, by Engine.IO's ``json`` (which
        refuses integers of over 100 digits): JSON may carry lone surrogates ("\\udfff"),
        which msgspec does not read, and a name made of them must get its ``invalid_name``."""
        try:
            try:
                return msgspec.json.decode(text)
            except msgspec.DecodeError:
                return engineio_json.loads(text)
        except RecursionError as error:  # a frame nested too deep to read: malformed
            raise ValueError("packet nested too deep") from error


class GamePacket(Packet):
    """A Socket.IO packet of this game: JSON only (``bytes`` in a payload is a bug here)."""

    uses_binary_events = False
    json = PacketJson
