"""Signed evidence: the archive's key, signed bundles and WARC exports, signed ledger checkpoints."""

import http.server
import json
import os
import socket
import sqlite3
import stat
import subprocess
import threading
import zipfile

import pytest

from archive.signing import KEY_FILE, digest_document, load_key, sha256_digest
from tests.documents import write


@pytest.fixture
def cited(evidence, tmp_path):
    """A home with one capture, one claim citing it; returns the home's key as `key show --json` gives it."""
    write(tmp_path / "a.md", "---\ntitle: Drone exports\n---\nKazakhstan exported $1.23 million of drones in 2022.")
    evidence("ingest", str(tmp_path / "a.md"))
    evidence("claim", "add", "Kazakhstan exported $1.23 million of drones")
    evidence("claim", "cite", "1", "1", "exported $1.23 million of drones")
    return json.loads(evidence("key", "show", "--json").output)


@pytest.fixture
def bundle_path(evidence, cited, tmp_path):
    out = tmp_path / "claim-1.zip"
    assert evidence("bundle", "1", str(out)).exit_code == 0
    return out


def _files(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def _zip(out, files: dict[str, bytes]):
    with zipfile.ZipFile(out, "w") as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return out


def _verify(evidence, path, *options) -> tuple[int, dict]:
    result = evidence("bundle", "verify", str(path), "--json", *options)
    return result.exit_code, json.loads(result.output)


def _kinds(report: dict) -> set[str]:
    return {p["kind"] for p in report["problems"]}


# -- the key ---------------------------------------------------------------------------------------


def test_key_is_made_once_private_and_reused(evidence, home):
    first = json.loads(evidence("key", "show", "--json").output)
    key_file = home / KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    created = key_file.read_bytes()
    again = json.loads(evidence("key", "show", "--json").output)
    assert again == first and key_file.read_bytes() == created
    assert first["algorithm"] == "Ed25519" and first["fingerprint"].startswith("sha256:")
    assert first["public_key_pem"].startswith("-----BEGIN PUBLIC KEY-----")


def test_key_show_prints_the_public_key_and_fingerprint(evidence):
    shown = evidence("key", "show")
    key = json.loads(evidence("key", "show", "--json").output)
    assert shown.exit_code == 0
    assert key["public_key"] in shown.output and key["fingerprint"] in shown.output
    assert "BEGIN PUBLIC KEY" in shown.output and "PRIVATE" not in shown.output


def test_key_readable_by_others_is_refused(evidence, home):
    evidence("key", "show")
    os.chmod(home / KEY_FILE, 0o644)
    result = evidence("key", "show")
    assert result.exit_code == 1
    assert "can be read or changed by other users" in result.output and "chmod 600" in result.output
    assert "Traceback" not in result.output


def test_key_from_the_environment(evidence, home, tmp_path, monkeypatch):
    elsewhere = load_key(tmp_path / "vault")  # a key kept outside the archive home
    monkeypatch.setenv("EVIDENCE_SIGNING_KEY", str(elsewhere.path))
    shown = json.loads(evidence("key", "show", "--json").output)
    assert shown["fingerprint"] == elsewhere.fingerprint and not (home / KEY_FILE).exists()
    monkeypatch.setenv("EVIDENCE_SIGNING_KEY", str(tmp_path / "missing.pem"))
    result = evidence("key", "show")
    assert result.exit_code == 1 and "cannot be read" in result.output


def test_a_file_that_is_no_key_is_refused(evidence, tmp_path, monkeypatch):
    junk = write(tmp_path / "junk.pem", "not a key")
    os.chmod(junk, 0o600)
    monkeypatch.setenv("EVIDENCE_SIGNING_KEY", str(junk))
    result = evidence("key", "show")
    assert result.exit_code == 1 and "is not an unencrypted PEM private key" in result.output


# -- bundles ---------------------------------------------------------------------------------------


def test_signed_bundle_verifies_with_the_embedded_key(evidence, bundle_path, cited):
    assert "manifest-digest.json" in _files(bundle_path)
    code, report = _verify(evidence, bundle_path)
    assert code == 0 and report["ok"] is True
    assert report["signature"]["fingerprint"] == cited["fingerprint"]
    said = evidence("bundle", "verify", str(bundle_path)).output
    assert cited["fingerprint"] in said and "the key it carries" in said


def test_signed_bundle_verifies_with_the_given_key(evidence, bundle_path, cited, tmp_path):
    pem = write(tmp_path / "published.pem", cited["public_key_pem"])
    shown = write(tmp_path / "key-show.txt", evidence("key", "show").output)
    for given in (cited["public_key"], cited["fingerprint"], str(pem), str(shown)):
        code, report = _verify(evidence, bundle_path, "--key", given)
        assert code == 0 and report["ok"] is True, given
    assert "the key given with --key" in evidence("bundle", "verify", str(bundle_path), "--key", str(pem)).output


def test_signature_follows_the_wacz_digest_format(bundle_path, cited):
    files = _files(bundle_path)
    document = json.loads(files["manifest-digest.json"])
    assert document["path"] == "manifest.json" and document["hash"] == sha256_digest(files["manifest.json"])
    signed = document["signedData"]
    assert set(signed) == {"hash", "created", "software", "version", "signature", "publicKey"}
    assert signed["hash"] == document["hash"] and signed["publicKey"] == cited["public_key"]


def test_altered_manifest_is_a_problem(evidence, bundle_path, tmp_path):
    files = _files(bundle_path)
    manifest = json.loads(files["manifest.json"])
    manifest["created_at"] = "2020-01-01T00:00:00.000000Z"
    files["manifest.json"] = json.dumps(manifest).encode()
    code, report = _verify(evidence, _zip(tmp_path / "x.zip", files))
    assert code == 1 and _kinds(report) == {"signature_mismatch"}


def test_altered_signature_is_a_problem(evidence, bundle_path, tmp_path):
    files = _files(bundle_path)
    document = json.loads(files["manifest-digest.json"])
    signature = bytearray(document["signedData"]["signature"].encode())
    signature[5] = ord("A") if signature[5] != ord("A") else ord("B")
    document["signedData"]["signature"] = signature.decode()
    files["manifest-digest.json"] = json.dumps(document).encode()
    code, report = _verify(evidence, _zip(tmp_path / "x.zip", files))
    assert code == 1 and _kinds(report) == {"signature_invalid"}


def test_missing_signature_is_a_problem(evidence, bundle_path, tmp_path):
    files = _files(bundle_path)
    del files["manifest-digest.json"]
    code, report = _verify(evidence, _zip(tmp_path / "x.zip", files))
    assert code == 1 and _kinds(report) == {"signature_missing"}
    files["manifest-digest.json"] = b'{"path": "manifest.json", "signedData": []}'
    code, report = _verify(evidence, _zip(tmp_path / "y.zip", files))
    assert code == 1 and _kinds(report) == {"signature_malformed"}


def test_bundle_signed_by_another_key_is_a_problem(evidence, bundle_path, cited, tmp_path):
    files = _files(bundle_path)
    forger = load_key(tmp_path / "forger")
    files["manifest-digest.json"] = digest_document("manifest.json", sha256_digest(files["manifest.json"]), forger)
    forged = _zip(tmp_path / "x.zip", files)
    code, report = _verify(evidence, forged, "--key", cited["public_key"])
    assert code == 1 and _kinds(report) == {"signature_other_key"}
    # Without --key it verifies, naming the forger's key for the reader to compare with the published one.
    code, report = _verify(evidence, forged)
    assert code == 0 and report["signature"]["fingerprint"] == forger.fingerprint != cited["fingerprint"]


def test_a_key_that_is_no_key_is_one_sentence(evidence, bundle_path):
    result = evidence("bundle", "verify", str(bundle_path), "--key", "not a key")
    assert result.exit_code == 2 and "--key must be a public key" in result.output


def test_web_bundle_is_signed_with_the_archive_key(home, cited):
    from app import create_app

    client = create_app({"EVIDENCE_HOME": str(home), "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False}).test_client()
    response = client.get("/claims/1/bundle")
    assert response.status_code == 200
    import io
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        signed = json.loads(bundle.read("manifest-digest.json"))["signedData"]
    assert signed["publicKey"] == cited["public_key"]


# -- WARC exports ----------------------------------------------------------------------------------


def test_warc_export_signature_verifies_and_fails_when_altered(evidence, cited, tmp_path):
    out = tmp_path / "all.warc.gz"
    exported = evidence("export", "--warc", str(out), "--all")
    assert exported.exit_code == 0 and f"{out}.sig.json" in exported.output
    checked = evidence("key", "verify", str(out), "--key", cited["fingerprint"], "--json")
    assert checked.exit_code == 0 and json.loads(checked.output)["signature"]["fingerprint"] == cited["fingerprint"]
    assert "OK:" in evidence("key", "verify", str(out)).output
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 1
    out.write_bytes(bytes(data))
    altered = evidence("key", "verify", str(out), "--json")
    assert altered.exit_code == 1 and json.loads(altered.output)["problem"]["kind"] == "signature_mismatch"


def test_warc_export_without_or_with_another_signature(evidence, cited, tmp_path):
    out = tmp_path / "all.warc.gz"
    evidence("export", "--warc", str(out), "--all")
    other = load_key(tmp_path / "other").fingerprint
    result = evidence("key", "verify", str(out), "--key", other, "--json")
    assert result.exit_code == 1 and json.loads(result.output)["problem"]["kind"] == "signature_other_key"
    os.unlink(f"{out}.sig.json")
    result = evidence("key", "verify", str(out))
    assert result.exit_code == 1 and "PROBLEM signature_missing" in result.output


# -- ledger checkpoints ----------------------------------------------------------------------------


def test_checkpoint_signed_listed_and_verified(evidence, cited):
    made = json.loads(evidence("ledger", "checkpoint", "--json").output)
    assert made["entries"] == 3 and made["fingerprint"] == cited["fingerprint"] and made["ok"] is True
    evidence("claim", "add", "Another claim")  # the archive grows after the checkpoint
    result = evidence("verify", "--json")
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["checked"]["checkpoints"] == 1
    assert [(c["id"], c["entries"], c["hash"], c["ok"]) for c in report["checkpoints"]] == [
        (1, 3, made["hash"], True)]
    said = evidence("verify").output
    assert f"Checkpoint #1 {made['created_at']}: 3 entries, head {made['hash']}" in said and ": holds" in said


def test_checkpoint_edited_in_the_catalog_is_a_problem(evidence, cited, home):
    evidence("ledger", "checkpoint")
    with sqlite3.connect(home / "catalog.db") as db:
        db.execute("UPDATE checkpoints SET entries = 2, hash = (SELECT hash FROM ledger WHERE seq = 2)")
    result = evidence("verify", "--json")
    report = json.loads(result.output)
    assert result.exit_code == 1
    assert [(p["kind"], p["id"]) for p in report["problems"]] == [("checkpoint_changed", "checkpoint 1")]


def test_checkpoint_whose_head_is_not_in_the_chain_is_a_problem(evidence, cited, home):
    from archive.checkpoints import statement

    key = load_key(home)
    with sqlite3.connect(home / "catalog.db") as db:
        archive_id = db.execute("SELECT value FROM archive WHERE key = 'id'").fetchone()[0]
        for entries in (2, 9):  # a hash the chain never had at entry 2; an entry the chain does not reach
            digest, at = "ab" * 32, "2026-01-01T00:00:00.000000Z"
            db.execute("INSERT INTO checkpoints (archive_id, entries, hash, created_at, signature, public_key) "
                       "VALUES (?, ?, ?, ?, ?, ?)", [archive_id, entries, digest, at,
                                                     key.sign(statement(archive_id, entries, digest, at)),
                                                     key.public_key])
    result = evidence("verify", "--json")
    report = json.loads(result.output)
    assert result.exit_code == 1
    assert [(p["kind"], p["id"]) for p in report["problems"]] == [("checkpoint_not_in_chain", "checkpoint 1"),
                                                                 ("checkpoint_not_in_chain", "checkpoint 2")]


def test_checkpoint_signed_by_another_key_is_a_problem(evidence, cited, home, tmp_path, monkeypatch):
    evidence("ledger", "checkpoint")
    monkeypatch.setenv("EVIDENCE_SIGNING_KEY", str(load_key(tmp_path / "other").path))
    result = evidence("verify", "--json")
    assert result.exit_code == 1
    assert [p["kind"] for p in json.loads(result.output)["problems"]] == ["checkpoint_other_key"]


# -- trusted timestamps (RFC 3161) from a local authority -------------------------------------------

TSA_CONFIG = """[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {folder}/serial
signer_cert = {folder}/tsa.pem
signer_key = {folder}/tsa.key
certs = {folder}/tsa.pem
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
ess_cert_id_alg = sha256
[ tsa_ext ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
"""


def _openssl(*arguments, cwd):
    subprocess.run(["openssl", *arguments], cwd=cwd, check=True, capture_output=True)


def _make_ca(folder, name: str):
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
             f"{name}.key", "-out", f"{name}.pem", "-days", "2", "-subj", f"/CN=Test {name}", cwd=folder)
    return folder / f"{name}.pem"


@pytest.fixture(scope="module")
def tsa(tmp_path_factory):
    """A time-stamping authority on 127.0.0.1: `openssl ts -reply` behind a small HTTP server, with a throwaway
    CA and TSA certificate; yields (url, the CA's certificate, another CA's certificate)."""
    folder = tmp_path_factory.mktemp("tsa")
    (folder / "tsa.cnf").write_text(TSA_CONFIG.format(folder=folder))
    (folder / "serial").write_text("01\n")
    ca = _make_ca(folder, "ca")
    other_ca = _make_ca(folder, "other-ca")
    _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "tsa.key",
             "-out", "tsa.csr", "-subj", "/CN=Test TSA", cwd=folder)
    _openssl("x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "tsa.pem", "-days", "2", "-extfile", "tsa.cnf", "-extensions", "tsa_ext", cwd=folder)
    answering = threading.Lock()

    class Authority(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            query = self.rfile.read(int(self.headers["Content-Length"]))
            with answering:
                (folder / "query.tsq").write_bytes(query)
                _openssl("ts", "-reply", "-config", "tsa.cnf", "-queryfile", "query.tsq", "-out", "reply.tsr",
                         cwd=folder)
                reply = (folder / "reply.tsr").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Authority)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tsa", ca, other_ca
    server.shutdown()
    server.server_close()


def test_timestamped_bundle_verifies_against_the_authority(evidence, cited, tsa, tmp_path, monkeypatch):
    url, ca, other_ca = tsa
    monkeypatch.setenv("EVIDENCE_TSA_URL", url)
    out = tmp_path / "stamped.zip"
    assert evidence("bundle", "1", str(out)).exit_code == 0
    document = json.loads(_files(out)["manifest-digest.json"])
    assert document["timestamp"]["tsa"] == url and document["timestamp"]["token"]
    code, report = _verify(evidence, out, "--tsa-ca", str(ca))
    assert code == 0 and report["signature"]["tsa"] == url
    assert report["signature"]["timestamped_at"][:10] == report["signature"]["created"][:10]
    said = evidence("bundle", "verify", str(out), "--tsa-ca", str(ca)).output
    assert f"by {url}." in said and "Timestamped " in said
    # A timestamp from an authority the reader does not trust does not verify.
    code, report = _verify(evidence, out, "--tsa-ca", str(other_ca))
    assert code == 1 and _kinds(report) == {"timestamp_invalid"}


def test_timestamp_of_another_signature_is_a_problem(evidence, cited, tsa, tmp_path, monkeypatch):
    url, ca, _other = tsa
    monkeypatch.setenv("EVIDENCE_TSA_URL", url)
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    evidence("bundle", "1", str(first))
    evidence("bundle", "1", str(second))
    files = _files(second)
    document = json.loads(files["manifest-digest.json"])
    document["timestamp"] = json.loads(_files(first)["manifest-digest.json"])["timestamp"]  # moved across
    files["manifest-digest.json"] = json.dumps(document).encode()
    code, report = _verify(evidence, _zip(tmp_path / "x.zip", files), "--tsa-ca", str(ca))
    assert code == 1 and _kinds(report) == {"timestamp_invalid"}


def test_timestamped_checkpoint_is_verified(evidence, cited, tsa, home, monkeypatch):
    url, ca, other_ca = tsa
    monkeypatch.setenv("EVIDENCE_TSA_URL", url)
    made = json.loads(evidence("ledger", "checkpoint", "--json").output)
    assert made["tsa"] == url and made["timestamp_token"]
    monkeypatch.setenv("EVIDENCE_TSA_CA", str(ca))
    report = json.loads(evidence("verify", "--json").output)
    assert report["ok"] is True and report["checkpoints"][0]["timestamped_at"]
    monkeypatch.setenv("EVIDENCE_TSA_CA", str(other_ca))
    result = evidence("verify", "--json")
    assert result.exit_code == 1
    assert [p["kind"] for p in json.loads(result.output)["problems"]] == ["checkpoint_timestamp_invalid"]


def test_authority_that_does_not_answer_is_one_sentence(evidence, cited, tmp_path, monkeypatch):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("EVIDENCE_TSA_URL", f"http://127.0.0.1:{port}/tsa")
    result = evidence("bundle", "1", str(tmp_path / "x.zip"))
    assert result.exit_code == 1 and "did not answer" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.zip").exists()
