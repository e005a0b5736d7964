"""Driver for ``spark-submit``: ``duiding analyze --engine spark`` with the master and conf spark-submit gives.

spark-submit runs Python applications from a ``.py`` file, so this is the file to give it; the
arguments are those of ``duiding analyze`` (inputs, ``--db``, ``--parquet``, …).
"""

import sys

from duiding.cli import main

if __name__ == "__main__":
    main(["analyze", "--engine", "spark", *sys.argv[1:]])
