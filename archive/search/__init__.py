"""The search index behind archive.seams.SearchBackend: Whoosh, its query language, ranking and passages."""

# Before any module of the package imports Whoosh: without the modules it pulls in and never calls here.
from archive.search import whoosh_imports  # noqa: F401
