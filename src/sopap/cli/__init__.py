"""The `sopap` command line."""

import gc

# Read when the package is first imported, before `sopap.cli.main.main` raises it for a command (also
# when run as `python -m sopap.cli.main`, where main.py is imported a second time).
PYTHON_GC_THRESHOLD = gc.get_threshold()
