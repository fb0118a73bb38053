"""Documentation that must not fall behind the code (as datasette does it)."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from api.config import Settings
from cli.app import app

ROOT = Path(__file__).parents[1]


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`GRENSWERK_{name.upper()}`" in text, f"GRENSWERK_{name.upper()} undocumented"


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = get_command(app)
    names = list(command.commands)  # type: ignore[attr-defined]
    assert names
    for name in names:
        assert f"grenswerk {name}" in readme, f"'grenswerk {name}' is not in the README"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_code = readme.split("```")[1]
    assert "make run" in first_code and "make test" in first_code


def test_every_import_format_is_documented() -> None:
    from importers import FORMATS

    text = (ROOT / "docs" / "import-formats.md").read_text(encoding="utf-8")
    for fmt in FORMATS[1:]:
        assert f"`{fmt}`" in text
