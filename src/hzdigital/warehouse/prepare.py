"""Turn the columns as read into the text columns the rules check, with Arrow and numpy.

Trimming, blank-to-NULL and uppercasing are Arrow kernels (several times faster than SQL
``trim`` on this machine). The USCC check character is numpy arithmetic over the codes as a
fixed-width byte matrix: SQL would need a regular expression and 17 substrings per row, which
was the largest single cost of the import.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from hzdigital.lib.uscc import uscc_checks
from hzdigital.warehouse.readers import (
    FIELD_NAMES,
    MALFORMED_COLUMN,
    ROW_COLUMN,
    SEQ_COLUMN,
    SourceTable,
)
from hzdigital.warehouse.rules import (
    DIVISION_KIND,
    DIVISION_WELL_FORMED,
    INDUSTRY_CODE,
    INDUSTRY_LETTER,
    INDUSTRY_SECTION,
    USCC_CHECK_HOLDS,
    USCC_WELL_FORMED,
    parse_division,
    parse_industry,
    text_column,
)

# Blanks clerks leave around values: ASCII space and tabs, no-break space, ideographic space.
BLANKS = " \t\r\n\u00a0\u3000"
UPPERCASE_FIELDS = ("uscc", "industry_code")  # codes are compared in capitals


def field_text(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """A column as trimmed text, NULL when blank. Numbers become the text a clerk would type
    (Arrow writes the float 2023.0 as "2023")."""
    if not pa.types.is_string(column.type):
        column = pc.cast(column, pa.string())
    trimmed = pc.utf8_trim(column, BLANKS)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def prepare(source: SourceTable, pool: ThreadPoolExecutor) -> pa.Table:
    """One text column per canonical field (see ``rules.text_column``), the row keys and the
    two USCC check columns.

    The columns are independent, and Arrow's kernels and numpy release the GIL, so ``pool``
    works on several at once: one core alone spent about 0.9 s per million rows here.
    """
    table = source.table
    columns: dict[str, pa.ChunkedArray | pa.Array] = {
        SEQ_COLUMN: table.column(SEQ_COLUMN),
        ROW_COLUMN: table.column(ROW_COLUMN),
        MALFORMED_COLUMN: table.column(MALFORMED_COLUMN),
    }
    texts = {name: pool.submit(_field_column, source, name) for name in FIELD_NAMES}
    for name, text in texts.items():
        columns[text_column(name)] = text.result()
    checks = pool.submit(uscc_checks, columns[text_column("uscc")])
    parsed = [
        pool.submit(_parse_distinct, columns[text_column(name)], parse, types)
        for name, parse, types in _PARSED_PER_DISTINCT
    ]
    well_formed, holds = checks.result()
    columns[USCC_WELL_FORMED] = pa.array(well_formed)
    columns[USCC_CHECK_HOLDS] = pa.array(holds)
    for answers in parsed:
        columns.update(answers.result())
    return pa.table(columns)


def _field_column(source: SourceTable, name: str) -> pa.ChunkedArray | pa.Array:
    position = source.fields.get(name)
    if position is None:
        return pa.nulls(source.table.num_rows, pa.string())
    text = field_text(source.table.column(f"c{position}"))
    return pc.utf8_upper(text) if name in UPPERCASE_FIELDS else text


# field → the parser of one distinct text and the columns its answer fills (see ``rules.py``).
_Parser = Callable[[str | None], tuple[Any, ...]]
_PARSED_PER_DISTINCT: tuple[tuple[str, _Parser, dict[str, pa.DataType]], ...] = (
    (
        "industry_code",
        parse_industry,
        {INDUSTRY_LETTER: pa.string(), INDUSTRY_CODE: pa.string(), INDUSTRY_SECTION: pa.string()},
    ),
    (
        "division_code",
        parse_division,
        {DIVISION_WELL_FORMED: pa.bool_(), DIVISION_KIND: pa.string()},
    ),
)


def _parse_distinct(
    text: pa.ChunkedArray | pa.Array, parse: _Parser, types: dict[str, pa.DataType]
) -> dict[str, pa.Array]:
    """``parse`` applied once to each distinct value of ``text``, the answers spread to the rows.

    The answer for NULL must be all None: NULL rows get NULL in every column.
    """
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    encoded = pc.dictionary_encode(text)
    answers = [parse(value) for value in encoded.dictionary.to_pylist()]
    return {
        name: pa.array([answer[k] for answer in answers], type).take(encoded.indices)
        for k, (name, type) in enumerate(types.items())
    }
