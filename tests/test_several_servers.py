"""Several `evidence serve` processes on one PostgreSQL database and one S3 bucket, as a desk runs them behind a
proxy (docs/deployment.md): two real servers, each with a home of its own (two machines), driven at once over
HTTP on 127.0.0.1 with uploads, claims, citations and searches. Then: no capture lost, none twice for the same
bytes, every original in the bucket, the ledger unbroken (`evidence verify`), and each server's searches and
citations reaching captures committed through the other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.postgres import fresh_database
from tests.s3_server import shared_server
from tests.serving import served

REPO = Path(__file__).resolve().parents[1]
UPLOADS = 12  # different notes each server takes
SHARED = 4  # notes both servers take at once: each must become one capture
WAIT = 180


@pytest.fixture
def backends() -> dict[str, str]:
    """The environment of an archive on a fresh database and a fresh bucket (no other EVIDENCE_ or AWS_ variable)."""
    server = shared_server()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EVIDENCE_", "AWS_"))}
    env.update(server.environ(), EVIDENCE_DATABASE_URL=fresh_database(),
               EVIDENCE_BLOB_URL=f"s3://{server.new_bucket()}/desk", PYTHONUNBUFFERED="1")
    return env


def serve(home: Path, env: dict[str, str]):
    return served([sys.executable, "-m", "app", "--home", str(home), "serve", "--port", "0"], REPO, env,
                  timeout=WAIT)


def call(base: str, method: str, path: str, payload: dict | None = None) -> tuple[int, dict]:
    """Send a JSON request; return the status and the JSON answer (errors included)."""
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    return _answer(request)


def upload(base: str, name: str, body: bytes) -> tuple[int, dict]:
    """Upload a file as the Add page does (multipart field `file`); return the status and the JSON answer."""
    boundary = uuid.uuid4().hex
    data = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/plain\r\n\r\n").encode() + body + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/api/captures", data=data, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-Requested-With": "test"})
    return _answer(request)


def _answer(request: urllib.request.Request) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def note(server: str, n: int) -> bytes:
    return f"Desk note {server}{n}: a shipment of drone parts, crate {n * 7919}, marker {server}marker{n}.\n".encode()


def test_two_servers_on_one_database_and_bucket_lose_nothing_and_see_each_other(tmp_path, backends):
    with serve(tmp_path / "machine-a", backends) as a, serve(tmp_path / "machine-b", backends) as b:
        servers = {"a": a, "b": b}

        def work(name: str) -> dict:
            """What one desk does through one server: uploads (some the other desk uploads too), a claim."""
            base, done = servers[name], {"captured": {}, "shared": []}
            for n in range(UPLOADS):
                status, answer = upload(base, f"{name}-{n}.txt", note(name, n))
                assert status == 201, answer
                done["captured"][n] = answer["capture"]
                if n % 3 == 0:  # the shared notes, interleaved with the others
                    status, answer = upload(base, f"shared-{n // 3}.txt", note("shared", n // 3))
                    assert status in (200, 201), answer
                    done["shared"].append(answer)
            status, claim = call(base, "POST", "/api/claims", {"text": f"Desk {name} says drones were shipped"})
            assert status == 201, claim
            done["claim"] = claim
            return done

        with ThreadPoolExecutor(2) as pool:
            done = dict(zip(servers, pool.map(work, servers)))

        # Each server cites, and finds, captures that were committed through the other.
        for name, other in (("a", "b"), ("b", "a")):
            base, theirs = servers[name], done[other]["captured"][UPLOADS - 1]
            status, cited = call(base, "POST", "/api/citations", {
                "claim_id": done[name]["claim"]["id"], "capture_id": theirs["id"], "quote": "a shipment of drone parts"})
            assert status == 201, cited
        for name, other in (("a", "b"), ("b", "a")):
            base, theirs = servers[name], done[other]["captured"][UPLOADS - 1]
            status, found = call(base, "GET", f"/api/search?q={other}marker{UPLOADS - 1}")
            assert status == 200 and [hit["capture_id"] for hit in found["hits"]] == [theirs["id"]], found
            status, found = call(base, "GET", "/api/search?q=shipment&limit=100")
            assert found["total"] == 2 * UPLOADS + SHARED and found["not_indexed"] == 0
            status, claim = call(base, "GET", f"/api/claims/{done[other]['claim']['id']}")
            assert [(c["capture_id"], c["verified"]) for c in claim["citations"]] == [
                (done[name]["captured"][UPLOADS - 1]["id"], True)]  # cited through the other server

        shared = [answer for desk in done.values() for answer in desk["shared"]]
        assert sorted(answer["status"] for answer in shared).count("captured") == SHARED  # once each, whoever won
        assert len({answer["capture"]["id"] for answer in shared}) == SHARED
        status, listed = call(a, "GET", "/api/captures?limit=500")
        captures = listed["captures"]
        assert listed["total"] == len(captures) == 2 * UPLOADS + SHARED
        assert len({capture["sha256"] for capture in captures}) == len(captures)  # no bytes twice

    bucket, prefix = backends["EVIDENCE_BLOB_URL"].removeprefix("s3://").split("/", 1)
    pages = shared_server().client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"{prefix}/")
    stored = {item["Key"].rpartition("/")[2] for page in pages for item in page.get("Contents", ())}
    assert stored == {capture["sha256"] for capture in captures}

    verified = subprocess.run([sys.executable, "-m", "app", "--home", str(tmp_path / "machine-b"), "verify", "--json"],
                              capture_output=True, text=True, env=backends, cwd=REPO, timeout=WAIT)
    report = json.loads(verified.stdout)
    assert verified.returncode == 0 and report["ok"], report["problems"]
    assert report["checked"]["captures"] == 2 * UPLOADS + SHARED
    # Every capture, claim and citation is one ledger entry, whichever server wrote it.
    assert report["checked"]["ledger_entries"] >= 2 * UPLOADS + SHARED + 2 + 2
