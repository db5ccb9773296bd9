"""The search index behind archive.seams.SearchBackend: Whoosh, its query language, ranking and passages."""
