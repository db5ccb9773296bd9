"""archive/s3_store.py beyond the blob contract: keys, large originals in parts, racing writers, what the
service's failures become, the store's configuration read from an s3:// URL, and what `describe` says."""

from __future__ import annotations

import hashlib
import json
import pickle
import random
import socket
import threading

import pytest

from archive.backends import describe, open_blobs, public_url
from archive.errors import BlobStoreRefusedError, BlobStoreUnavailableError, IntegrityError, InvalidInputError
from archive.s3_store import S3BlobStore
from archive.store import BlobStore
from tests.s3_server import REGION, SECRET_KEY, shared_server

MB = 1024 * 1024


@pytest.fixture(scope="module")
def server():
    return shared_server()


@pytest.fixture
def store(server, request):
    return S3BlobStore(server.new_bucket(), f"tests/{request.node.name[:40]}")


def test_keys_are_the_prefix_and_the_content_addressed_path(server, store):
    digest = store.put(b"evidence")
    key = f"{store.prefix}sha256/{digest[:2]}/{digest[2:4]}/{digest}"
    assert store.key_for(digest) == key and store.prefix.endswith("/")
    assert server.client().get_object(Bucket=store.bucket, Key=key)["Body"].read() == b"evidence"


def test_a_large_original_goes_up_in_parts_and_comes_back_whole(server):
    store = S3BlobStore(server.new_bucket(), "parts", part_size=5 * MB, multipart_threshold=5 * MB)
    data = random.Random(7).randbytes(11 * MB + 3)  # three parts
    digest = store.put(data)
    assert store.get(digest, verify=True) == data
    stored = server.client().head_object(Bucket=store.bucket, Key=store.key_for(digest))
    assert stored["ContentLength"] == len(data) and stored["ETag"].strip('"').endswith("-3")  # a multipart ETag
    assert not server.client().list_multipart_uploads(Bucket=store.bucket).get("Uploads")  # none left open


def test_writers_racing_to_store_the_same_bytes_all_succeed_and_one_object_stays(store):
    data = random.Random(3).randbytes(200_000)
    start, digests = threading.Barrier(8), []

    def put():
        start.wait()
        digests.append(S3BlobStore(store.bucket, store.prefix).put(data))

    threads = [threading.Thread(target=put) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert digests == [hashlib.sha256(data).hexdigest()] * 8
    assert list(store.iter_hashes()) == digests[:1] and store.get(digests[0], verify=True) == data


def test_bytes_that_do_not_match_the_stored_object_are_named_when_checked(server, store):
    digest = store.put(b"original")
    server.client().put_object(Bucket=store.bucket, Key=store.key_for(digest), Body=b"tampered")
    with pytest.raises(IntegrityError, match=f"blob {digest} does not match its hash"):
        store.get(digest, verify=True)
    with pytest.raises(IntegrityError, match="never replaced"):
        store._check_stored(digest)  # what a put that lost a race to a damaged object ends in


def test_a_store_travels_to_another_process_as_its_configuration(store):
    digest = store.put(b"stored before the fork")
    store.client  # a client made here is never used by the copy
    copy = pickle.loads(pickle.dumps(store))
    assert vars(copy) == vars(store) and copy.get(digest, verify=True) == b"stored before the fork"


def test_an_unreachable_endpoint_is_one_sentence_naming_the_store(server):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens here once closed
    store = S3BlobStore("evidence-nowhere", "p", endpoint_url=f"http://127.0.0.1:{port}")
    with pytest.raises(BlobStoreUnavailableError, match=r"^s3://evidence-nowhere/p/: the object store at "
                       rf"http://127.0.0.1:{port} cannot be reached .*run the command again once it answers$"):
        store.put(b"anything")
    assert BlobStoreUnavailableError.kind == "busy"  # exit 75, HTTP 503: the same command may succeed later


def test_a_missing_bucket_is_refused_with_what_to_do(server):
    store = S3BlobStore("evidence-no-such-bucket", "p")
    with pytest.raises(BlobStoreRefusedError, match="there is no bucket 'evidence-no-such-bucket' at .*create it"):
        store.put(b"anything")
    with pytest.raises(BlobStoreRefusedError):
        store.holds_any()


def test_the_url_names_a_bucket_and_a_prefix_and_never_credentials():
    assert (S3BlobStore.from_url("s3://newsroom-evidence").prefix, S3BlobStore.from_url("s3://b-1/a/b/").prefix) \
        == ("", "a/b/")
    assert S3BlobStore.from_url("s3://newsroom-evidence/desk").location == "s3://newsroom-evidence/desk/"
    with pytest.raises(InvalidInputError) as refused:
        S3BlobStore.from_url("s3://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/prefix")
    assert "wJalrXUtnFEMI" not in str(refused.value) and "AWS_SECRET_ACCESS_KEY" in str(refused.value)
    for wrong in ("https://bucket/prefix", "s3:///prefix", "s3://Bucket_Name/x"):
        with pytest.raises(InvalidInputError):
            S3BlobStore.from_url(wrong)


def test_the_configuration_chooses_the_store(tmp_path, server, store):
    assert isinstance(open_blobs(tmp_path, {}), BlobStore)
    opened = open_blobs(tmp_path, {"EVIDENCE_BLOB_URL": f"s3://{store.bucket}/{store.prefix}"})
    assert isinstance(opened, S3BlobStore) and (opened.bucket, opened.prefix) == (store.bucket, store.prefix)
    with pytest.raises(InvalidInputError, match=r"must be an s3://bucket/prefix URL, not 'ftp://ann:\*\*\*@h/x'"):
        open_blobs(tmp_path, {"EVIDENCE_BLOB_URL": "ftp://ann:hunter2@h/x?token=abc"})
    assert public_url("postgresql://ann:hunter2@db.example.org:5432/evidence?sslpassword=x") == \
        "postgresql://ann:***@db.example.org:5432/evidence"


def test_describe_says_where_the_originals_are_without_secrets(tmp_path, server, store):
    described = describe(tmp_path, {"EVIDENCE_BLOB_URL": f"s3://{store.bucket}/{store.prefix}"})
    assert described["blobs"] == {"backend": "s3", "location": store.location, "bucket": store.bucket,
                                  "prefix": store.prefix, "endpoint": server.endpoint, "region": REGION,
                                  "credentials": "env", "status": "ok"}
    assert SECRET_KEY not in json.dumps(described)
    assert describe(tmp_path, {})["blobs"] == {"backend": "files", "location": str((tmp_path / "blobs").resolve())}


@pytest.mark.parametrize("url", ["s3://", "s3:///desk", "ftp://ann:hunter2@host/x", "s3://UPPER/x", "s3://a/\udcff",
                                 "s3://key:hunter2@bucket/x", "file:///etc", "s3://bucket/x?secret=hunter2"])
def test_a_wrong_blob_url_is_one_sentence_and_exit_2_without_its_secret(tmp_path, url):
    from click.testing import CliRunner

    from app import cli

    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "info"], env={"EVIDENCE_BLOB_URL": url})
    assert result.exit_code == 2 and result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert "hunter2" not in result.output and "Traceback" not in result.output
