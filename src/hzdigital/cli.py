"""The ``hzdigital`` command line: one Typer app, every option with help text.

Commands and their JSON shapes are the contract in README.md; ``tests/test_docs.py`` keeps
the two in step.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import typer

app = typer.Typer(
    help="hzdigital: 杭州市数字经济“十四五”规划 as working software.",
    no_args_is_help=True,
    add_completion=False,
)
classify_app = typer.Typer(help="Classify an industry code or a business-scope text (NBS 2021).")
classification_app = typer.Typer(help="Manage the NBS 2021 classification table edition.")
app.add_typer(classify_app, name="classify")
app.add_typer(classification_app, name="classification")

# Exit codes: 0 done, 2 the input could not be used (unknown code, unreadable file).
EXIT_BAD_INPUT = 2


def _django_setup() -> None:
    """Start Django for commands that touch the OLTP store."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hzdigital.settings")
    import django

    django.setup()


def _print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


DEMO_YEARS = (2021, 2022, 2023, 2024)  # the years the published series covers best
DEMO_ROWS = 20_000  # enterprise-year rows: enough for every district x category cell


@app.command()
def demo(
    port: int = typer.Option(8000, help="Port to serve on."),
    no_serve: bool = typer.Option(False, "--no-serve", help="Set everything up, then stop."),
    rows: int = typer.Option(DEMO_ROWS, help="Synthetic enterprise-year rows to seed."),
    seed: int = typer.Option(2021, help="Seed of the synthetic data generator."),
) -> None:
    """Migrate, load the plan and reference data, seed synthetic demo data, serve."""
    _django_setup()
    from django.conf import settings
    from django.core.management import call_command

    from hzdigital.demo.generate import generate_records, write_records
    from hzdigital.plan.services import plan_load
    from hzdigital.warehouse.ingest import ingest_file

    call_command("migrate", interactive=False, verbosity=0)
    edition = plan_load()
    typer.echo(f"规划已载入 plan loaded: {edition.slug}")
    demo_file = settings.HOME / "demo" / f"enterprises_synthetic_seed{seed}.parquet"
    demo_file.parent.mkdir(parents=True, exist_ok=True)
    write_records(generate_records(rows, seed, years=DEMO_YEARS), demo_file)
    result = ingest_file(demo_file, synthetic=True)
    typer.echo(
        f"合成演示数据 synthetic demo data: {result.accepted} 行 rows accepted, "
        f"{result.rejected} rejected"
    )
    if no_serve:
        return
    typer.echo(f"http://127.0.0.1:{port}/")
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the platform (migrates the database first if needed)."""
    _django_setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("runserver", f"{host}:{port}", use_reloader=False)


@app.command()
def plan(
    json_output: bool = typer.Option(
        False,
        "--json",
        help="Print the plan as JSON (units, industries, talent, measures, targets).",
    ),
) -> None:
    """The plan as data: units, key industries, talent directions, measures, targets."""
    _django_setup()
    from hzdigital.plan.planfile import PlanFileError
    from hzdigital.plan.summary import ensure_plan_loaded, plan_as_dict, print_summary

    try:
        ensure_plan_loaded()
    except PlanFileError as error:
        _fail(str(error))
    data = plan_as_dict()
    if json_output:
        _print_json(data)
    else:
        print_summary(data)


@app.command()
def generate(
    rows: int = typer.Option(
        ..., "--rows", help="Enterprise-year rows to write, bad rows included."
    ),
    out: str = typer.Option(
        ...,
        "--out",
        help="Output file; the extension picks the format: .csv (UTF-8), .parquet or .xlsx. "
        "A <out>.meta.json sidecar (seed, years, calibration) is written beside it.",
    ),
    seed: int = typer.Option(2021, "--seed", help="Seed: the same seed writes the same records."),
    years: str = typer.Option(
        "2021-2024", "--years", help="Statistical years, e.g. 2021-2024 or 2021,2023 (2015-2025)."
    ),
    zh_headers: bool = typer.Option(
        False, "--zh-headers", help="Chinese column headers (统一社会信用代码, 企业名称, …)."
    ),
    bad_share: float = typer.Option(
        0.0,
        "--bad-share",
        help="Share of rows that are bad, spread evenly over the bad-row kinds (e.g. 0.02).",
    ),
    bad_kinds: str = typer.Option(
        "",
        "--bad-kinds",
        help="Comma-separated bad-row kinds (default: all): check_char, unknown_class, "
        "outside_hangzhou, negative_revenue, duplicate_key, bad_year.",
    ),
    json_output: bool = typer.Option(
        False, "--json", help="Print the sidecar (seed, rows, calibration report) as JSON."
    ),
) -> None:
    """Seeded synthetic enterprise records, calibrated to published Hangzhou totals."""
    from hzdigital.demo.generate import generate_records, write_records
    from hzdigital.demo.output import print_summary

    kinds = [kind.strip() for kind in bad_kinds.split(",") if kind.strip()] or None
    try:
        frame = generate_records(rows, seed, years=years, bad_share=bad_share, bad_kinds=kinds)
        written = write_records(frame, out, zh_headers=zh_headers)
    except ValueError as error:
        _fail(str(error))
    if json_output:
        _print_json(
            {"file": str(written.path), "meta_file": str(written.meta_path)} | written.metadata
        )
    else:
        print_summary(written)


if __name__ == "__main__":
    app()
