"""Parquet record files (``.parquet``): the fields of a JSONL record, one row each, read by the same
record model (``records.ArticleRecord``), so an article's id, title and date do not depend on the format.

pyarrow is optional (it comes with ``pip install '.[ray]'``): without it a ``.parquet`` file is skipped
with a one-line reason naming the file, like any other unreadable input. Column names are read in
any case, as CSV headers are; date and time columns become ISO text, the form a JSONL date has, and
the record model parses them the same way. The Ray engine maps the rows Ray Data reads (Parquet,
CSV, JSONL) through ``rows_to_batch`` too (``cluster/engines/ray_read.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from cluster.ingest.files import Batch, Source, Unreadable
from cluster.ingest.records import records_to_batch

PYARROW_HINT = "reading .parquet needs pyarrow (pip install pyarrow, or pip install '.[ray]')"


def plain_row(row: dict[str, Any], *, lower_names: bool) -> dict[str, Any]:
    """A row as a record: dates and times as ISO text; column names lower-cased for tabular files
    (CSV headers are read in any case); absent values (null) left out, as a JSONL line leaves them."""
    out: dict[str, Any] = {}
    for name, value in row.items():
        if value is None:
            continue
        if isinstance(value, (dt.date, dt.datetime, dt.time)):
            value = value.isoformat()
        out[str(name).strip().lower() if lower_names else str(name)] = value
    return out


def rows_to_batch(src: Source, rows: Iterable[dict[str, Any]], where: str, *, lower_names: bool,
                  first: int = 1) -> Batch:
    """Articles from rows in file order; ``where`` names a row in messages ("row 3", "line 4"), counted
    from ``first``; the n-th row (from 1) makes the id ``<file>#n`` when the file has no ids."""
    items = [(f"{where} {k + first - 1}", k, plain_row(row, lower_names=lower_names))
             for k, row in enumerate(rows, 1)]
    return records_to_batch(src, items, Batch())


def read_parquet(src: Source, max_file_bytes: int) -> Batch:
    """Every row of a Parquet file as a record."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise Unreadable(PYARROW_HINT) from None
    size = src.path.stat().st_size
    if size > max_file_bytes:
        raise Unreadable(f"file is {size:,} bytes, over the {max_file_bytes:,}-byte limit")
    try:
        table = pq.read_table(src.path)
    except (pa.ArrowException, OSError) as exc:
        raise Unreadable(f"not a readable Parquet file ({str(exc).splitlines()[0][:120]})") from None
    return rows_to_batch(src, table.to_pylist(), "row", lower_names=True)
