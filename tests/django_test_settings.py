"""Django settings for the test suite: the project's settings with a fresh state folder.

pytest-django imports the settings before any conftest runs, and ``hzdigital.settings`` reads
``HZDIGITAL_HOME`` at import, so the test state folder has to be chosen here, not in a fixture.

The folder is ``var/test/run-<pid>/<worker>``: one per pytest run, because several runs may share
a checkout at once, and one per pytest-xdist worker (``main`` without xdist), because two
processes cannot open one DuckDB warehouse file for writing. A run never sees another run's
warehouse or classification edition, nor the demo's ``var/``. A run's folder stays after it,
for looking into failures, until a later run finds its process gone and removes it.
``HZDIGITAL_TEST_HOME`` moves ``var/test`` elsewhere.
"""

import os
import re
import shutil
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
TEST_HOME_PARENT = Path(os.environ.get("HZDIGITAL_TEST_HOME", REPO_DIR / "var" / "test"))
RUN_VARIABLE = "HZDIGITAL_TEST_RUN"  # set by the pytest process that started the run
RUN_FOLDER = re.compile(r"run-(\d+)")


def _process_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def _remove_finished_runs() -> None:
    if not TEST_HOME_PARENT.is_dir():
        return
    for folder in TEST_HOME_PARENT.iterdir():
        match = RUN_FOLDER.fullmatch(folder.name)
        if match and not _process_is_alive(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


if RUN_VARIABLE not in os.environ:
    # The process that starts a run; xdist workers and subprocesses inherit the variable.
    _remove_finished_runs()
    os.environ[RUN_VARIABLE] = f"run-{os.getpid()}"
TEST_HOME = (
    TEST_HOME_PARENT / os.environ[RUN_VARIABLE] / os.environ.get("PYTEST_XDIST_WORKER", "main")
)

# This module may be imported twice (as settings and again by --doctest-modules), and again
# by subprocesses of tests: only the first import in a test process may empty the folder.
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
