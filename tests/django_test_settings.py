"""Django settings for the test suite: the project's settings with a fresh state folder.

pytest-django imports the settings before any conftest runs, and ``hzdigital.settings`` reads
``HZDIGITAL_HOME`` at import, so the test state folder has to be chosen here, not in a fixture.
Each pytest-xdist worker gets its own folder (``var/test/gw0`` …) because two processes cannot
open one DuckDB warehouse file for writing. The folder is emptied once per test process, so a
run never sees a previous run's warehouse or classification edition, and never the demo's
``var/``. ``HZDIGITAL_TEST_HOME`` moves the parent folder elsewhere.
"""

import os
import shutil
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
TEST_HOME_PARENT = Path(os.environ.get("HZDIGITAL_TEST_HOME", REPO_DIR / "var" / "test"))
TEST_HOME = TEST_HOME_PARENT / os.environ.get("PYTEST_XDIST_WORKER", "main")

# This module may be imported twice (as settings and again by --doctest-modules); only the
# first import of a process may empty the folder, or it would delete state mid-run.
if os.environ.get("HZDIGITAL_HOME") != str(TEST_HOME):
    shutil.rmtree(TEST_HOME, ignore_errors=True)
    TEST_HOME.mkdir(parents=True)
    os.environ["HZDIGITAL_HOME"] = str(TEST_HOME)

# Subprocesses started by tests (`hzdigital …` on the command line, pytest-xdist workers)
# inherit DJANGO_SETTINGS_MODULE naming this module; let them import it too. They also inherit
# HZDIGITAL_HOME and the worker name, so they share their parent's folder without emptying it.
_python_path = os.environ.get("PYTHONPATH", "")
if str(Path(__file__).parent) not in _python_path.split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(Path(__file__).parent), _python_path) if p
    )

from hzdigital.settings import *  # noqa: E402, F403
