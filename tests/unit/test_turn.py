"""TURN credentials (kletsborden/turn.py) and their settings (config.py)."""

from __future__ import annotations

import pytest

from kletsborden.config import Config, ConfigError
from kletsborden.turn import TurnServers, credential

# Computed apart from our code, with OpenSSL:
#   printf '%s' "1700003600:3f9a0c21b7de" | openssl dgst -sha1 -hmac "north-wind-7" -binary | base64
KNOWN = ("north-wind-7", "1700003600:3f9a0c21b7de", "Olmb++RhfeICvKOw5MWeXkQu+9A=")


def test_the_credential_is_coturns_use_auth_secret_password() -> None:
    secret, username, password = KNOWN
    assert credential(secret, username) == password


def test_a_participant_gets_an_expiring_username_for_our_own_servers() -> None:
    servers = TurnServers(("turn:turn.example.org:3478?transport=udp",), "north-wind-7", 3600)
    assert servers.ice_servers("3f9a0c21b7de", 1_700_000_000.9) == [
        {
            "urls": ["turn:turn.example.org:3478?transport=udp"],
            "username": KNOWN[1],
            "credential": KNOWN[2],
        }
    ]
    assert servers.ice_transport_policy == "all"


def test_no_servers_by_default_and_stun_needs_no_credentials() -> None:
    assert TurnServers().ice_servers("a", 0) == []
    assert TurnServers(("stun:stun.example.org",)).ice_servers("a", 0) == [
        {"urls": ["stun:stun.example.org"]}
    ]


def test_the_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TURN_URLS", "TURN_SECRET", "TURN_TTL_SECONDS", "TURN_RELAY_ONLY"):
        monkeypatch.delenv(f"KLETSBORDEN_{name}", raising=False)
    config = Config()
    assert (config.turn_urls, config.turn_secret, config.turn_relay_only) == ([], None, False)
    assert TurnServers.from_config(config.as_flask_config()) == TurnServers((), None, 6 * 3600)
    monkeypatch.setenv("KLETSBORDEN_TURN_URLS", " turn:a.example:3478 , turns:a.example:5349")
    monkeypatch.setenv("KLETSBORDEN_TURN_RELAY_ONLY", "1")
    monkeypatch.setenv("KLETSBORDEN_TURN_TTL_SECONDS", "600")
    with pytest.raises(ConfigError, match="KLETSBORDEN_TURN_SECRET"):
        TurnServers.from_config(Config().as_flask_config())
    monkeypatch.setenv("KLETSBORDEN_TURN_SECRET", "north-wind")
    with pytest.raises(ConfigError, match="at least 16 characters"):
        Config()  # a secret one could guess would let anyone mint relay credentials
    monkeypatch.setenv("KLETSBORDEN_TURN_SECRET", "north-wind-7-and-east")
    servers = TurnServers.from_config(Config().as_flask_config())
    assert servers == TurnServers(
        ("turn:a.example:3478", "turns:a.example:5349"), "north-wind-7-and-east", 600, True
    )
    assert servers.ice_transport_policy == "relay"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TURN_URLS", "https://turn.example.org"),
        ("TURN_URLS", "turn:a.example turn:b.example"),
        ("TURN_TTL_SECONDS", "10"),
        ("VOICE_MAX_PEERS", "1"),
        ("VOICE_MAX_PEERS", "acht"),
    ],
)
def test_a_wrong_setting_is_named(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(f"KLETSBORDEN_{name}", value)
    with pytest.raises(ConfigError, match=f"KLETSBORDEN_{name}"):
        Config()
