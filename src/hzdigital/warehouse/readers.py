"""Read an enterprise file (CSV, XLSX, Parquet) into an Arrow table, and map its headers.

Values are kept as the file has them (text for CSV and XLSX, native types for Parquet); the
rules in ``rules.py`` parse them. Columns are renamed ``c0, c1, …`` so that any header, even a
duplicated or odd one, is safe in SQL; the original headers travel alongside for the
quarantine file. ``_row`` is the row number as the user counts it: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from hzdigital.warehouse import messages as m
from hzdigital.warehouse.messages import Message

ROW_COLUMN = "_row"
MALFORMED_COLUMN = "_malformed"  # the raw text of a CSV line with the wrong number of fields
HEADER_ROW = 1


class ImportFileError(Exception):
    """The whole file cannot be imported; the message names the file and the problem."""

    def __init__(self, message: Message, lang: str = "zh", **values: object) -> None:
        self.message = message
        self.values = values
        self.zh = message.zh.format(**values)
        self.en = message.en.format(**values)
        super().__init__(f"{self.en} / {self.zh}" if lang == "en" else f"{self.zh} / {self.en}")


@dataclass(frozen=True)
class FieldSpec:
    field: str
    required: bool
    aliases: tuple[str, ...]  # normalised header spellings (see ``normalise_header``)
    units: tuple[str, ...] = ()  # accepted units in brackets; empty = any bracket text ignored
    unit_zh: str = ""


_WAN_YUAN = ("万元", "wanyuan", "10kyuan", "10000yuan", "10,000yuan", "10thousandyuan", "cny10k")
_PERSONS = ("人", "persons", "people", "person", "人数")

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "uscc",
        True,
        (
            "uscc",
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "unifiedsocialcreditcode",
            "creditcode",
        ),
    ),
    FieldSpec("name", True, ("name", "企业名称", "单位名称", "enterprisename", "companyname")),
    FieldSpec(
        "division_code",
        True,
        ("divisioncode", "行政区划代码", "区划代码", "所在区县代码", "division", "adcode"),
    ),
    FieldSpec(
        "industry_code",
        True,
        ("industrycode", "行业代码", "国民经济行业代码", "行业小类代码", "industry", "gbt4754code"),
    ),
    FieldSpec("year", True, ("year", "统计年度", "年度", "年份", "statisticalyear")),
    FieldSpec("revenue", True, ("revenue", "营业收入", "operatingrevenue"), _WAN_YUAN, "万元"),
    FieldSpec("value_added", False, ("valueadded", "增加值"), _WAN_YUAN, "万元"),
    FieldSpec(
        "employees",
        True,
        ("employees", "从业人员", "从业人员数", "从业人数", "年末从业人员", "staff"),
        _PERSONS,
        "人",
    ),
    FieldSpec(
        "rd_expense",
        False,
        ("rdexpense", "研发费用", "研发经费", "r&dexpense", "rdexpenditure"),
        _WAN_YUAN,
        "万元",
    ),
    FieldSpec("business_scope", False, ("businessscope", "经营范围", "scope")),
)
FIELD_NAMES = tuple(spec.field for spec in FIELDS)

# "营业收入 (万元)" → base "营业收入", unit "万元" after normalisation.
_UNIT = re.compile(r"^(.*?)[(\[](.*)[)\]]$")
_SEPARATORS = re.compile(r"[\s_\-.·/]+")


def normalise_header(header: str) -> tuple[str, str]:
    """(base, unit) of a header: NFKC (full-width brackets and letters), lowercase, no blanks.

    >>> normalise_header(" 营业收入（万元） ")
    ('营业收入', '万元')
    >>> normalise_header("Division Code")
    ('divisioncode', '')
    """
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(header or "")).lower())
    match = _UNIT.match(text)
    return (match.group(1), match.group(2)) if match else (text, "")


def map_headers(headers: list[str], path: Path, lang: str = "zh") -> dict[str, int]:
    """Field → column position; raises for missing required columns, duplicates, wrong units."""
    by_alias = {alias: spec for spec in FIELDS for alias in spec.aliases}
    found: dict[str, int] = {}
    for position, header in enumerate(headers):
        base, unit = normalise_header(header)
        spec = by_alias.get(base)
        if spec is None:
            continue  # extra columns are kept in the quarantine file, not loaded
        if spec.field in found:
            raise ImportFileError(
                m.COLUMN_DUPLICATED, lang, path=path, first=found[spec.field] + 1,
                second=position + 1, field=spec.field,
            )  # fmt: skip
        if unit and spec.units and unit not in spec.units:
            raise ImportFileError(
                m.COLUMN_WRONG_UNIT, lang, path=path, header=header, unit=unit,
                expected=spec.unit_zh,
            )  # fmt: skip
        found[spec.field] = position
    missing = [spec.field for spec in FIELDS if spec.required and spec.field not in found]
    if missing:
        raise ImportFileError(m.COLUMN_MISSING, lang, path=path, columns=", ".join(missing))
    return found


@dataclass(frozen=True)
class SourceTable:
    table: pa.Table  # c0…cN as read, plus _row (int64), _malformed (string), _seq (int64)
    headers: list[str]  # original header of each cK
    fields: dict[str, int]  # canonical field → K
    file_format: str  # csv | xlsx | parquet
    encoding: str  # of a CSV; "" otherwise


def _column_names(count: int) -> list[str]:
    return [f"c{k}" for k in range(count)]


def _with_row_numbers(table: pa.Table, rows: np.ndarray) -> pa.Table:
    table = table.append_column(ROW_COLUMN, pa.array(rows, pa.int64()))
    return table.append_column(MALFORMED_COLUMN, pa.nulls(table.num_rows, pa.string()))


_CHUNK_BYTES = 1 << 20


def _decodes_as(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK_BYTES):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path, lang: str = "zh") -> str:
    """``utf-8`` or ``gb18030`` (Excel on Chinese Windows saves CSV as GBK, a subset)."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(m.FILE_ENCODING_UNKNOWN, lang, path=path)
    for encoding in ("utf-8", "gb18030"):
        if _decodes_as(path, encoding):
            return encoding
    raise ImportFileError(m.FILE_ENCODING_UNKNOWN, lang, path=path)


