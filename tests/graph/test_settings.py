"""Settings: GRENSWERK_* variables, unsafe defaults refused outside development."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from api.config import Settings


def test_development_defaults() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.store == "sqlite" and str(settings.data_dir) == "grenswerk-data"


def test_production_refuses_the_dev_secret() -> None:
    with pytest.raises(ValidationError, match="GRENSWERK_SECRET_KEY"):
        Settings(environment="production")
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(environment="production", secret_key=SecretStr("short"))
    ok = Settings(environment="production", secret_key=SecretStr("x" * 40))
    assert ok.environment == "production"


def test_neo4j_needs_a_uri() -> None:
    with pytest.raises(ValidationError, match="GRENSWERK_NEO4J_URI"):
        Settings(store="neo4j")


def test_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRENSWERK_DATA_DIR", "/tmp/elsewhere")
    monkeypatch.setenv("GRENSWERK_MAX_UPLOAD_MB", "5")
    settings = Settings()
    assert str(settings.data_dir) == "/tmp/elsewhere" and settings.max_upload_mb == 5
