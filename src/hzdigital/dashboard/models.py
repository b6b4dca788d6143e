"""The one thing the monitoring pages write: a record of each import started from the web.

The warehouse's own ``imports`` table logs what an import loaded; this job record follows
the upload from the moment the file arrives until the ingest ends, so the page can show a
stage while it runs and the error if the file could not be read at all.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "已上传 queued"
        RUNNING = "running", "处理中 running"
        DONE = "done", "完成 done"
        FAILED = "failed", "失败 failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255, help_text="As uploaded")
    stored_path = models.CharField(max_length=1024, help_text="Under HZDIGITAL_HOME/uploads")
    synthetic = models.BooleanField(default=False, help_text="The uploader says it is made up")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # A whole-file problem (the ingest stopped); the page picks the reader's language.
    error_zh = models.TextField(blank=True)
    error_en = models.TextField(blank=True)
    # Filled from the warehouse's ImportResult when the ingest ends.
    import_id = models.CharField(max_length=64, blank=True)
    rows = models.PositiveIntegerField(null=True, blank=True)
    accepted = models.PositiveIntegerField(null=True, blank=True)
    rejected = models.PositiveIntegerField(null=True, blank=True)
    reasons = models.JSONField(default=dict, blank=True, help_text="Rule code → rows breaking it")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "导入任务 import job"
        verbose_name_plural = "导入任务 import jobs"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
