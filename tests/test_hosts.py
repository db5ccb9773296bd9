"""The Host header must name this server: a DNS-rebinding page cannot act as the local user."""

import http.client
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import create_app

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = {"Host": "attacker.example"}


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:5000", "127.0.0.1.attacker.example",
                                  "localhost.attacker.example", "[::2]:5000", "", "exa mple"])
def test_a_write_naming_another_host_is_refused_and_nothing_is_written(client, host):
    response = client.post("/api/claims", json={"text": "Written by a rebinding page"}, headers={"Host": host})
    assert response.status_code == 400 and "host name" in response.json["error"]
    assert "EVIDENCE_ALLOWED_HOSTS" in response.json["error"]
    assert client.get("/api/claims").json["claims"] == []


def test_reads_and_pages_naming_another_host_are_refused(client):
    assert client.get("/api/claims", headers=HOSTILE).status_code == 400
    page = client.get("/", headers=HOSTILE)
    assert page.status_code == 400 and "does not answer to the host name attacker.example" in page.text
    assert client.post("/claims", data={"text": "x"}, headers=HOSTILE).status_code == 400


@pytest.mark.parametrize("host", ["localhost", "localhost:5000", "127.0.0.1", "127.0.0.1:8080", "[::1]:5000",
                                  "LOCALHOST:5000"])
def test_loopback_names_are_served(client, host):
    assert client.post("/api/claims", json={"text": "A claim"}, headers={"Host": host}).status_code == 201


def test_configured_names_are_served(tmp_path, monkeypatch):
    monkeypatch.setenv("EVIDENCE_ALLOWED_HOSTS", "archive.newsroom.example, evidence.lan")
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "h"), "SECRET_KEY": "t"})
    client = app.test_client()
    for host in ("archive.newsroom.example", "evidence.lan:8000", "localhost"):
        assert client.get("/api/claims", headers={"Host": host}).status_code == 200, host
    assert client.get("/api/claims", headers=HOSTILE).status_code == 400


def test_the_address_serve_listens_on_is_served(tmp_path):
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "h"), "SECRET_KEY": "t",
                      "SERVED_HOST": "192.0.2.10"})
    client = app.test_client()
    assert client.get("/api/claims", headers={"Host": "192.0.2.10:5000"}).status_code == 200
    assert client.get("/api/claims", headers={"Host": "192.0.2.11:5000"}).status_code == 400
    everywhere = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "h"), "SECRET_KEY": "t",
                             "SERVED_HOST": "0.0.0.0"}).test_client()
    assert everywhere.get("/api/claims", headers={"Host": "192.0.2.11:5000"}).status_code == 200
    assert everywhere.get("/api/claims", headers=HOSTILE).status_code == 400


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(port: int, method: str, path: str, host: str, body: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True)
        connection.putheader("Host", host)
        data = json.dumps(body).encode() if body is not None else b""
        if body is not None:
            connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_serve_refuses_a_rebinding_write_over_real_http(tmp_path):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "app", "--home", str(tmp_path / "home"), "serve",
                               "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):  # up to 30 s for the server to start listening
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.1)
        status, body = _request(port, "POST", "/api/claims", "attacker.example", {"text": "Rebound"})
        assert status == 400 and b"host name attacker.example" in body
        status, body = _request(port, "POST", "/api/claims", f"127.0.0.1:{port}", {"text": "Mine"})
        assert status == 201
        status, body = _request(port, "GET", "/api/claims", f"localhost:{port}")
        assert status == 200 and [c["text"] for c in json.loads(body)["claims"]] == ["Mine"]
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stderr.close()
