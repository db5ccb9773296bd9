"""What every extraction worker needs, loaded once in the fork server that starts the workers.

`ingest.run` names this module as the fork server's preload: the server imports the extraction code and
loads the language model, and each worker forked from it starts ready. With "spawn" every worker paid for
both itself (measured: about 1.7 s of CPU per worker).
"""

from ingest import language, run  # noqa: F401  (imported to be inherited by the workers)

language.load_model()
