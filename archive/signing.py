"""The archive's signing key (Ed25519) and the signatures it puts on bundles, WARC exports and ledger checkpoints.

The format follows Webrecorder's "WACZ Signing and Verification" (its anonymous signature, as `wacz-signing`
and `authsign` write it): a digest file names the signed file and its hash, and its `signedData` holds that
hash ("sha256:..."), when it was signed, by which software and version, the signature over the hash string
(base64) and the public key (base64 of its DER SubjectPublicKeyInfo). WACZ signs with ECDSA P-256; we sign
with Ed25519, which the key itself says (its SubjectPublicKeyInfo names the algorithm).

The private key is a PKCS#8 PEM file, `signing-key.pem` in the archive home, made on first use, or a file
the caller names (EVIDENCE_SIGNING_KEY at the edges). A key file that other users can read or change is
refused: whoever can read it can sign as the archive.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import stat
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from archive.clock import utc_now
from archive.errors import InvalidInputError, SigningKeyError
from archive.tools import ARCHIVE_PACKAGE, version_of

KEY_FILE = "signing-key.pem"
MAX_KEY_FILE = 64 * 1024  # bytes of a --key file read
ALGORITHM = "Ed25519"
_FINGERPRINT = re.compile(r"(?:sha256:)?([0-9a-f]{64})")
_PEM_BLOCK = re.compile(r"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)
_SIGNED_FIELDS = ("hash", "created", "software", "version", "signature", "publicKey")


class SigningKey:
    """An Ed25519 private key and where it was read from."""

    def __init__(self, private: Ed25519PrivateKey, path: Path):
        self._private = private
        self.path = path
        self.public = private.public_key()

    @property
    def public_key(self) -> str:
        """Return the public key as WACZ writes it: base64 of its DER SubjectPublicKeyInfo."""
        return encode_public_key(self.public)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)

    @property
    def public_pem(self) -> str:
        return self.public.public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")

    def sign(self, message: bytes) -> str:
        """Return the base64 signature of `message`."""
        return base64.b64encode(self._private.sign(message)).decode("ascii")

    def signed_data(self, digest: str, created: str | None = None) -> dict:
        """Return WACZ's `signedData` for a hash string ("sha256:..."): the signature is over the string itself."""
        return {"hash": digest, "created": created or utc_now(), "software": ARCHIVE_PACKAGE,
                "version": version_of(ARCHIVE_PACKAGE), "signature": self.sign(digest.encode("utf-8")),
                "publicKey": self.public_key}

    def to_json(self) -> dict:
        return {"algorithm": ALGORITHM, "public_key": self.public_key, "fingerprint": self.fingerprint,
                "public_key_pem": self.public_pem, "path": str(self.path)}


def load_key(home: Path | str, path: Path | str | None = None) -> SigningKey:
    """Return the archive's signing key: the file at `path`, else the home's, made on first use."""
    if path is not None:
        return _read_key(Path(path))
    own = Path(home) / KEY_FILE
    if not own.exists():
        _create_key(own)
    return _read_key(own)


def _create_key(path: Path) -> None:
    """Write a new private key readable by its owner alone; a key another process made first is kept."""
    pem = Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                     serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a temporary name and linked into place: a process racing us reads the whole key or
    # none, and a link never replaces a key that is already there.
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)


def _read_key(path: Path) -> SigningKey:
    try:
        mode = path.stat().st_mode
        if mode & 0o077:
            raise SigningKeyError(f"the signing key {path} can be read or changed by other users "
                                  f"(mode {stat.filemode(mode)}); make it private with `chmod 600 {path}`")
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"the signing key {path} cannot be read ({exc.strerror or exc})") from exc
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(f"{path} is not an unencrypted PEM private key") from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise SigningKeyError(f"the signing key {path} is not an {ALGORITHM} key")
    return SigningKey(private, path)


# -- public keys -----------------------------------------------------------------------------------


def encode_public_key(public: Ed25519PublicKey) -> str:
    """Return base64 of a public key's DER SubjectPublicKeyInfo."""
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode("ascii")


def fingerprint(public: Ed25519PublicKey) -> str:
    """Return a public key's fingerprint: "sha256:" and the SHA-256 of its DER SubjectPublicKeyInfo."""
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "sha256:" + hashlib.sha256(der).hexdigest()


def decode_public_key(text: str) -> Ed25519PublicKey:
    """Read a public key from base64 DER or PEM; raise ValueError when it is no Ed25519 public key."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            public = serialization.load_pem_public_key(text.encode("ascii"))
        else:
            public = serialization.load_der_public_key(base64.b64decode(text, validate=True))
    except (ValueError, TypeError, UnicodeEncodeError, binascii.Error) as exc:
        raise ValueError("not a public key") from exc
    if not isinstance(public, Ed25519PublicKey):
        raise ValueError(f"not an {ALGORITHM} public key")
    return public


def trusted_fingerprint(given: str) -> str:
    """Return the fingerprint of the key a user trusts, given as base64, PEM, a fingerprint or a file of one."""
    text = given
    if len(given) < 4096 and os.path.isfile(given):
        try:
            with open(given, "rb") as stream:
                text = stream.read(MAX_KEY_FILE).decode("utf-8")  # a key file is small; read no more of a large one
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInputError(f"--key {given}: the file cannot be read as text ({exc})") from exc
    found = _FINGERPRINT.fullmatch(text.strip().lower())
    if found:
        return "sha256:" + found.group(1)
    block = _PEM_BLOCK.search(text)  # what `key show` prints, saved whole to a file
    if block:
        text = block.group()
    try:
        return fingerprint(decode_public_key(text))
    except ValueError as exc:
        raise InvalidInputError("--key must be a public key (base64 or PEM, as `evidence key show` prints it), "
                                "its fingerprint, or a file holding one") from exc


# -- signatures ----------------------------------------------------------------------------------


@dataclass
class Checked:
    """What checking a signature found: the signer's fingerprint and time when it holds, else a problem."""

    fingerprint: str | None = None
    created: str | None = None
    software: str | None = None
    problem: tuple[str, str] | None = None  # (kind, sentence)

    def to_json(self) -> dict:
        return {"fingerprint": self.fingerprint, "created": self.created, "software": self.software}


