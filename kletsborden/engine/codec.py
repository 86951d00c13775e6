"""Turn engine values into JSON-ready data and back, driven by their type hints.

One codec for every engine dataclass, so the store saves states and the service sends snapshots
without knowing their fields; ``decode(RoomState, encode(state)) == state`` always holds.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(kind: Any, data: Any) -> Any:
    """Rebuild a value of type ``kind`` from ``encode``'s output; raises ValueError on mismatch."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        (inner,) = [o for o in options if o is not type(None)]
        return decode(inner, data)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(decode(item, v) for v in _expect(data, list))
    if origin is dict:
        key, item = typing.get_args(kind)
        return {decode(key, k): decode(item, v) for k, v in _expect(data, dict).items()}
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        fields = _expect(data, dict)
        return kind(**{name: decode(hints[name], fields[name]) for name in fields})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is float:
        return float(_expect(data, (int, float)))
    return _expect(data, kind)


def _expect(data: Any, kind: Any) -> Any:
    if not isinstance(data, kind) or (isinstance(data, bool) and kind in (int, (int, float))):
        raise ValueError(f"expected {kind}, got {type(data).__name__}")
    return data
