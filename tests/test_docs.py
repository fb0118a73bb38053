"""Documentation that must not fall behind the code (as datasette's tests/test_docs.py
does it): one test per setting, command and API operation, so each failure names what
is undocumented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from api.app import create_app
from api.config import Settings
from cli.app import app
from tests.api.conftest import TEST_SECRET

ROOT = Path(__file__).parents[1]
SETTINGS_DOC = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
API_DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str = "grenswerk") -> list[str]:
    found = []
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):  # a group (typer may bring its own click)
            found.extend(_commands(command, f"{prefix} {name}"))
        else:
            found.append(f"{prefix} {name}")
    return found


COMMANDS = _commands(get_command(app))
OPERATIONS = [
    (method.upper(), path, operation["x-required-role"])
    for path, methods in create_app(Settings(environment="test", secret_key=TEST_SECRET))
    .openapi()["paths"]
    .items()
    for method, operation in methods.items()
]


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_setting_is_documented(name: str) -> None:
    variable = f"GRENSWERK_{name.upper()}"
    assert re.search(rf"^\| `{variable}` \|", SETTINGS_DOC, re.M), f"{variable} undocumented"


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_in_the_readme(command: str) -> None:
    assert f"{command} " in README or f"{command}\n" in README, f"'{command}' not in the README"


@pytest.mark.parametrize(
    ("method", "path", "role"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS]
)
def test_operation_is_in_docs_api(method: str, path: str, role: str) -> None:
    row = re.search(rf"^\| `{re.escape(method)} {re.escape(path)}` \| ([^|]+) \|", API_DOC, re.M)
    assert row, f"{method} {path} is not in docs/api.md"
    assert row.group(1).split()[0] == role, (
        f"docs/api.md gives {row.group(1)!r}, the route needs {role!r}"
    )


def test_the_lists_are_not_empty() -> None:
    assert len(COMMANDS) >= 14 and len(OPERATIONS) >= 25 and len(Settings.model_fields) >= 15


def test_readme_starts_with_the_two_commands() -> None:
    first_code = README.split("```")[1]
    assert "make run" in first_code and "make test" in first_code


def test_every_import_format_is_documented() -> None:
    from importers import FORMATS

    text = (ROOT / "docs" / "import-formats.md").read_text(encoding="utf-8")
    for fmt in FORMATS[1:]:
        assert f"`{fmt}`" in text