def read_csv(path: Path, lang: str = "zh") -> SourceTable:
    # Fast path: Arrow checks UTF-8 while it converts every value, so the Python decode of the
    # whole file (a third of the reading time) runs only when that check cannot be trusted:
    # the read failed in any way (then the careful path gives the right message), or lines
    # were skipped as malformed (Arrow did not convert their values).
    try:
        source = _read_csv_as(path, "utf-8", lang)
    except (ImportFileError, pa.ArrowInvalid, UnicodeDecodeError, OSError):
        source = None
    if source is not None and not _has_malformed(source):
        return source
    encoding = detect_encoding(path, lang)
    if source is not None and encoding == "utf-8":
        return source
    return _read_csv_as(path, encoding, lang)


def _has_malformed(source: SourceTable) -> bool:
    return source.table.column(MALFORMED_COLUMN).null_count < source.table.num_rows


def _read_csv_as(path: Path, encoding: str, lang: str) -> SourceTable:
    with path.open(encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="") as f:
        first_line = f.readline()
    if not first_line.strip():
        raise ImportFileError(m.FILE_EMPTY, lang, path=path)
    # Excel's "Unicode text" and some exports are tab-separated; a header tells which.
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    headers = next(csv.reader(io.StringIO(first_line), delimiter=delimiter))
    fields = map_headers(headers, path, lang)
    names = _column_names(len(headers))
    bad_lines: list[tuple[int | None, str]] = []

    def keep_bad_line(row: pacsv.InvalidRow) -> str:
        bad_lines.append((row.number, row.text))
        return "skip"

    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                encoding="utf8" if encoding == "utf-8" else encoding,
                column_names=names,
                skip_rows=1,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, invalid_row_handler=keep_bad_line
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, OSError) as error:
        raise ImportFileError(m.FILE_UNREADABLE, lang, path=path, detail=error) from error
    if any(number is None for number, _ in bad_lines):
        # Arrow does not know line numbers when values may span lines; count records instead.
        numbers = _malformed_record_numbers(path, encoding, delimiter, len(headers))
        if len(numbers) == len(bad_lines):
            bad_lines = [(n, text) for n, (_, text) in zip(numbers, bad_lines, strict=True)]
    rows = _row_numbers(table.num_rows, [number for number, _ in bad_lines])
    table = _with_row_numbers(table, rows)
    if bad_lines:
        table = pa.concat_tables([table, _malformed_rows(names, bad_lines)])
    return SourceTable(table, headers, fields, "csv", encoding)


def _malformed_record_numbers(path: Path, encoding: str, delimiter: str, width: int) -> list[int]:
    """Record numbers (header = 1) of records with the wrong number of fields.

    A plain Python pass, run only when a file has such records, which is rare.
    """
    with path.open(encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="") as f:
        return [
            number
            for number, record in enumerate(csv.reader(f, delimiter=delimiter), start=HEADER_ROW)
            if number > HEADER_ROW and record and len(record) != width
        ]


