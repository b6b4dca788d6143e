"""What ``hzdigital plan`` prints: make sure a plan is loaded, then show it as Rich tables.

Kept out of cli.py so the shared CLI module stays a list of thin commands.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from rich.console import Console
from rich.table import Table

from hzdigital.plan.models import Measure, Unit
from hzdigital.plan.selectors import active_edition, plan_as_dict
from hzdigital.plan.services import plan_load

EMPHASIS_MARKS = {"focus": "", "plan": "(谋划)", "cultivate": "(培育)", "support": "(扶持)"}
KIND_LABELS = dict(Unit.Kind.choices)
GROUP_LABELS = dict(Measure.Group.choices)


def ensure_plan_loaded() -> None:
    """Migrate when the schema is behind, and load the shipped plan when none is active."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)
    if active_edition() is None:
        plan_load()


def _units_table(plan: dict[str, Any]) -> Table:
    table = Table(title="区县(市)与重点产业 Units and key industries (专栏13)")
    for column in ("代码 code", "区县 unit", "类型 kind", "核心 core"):
        table.add_column(column, no_wrap=True)
    # Chinese has no spaces to wrap at; fold long lists instead of cutting them off.
    table.add_column("重点产业 key industries", overflow="fold", ratio=1)
    table.add_column("GB/T", justify="right")
    table.add_column("NBS", justify="right")
    for unit in plan["units"]:
        industries = unit["key_industries"]
        table.add_row(
            unit["code"],
            unit["name_zh"],
            KIND_LABELS[unit["kind"]].split()[0],
            "★" if unit["core"] else "",
            "、".join(k["name_zh"] + EMPHASIS_MARKS[k["emphasis"]] for k in industries),
            str(len({c for k in industries for c in k["gbt4754"]})),
            str(len({c for k in industries for c in k["nbs"]})),
        )
    return table


def _talent_table(plan: dict[str, Any]) -> Table:
    table = Table(title="数字人才引培计划 Talent directions (专栏12)")
    table.add_column("方向 direction", no_wrap=True)
    table.add_column("项目 programmes", overflow="fold", ratio=1)
    for direction in plan["talent_directions"]:
        table.add_row(
            direction["name_zh"],
            "、".join(p["name_zh"] for p in direction["programmes"]),
        )
    return table


def _measures_table(plan: dict[str, Any]) -> Table:
    table = Table(title="保障措施 Safeguard measures (四) → platform feature")
    table.add_column("编号 id", no_wrap=True)
    table.add_column("组 group", no_wrap=True)
    table.add_column("措施 measure", overflow="fold", ratio=3)
    table.add_column("平台功能 feature", overflow="fold", ratio=2)
    for measure in plan["measures"]:
        table.add_row(
            measure["id"],
            GROUP_LABELS[measure["group"]],
            measure["text"],
            measure["feature_zh"],
        )
    return table


def _other_table(plan: dict[str, Any]) -> Table:
    table = Table(title="大走廊与目标 Corridors and targets")
    table.add_column("项 item", no_wrap=True)
    table.add_column("内容 content", overflow="fold", ratio=1)
    for corridor in plan["corridors"]:
        table.add_row(
            corridor["name_zh"],
            f"{'、'.join(corridor['industries'])}; units {', '.join(corridor['units'])} "
            "(assumption 假设, see units_assumption)",
        )
    comparisons = {"above": ">", "at_least": "≥", "below": "<", "at_most": "≤"}
    for target in plan["targets"]:
        table.add_row(
            f"{target['label_zh']} {target['year']}",
            f"{comparisons[target['comparison']]} {target['value']:g} {target['unit']} "
            f"({target['source']})",
        )
    return table


def print_summary(plan: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    edition = plan["edition"]
    console.print(f"[bold]{edition['title_zh']}[/bold]  {edition['title_en']}  ({edition['slug']})")
    for table in (_units_table, _talent_table, _measures_table, _other_table):
        console.print(table(plan))


__all__ = ["ensure_plan_loaded", "plan_as_dict", "print_summary"]
