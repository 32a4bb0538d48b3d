"""``python -m marsad.spark`` and ``spark-submit .../marsad/spark/__main__.py``: the Spark job.

Absolute imports, so that spark-submit can run this file as a script.
"""
from marsad.spark.job import main

raise SystemExit(main())
