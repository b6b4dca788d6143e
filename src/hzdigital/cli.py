"""The ``hzdigital`` command line: one Typer app, every option with help text.

Commands and their JSON shapes are the contract in README.md; ``tests/test_docs.py`` keeps
the two in step.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click
import typer
from typer.core import TyperGroup

from hzdigital.warehouse.errors import WarehouseBusy

# Exit codes: 0 done, 2 the input could not be used (unknown code, unreadable file), 75 the
# warehouse is held by another process for longer than the wait (sysexits' EX_TEMPFAIL: try
# again later).
EXIT_BAD_INPUT = 2
EXIT_WAREHOUSE_BUSY = 75


class _Commands(TyperGroup):
    """Every command: a warehouse held by another process ends in a message, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WarehouseBusy as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(EXIT_WAREHOUSE_BUSY) from error


app = typer.Typer(
    cls=_Commands,
    help="hzdigital: 杭州市数字经济“十四五”规划 as working software.",
    no_args_is_help=True,
    add_completion=False,
)
classify_app = typer.Typer(help="Classify an industry code or a business-scope text (NBS 2021).")
classification_app = typer.Typer(help="Manage the NBS 2021 classification table edition.")
app.add_typer(classify_app, name="classify")
app.add_typer(classification_app, name="classification")


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
    # Work points, tasks, reports and the demo users of every role (seeds accounts first).
    call_command("seed_supervision")
    # Demo major projects with factor guarantees, and the 2025/2026 key-technology list.
    call_command("seed_projects")
    call_command("seed_techlist")
    call_command("seed_talent")  # demo talent figures 2021-2024 by district, and targets
    # Demo policies, financing products and funds; profiles for a sample of the enterprises.
    call_command("seed_support")
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
            written.metadata | {"file": str(written.path), "meta_file": str(written.meta_path)}
        )
    else:
        print_summary(written)


