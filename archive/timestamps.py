"""Trusted timestamps (RFC 3161): a time-stamping authority's signed word that a signature existed at a time.

What is stamped is the signature itself (as WACZ's `timeSignature` stamps `signature`): the SHA-256 of its
bytes. Requests and checks go through OpenSSL's `ts` command. `openssl ts -verify` makes the whole check a
token needs: the CMS signature, the TSA certificate's timeStamping purpose and its chain to a trusted CA, the
hash stamped. asn1crypto would only parse the token, and rfc3161ng checks its signature against one given
certificate; either leaves the chain to code of our own. The cost: the `openssl` command must be installed
where a timestamp is requested or checked.
"""

from __future__ import annotations

import base64
import hashlib
import re
import ssl
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from archive.clock import format_timestamp
from archive.errors import TimestampError

TIMEOUT = 20.0  # seconds a time-stamping authority has to answer
MAX_RESPONSE = 1024 * 1024  # bytes of an answer read: a token is a few kilobytes
_STAMP_TIME = re.compile(r"^Time stamp: (\w{3}) +(\d+) (\d\d:\d\d:\d\d)(?:\.\d+)? (\d{4}) GMT$", re.M)


@dataclass
class Stamp:
    """What checking a timestamp found: the time it certifies, or why it does not hold."""

    time: str | None = None
    problem: str | None = None


def signature_digest(signature: str) -> str:
    """Return the hex SHA-256 of a base64 signature's bytes: what its timestamp stamps."""
    return hashlib.sha256(base64.b64decode(signature)).hexdigest()


def stamp(url: str, digest: str, timeout: float = TIMEOUT) -> dict:
    """Ask the authority at `url` to stamp a hex SHA-256; return {"tsa", "token"} (the token in base64)."""
    with tempfile.TemporaryDirectory(prefix="evidence-ts-") as folder:
        query, answer, token = (Path(folder) / name for name in ("query.tsq", "answer.tsr", "token.der"))
        _openssl("ts", "-query", "-digest", digest, "-sha256", "-cert", "-out", str(query))
        request = urllib.request.Request(url, data=query.read_bytes(), method="POST",
                                         headers={"Content-Type": "application/timestamp-query"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (a configured URL)
                answer.write_bytes(response.read(MAX_RESPONSE))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise TimestampError(f"the time-stamping authority {url} did not answer ({reason})") from exc
        try:
            _openssl("ts", "-reply", "-in", str(answer), "-token_out", "-out", str(token))
        except TimestampError as exc:
            raise TimestampError(f"the time-stamping authority {url} gave no timestamp ({exc})") from exc
        return {"tsa": url, "token": base64.b64encode(token.read_bytes()).decode("ascii")}


def check(token: str, digest: str, ca_file: Path | str | None = None) -> Stamp:
    """Check a base64 token stamps the hex SHA-256 `digest`, chained to `ca_file` (else the system's CAs)."""
    system = ssl.get_default_verify_paths()
    trusted = (["-CAfile", str(ca_file)] if ca_file else
               ["-CApath", system.capath] if system.capath else ["-CAfile", str(system.cafile)])
    with tempfile.TemporaryDirectory(prefix="evidence-ts-") as folder:
        path = Path(folder) / "token.der"
        try:
            path.write_bytes(base64.b64decode(token, validate=True))
        except (ValueError, TypeError) as exc:
            return Stamp(problem=f"the timestamp token is not base64 ({exc})")
        try:
            _openssl("ts", "-verify", "-digest", digest, "-token_in", "-in", str(path), *trusted)
            text = _openssl("ts", "-reply", "-token_in", "-in", str(path), "-text")
        except TimestampError as exc:
            return Stamp(problem=f"the timestamp does not verify ({exc})")
    found = _STAMP_TIME.search(text)
    if found is None:
        return Stamp(problem="the timestamp names no time")
    month, day, clock, year = found.groups()
    return Stamp(time=format_timestamp(datetime.strptime(f"{month} {day} {clock} {year}", "%b %d %H:%M:%S %Y")))


def _openssl(*arguments: str) -> str:
    """Run openssl; return what it printed, or raise TimestampError with its last line."""
    try:
        done = subprocess.run(["openssl", *arguments], capture_output=True, text=True, timeout=60)
    except FileNotFoundError as exc:
        raise TimestampError("trusted timestamps need the openssl command, which is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise TimestampError("openssl took longer than 60 s") from exc
    if done.returncode != 0 or "FAILED" in done.stdout:
        lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        raise TimestampError(lines[-1] if lines else f"openssl exited {done.returncode}")
    return done.stdout
