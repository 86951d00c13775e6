"""ICE servers for the voice table: our own STUN/TURN only, with short-lived TURN credentials.

The credentials follow the TURN REST API scheme that coturn checks with ``use-auth-secret``:
the username is ``<expiry unix time>:<participant>`` and the password is the base64 of
HMAC-SHA1 over that username with the shared ``static-auth-secret``. coturn needs no call from
us: it recomputes the password and refuses an expired username. Without configured URLs the list
is empty (browsers then connect directly, which works on a LAN); there is never a third-party
default.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from .config import ConfigError


@dataclass(frozen=True)
class TurnServers:
    urls: tuple[str, ...] = ()
    secret: str | None = None
    ttl_seconds: int = 0
    relay_only: bool = False  # tests: browsers must go through the relay

    @classmethod
    def from_config(cls, config: Any) -> TurnServers:
        urls = tuple(config.get("KLETSBORDEN_TURN_URLS") or ())
        secret = config.get("KLETSBORDEN_TURN_SECRET") or None
        if secret is None and any(u.lower().startswith(("turn:", "turns:")) for u in urls):
            raise ConfigError(
                "KLETSBORDEN_TURN_SECRET must be set (coturn's static-auth-secret) "
                "when KLETSBORDEN_TURN_URLS names a turn: or turns: server"
            )
        return cls(
            urls,
            secret,
            int(config.get("KLETSBORDEN_TURN_TTL_SECONDS") or 0),
            bool(config.get("KLETSBORDEN_TURN_RELAY_ONLY")),
        )

    def ice_servers(self, participant: str, now: float) -> list[dict[str, Any]]:
        """The ``RTCIceServer`` list for one participant, valid from ``now`` for the TTL."""
        if not self.urls:
            return []
        if self.secret is None:  # STUN only: no credentials needed
            return [{"urls": list(self.urls)}]
        username = f"{int(now) + self.ttl_seconds}:{participant}"
        return [
            {
                "urls": list(self.urls),
                "username": username,
                "credential": credential(self.secret, username),
            }
        ]

    @property
    def ice_transport_policy(self) -> str:
        return "relay" if self.relay_only else "all"


def credential(secret: str, username: str) -> str:
    """coturn's ``use-auth-secret`` password for ``username``."""
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")
