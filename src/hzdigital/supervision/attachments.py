"""Which evidence files a progress report may carry: a declarative table of allowed types.

A file is accepted when its extension is in the table, its first bytes match that type's
signature (so a renamed executable is refused) and it is no larger than the limit. Office
files are ZIP containers, hence the shared ``PK`` signature. Framework-free.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # 10 MiB per file
MAX_ATTACHMENTS = 5  # per report


@dataclass(frozen=True)
class AllowedType:
    extension: str
    label: str
    signatures: tuple[bytes, ...]  # accepted leading bytes; empty = any (plain text)


ALLOWED_TYPES = {
    t.extension: t
    for t in (
        AllowedType("pdf", "PDF", (b"%PDF-",)),
        AllowedType("docx", "Word", (b"PK\x03\x04",)),
        AllowedType("xlsx", "Excel", (b"PK\x03\x04",)),
        AllowedType("pptx", "PowerPoint", (b"PK\x03\x04",)),
        AllowedType("png", "PNG", (b"\x89PNG\r\n\x1a\n",)),
        AllowedType("jpg", "JPEG", (b"\xff\xd8\xff",)),
        AllowedType("jpeg", "JPEG", (b"\xff\xd8\xff",)),
        AllowedType("csv", "CSV", ()),
        AllowedType("txt", "text", ()),
    )
}

TYPE_NOT_ALLOWED = (
    "附件“{name}”的类型不允许(允许:{allowed}) / "
    "Attachment {name}: type not allowed (allowed: {allowed})"
)
CONTENT_MISMATCH = (
    "附件“{name}”的内容与扩展名 .{ext} 不符 / Attachment {name}: content is not a .{ext} file"
)
TOO_LARGE = "附件“{name}”超过 {limit_mib} MiB / Attachment {name} is larger than {limit_mib} MiB"
EMPTY_FILE = "附件“{name}”是空文件 / Attachment {name} is empty"
TOO_MANY = "每份报告最多 {limit} 个附件 / At most {limit} attachments per report"


def attachment_problem(name: str, size_bytes: int, head: bytes) -> str | None:
    """Why a file cannot be attached, or None when it can.

    >>> attachment_problem("进度.pdf", 1200, b"%PDF-1.7") is None
    True
    >>> attachment_problem("setup.exe", 1200, b"MZ").startswith("附件“setup.exe”的类型不允许")
    True
    """
    ext = PurePath(name).suffix.lower().lstrip(".")
    allowed = ALLOWED_TYPES.get(ext)
    if allowed is None:
        return TYPE_NOT_ALLOWED.format(name=name, allowed=", ".join(sorted(ALLOWED_TYPES)))
    if size_bytes == 0:
        return EMPTY_FILE.format(name=name)
    if size_bytes > MAX_ATTACHMENT_BYTES:
        return TOO_LARGE.format(name=name, limit_mib=MAX_ATTACHMENT_BYTES // (1024 * 1024))
    if allowed.signatures and not any(head.startswith(sig) for sig in allowed.signatures):
        return CONTENT_MISMATCH.format(name=name, ext=ext)
    return None