@classify_app.command("code")
def classify_code_command(
    code: str = typer.Argument(..., help="GB/T 4754-2017 class code, e.g. 6520 or I6520."),
    json_output: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """GB/T 4754 class → NBS 2021 categories, with the table edition and row confidence."""
    from hzdigital.classification import EditionError, IndustryCodeError, classify_code
    from hzdigital.classification.display import print_code

    try:
        result = classify_code(code)
    except (IndustryCodeError, EditionError) as error:
        _fail(str(error))
    if json_output:
        _print_json(result.to_dict())
    else:
        print_code(result)


@classify_app.command("text")
def classify_text_command(
    text: str = typer.Argument(..., help="Business scope (经营范围) or any activity text."),
    json_output: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Business scope → candidate GB/T classes → NBS categories, with matched terms."""
    from hzdigital.classification import EditionError, active_edition, classify_text
    from hzdigital.classification.display import print_text

    try:
        edition = active_edition()
    except EditionError as error:
        _fail(str(error))
    result = classify_text(text, edition=edition)
    if json_output:
        _print_json(
            result.to_dict()
            | {"edition": edition.name, "is_reconstruction": edition.is_reconstruction}
        )
    else:
        print_text(result, edition)


@classification_app.command("load")
def classification_load_command(
    file: str = typer.Argument(..., help="CSV with the columns of the shipped NBS 2021 table."),
    name: str = typer.Option(None, help="Edition name to show in results (default: file stem)."),
    json_output: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Validate another NBS 2021 table edition and make it the active one."""
    from dataclasses import asdict

    from hzdigital.classification import EditionError, load_edition
    from hzdigital.classification.display import print_loaded

    try:
        edition = load_edition(file, name=name)
    except EditionError as error:
        _fail(str(error))
    if json_output:
        _print_json(
            {
                "edition": edition.name,
                "source_file": edition.source_file,
                "sha256": edition.sha256,
                "loaded_at": edition.loaded_at,
                "is_reconstruction": edition.is_reconstruction,
                "counts": asdict(edition.counts),
            }
        )
    else:
        print_loaded(edition)


@app.command("import")
def import_command(
    file: str = typer.Argument(
        ..., help="Enterprise records: .csv (UTF-8 or GB18030), .xlsx or .parquet."
    ),
    json_output: bool = typer.Option(
        False,
        "--json",
        help='Print {"accepted", "rejected", "quarantine", "reasons", "import_id", …} as JSON.',
    ),
    synthetic: bool = typer.Option(
        False, "--synthetic", help="Mark the records as synthetic (made by a generator)."
    ),
    lang: str = typer.Option("zh", "--lang", help="Language of the summary and errors: zh or en."),
) -> None:
    """Validate, classify and load enterprise records; bad rows go to a quarantine file."""
    from hzdigital.warehouse.display import print_import
    from hzdigital.warehouse.ingest import ImportFileError, ingest_file

    if lang not in ("zh", "en"):
        _fail(f"--lang 只能是 zh 或 en / --lang must be zh or en: {lang}")
    try:
        result = ingest_file(file, synthetic=synthetic, lang=lang)
    except ImportFileError as error:
        _fail(str(error))
    if json_output:
        _print_json(result.to_json())
    else:
        print_import(result, lang)


@app.command()
def monitor(
    year: int | None = typer.Option(
        None, "--year", help="Keep one statistical year (default: all)."
    ),
    level: str = typer.Option("core", "--level", help="Category level: major, medium or core."),
    engine: str = typer.Option("duckdb", "--engine", help="Engine: duckdb or pyspark."),
    json_output: bool = typer.Option(
        False,
        "--json",
        help='Print {"year", "level", "engine", "unit", "note", "records"} as JSON.',
    ),
    csv_path: str | None = typer.Option(None, "--csv", help="Write the cube to this CSV file."),
    xlsx_path: str | None = typer.Option(None, "--xlsx", help="Write the cube to this XLSX file."),
) -> None:
    """The indicator cube by year × district × NBS category (money in 万元 as imported)."""
    from pathlib import Path

    from hzdigital.monitoring import output
    from hzdigital.monitoring.cube import LEVELS
    from hzdigital.monitoring.engines import ENGINES, EngineUnsupportedError, warehouse_path

    if level not in LEVELS:
        _fail(
            output.MSG_BAD_CHOICE.format(option="--level", value=level, choices=", ".join(LEVELS))
        )
    if engine not in ENGINES:
        _fail(
            output.MSG_BAD_CHOICE.format(
                option="--engine", value=engine, choices=", ".join(ENGINES)
            )
        )
    if output.warehouse_rows() == 0:
        typer.echo(output.MSG_EMPTY_WAREHOUSE.format(path=warehouse_path()))
        return
    try:
        result = output.run_monitor(level, year, engine)  # type: ignore[arg-type]
    except EngineUnsupportedError as error:
        _fail(str(error))
    if result.frame.empty and year is not None:
        typer.echo(output.MSG_NO_ROWS_FOR_YEAR.format(year=year))
    for path, write in ((csv_path, output.write_csv), (xlsx_path, output.write_xlsx)):
        if path:
            write(result, Path(path))
            typer.echo(
                output.MSG_WRITTEN.format(rows=len(result.frame), path=path), err=json_output
            )
    if json_output:
        _print_json(result.payload())
    elif not (csv_path or xlsx_path):
        output.print_monitor(result)


@app.command()
def targets(
    json_output: bool = typer.Option(
        False, "--json", help='Print {"notes", "targets":[{"indicator", "trajectory", …}]} as JSON.'
    ),
) -> None:
    """The plan's targets against actuals: published figures first, the warehouse for the rest."""
    from hzdigital.monitoring import output

    reports, used_warehouse = output.run_targets()
    if json_output:
        _print_json(output.targets_payload(reports, used_warehouse))
    else:
        output.print_targets(reports, used_warehouse)


edition_app = typer.Typer(help="Publish data editions (frozen results) and list their revisions.")
app.add_typer(edition_app, name="edition")


@edition_app.command("publish")
def edition_publish(
    note: str = typer.Option("", "--note", help="Why this edition is published (shown with it)."),
    by: str | None = typer.Option(None, "--by", help="Who publishes (default: cli:<login name>)."),
    json_output: bool = typer.Option(
        False, "--json", help='Print {"created", "edition":{"edition_id", …}} as JSON.'
    ),
) -> None:
    """Freeze the warehouse's current results as a new edition (none if the data are unchanged)."""
    import getpass

    from hzdigital.monitoring import edition_output, editions

    try:
        result = editions.publish_edition(by=by or f"cli:{getpass.getuser()}", note=note)
    except editions.NothingToPublish as error:
        _fail(str(error))
    if json_output:
        _print_json(edition_output.publish_payload(result))
    else:
        edition_output.print_publish(result)


@edition_app.command("list")
def edition_list(
    json_output: bool = typer.Option(
        False, "--json", help='Print {"editions":[{"edition_id", "published_at", …}]} as JSON.'
    ),
) -> None:
    """The published editions, newest first."""
    from hzdigital.monitoring import edition_output, editions

    found = editions.list_editions()
    if json_output:
        _print_json(edition_output.list_payload(found))
    elif not found:
        typer.echo(editions.MSG_NO_EDITIONS.render())
    else:
        edition_output.print_list(found)


@edition_app.command("diff")
def edition_diff(
    old: str = typer.Argument(..., help="The earlier edition, e.g. E1."),
    new: str = typer.Argument(..., help="The later edition, e.g. E2."),
    limit: int = typer.Option(50, "--limit", help="Rows shown in the terminal (JSON has all)."),
    json_output: bool = typer.Option(
        False, "--json", help='Print {"old", "new", "revisions":[{"level", "year", …}]} as JSON.'
    ),
) -> None:
    """Every cube cell whose value changed between two editions (old, new, Δ, Δ %)."""
    from hzdigital.monitoring import edition_output, editions

    try:
        found = editions.revisions(old, new)
    except editions.UnknownEdition as error:
        _fail(str(error))
    if json_output:
        _print_json(edition_output.diff_payload(old, new, found))
    else:
        edition_output.print_diff(old, new, found, limit)


@app.command("index")
def index_command(
    year: int | None = typer.Option(
        None, "--year", help="Statistical year (default: the latest in the warehouse)."
    ),
    framework: str | None = typer.Option(
        None,
        "--framework",
        help="Index framework YAML (default: src/hzdigital/data/index_framework.yaml).",
    ),
    json_output: bool = typer.Option(
        False,
        "--json",
        help='Print {"year", "framework", "units":[{"code", "name_zh", "score", "rank", '
        '"median_rank", "rank_interval"}], …} as JSON.',
    ),
    edition: str | None = typer.Option(
        None,
        "--edition",
        help="Data edition (E1, E2, …) or live; default: the latest published edition, "
        "else live data.",
    ),
) -> None:
    """District composite index with Monte Carlo rank intervals (1000 runs, seed 2021), from
    the same inputs as the pages: the data edition and the accepted talent figures."""
    from pathlib import Path

    _django_setup()
    from hzdigital.evaluation.framework import FrameworkError
    from hzdigital.evaluation.output import print_index
    from hzdigital.evaluation.service import IndexDataError
    from hzdigital.index import selectors
    from hzdigital.monitoring.editions import UnknownEdition

    try:
        report = selectors.report(year, edition, framework=Path(framework) if framework else None)
    except (FrameworkError, IndexDataError, UnknownEdition) as error:
        _fail(str(error))
    if json_output:
        _print_json(report.to_dict())
    else:
        print_index(report)


@app.command("report")
def report_command(
    year: int = typer.Option(..., "--year", help="The report's statistical year, e.g. 2024."),
    fmt: str = typer.Option(..., "--format", help="pdf (A4, WeasyPrint), xlsx or html."),
    lang: str = typer.Option("zh", "--lang", help="Language of the report: zh or en."),
    out: str = typer.Option(..., "--out", help="File to write (folders are created)."),
) -> None:
    """The annual monitoring report, from the latest published data edition (else live)."""
    from pathlib import Path

    from hzdigital.reports.render import FORMATS

    if fmt not in FORMATS:
        _fail(f"--format 只能是 {', '.join(FORMATS)}:{fmt} / --format must be one of "
              f"{', '.join(FORMATS)}: {fmt}")  # fmt: skip
    _django_setup()
    from hzdigital.reports.content import build_report, check_request
    from hzdigital.reports.render import write

    try:
        check_request(year, lang)
    except ValueError as error:
        _fail(str(error))
    report = build_report(year, lang)
    size = write(report, fmt, Path(out))
    typer.echo(f"{report.edition.label}")
    typer.echo(f"已写出 {out}({size} 字节)/ wrote {out} ({size} bytes)")


if __name__ == "__main__":
    app()