def _row_numbers(good_count: int, bad_numbers: list[int | None]) -> np.ndarray:
    """Row numbers of the good rows, skipping the numbers taken by malformed lines."""
    known = np.array([number for number in bad_numbers if number is not None], dtype=np.int64)
    first = HEADER_ROW + 1
    candidates = np.arange(first, first + good_count + len(known))
    if not len(known):
        return candidates
    keep = np.ones(len(candidates), dtype=bool)
    taken = known - first
    keep[taken[(taken >= 0) & (taken < len(candidates))]] = False
    return candidates[keep][:good_count]


def _malformed_rows(names: list[str], bad_lines: list[tuple[int | None, str]]) -> pa.Table:
    columns = {name: pa.nulls(len(bad_lines), pa.string()) for name in names}
    columns[ROW_COLUMN] = pa.array([number for number, _ in bad_lines], pa.int64())
    columns[MALFORMED_COLUMN] = pa.array([text for _, text in bad_lines], pa.string())
    return pa.table(columns)


def _cell_text(value: object) -> str | None:
    """An Excel cell as the text a clerk sees (2023.0 is shown as 2023)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def read_xlsx(path: Path, lang: str = "zh") -> SourceTable:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise ImportFileError(m.FILE_UNREADABLE, lang, path=path, detail=error) from error
    try:
        rows = workbook.active.iter_rows(values_only=True)
        header_cells = next(rows, None)
        if not header_cells or all(cell is None for cell in header_cells):
            raise ImportFileError(m.FILE_EMPTY, lang, path=path)
        headers = [_cell_text(cell) or "" for cell in header_cells]
        fields = map_headers(headers, path, lang)
        columns: list[list[str | None]] = [[] for _ in headers]
        numbers: list[int] = []
        for offset, cells in enumerate(rows):
            if all(cell is None for cell in cells):
                continue  # blank rows (often trailing) are not records
            numbers.append(HEADER_ROW + 1 + offset)
            for k in range(len(headers)):
                columns[k].append(_cell_text(cells[k]) if k < len(cells) else None)
    finally:
        workbook.close()
    names = _column_names(len(headers))
    table = pa.table(
        {name: pa.array(col, pa.string()) for name, col in zip(names, columns, strict=True)}
    )
    return SourceTable(
        _with_row_numbers(table, np.array(numbers, dtype=np.int64)), headers, fields, "xlsx", ""
    )


# Fields that take few distinct values by their nature: 13 districts, some 1,400 classes, a
# few years. Stored as text in a Parquet file, they are read as Arrow dictionaries, so that
# their values are decoded, trimmed and parsed once per distinct value (``prepare``).
BOUNDED_FIELDS = ("division_code", "industry_code", "year")


def _is_text(data_type: pa.DataType) -> bool:
    return pa.types.is_string(data_type) or pa.types.is_large_string(data_type)


def read_parquet(path: Path, lang: str = "zh") -> SourceTable:
    try:
        schema = pq.read_schema(path)
        headers = list(schema.names)
        fields = map_headers(headers, path, lang)
        dictionary = [
            headers[fields[name]]
            for name in BOUNDED_FIELDS
            if name in fields
            and headers.count(headers[fields[name]]) == 1
            and _is_text(schema.field(fields[name]).type)
        ]
        table = pq.read_table(path, read_dictionary=dictionary)
    except (pa.ArrowInvalid, OSError) as error:
        raise ImportFileError(m.FILE_UNREADABLE, lang, path=path, detail=error) from error
    table = table.rename_columns(_column_names(len(headers)))
    rows = np.arange(HEADER_ROW + 1, HEADER_ROW + 1 + table.num_rows)
    return SourceTable(_with_row_numbers(table, rows), headers, fields, "parquet", "")


READERS = {".csv": read_csv, ".txt": read_csv, ".xlsx": read_xlsx, ".parquet": read_parquet}


def read_source(path: Path, lang: str = "zh") -> SourceTable:
    if not path.is_file():
        raise ImportFileError(m.FILE_NOT_FOUND, lang, path=path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportFileError(m.FILE_FORMAT_UNKNOWN, lang, path=path)
    source = reader(path, lang)
    sequence = pa.array(np.arange(source.table.num_rows, dtype=np.int64))
    return replace(source, table=source.table.append_column(SEQ_COLUMN, sequence))


SEQ_COLUMN = "_seq"  # position in the Arrow table: unique even where the row number is unknown


def rows_at(table: pa.Table, positions: np.ndarray) -> pa.Table:
    """The rows at ``positions`` (``_seq`` values), in table order.

    A boolean filter works chunk by chunk; ``take`` on a chunked table would first copy
    every column whole, which costs more than the rest of the quarantine.
    """
    mask = np.zeros(table.num_rows, dtype=bool)
    mask[positions] = True
    return table.filter(pa.array(mask))
