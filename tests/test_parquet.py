"""Parquet input: the same articles as the JSONL copy of a corpus (ids, titles, dates), in a file or
beside other files in a folder; without pyarrow, one line naming the file."""

from __future__ import annotations

import builtins
import datetime as dt
import json

import pytest

from cluster.ingest.readers import load_corpus
from tests.conftest import EDITED, SEEDS

pa = pytest.importorskip("pyarrow", reason="Parquet input needs pyarrow: pip install '.[ray]'")
pq = pytest.importorskip("pyarrow.parquet")



def corpus_records() -> list[dict]:
    articles = load_corpus(SEEDS).articles + load_corpus(EDITED).articles
    return [{"id": a.id, "title": a.title, "text": a.text, "date": a.date.isoformat() if a.date else None,
             "lang": a.lang, "source": a.source, "url": a.url} for a in articles]


def write_copies(folder, records) -> tuple:
    jsonl, parquet = folder / "corpus.jsonl", folder / "corpus.parquet"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(records), parquet)
    return jsonl, parquet


def comparable(readout) -> list[tuple]:
    return [(a.id, a.title, a.text, a.date, a.lang, a.source, a.url) for a in readout.articles]


def test_parquet_reads_as_its_jsonl_copy(tmp_path):
    records = corpus_records()
    jsonl, parquet = write_copies(tmp_path, records)
    from_parquet = load_corpus(parquet)
    assert comparable(from_parquet) == comparable(load_corpus(jsonl))
    assert len(from_parquet.articles) == len(records) and not from_parquet.skipped


def test_parquet_dates_numbers_and_column_case_read_like_a_record(tmp_path):
    table = pa.table({
        "ID": [7, 8, 9],
        "Text": ["Rain closed the port on Monday.", "The port reopened on Tuesday.", "No date here."],
        "Date": [dt.date(2024, 3, 1), dt.date(2024, 3, 2), None],
    })
    pq.write_table(table, tmp_path / "rows.parquet")
    readout = load_corpus(tmp_path / "rows.parquet")
    assert [(a.id, a.date) for a in readout.articles] == [
        ("7", dt.date(2024, 3, 1)), ("8", dt.date(2024, 3, 2)), ("9", None)]
    assert readout.articles[0].title == "Rain closed the port on Monday."


def test_a_folder_mixes_parquet_with_other_files(tmp_path):
    records = corpus_records()
    pq.write_table(pa.Table.from_pylist(records[:4]), tmp_path / "a.parquet")
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records[4:]), encoding="utf-8")
    assert [a.id for a in load_corpus(tmp_path).articles] == [r["id"] for r in records]


def test_a_damaged_parquet_file_is_one_skipped_input(tmp_path):
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    (tmp_path / "ok.jsonl").write_text(json.dumps({"id": "x", "text": "A short wire story."}) + "\n")
    readout = load_corpus(tmp_path)
    assert [a.id for a in readout.articles] == ["x"]
    [skip] = readout.skipped
    assert skip.path.endswith("broken.parquet") and "not a readable Parquet file" in skip.reason


def test_without_pyarrow_a_parquet_file_is_skipped_with_one_line(tmp_path, monkeypatch):
    write_copies(tmp_path, corpus_records()[:2])
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    readout = load_corpus(tmp_path)
    [skip] = readout.skipped
    assert skip.path.endswith("corpus.parquet") and "\n" not in skip.reason
    assert "pyarrow" in skip.reason and len(readout.articles) == 2  # the JSONL copy is still read
