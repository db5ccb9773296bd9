"""A real S3 API on 127.0.0.1 for the tests: moto's standalone server, reached through boto3 as AWS or MinIO is.

The archive's S3 code knows nothing of moto: the tests point the standard AWS variables at this server, and
archive/s3_store.py finds it there as it would find any endpoint. `Cuttable` puts a TCP proxy in front of it
that a test can cut (every connection reset, new ones refused) and restore on the same port: the object store
going away in the middle of a run, and coming back with what it held.
"""

from __future__ import annotations

import atexit
import os
import socket
import struct
import threading
import uuid
from dataclasses import dataclass

ACCESS_KEY = "evidence-test-key"
SECRET_KEY = "evidence-test-secret"  # moto accepts any; the tests check that no command ever prints it
REGION = "eu-central-1"


@dataclass
class S3Server:
    """A running S3 API and the variables that point boto3 at it."""

    endpoint: str

    def environ(self, endpoint: str | None = None) -> dict[str, str]:
        """Return the standard AWS variables for this server (or for a proxy in front of it)."""
        return {"AWS_ENDPOINT_URL": endpoint or self.endpoint, "AWS_ACCESS_KEY_ID": ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_DEFAULT_REGION": REGION,
                # A refused connection is tried once more, not for seconds (botocore's own variables).
                "AWS_RETRY_MODE": "standard", "AWS_MAX_ATTEMPTS": "2"}

    def client(self):
        """Return a boto3 client of this server, for what a test does behind the archive's back."""
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=ACCESS_KEY,
                            aws_secret_access_key=SECRET_KEY, region_name=REGION)

    def new_bucket(self) -> str:
        """Create an empty bucket with a fresh name; return its name."""
        name = f"evidence-{uuid.uuid4().hex[:16]}"
        self.client().create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
        return name


_shared: S3Server | None = None
_lock = threading.Lock()


def shared_server() -> S3Server:
    """Start moto's server once for this test process (stopped at its exit), with the AWS variables of this
    process pointing at it, so that every opening of an s3:// store, here or in a child process, reaches it."""
    global _shared
    with _lock:
        if _shared is None:
            from moto.server import ThreadedMotoServer

            server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
            server.start()
            host, port = server.get_host_and_port()
            atexit.register(server.stop)
            _shared = S3Server(f"http://{host}:{port}")
            os.environ.update(_shared.environ())
    return _shared


class Cuttable:
    """A TCP proxy on 127.0.0.1 in front of a server, whose link a test cuts and restores."""

    def __init__(self, upstream: str):
        host, _, port = upstream.removeprefix("http://").partition(":")
        self._upstream = (host, int(port))
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener = self._listen(0)
        self.port = self._listener.getsockname()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def cut(self) -> None:
        """Reset every connection and refuse new ones, as a stopped server does."""
        with self._lock:
            listener, self._listener = self._listener, None
            open_sockets, self._sockets = self._sockets, set()
        for sock in [listener, *open_sockets]:
            if sock is not None:
                _close(sock)

    def restore(self) -> None:
        """Accept connections again, on the same port."""
        with self._lock:
            if self._listener is None:
                self._listener = self._listen(self.port)

    def _listen(self, port: int) -> socket.socket:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return listener

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # cut: the listener is closed
                return
            try:
                upstream = socket.create_connection(self._upstream)
            except OSError:
                _close(client)
                continue
            with self._lock:
                if self._listener is not listener:  # cut meanwhile
                    _close(client), _close(upstream)
                    return
                self._sockets.update((client, upstream))
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(source, target), daemon=True).start()


def _pump(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        _close(source), _close(target)


def _close(sock: socket.socket) -> None:
    """Close a socket at once: shut down first (which wakes a thread blocked on it), then reset, not linger."""
    for step in (lambda: sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)),
                 lambda: sock.shutdown(socket.SHUT_RDWR), sock.close):
        try:
            step()
        except OSError:
            pass
