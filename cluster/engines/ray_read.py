"""Reading record files with Ray Data: JSONL (``read_json``), CSV (``read_csv``) and Parquet
(``read_parquet``), in a file or a directory of files, the rows mapped through the record model the
local readers use (``ingest.records.ArticleRecord``, via ``ingest.parquet.rows_to_batch``), so ids,
titles and dates are those of a local run.

Why types are pinned: Arrow infers column types, and an inferred type can change a value before the
record model sees it: an id column of ``007`` read as the number 7, a date ``2024-03-01T02:00+05:00``
read as a UTC timestamp of the day before. CSV columns are all read as text, and JSON fields the
record model knows (``id`` excepted: a file of numeric ids reads as numbers, which the model takes
as their text) as strings. A file Ray Data cannot parse this way (a malformed line, ids mixing
numbers and strings, a legacy encoding) is read by the local reader on the driver, with a notice,
so a run never loses a file the local engine would read. Other file types (text, HTML, JSON arrays)
are read locally.

Known difference: a row's number (the made id ``<file>#n`` of a file without ids, and the ``line n``
of a skip message) counts rows, where the local JSONL and CSV readers count lines: the same unless
the file has blank lines (JSONL) or values spanning lines (CSV).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from cluster.ingest.files import Batch, Source
from cluster.ingest.parquet import rows_to_batch
from cluster.ingest.readers import FileReader, read_file

RAY_SUFFIXES = (".jsonl", ".csv", ".parquet")
TEXT_FIELDS = ("title", "text", "date", "lang", "source", "url")
"""JSON fields read as strings (see the module docstring for why ``id`` is not among them)."""


def csv_header(path: Path) -> tuple[str, list[str]]:
    """The delimiter (the one of , ; tab the header uses most, as the local reader picks it) and the
    column names of a CSV file, from its first line."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        first = f.readline()
    delimiter = max([",", ";", "\t"], key=first.count)
    return delimiter, next(csv.reader([first], delimiter=delimiter), [])


def dataset(ray: Any, path: Path) -> Any:
    """The Ray Data dataset of one record file, values typed as the record model expects them."""
    import pyarrow as pa

    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return ray.data.read_parquet(str(path))
    if suffix == ".csv":
        import pyarrow.csv as pcsv

        delimiter, names = csv_header(path)
        return ray.data.read_csv(
            str(path), parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in names}),
        )
    import pyarrow.json as pjson

    schema = pa.schema([(name, pa.string()) for name in TEXT_FIELDS])
    options = pjson.ParseOptions(explicit_schema=schema, unexpected_field_behavior="infer")
    return ray.data.read_json(str(path), parse_options=options)


def ray_reader(ray: Any) -> FileReader:
    """A ``load_corpus`` reader: record files through Ray Data, everything else (None) locally."""
    ray.data.DataContext.get_current().execution_options.preserve_order = True  # rows in file order

    def read(src: Source, max_file_bytes: int) -> Batch | None:
        suffix = src.path.suffix.lower()
        if suffix not in RAY_SUFFIXES:
            return None
        try:
            rows = dataset(ray, src.path).take_all()
        except Exception as exc:  # noqa: BLE001 -- whatever Arrow refuses, the local reader may still read
            batch = read_file(src, max_file_bytes)
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[-1][:160]
            batch.notices.append(f"{src.display}: read on the driver, not by Ray Data ({reason})")
            return batch
        where, first = ("line", 1) if suffix == ".jsonl" else ("line", 2) if suffix == ".csv" else ("row", 1)
        return rows_to_batch(src, rows, where, lower_names=suffix != ".jsonl", first=first)

    return read
