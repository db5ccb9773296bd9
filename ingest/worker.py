"""What every extraction worker needs, loaded once in the fork server that starts the workers.

`ingest.workers` names this module as the fork server's preload (nothing else imports it): the server imports
the extraction code and loads the language model, and each worker forked from it starts ready. With "spawn"
every worker paid for both itself (measured: about 1.7 s of CPU per worker).
"""

import gc

from archive import spelling
from ingest import language, run, tasks

# The server dies with the process that started it (that process's launcher thread, which lasts as long as
# it does), and each worker with the server: nothing is left behind by a parent killed with SIGKILL.
tasks.die_with_parent()
language.load_model()
spelling.load_tables()
# What the server loaded lives as long as the workers: the collector need not walk it (nor touch its
# pages, which the forked workers share with the server until written), and workers collect less often.
gc.freeze()
gc.set_threshold(*run.BULK_GC_THRESHOLDS)
