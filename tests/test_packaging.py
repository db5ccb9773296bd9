"""A wheel built from the repository installs into a fresh venv, captures a file and serves every main page.

Everything runs offline, from what the test venv already has:
- The wheel is built with `pip wheel --no-build-isolation --no-deps --no-index`, using the setuptools the test
  extra installs, from a copy of the checkout's sources in tmp (a build writes build/ and *.egg-info next to
  its sources; the checkout stays as it was).
- The fresh venv is made without pip, and a .pth file in its site-packages names the site-packages of the
  interpreter running the tests: the dependencies are found there. Python puts the venv's own site-packages
  first and appends the folders a .pth file names, and it reads no .pth file inside those folders, so the
  editable install's finder (which maps `app`, `archive`, `web`... back to the checkout) is never set up:
  our code can only come from the wheel. The test checks that it does.
- The wheel goes in with that pip (`python -m pip install --no-deps --no-index --ignore-installed`).
Every wait is bounded. It takes about 10 s and runs in the normal suite (`-m "not packaging"` skips it).
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.serving import fetch, served

REPO = Path(__file__).resolve().parents[1]
# Top-level entries of the checkout that are not inputs of the build (and may be large: venvs, bench/out).
NOT_BUILD_INPUTS = {".git", ".venv", "venv", ".ci", "bench", "build", "dist", "docs", "evidence-data", "samples",
                    "tests", ".pytest_cache", ".hypothesis"}
ARTICLE = ("<!doctype html><html lang=\"en\"><head><title>Drone exports in the wheel test</title></head><body>"
           "<article><h1>Drone exports in the wheel test</h1>"
           + "<p>Kazakhstan exported $1.23 million of drones to Russia in 2022, customs records show.</p>" * 6
           + "</article></body></html>")

pytestmark = pytest.mark.packaging


def _run(command: list, timeout: float, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=timeout,
                          **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _copy_sources(target: Path) -> None:
    """Copy what the build reads (pyproject.toml, README, app.py, the packages, templates/) to target."""
    target.mkdir()
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for entry in REPO.iterdir():
        if entry.name in NOT_BUILD_INPUTS or entry.name.endswith(".egg-info"):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, ignore=skip)
        else:
            shutil.copy2(entry, target / entry.name)


def _packages_in_checkout() -> set[str]:
    """Return the dotted names of the folders under archive/, ingest/ and web/ that hold Python or static files."""
    names = set()
    for top in ("archive", "ingest", "web"):
        for folder in [REPO / top, *(p for p in (REPO / top).rglob("*") if p.is_dir())]:
            if folder.name != "__pycache__" and any(p.is_file() and p.suffix != ".pyc" for p in folder.iterdir()):
                names.add(".".join(folder.relative_to(REPO).parts))
    return names


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the checkout."""
    work = tmp_path_factory.mktemp("wheel")
    _copy_sources(work / "src")
    _run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "--no-index",
          "--disable-pip-version-check", "-q", "-w", work / "dist", work / "src"], timeout=180)
    (built,) = (work / "dist").glob("evidence_archive-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed and the test venv's libraries behind it."""
    root = tmp_path_factory.mktemp("venv") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", root], timeout=120)
    python = root / "bin" / "python"
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], timeout=60).stdout.strip()
    libraries = [path for path in site.getsitepackages() if Path(path).is_dir()]
    (Path(purelib) / "test-venv-libraries.pth").write_text("\n".join(libraries) + "\n")
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed",
          "--disable-pip-version-check", "-q", wheel], timeout=180)
    return root


def _environment() -> dict[str, str]:
    """The environment for the installed commands: nothing that points back at the checkout."""
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("PYTHONPATH", "EVIDENCE_HOME") and not name.startswith("EVIDENCE_")}
    environment["PYTHONUNBUFFERED"] = "1"  # the served address is read from serve's first line
    return environment


def test_the_wheel_holds_every_package_with_its_templates_and_static_files(wheel):
    with zipfile.ZipFile(wheel) as built:
        names = set(built.namelist())
    packaged = {str(Path(name).parent).replace("/", ".") for name in names if "dist-info" not in name}
    missing = _packages_in_checkout() - packaged
    assert not missing, f"not in the wheel (add them to [tool.setuptools] packages in pyproject.toml): {missing}"
    templates = {p.name for p in (REPO / "templates").glob("*.html")}
    static = {p.name for p in (REPO / "web" / "static").iterdir() if p.is_file()}
    assert {f"web/templates/{name}" for name in templates} <= names
    assert {f"web/static/{name}" for name in static} <= names
    assert "app.py" in names


def test_the_installed_wheel_captures_and_serves_every_main_page(venv, tmp_path):
    python, evidence = venv / "bin" / "python", venv / "bin" / "evidence"
    environment = _environment()
    where = _run([python, "-c", "import app, archive, web; print(app.__file__, archive.__file__, web.TEMPLATES)"],
                 timeout=60, cwd=tmp_path, env=environment).stdout.split()
    assert all(Path(path).is_relative_to(venv) for path in where), f"not the wheel's code: {where}"

    home = tmp_path / "home"
    article = tmp_path / "drone-exports.html"
    article.write_text(ARTICLE)
    captured = _run([evidence, "--home", home, "ingest", "--json", article], timeout=120, cwd=tmp_path,
                    env=environment)
    assert json.loads(captured.stdout.splitlines()[0])["status"] == "captured"

    serve = [str(evidence), "--home", str(home), "serve", "--host", "127.0.0.1", "--port", "0"]
    with served(serve, tmp_path, environment) as base:
        pages = {
            "/": "Search", "/?q=drones": "Drone exports in the wheel test",
            "/captures": "Drone exports in the wheel test", "/captures/1": "Kazakhstan exported $1.23 million",
            "/claims": "<h1>Claims</h1>", "/add": "<h1>Add sources</h1>",
        }
        for path, expected in pages.items():
            status, kind, body = fetch(base + path)
            assert status == 200 and kind.startswith("text/html"), (path, status, body[:500])
            assert expected in body and "</html>" in body, (path, body[:2000])
        status, kind, body = fetch(base + "/static/style.css")
        assert status == 200 and kind.startswith("text/css")
        assert body == (REPO / "web" / "static" / "style.css").read_text()
        status, kind, body = fetch(base + "/api/captures")
        assert status == 200 and kind.startswith("application/json")
        assert [c["title"] for c in json.loads(body)["captures"]] == ["Drone exports in the wheel test"]
