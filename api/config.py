"""The service's settings: the store's (:class:`graph.settings.StoreSettings`) and the
web's, read from ``GRENSWERK_*`` environment variables (and a ``.env`` file).

Outside development (``test`` and ``production``), unsafe defaults are refused: the
service must be given its own secret key (it signs the forms' CSRF tokens).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Literal, Self

from pydantic import Field, SecretStr, field_validator, model_validator

from graph.settings import StoreSettings

__all__ = ["DEV_SECRET", "Settings", "get_settings"]

DEV_SECRET = "dev-only-not-secret"


class Settings(StoreSettings):
    """Every setting Grenswerk reads; each is documented in ``docs/settings.md``."""

    environment: Literal["development", "test", "production"] = "development"
    secret_key: SecretStr = SecretStr(DEV_SECRET)
    max_upload_mb: int = Field(default=50, ge=1)
    #: the analysis cache's budget, and as much again for the views analyses share
    cache_mb: int = Field(default=128, ge=1)
    session_hours: float = Field(default=8.0, gt=0)
    failed_keys_per_address: int = Field(default=10, ge=1)
    failed_keys_global: int = Field(default=200, ge=1)
    failed_keys_window_s: float = Field(default=60.0, gt=0)
    #: proxies whose X-Forwarded-For/-Proto ``grenswerk serve`` believes (comma-separated
    #: addresses or networks, ``*`` for any); none by default
    trusted_proxies: str = ""
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, value: str) -> str:
        """Each entry an address, a network or ``*``, e.g. ``10.0.0.5, 172.16.0.0/12``."""
        entries = [e.strip() for e in value.split(",") if e.strip()]
        for entry in entries:
            if entry != "*":
                try:
                    ipaddress.ip_network(entry, strict=False)
                except ValueError:
                    raise ValueError(
                        f"GRENSWERK_TRUSTED_PROXIES: {entry!r} is not an address or a network"
                    ) from None
        return ",".join(entries)

    @model_validator(mode="after")
    def _refuse_unsafe_defaults(self) -> Self:
        if self.environment != "development":
            if self.secret_key.get_secret_value() == DEV_SECRET:
                raise ValueError(
                    f"GRENSWERK_SECRET_KEY must be set to a long random value outside "
                    f"development (GRENSWERK_ENVIRONMENT={self.environment}); make one with "
                    "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
                )
            if len(self.secret_key.get_secret_value()) < 32:
                raise ValueError("GRENSWERK_SECRET_KEY must be at least 32 characters")
        return self


@lru_cache
def get_settings() -> Settings:
    """The settings of the environment, read once."""
    return Settings()
