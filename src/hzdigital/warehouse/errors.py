"""Errors about the warehouse file itself, in a module light enough for the command line to
import before it knows whether a command touches the warehouse."""

from __future__ import annotations

from pathlib import Path

from hzdigital.warehouse.messages import WAREHOUSE_BUSY


class WarehouseBusy(Exception):
    """Another process holds the warehouse file for longer than the wait allows."""

    def __init__(self, path: Path, pid: str, seconds: float) -> None:
        self.path, self.pid, self.seconds = path, pid, seconds
        self.values = {"path": path, "pid": pid, "seconds": f"{seconds:g}"}
        super().__init__(WAREHOUSE_BUSY.render(**self.values))
