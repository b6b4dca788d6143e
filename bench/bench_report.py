"""Benchmark: building the full annual report (model, HTML, PDF, XLSX) for the demo year.

    uv run python bench/bench_report.py [--rows 20000] [--year 2024] [--repeat 2]

Sets up a throwaway HZDIGITAL_HOME like ``hzdigital demo --no-serve`` does (migrate, plan,
``--rows`` seeded synthetic records through the real import, demo work points and projects),
then times, best of ``--repeat``: building the report model (every chapter, including the
1 000-run index Monte Carlo), rendering HTML, PDF (WeasyPrint) and XLSX. Baseline in the same
run: the PDF with the district map drawn from every GeoJSON point (``MIN_STEP_PX = 0``) instead
of dropping points closer than one pixel, the one optimisation the PDF build got. Prints wall
and CPU seconds and the load average, since the machine is shared.
Goal: the full PDF (model + render) in under 60 s on 2 shared cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def best_of(repeat: int, work) -> tuple[float, float, object]:
    """(best wall seconds, CPU seconds of that run, result)."""
    best = (float("inf"), 0.0, None)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        elapsed = time.perf_counter() - wall
        if elapsed < best[0]:
            best = (elapsed, time.process_time() - cpu, result)
    return best


def set_up(home: Path, rows: int) -> None:
    os.environ["HZDIGITAL_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hzdigital.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from hzdigital.demo.generate import generate_records, write_records
    from hzdigital.plan.services import plan_load
    from hzdigital.warehouse.ingest import ingest_file

    call_command("migrate", interactive=False, verbosity=0)
    plan_load()
    records = home / "enterprises.parquet"
    write_records(generate_records(rows, 2021, years=(2021, 2022, 2023, 2024)), records)
    ingest_file(records, synthetic=True)
    call_command("seed_supervision", verbosity=0)
    call_command("seed_projects", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-report-") as folder:
        home = Path(folder)
        start = time.perf_counter()
        set_up(home, args.rows)
        print(
            f"set-up ({args.rows} rows imported, demo seeds): {time.perf_counter() - start:.1f} s"
        )

        from hzdigital.reports import render, svg_map
        from hzdigital.reports.content import build_report

        build_report(args.year, "zh")  # warm caches (snapshot cubes, plan file), as a server is
        figures = {}
        figures["model"] = best_of(args.repeat, lambda: build_report(args.year, "zh"))
        report = figures["model"][2]
        for fmt in ("html", "pdf", "xlsx"):
            figures[fmt] = best_of(args.repeat, lambda fmt=fmt: render.render(report, fmt))
        kept = svg_map.MIN_STEP_PX
        svg_map.MIN_STEP_PX = 0.0
        try:
            baseline_report = build_report(args.year, "zh")
            figures["pdf, every map point"] = best_of(
                args.repeat, lambda: render.render(baseline_report, "pdf")
            )
        finally:
            svg_map.MIN_STEP_PX = kept

        load = os.getloadavg()
        print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
        print(f"{'step':<24}{'wall s':>9}{'cpu s':>9}{'bytes':>11}")
        for name, (wall, cpu, result) in figures.items():
            size = len(result) if isinstance(result, bytes | str) else 0
            print(f"{name:<24}{wall:>9.2f}{cpu:>9.2f}{size:>11}")
        full = figures["model"][0] + figures["pdf"][0]
        print(f"full PDF (model + render): {full:.1f} s; goal < 60 s: "
              f"{'met' if full < 60 else 'missed'}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
