"""Collecting plan-file problems: each names its YAML path, its rule and both languages.

Framework-free; used by ``planfile``. A problem never stops the reading, so an editor sees all
of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hzdigital.plan.messages import PLAN_FILE_INVALID_EN, PLAN_FILE_INVALID_ZH, PLAN_RULES


@dataclass(frozen=True)
class PlanIssue:
    path: str  # YAML path, e.g. "units[3].code"
    rule: str  # a key of PLAN_RULES
    values: tuple[tuple[str, str], ...] = ()

    @property
    def zh(self) -> str:
        return PLAN_RULES[self.rule].zh.format(**dict(self.values))

    @property
    def en(self) -> str:
        return PLAN_RULES[self.rule].en.format(**dict(self.values))

    def __str__(self) -> str:
        return f"{self.path}: {self.zh} / {self.en} [rule: {self.rule}]"


class PlanFileError(ValueError):
    """The plan file breaks one or more rules; ``issues`` lists them all."""

    def __init__(self, file: Path | str, issues: list[PlanIssue]) -> None:
        self.file = str(file)
        self.issues = issues
        head = (
            f"{PLAN_FILE_INVALID_ZH.format(file=file, count=len(issues))} / "
            f"{PLAN_FILE_INVALID_EN.format(file=file, count=len(issues))}"
        )
        super().__init__("\n".join([head, *(f"  {issue}" for issue in issues)]))


class Checker:
    """Collects issues while walking the document; every helper returns a usable default."""

    def __init__(self) -> None:
        self.issues: list[PlanIssue] = []

    def fail(self, path: str, rule: str, **values: object) -> None:
        self.issues.append(PlanIssue(path, rule, tuple((k, str(v)) for k, v in values.items())))

    def mapping(self, node: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(node, dict):
            self.fail(path, "type", expected_zh="映射(键: 值)", expected_en="a mapping")
            return {}
        for key in node:
            if key not in allowed:
                self.fail(path, "unknown_key", key=key, allowed=", ".join(allowed))
        return node

    def items(self, node: Any, path: str, *, required: bool = True) -> list[Any]:
        if node is None and not required:
            return []
        if not isinstance(node, list):
            self.fail(path, "type", expected_zh="列表", expected_en="a list")
            return []
        return node

    def text(self, node: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = node.get(key)
        if value is None or value == "":
            if required:
                self.fail(f"{path}.{key}", "required")
            return ""
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", "type", expected_zh="文本", expected_en="text")
            return str(value)
        return value.strip()

    def code(self, node: dict[str, Any], key: str, path: str) -> str:
        value = node.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            self.fail(f"{path}.{key}", "code_must_be_quoted", example=str(value))
            return str(value)
        return self.text(node, key, path)

    def choice(self, node: dict[str, Any], key: str, path: str, choices: tuple[str, ...]) -> str:
        value = self.text(node, key, path)
        if value and value not in choices:
            self.fail(f"{path}.{key}", "choice", value=value, choices=", ".join(choices))
        return value

    def flag(self, node: dict[str, Any], key: str, path: str) -> bool:
        value = node.get(key)
        if not isinstance(value, bool):
            self.fail(
                f"{path}.{key}", "type", expected_zh="true 或 false", expected_en="true or false"
            )
            return False
        return value

    def once(self, seen: dict[str, str], value: str, path: str) -> None:
        if value in seen:
            self.fail(path, "duplicate", value=value, first=seen[value])
        else:
            seen[value] = path

    def strings(self, node: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        values = self.items(node.get(key), f"{path}.{key}")
        for i, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(f"{path}.{key}[{i}]", "type", expected_zh="文本", expected_en="text")
        return tuple(str(v) for v in values)

    def in_text(self, value: str, text: str, path: str, where: str) -> None:
        if value and text and value not in text:
            self.fail(path, "not_in_text", value=value, where=where)
