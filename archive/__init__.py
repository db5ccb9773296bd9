"""What persists: blobs, catalog, ledger and search index, behind the Archive facade (archive.archive)."""
