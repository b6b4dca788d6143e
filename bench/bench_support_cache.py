"""The support pages' enterprise table, cold (read from DuckDB) against warm (kept per warehouse
version), in the same run.

    uv run python bench/bench_support_cache.py [--rows N] [--seed S] [--calls K]

Generates N seeded synthetic records (the demo generator, 2021–2024), imports them into a
throw-away ``HZDIGITAL_HOME`` with its own SQLite database, then times
``support.selectors.enterprises()``: K calls with the kept table emptied before each (what
every call cost before the cache: the newest year read from DuckDB) against K warm calls, and
the same for one USCC. Prints medians, the ratio, where a warm call spends its time, the kept
frame's memory and the load average, since the machine may be shared. Timing only: nothing
here is a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path


def median_seconds(call: Callable[[], object], times: int, before: Callable[[], None]) -> float:
    spent = []
    for _ in range(times):
        before()
        start = time.perf_counter()
        call()
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--calls", type=int, default=5)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="bench-support-"))
    os.environ["HZDIGITAL_HOME"] = str(home)  # before Django reads its settings
    try:
        run(args, home)
    finally:
        shutil.rmtree(home)


def run(args: argparse.Namespace, home: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "hzdigital.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from hzdigital.demo.generate import generate_records, write_records
    from hzdigital.eligibility.enterprises import attach_profiles
    from hzdigital.eligibility.table import EnterpriseTable
    from hzdigital.support import selectors
    from hzdigital.warehouse.ingest import ingest_file

    call_command("migrate", verbosity=0)
    written = write_records(generate_records(args.rows, seed=args.seed), home / "records.csv")
    ingest_file(written.path, synthetic=True)
    print(f"load average before: {os.getloadavg()}; {args.rows} rows imported into {home}")

    def forget() -> None:
        selectors._kept.clear()

    def keep() -> None:
        return None

    whole = selectors.enterprises()
    one = str(whole.frame["uscc"].iloc[len(whole.frame) // 2])
    rows = [
        ("whole newest year", selectors.enterprises),
        ("one USCC", lambda: selectors.enterprises([one])),
    ]
    print(f"newest year {whole.year}: {len(whole.frame)} enterprises")
    for label, call in rows:
        cold = median_seconds(call, args.calls, forget)
        warm = median_seconds(call, args.calls, keep)
        print(f"{label}: cold {cold:.3f} s, warm {warm:.3f} s (medians of {args.calls}), "
              f"cold/warm {cold / warm:.1f}×")  # fmt: skip

    kept = selectors.warehouse_enterprises()
    profiles = selectors.profiles_frame()
    as_of = date(kept.year or date.today().year, 12, 31)
    merged = attach_profiles(kept.frame, profiles, as_of)
    parts = [
        ("connect + version", selectors.warehouse_enterprises),
        ("profiles", selectors.profiles_frame),
        ("attach profiles", lambda: attach_profiles(kept.frame, profiles, as_of)),
        ("EnterpriseTable", lambda: EnterpriseTable.from_frame(merged)),
    ]
    spent = ", ".join(f"{name} {median_seconds(c, args.calls, keep):.3f} s" for name, c in parts)
    print(f"a warm whole-year call: {spent}")
    memory_mb = kept.frame.memory_usage(deep=True).sum() / 1e6
    print(f"kept frame: {memory_mb:.1f} MB; load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
