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


def field_text(
    column: pa.ChunkedArray | pa.Array, upper: bool = False
) -> pa.ChunkedArray | pa.Array:
    """A column as trimmed text, NULL when blank, in capitals if ``upper``. Numbers become
    the text a clerk would type (Arrow writes the float 2023.0 as "2023"). A dictionary column
    stays one: only its distinct values are worked on."""
    if isinstance(column, pa.ChunkedArray) and pa.types.is_dictionary(column.type):
        text_type = pa.dictionary(column.type.index_type, pa.string())  # what a chunk becomes
        return pa.chunked_array([field_text(chunk, upper) for chunk in column.chunks], text_type)
    if isinstance(column, pa.DictionaryArray):
        values = field_text(column.dictionary, upper)
        blank = pc.take(pc.is_null(values), column.indices)
        indices = pc.if_else(blank, pa.scalar(None, column.indices.type), column.indices)
        return pa.DictionaryArray.from_arrays(indices, pc.fill_null(values, ""))
    if not pa.types.is_string(column.type):
        column = pc.cast(column, pa.string())
    trimmed = pc.utf8_trim(column, BLANKS)
    if upper:
        trimmed = pc.utf8_upper(trimmed)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def prepare(source: SourceTable, pool: ThreadPoolExecutor) -> pa.Table:
    """One text column per canonical field (see ``rules.text_column``), the row keys and the
    two USCC check columns.

    The fields are independent, and Arrow's kernels and numpy release the GIL, so ``pool``
    works on several at once (one core alone spent about 0.9 s per million rows here); the
    USCC, the longest, goes first.
    """
    table = source.table
    columns: dict[str, pa.ChunkedArray | pa.Array] = {
        SEQ_COLUMN: table.column(SEQ_COLUMN),
        ROW_COLUMN: table.column(ROW_COLUMN),
        MALFORMED_COLUMN: table.column(MALFORMED_COLUMN),
    }
    fields = [pool.submit(_field_columns, source, name) for name in FIELD_NAMES]
    for field in fields:
        columns.update(field.result())
    return pa.table(columns)


def _field_columns(source: SourceTable, name: str) -> dict[str, pa.ChunkedArray | pa.Array]:
    """A field's text column and what is computed from it alone (USCC checks, parsed codes)."""
    text = _field_column(source, name)
    columns = {text_column(name): text}
    if name == "uscc":
        well_formed, holds = uscc_checks(text)
        columns[USCC_WELL_FORMED] = pa.array(well_formed)
        columns[USCC_CHECK_HOLDS] = pa.array(holds)
    if name in _PARSED_PER_DISTINCT:
        parse, types = _PARSED_PER_DISTINCT[name]
        columns.update(_parse_distinct(text, parse, types))
    return columns


def _field_column(source: SourceTable, name: str) -> pa.ChunkedArray | pa.Array:
    position = source.fields.get(name)
    if position is None:
        return pa.nulls(source.table.num_rows, pa.string())
    return field_text(source.table.column(f"c{position}"), upper=name in UPPERCASE_FIELDS)


# field → the parser of one distinct text and the columns its answer fills (see ``rules.py``).
_Parser = Callable[[str | None], tuple[Any, ...]]
_PARSED_PER_DISTINCT: dict[str, tuple[_Parser, dict[str, pa.DataType]]] = {
    "industry_code": (
        parse_industry,
        {INDUSTRY_LETTER: pa.string(), INDUSTRY_CODE: pa.string(), INDUSTRY_SECTION: pa.string()},
    ),
    "division_code": (
        parse_division,
        {DIVISION_WELL_FORMED: pa.bool_(), DIVISION_KIND: pa.string()},
    ),
}


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
