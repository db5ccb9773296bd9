"""Fixtures of the contract suites: each yields one opening of every backend in turn (tests/contract/backends.py)."""

from __future__ import annotations

import pytest

from tests.contract.backends import BLOB_BACKENDS, CATALOG_BACKENDS, SEARCH_BACKENDS


@pytest.fixture(params=BLOB_BACKENDS)
def blob_case(request, tmp_path):
    """A blob backend with its means of damage."""
    return request.param(tmp_path)


@pytest.fixture
def blobs(blob_case):
    """An empty blob store."""
    return blob_case.backend.open()


@pytest.fixture(params=CATALOG_BACKENDS)
def catalog_case(request, tmp_path):
    """A catalog backend with its means of damage."""
    return request.param(tmp_path)


@pytest.fixture
def catalog(catalog_case):
    """An empty catalog."""
    opened = catalog_case.backend.open()
    yield opened
    opened.close()


@pytest.fixture(params=SEARCH_BACKENDS)
def search_backend(request, tmp_path):
    """A search backend, to open as many times as a test needs."""
    return request.param(tmp_path)


@pytest.fixture
def index(search_backend):
    """An empty search index."""
    opened = search_backend.open()
    yield opened
    opened.close()
