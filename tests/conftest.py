"""Shared fixtures: a real archive in tmp_path, the CLI runner, a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from app import cli
from archive.archive import Archive
from tests.local_server import LocalServer

# ../shared/corpus next to the checkout; EVIDENCE_TEST_CORPUS points elsewhere (a checkout in another folder).
SHARED_CORPUS = Path(os.environ.get("EVIDENCE_TEST_CORPUS")
                     or Path(__file__).resolve().parents[2] / "shared" / "corpus")


@pytest.fixture
def archive(tmp_path):
    """A real archive home in a temporary folder."""
    opened = Archive(tmp_path / "archive")
    yield opened
    opened.close()


@pytest.fixture
def home(tmp_path) -> Path:
    """An archive home folder for command-line tests."""
    return tmp_path / "home"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def evidence(runner, home):
    """Run `evidence --home HOME ARGS...` and return click's Result."""
    def run(*args: str, input: str | None = None):
        return runner.invoke(cli, ["--home", str(home), *args], input=input, catch_exceptions=False)
    return run


@pytest.fixture
def http_server():
    server = LocalServer()
    yield server
    server.close()


@pytest.fixture
def corpus() -> Path:
    """The shared third-party corpus; tests using it skip cleanly when it is absent."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return SHARED_CORPUS


@pytest.fixture
def app(tmp_path):
    """The Flask app on a fresh archive home; CSRF off as in flaskr's tests (one test turns it on)."""
    from app import create_app

    flask_app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "web-home"),
                            "WTF_CSRF_ENABLED": False, "ALLOW_PRIVATE_URLS": True, "SECRET_KEY": "test"})
    yield flask_app


@pytest.fixture
def client(app):
    return app.test_client()
