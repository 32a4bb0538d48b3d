"""Starting Spark: the optional dependency, and a local session that stays on loopback."""
from __future__ import annotations

import os
import shutil
import sys
from typing import Any

INSTALL_HINT = "the Spark pipeline needs PySpark and Java 17+: pip install 'marsad[spark]'"


def missing() -> str | None:
    """Why Spark cannot run here (no PySpark, no Java), or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed (pip install 'marsad[spark]')"
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        return "no Java runtime found (Spark needs Java 17 or newer: set JAVA_HOME or put java on PATH)"
    return None


def require() -> None:
    reason = missing()
    if reason:
        raise RuntimeError(f"{reason}; {INSTALL_HINT}")


def get_session(master: str | None = None, app_name: str = "marsad", conf: dict[str, str] | None = None) -> Any:
    """The active SparkSession, or a new one.

    A local master (``local[*]``, ``local[2]``) runs the driver on loopback
    with no web UI; any other master, or none (under spark-submit), is left
    to the cluster's configuration.  Executors' Python is this interpreter for
    local masters, so they import this very marsad.
    """
    require()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app_name)
    settings = dict(conf or {})
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        settings = {
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
            "spark.sql.shuffle.partitions": "8",
            **settings,
        }
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    if master and master.startswith("local"):
        session.sparkContext.setLogLevel("ERROR")  # Spark's warnings are not the user's business here
    return session
