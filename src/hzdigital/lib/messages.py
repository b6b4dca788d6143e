"""A message people read: Chinese first, English available (one class for every package).

>>> NOT_FOUND = Message("找不到文件 {path}", "file not found: {path}")
>>> NOT_FOUND.render(path="a.csv")
'找不到文件 a.csv / file not found: a.csv'
>>> NOT_FOUND.in_language("en", path="a.csv")
'file not found: a.csv'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """A user-facing message in Chinese and English, with ``str.format`` placeholders."""

    zh: str
    en: str

    def render(self, **values: object) -> str:
        """Both languages, Chinese first, as one line."""
        return f"{self.zh.format(**values)} / {self.en.format(**values)}"

    def in_language(self, lang: str, **values: object) -> str:
        """One language: ``en`` for English, Chinese otherwise."""
        return (self.en if lang == "en" else self.zh).format(**values)

    def wrap(self, inner: Message, **values: object) -> str:
        """Both languages, each embedding the same language of ``inner`` as ``{detail}``."""
        zh = self.zh.format(detail=inner.zh, **values)
        en = self.en.format(detail=inner.en, **values)
        return f"{zh} / {en}"
