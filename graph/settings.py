"""The store's settings, read from ``GRENSWERK_*`` environment variables (and a ``.env``
file): where the data lives and which backend holds it.

The web's settings (secret key, upload limit, sessions, failed-key limits, host and port)
are the API's: :class:`api.config.Settings` adds them to these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["StoreSettings"]


class StoreSettings(BaseSettings):
    """Every setting the store reads; each is documented in ``docs/settings.md``."""

    model_config = SettingsConfigDict(env_prefix="GRENSWERK_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("grenswerk-data"))
    store: Literal["sqlite", "neo4j"] = "sqlite"
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    sqlite_busy_timeout_s: float = Field(default=5.0, ge=0)
    # analysts' read-only Cypher (graph/store/query): limits of one query
    query_timeout_s: float = Field(default=10.0, gt=0, le=600)
    query_row_limit: int = Field(default=1000, ge=1, le=100_000)
    query_memory_mb: int = Field(default=2048, ge=128)
    query_workspaces: int = Field(default=4, ge=1, le=64)
    # e-mail for survey invitations: nothing is ever sent unless smtp_host is given
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = None

    @model_validator(mode="after")
    def _needs_an_address(self) -> Self:
        if self.store == "neo4j" and not self.neo4j_uri:
            raise ValueError("GRENSWERK_STORE=neo4j needs GRENSWERK_NEO4J_URI")
        return self

    @property
    def smtp_configured(self) -> bool:
        """Whether survey invitations can be sent by e-mail (a host and a sender)."""
        return bool(self.smtp_host and self.smtp_from)

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "grenswerk.sqlite3"
