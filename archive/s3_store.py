"""Originals on S3-compatible object storage (AWS S3, MinIO, Ceph): the blob seam over boto3.

Each blob's key is the store's prefix and the same content-addressed path the files backend uses
(`sha256/ab/cd/<hash>`), so an archive's originals can move between a folder and a bucket as they are. A blob is
written once: a conditional put (`If-None-Match: *`) never replaces an object, and "already there" counts as
stored once the object there is checked to hold the bytes of its name. Large originals go up in parts, the
last step conditional likewise; a streamed original is hashed into a spooled copy before anything is sent.
Reads stream the object; `get(verify=True)` checks the bytes against their hash.

Where the service is, and with which credentials, is boto3's standard configuration (AWS_ENDPOINT_URL,
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, a profile, an instance role), read by boto3 itself
unless an endpoint is given here. Each process opens its own client on first use (ingest workers unpickle the
store and open theirs), so reading commands that never touch an original never import boto3.

What goes wrong with the service becomes one sentence naming the store: BlobStoreUnavailableError when it does
not answer (a run stops, a rerun finishes it), BlobStoreRefusedError when it refuses us (no bucket, no
credentials, no permission). A missing blob is FileNotFoundError, as for files.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO
from urllib.parse import urlsplit

from archive.errors import BlobStoreRefusedError, BlobStoreUnavailableError, IntegrityError, InvalidInputError
from archive.spool import checked_copy

MB = 1024 * 1024
PART_SIZE = 16 * MB  # each part of a multipart upload (S3 takes 5 MB to 5 GB, at most 10,000 parts)
MULTIPART_THRESHOLD = 64 * MB  # from this size an original goes up in parts: a failed part is sent again alone
READ_BUFFER = MB  # a streaming read asks the service for this much at a time
CONFLICT_RETRIES = 4  # a conditional write that races another on the same key may be told to try again (409)
_HEX_DIGEST = re.compile("[0-9a-f]{64}")
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]")  # S3's rule for bucket names
# The service's answers that mean it cannot answer now, rather than that it refuses us.
_UNAVAILABLE_CODES = {"InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout"}

_clients: dict[tuple[int, str | None], object] = {}  # one boto3 client per process and endpoint (thread-safe)
_clients_lock = threading.Lock()


class S3BlobStore:
    """Blobs as objects under `prefix` in an S3 bucket, each written once and never replaced."""

    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None,
                 part_size: int = PART_SIZE, multipart_threshold: int = MULTIPART_THRESHOLD):
        if not _BUCKET.fullmatch(bucket):
            raise InvalidInputError(f"{bucket!r} is not an S3 bucket name (3 to 63 lowercase letters, digits, "
                                    "dots and hyphens)")
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.endpoint_url = endpoint_url  # None: boto3's own configuration (AWS_ENDPOINT_URL, else AWS)
        self.part_size = part_size
        self.multipart_threshold = max(multipart_threshold, part_size)

    @classmethod
    def from_url(cls, url: str, endpoint_url: str | None = None) -> S3BlobStore:
        """Open the store an `s3://bucket/prefix` URL names; raise InvalidInputError for any other URL."""
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise InvalidInputError(f"{url!r} is not an s3://bucket/prefix URL")
        if "@" in parts.netloc or parts.query or parts.fragment:
            # Never repeated in the message: what stands there may be a secret key.
            raise InvalidInputError("an s3:// URL names a bucket and a prefix only: give the endpoint in "
                                    "AWS_ENDPOINT_URL and the credentials in AWS_ACCESS_KEY_ID and "
                                    "AWS_SECRET_ACCESS_KEY")
        return cls(parts.netloc, parts.path, endpoint_url=endpoint_url)

    @property
    def location(self) -> str:
        """Name the store for people: its s3:// URL."""
        return f"s3://{self.bucket}/{self.prefix}"

    def __getstate__(self) -> dict:
        return dict(vars(self))  # the client stays behind: another process opens its own

    # -- the seam --------------------------------------------------------------------------------

    def key_for(self, sha256: str) -> str:
        """Return the object key of the blob with this hash."""
        if not _HEX_DIGEST.fullmatch(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return f"{self.prefix}sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"

    def has(self, sha256: str) -> bool:
        """Tell whether a blob is stored."""
        key = self.key_for(sha256)
        with self._answers():
            try:
                self.client.head_object(Bucket=self.bucket, Key=key)
            except self._client_error as exc:
                if _status(exc) == 404:
                    return False
                raise
        return True

    def holds_any(self) -> bool:
        """Tell whether any blob was ever stored here."""
        with self._answers():
            listed = self.client.list_objects_v2(Bucket=self.bucket, Prefix=f"{self.prefix}sha256/", MaxKeys=1)
        return bool(listed.get("KeyCount"))

    def iter_hashes(self) -> Iterator[str]:
        """Yield the hash of every stored blob, once each."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                       Prefix=f"{self.prefix}sha256/")
        with self._answers():
            for page in pages:
                for item in page.get("Contents", ()):
                    name = item["Key"].rpartition("/")[2]
                    if _HEX_DIGEST.fullmatch(name):
                        yield name

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store bytes once under their hash and return the hash; an existing object is never replaced."""
        digest = sha256 or hashlib.sha256(data).hexdigest()
        if not self.has(digest):
            self._put_once(digest, io.BytesIO(data), len(data))
        return digest

    def put_stream(self, stream: BinaryIO, sha256: str) -> str:
        """Store a stream's bytes once under their hash, checked against it before anything is sent (a spooled
        copy: SPOOL_IN_MEMORY bytes in memory, the rest in a temporary file); return the hash."""
        if not self.has(sha256):
            copy, size = checked_copy(stream, sha256)
            with copy:
                self._put_once(sha256, copy, size)
        return sha256

    def _put_once(self, digest: str, body: BinaryIO, size: int) -> None:
        """Send an object that must not replace one already there (a race lost to the same bytes is no error)."""
        key = self.key_for(digest)
        for attempt in range(CONFLICT_RETRIES):
            with self._answers():
                try:
                    body.seek(0)
                    if size >= self.multipart_threshold:
                        self._put_in_parts(key, body)
                    else:
                        self.client.put_object(Bucket=self.bucket, Key=key, Body=body, IfNoneMatch="*",
                                               ChecksumSHA256=base64.b64encode(bytes.fromhex(digest)).decode())
                    return
                except self._client_error as exc:
                    if _status(exc) == 412:  # another writer stored this key first
                        self._check_stored(digest)
                        return
                    if _status(exc) != 409 or attempt == CONFLICT_RETRIES - 1:
                        raise
            time.sleep(0.1 * 2 ** attempt)  # 409: a write to the same key was in progress; it may be done now

    def get(self, sha256: str, verify: bool = False) -> bytes:
        """Return a blob's bytes, optionally checking them against their hash."""
        with self._answers():
            data = self._get_object(sha256)["Body"].read()
        if verify and hashlib.sha256(data).hexdigest() != sha256:
            raise IntegrityError(f"blob {sha256} does not match its hash")
        return data

    def open(self, sha256: str) -> io.BufferedReader:
        """Open a blob for streaming reads (the object is read as the stream is)."""
        with self._answers():
            body = self._get_object(sha256)["Body"]
        return io.BufferedReader(_ObjectStream(body, self._answers), buffer_size=READ_BUFFER)

    # -- for `evidence info` ---------------------------------------------------------------------

    def describe(self) -> dict:
        """Say where the store is, for people: bucket, prefix, endpoint, region and where the credentials come
        from (never the credentials), and whether the bucket answers."""
        import boto3

        client = self.client
        credentials = boto3.session.Session().get_credentials()  # found as the client finds them
        described = {"backend": "s3", "location": self.location, "bucket": self.bucket, "prefix": self.prefix,
                     "endpoint": client.meta.endpoint_url, "region": client.meta.region_name,
                     "credentials": credentials.method if credentials else None}
        try:
            with self._answers():
                client.head_bucket(Bucket=self.bucket)
            described["status"] = "ok"
        except (BlobStoreUnavailableError, BlobStoreRefusedError) as exc:
            described["status"] = exc.reason
        return described

    # -- the service -----------------------------------------------------------------------------

    @property
    def client(self):
        """Return this process's boto3 client for the store's endpoint, made on first use."""
        key = (os.getpid(), self.endpoint_url)  # a client made before a fork is never used after it
        client = _clients.get(key)
        if client is None:
            with _clients_lock:
                client = _clients.get(key)
                if client is None:
                    client = _clients[key] = _new_client(self.endpoint_url)
        return client

    @property
    def _client_error(self) -> type[Exception]:
        from botocore.exceptions import ClientError

        return ClientError

    def _get_object(self, sha256: str) -> dict:
        """Start reading an object; a missing one is FileNotFoundError."""
        key = self.key_for(sha256)
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)
        except self._client_error as exc:
            if _status(exc) == 404 and _code(exc) != "NoSuchBucket":
                raise FileNotFoundError(f"blob {sha256} is not in {self.location}") from exc
            raise

    def _put_in_parts(self, key: str, body: BinaryIO) -> None:
        """Upload a large original in parts, completed only if no object has the key by then."""
        client = self.client
        upload = client.create_multipart_upload(Bucket=self.bucket, Key=key)["UploadId"]
        try:
            parts = []
            number = 0
            while piece := body.read(self.part_size):
                number += 1
                sent = client.upload_part(Bucket=self.bucket, Key=key, UploadId=upload, PartNumber=number,
                                          Body=piece)
                parts.append({"ETag": sent["ETag"], "PartNumber": number})
            client.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload,
                                             MultipartUpload={"Parts": parts}, IfNoneMatch="*")
        except BaseException:
            # An upload left open keeps its parts (and their cost) until it is aborted.
            try:
                client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload)
            except Exception:  # noqa: BLE001 (the first failure is the one to report; a lifecycle rule cleans up)
                pass
            raise

    def _check_stored(self, sha256: str) -> None:
        """Hold an object another writer stored to its name: "already stored" holds only for the same bytes."""
        with self.open(sha256) as stream:
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
        if digest != sha256:
            raise IntegrityError(f"blob {sha256} in {self.location} does not match its hash, and a stored blob is "
                                 "never replaced: run `evidence verify`")

    @contextmanager
    def _answers(self) -> Iterator[None]:
        """Turn what the service or the network says into the archive's errors, naming the store."""
        from botocore.exceptions import (BotoCoreError, ClientError, ConnectionError, HTTPClientError,
                                         IncompleteReadError, NoCredentialsError, PartialCredentialsError)

        try:
            yield
        except ClientError as exc:  # what reaches here, the caller did not expect (a 404 or 412 it reads itself)
            if _code(exc) in _UNAVAILABLE_CODES or _status(exc) >= 500 or _status(exc) == 409:
                raise BlobStoreUnavailableError(self.location, f"the object store failed ({_code(exc)}); run the "
                                                "command again later") from exc
            if _code(exc) == "NoSuchBucket":
                raise BlobStoreRefusedError(self.location, f"there is no bucket {self.bucket!r} at "
                                            f"{self.client.meta.endpoint_url}; create it first "
                                            "(docs/deployment.md)") from exc
            raise BlobStoreRefusedError(self.location, f"the object store refused the request ({_code(exc)}: "
                                        f"{exc.response.get('Error', {}).get('Message', '')}); check the "
                                        "credentials and the bucket's policy") from exc
        except (NoCredentialsError, PartialCredentialsError) as exc:
            raise BlobStoreRefusedError(self.location, "no AWS credentials were found: set AWS_ACCESS_KEY_ID and "
                                        "AWS_SECRET_ACCESS_KEY (or a profile)") from exc
        except (ConnectionError, HTTPClientError, IncompleteReadError) as exc:
            raise BlobStoreUnavailableError(self.location, f"the object store at {self.client.meta.endpoint_url} "
                                            f"cannot be reached ({exc}); run the command again once it answers"
                                            ) from exc
        except BotoCoreError as exc:  # configuration: no region, an unknown profile, a malformed endpoint
            raise BlobStoreRefusedError(self.location, f"the object store cannot be used: {exc}") from exc


class _ObjectStream(io.RawIOBase):
    """An object's body as a raw binary stream, so that it can be buffered and hashed (hashlib.file_digest)."""

    def __init__(self, body, answers):
        self._body = body
        self._answers = answers

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        with self._answers():
            data = self._body.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._body.close()
        super().close()


def _new_client(endpoint_url: str | None):
    import boto3  # imported by what reads or writes originals, never by the commands that only read the catalog
    from botocore.config import Config

    # A connection that cannot be made fails in seconds, not a minute; botocore's retries (AWS_MAX_ATTEMPTS,
    # AWS_RETRY_MODE) and checksums stay as configured. Pools as large as verify's hashing threads and more.
    config = Config(connect_timeout=10, read_timeout=60, max_pool_connections=32)
    return boto3.session.Session().client("s3", endpoint_url=endpoint_url, config=config)


def _status(exc) -> int:
    return int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)


def _code(exc) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
