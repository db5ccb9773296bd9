"""The docs cover every command and every API route the code has."""

import re
from pathlib import Path

import click

from app import cli, create_app

DOCS = Path(__file__).parents[1] / "docs"


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix}{name} ")
        elif name == getattr(group, "default_command", None):
            names.append(prefix.strip())  # documented as the group itself: `evidence bundle CLAIM_ID OUT.zip`
        else:
            names.append(f"{prefix}{name}")
    return names


def test_every_command_is_documented():
    text = (DOCS / "cli.md").read_text()
    for name in _commands(cli):
        assert f"## `evidence {name}" in text, f"evidence {name} is not in docs/cli.md"


def test_every_api_route_is_documented(tmp_path):
    text = (DOCS / "api.md").read_text()
    app = create_app({"EVIDENCE_HOME": str(tmp_path), "SECRET_KEY": "x"})
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:int:)?(\w+)>", r"<\1>", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert f"`{method} {path}`" in text, f"{method} {path} is not in docs/api.md"


def test_readme_names_the_two_commands():
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    assert "pip install -e . && .venv/bin/evidence ingest samples && .venv/bin/evidence serve" in readme
    assert ".venv/bin/python -m pytest" in readme
