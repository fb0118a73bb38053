"""``grenswerk serve`` trusts ``X-Forwarded-For`` only from the proxies it is told of
(issue 21, point 7): behind no proxy, a client that rotates the header is still one
address to the limit on failed key checks."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.served import served

pytestmark = pytest.mark.slow

LIMITS = {
    "GRENSWERK_FAILED_KEYS_PER_ADDRESS": "3",
    "GRENSWERK_FAILED_KEYS_GLOBAL": "1000",
    "GRENSWERK_ENVIRONMENT": "development",
}


def _statuses(url: str, forwarded: list[str]) -> list[int]:
    """The answers to a wrong key sent with each ``X-Forwarded-For`` in turn."""
    found = []
    for address in forwarded:
        request = urllib.request.Request(
            f"{url}/api/workspaces",
            headers={"Authorization": "Bearer gw_wrong", "X-Forwarded-For": address},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                found.append(response.status)
        except urllib.error.HTTPError as refused:
            found.append(refused.code)
    return found


def test_forwarded_headers_are_not_trusted_without_a_proxy(tmp_path: Path) -> None:
    rotating = [f"198.51.100.{i}" for i in range(8)]
    with served(tmp_path / "data", {**LIMITS, "GRENSWERK_TRUSTED_PROXIES": ""}) as (_, url):
        assert _statuses(url, rotating) == [401] * 3 + [429] * 5


def test_forwarded_headers_of_a_configured_proxy_are_read(tmp_path: Path) -> None:
    rotating = [f"198.51.100.{i}" for i in range(8)]
    env = {**LIMITS, "GRENSWERK_TRUSTED_PROXIES": "127.0.0.1"}
    with served(tmp_path / "data", env) as (_, url):
        assert _statuses(url, rotating) == [401] * 8  # eight clients behind the proxy
        assert _statuses(url, ["203.0.113.9"] * 4) == [401] * 3 + [429]


def test_the_setting_takes_addresses_and_networks_only() -> None:
    from api.config import Settings

    assert Settings(trusted_proxies=" 10.0.0.5, 172.16.0.0/12 ").trusted_proxies == (
        "10.0.0.5,172.16.0.0/12"
    )
    with pytest.raises(ValueError, match="'proxy.example' is not an address"):
        Settings(trusted_proxies="proxy.example")
