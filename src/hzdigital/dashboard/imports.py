"""Imports started from the web page: save the upload, run the warehouse ingest, record it.

The ingest itself is ``hzdigital.warehouse.ingest.ingest_file``; this module only moves the
uploaded file to ``HZDIGITAL_HOME/uploads/<job id>/`` and keeps an :class:`ImportJob` up to date
so that the page can poll its stage. It runs in a background thread so the upload request
returns at once; imports run one at a time (a process-wide lock), because two concurrent
loads of the same enterprise-years would race each other's replace step.

``HZDIGITAL_IMPORT_SYNCHRONOUS = True`` in settings runs the ingest inside the request
instead (tests use it to avoid threads inside a test transaction).
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import OperationalError, close_old_connections, connections, transaction
from django.utils import timezone

from hzdigital.dashboard import messages as msg
from hzdigital.dashboard.models import ImportJob
from hzdigital.dashboard.snapshot import warm_snapshot
from hzdigital.support.selectors import warehouse_enterprises
from hzdigital.warehouse import store
from hzdigital.warehouse.ingest import ImportFileError, ingest_file

UPLOAD_SUFFIXES = (".csv", ".xlsx", ".parquet")
MAX_UPLOAD_MB = 200  # larger files belong on the command line, which shows a progress bar
UPLOADS_DIR = "uploads"

SAVE_ATTEMPTS = 8
SAVE_RETRY_SECONDS = 0.25

_INGEST_LOCK = threading.Lock()
_THREADS: set[threading.Thread] = set()  # import threads started by this process, while alive


class UploadRejected(ValueError):
    """The upload cannot become a job (no file, wrong type, too large); message is translated."""


def _safe_name(name: str) -> str:
    """The file's own name without folders or characters a file system might refuse."""
    base = Path(name.replace("\\", "/")).name
    return re.sub(r"[^\w.\-()\u4e00-\u9fff]+", "_", base).strip("._") or "upload"


def check_upload(upload: UploadedFile | None) -> UploadedFile:
    if upload is None or not upload.name:
        raise UploadRejected(str(msg.UPLOAD_MISSING))
    if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise UploadRejected(str(msg.UPLOAD_WRONG_TYPE % {"name": upload.name}))
    if (upload.size or 0) > MAX_UPLOAD_MB * 1024 * 1024:
        raise UploadRejected(
            str(msg.UPLOAD_TOO_LARGE % {"name": upload.name, "limit": MAX_UPLOAD_MB})
        )
    return upload


def import_job_create(*, user, upload: UploadedFile | None, synthetic: bool) -> ImportJob:
    """Store the uploaded file and queue its import; :class:`UploadRejected` for bad uploads."""
    upload = check_upload(upload)
    job_id = uuid.uuid4()
    folder = store.resolve_home() / UPLOADS_DIR / str(job_id)
    folder.mkdir(parents=True)
    path = folder / _safe_name(upload.name or "")
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    job = ImportJob(
        id=job_id,
        user=user if user.is_authenticated else None,
        file_name=upload.name or path.name,
        stored_path=str(path),
        synthetic=synthetic,
    )
    job.full_clean()
    job.save()
    return job


def import_job_run(job_id: uuid.UUID) -> ImportJob:
    """Run the ingest for a queued job and record the outcome on it."""
    job = ImportJob.objects.get(pk=job_id)
    job.status = ImportJob.Status.RUNNING
    _save(job, ["status"])
    try:
        with _INGEST_LOCK:
            result = ingest_file(job.stored_path, synthetic=job.synthetic)
    except ImportFileError as exc:
        job.status, job.error_zh, job.error_en = ImportJob.Status.FAILED, exc.zh, exc.en
    except Exception as exc:  # noqa: BLE001 - the page must end the wait and say why
        job.status = ImportJob.Status.FAILED
        job.error_zh = job.error_en = f"{type(exc).__name__}: {exc}"
    else:
        job.status = ImportJob.Status.DONE
        job.import_id = result.import_id
        job.rows, job.accepted, job.rejected = result.rows, result.accepted, result.rejected
        job.reasons = result.reasons
    job.finished_at = timezone.now()
    _save(job)
    return job


def _save(job: ImportJob, fields: list[str] | None = None) -> None:
    """Save the job, retrying briefly when SQLite reports a lock.

    The page polls the job while this thread writes it; SQLite (above all its shared-cache
    in-memory test database, which ignores the busy timeout) can refuse the write for a moment.
    A job left "running" forever would be worse than a short wait.
    """
    for attempt in range(SAVE_ATTEMPTS):
        try:
            job.save(update_fields=fields)
            return
        except OperationalError:
            if attempt == SAVE_ATTEMPTS - 1:
                raise
            time.sleep(SAVE_RETRY_SECONDS * (attempt + 1))


def _run_in_thread(job_id: uuid.UUID) -> None:
    close_old_connections()
    try:
        job = import_job_run(job_id)
        if job.status == ImportJob.Status.DONE:
            # Compute the new cubes now, so the first look at the dashboard is not the slow one.
            warm_snapshot()
            # Likewise the support pages' enterprise table (each would read the whole year).
            warehouse_enterprises()
    finally:
        # A thread's database connections are its own; leaving them open leaks them.
        connections.close_all()
        _THREADS.discard(threading.current_thread())


def import_job_start(job: ImportJob) -> None:
    """Run the job now (synchronous setting) or in a thread once the job row is committed."""
    if getattr(settings, "HZDIGITAL_IMPORT_SYNCHRONOUS", False):
        import_job_run(job.id)
        return
    thread = threading.Thread(
        target=_run_in_thread, args=(job.id,), name=f"import-{job.id}", daemon=True
    )
    _THREADS.add(thread)
    transaction.on_commit(thread.start)


def wait_for_imports(timeout_seconds: float | None = None) -> None:
    """Wait until the import threads of this process (cube warm-up included) have ended.

    Tests call it before their state folder goes away; a shutdown hook could do the same.
    """
    for thread in list(_THREADS):
        if thread.is_alive():
            thread.join(timeout_seconds)
        if not thread.is_alive():
            _THREADS.discard(thread)