def check_signed_data(signed, digest: str, trusted: str | None = None) -> Checked:
    """Check `signedData` over the hash string `digest`, against its own key, and the key `trusted` when given."""
    if not isinstance(signed, dict) or not all(isinstance(signed.get(name), str) for name in _SIGNED_FIELDS):
        return Checked(problem=("signature_malformed", f"the signature does not give {', '.join(_SIGNED_FIELDS)}"))
    try:
        public = decode_public_key(signed["publicKey"])
        signature = base64.b64decode(signed["signature"], validate=True)
    except (ValueError, binascii.Error) as exc:
        return Checked(problem=("signature_malformed", f"its public key or signature cannot be read ({exc})"))
    found = Checked(fingerprint(public), signed["created"], f"{signed['software']} {signed['version']}")
    if signed["hash"] != digest:
        found.problem = ("signature_mismatch", f"the signature is over {signed['hash']}, the file hashes to {digest}")
        return found
    try:
        public.verify(signature, digest.encode("utf-8"))
    except InvalidSignature:
        found.problem = ("signature_invalid",
                         f"the signature does not verify with the key it names ({found.fingerprint})")
        return found
    if trusted is not None and found.fingerprint != trusted:
        found.problem = ("signature_other_key", f"signed by the key {found.fingerprint}, not by {trusted}")
    return found


def verify_message(public_key: str, signature: str, message: bytes) -> bool:
    """Tell whether a base64 signature over `message` verifies with a base64 public key."""
    try:
        decode_public_key(public_key).verify(base64.b64decode(signature, validate=True), message)
    except (ValueError, binascii.Error, InvalidSignature):
        return False
    return True


def sha256_digest(data: bytes) -> str:
    """Return a hash string as WACZ writes it: "sha256:" and the hex digest."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def digest_document(path: str, digest: str, key: SigningKey, stamp: Callable[[str], dict | None] | None = None,
                    created: str | None = None, **extra) -> bytes:
    """Return a digest file (WACZ's datapackage-digest.json): the signed file's name and hash, signed (at
    `created`, else now), and the signature's trusted timestamp when `stamp` gives one."""
    document = {"path": path, "hash": digest, **extra, "signedData": key.signed_data(digest, created)}
    timestamp = stamp(document["signedData"]["signature"]) if stamp else None
    if timestamp:
        document["timestamp"] = timestamp
    return json.dumps(document, indent=2).encode("utf-8")


# -- signed files (WARC exports) -------------------------------------------------------------------

SIDECAR_SUFFIX = ".sig.json"


def sidecar(path: Path | str) -> Path:
    """Return where a file's signature is kept: beside it, its name and `.sig.json`."""
    path = Path(path)
    return path.with_name(path.name + SIDECAR_SUFFIX)


def file_digest(path: Path | str) -> tuple[str, int]:
    """Return a file's hash string and size, read in chunks."""
    hasher, size = hashlib.sha256(), 0
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            hasher.update(chunk)
            size += len(chunk)
    return "sha256:" + hasher.hexdigest(), size


def sign_file(path: Path | str, key: SigningKey, stamp: Callable[[str], dict | None] | None = None) -> Path:
    """Write the signature of a file beside it; return the signature's path."""
    digest, size = file_digest(path)
    out = sidecar(path)
    out.write_bytes(digest_document(Path(path).name, digest, key, stamp, size=size))
    return out


def verify_file(path: Path | str, trusted: str | None = None) -> Checked:
    """Check a file against the signature beside it (and the key `trusted`, a fingerprint, when given)."""
    signature = sidecar(path)
    try:
        document = json.loads(signature.read_bytes())
    except FileNotFoundError:
        return Checked(problem=("signature_missing", f"there is no signature {signature.name} beside the file"))
    except (OSError, ValueError, RecursionError) as exc:
        return Checked(problem=("signature_malformed", f"{signature.name} cannot be read as JSON ({exc})"))
    if not isinstance(document, dict):
        return Checked(problem=("signature_malformed", f"{signature.name} is not a JSON object"))
    found = check_signed_data(document.get("signedData"), document.get("hash"), trusted)
    digest, _size = file_digest(path)
    if found.problem is None and digest != document.get("hash"):
        found.problem = ("signature_mismatch",
                         f"the file hashes to {digest}, its signature is over {document.get('hash')}")
    return found
