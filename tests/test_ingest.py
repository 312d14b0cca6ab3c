"""Reading a corpus as a user hands it over: folders of news files, record exports, and broken input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from cluster.evaluation.data import eval_set, missing_reason
from cluster.ingest.readers import CorpusReadout, load_corpus
from cluster.ingest.records import ArticleRecord, describe_problem
from cluster.service.schemas import POSTED_FROM, ArticleIn

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
DATA = HERE / "data" / "ingest"
SEED_001 = SEEDS / "001_e7c0e6484bedda40.txt"


def reasons(readout: CorpusReadout) -> dict[str, list[str]]:
    """Skip reasons by file name."""
    out: dict[str, list[str]] = {}
    for item in readout.skipped:
        out.setdefault(Path(item.path).name, []).append(item.reason)
    return out


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


# --- plain text files ------------------------------------------------------------------------------


def test_seed_folder_titles_dates_and_text() -> None:
    readout = load_corpus(SEEDS)
    by_id = {a.id: a for a in readout.articles}
    assert sorted(by_id) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert readout.skipped == [] and readout.notices == []
    assert by_id["000_ea44e2c584543728.txt"].title == "محادثات استخباراتية تركية مع ‘حماس’ لإطلاق سراح محتجزين من عدة دول"
    assert by_id["004_d816d484b0658707.txt"].title == "لقاء بين رئيس الاستخبارات التركية ووفد حماس في إسطنبول"
    dates = {i: a.date for i, a in by_id.items()}
    assert dates == {
        "000_ea44e2c584543728.txt": dt.date(2023, 11, 28),
        "001_e7c0e6484bedda40.txt": dt.date(2024, 9, 13),
        "002_fd5af0361ac50746.txt": None,
        "003_f43ac9fcd8114102.txt": dt.date(2025, 11, 5),
        "004_d816d484b0658707.txt": dt.date(2026, 3, 23),
    }
    for article in readout.articles:
        assert article.lang == "ar"
        # offsets index into the text as read: nothing stripped, not even the leading blank lines of 004
        assert article.text == (SEEDS / article.id).read_text(encoding="utf-8")


def test_text_is_kept_byte_for_byte_except_the_bom(tmp_path: Path) -> None:
    content = "\n\n  عنوان الخبر  \r\n13 سبتمبر 2024\r\n\r\nالفقرة الأولى.\u2028سطر\t\r\n"
    write(tmp_path / "a.txt", b"\xef\xbb\xbf" + content.encode("utf-8"))
    (article,) = load_corpus(tmp_path / "a.txt").articles
    assert article.text == content
    assert article.id == "a.txt" and article.title == "عنوان الخبر" and article.date == dt.date(2024, 9, 13)


def test_nested_folder_ids_order_and_ignored_files(tmp_path: Path) -> None:
    shutil.copy(SEED_001, write(tmp_path / "b" / "z.txt", ""))
    shutil.copy(SEED_001, write(tmp_path / "a.txt", ""))
    write(tmp_path / "b" / "a" / "deep.md", "# Deep title\n\nBody text here.\n")
    write(tmp_path / ".hidden.txt", "hidden article text")
    write(tmp_path / ".git" / "x.txt", "inside a hidden folder")
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\0\0\0")
    write(tmp_path / "notes.docx", b"PK\x03\x04")
    readout = load_corpus(tmp_path)
    assert [a.id for a in readout.articles] == ["a.txt", "b/a/deep.md", "b/z.txt"]
    assert readout.articles[1].title == "Deep title"
    assert readout.articles[1].path == str(tmp_path / "b" / "a" / "deep.md")
    assert readout.skipped == [] and readout.notices == []


def test_markdown_heading_and_front_matter() -> None:
    (article,) = load_corpus(DATA / "notes.md").articles
    assert (article.title, article.date, article.lang) == ("Kalin meets Hamas delegation", dt.date(2013, 7, 21), "en")


def test_markdown_front_matter(tmp_path: Path) -> None:
    write(tmp_path / "p.md", '---\ntitle: "Front matter title"\ndate: 2024-09-13\n---\n# Heading\n\nBody.\n')
    (article,) = load_corpus(tmp_path / "p.md").articles
    assert (article.title, article.date) == ("Front matter title", dt.date(2024, 9, 13))


# --- encodings and broken files --------------------------------------------------------------------


def test_good_file_survives_empty_binary_and_undecodable_neighbours(tmp_path: Path) -> None:
    shutil.copy(SEED_001, tmp_path / "good.txt")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "blank.txt", " \n\t\r\n ")
    write(tmp_path / "photo.txt", bytes(range(256)) * 8)
    write(tmp_path / "controls.txt", b"\x01\x02\x03\x04\x05\x06hello\x07\x08\x0e\x0f" * 20)
    write(tmp_path / "garbage.txt", bytes(range(0x80, 0x100)) * 4 + b"\x01\x02\x03" * 50)
    seed = SEED_001.read_bytes()
    cut = seed.index(b"\n")
    write(tmp_path / "damaged.txt", seed[:cut] + b"\xff" + seed[cut:])  # one stray byte after the title
    readout = load_corpus(tmp_path)
    assert [a.id for a in readout.articles] == ["good.txt"]
    assert reasons(readout) == {
        "blank.txt": ["empty file (whitespace only)"],
        "controls.txt": ["binary file (67% control characters)"],
        "damaged.txt": [f"not valid UTF-8 text (invalid byte at offset {cut})"],  # not guessed into mojibake
        "empty.txt": ["empty file"],
        "garbage.txt": ["not valid UTF-8/UTF-16/CP1256 text"],
        "photo.txt": ["binary file (contains NUL bytes)"],
    }
    assert str(readout.skipped[0]) == f"{tmp_path / 'blank.txt'}: empty file (whitespace only)"


def test_windows_1256_arabic(tmp_path: Path) -> None:
    original = SEED_001.read_text(encoding="utf-8")
    original = original.encode("cp1256", errors="replace").decode("cp1256")  # keep what cp1256 can hold
    write(tmp_path / "legacy.txt", original.encode("cp1256"))
    (article,) = load_corpus(tmp_path).articles
    assert article.text == original
    assert article.lang == "ar" and article.date == dt.date(2024, 9, 13)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_with_and_without_bom(tmp_path: Path, encoding: str) -> None:
    original = SEED_001.read_text(encoding="utf-8")
    data = original.encode(encoding)  # "utf-16" writes a BOM; the explicit-endian codecs do not
    write(tmp_path / "wide.txt", data)
    (article,) = load_corpus(tmp_path).articles
    assert article.text == original
    assert article.title.startswith("رئيس الاستخبارات التركية")


def test_oversized_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "big.txt", "خبر طويل جدا. " * 400)
    shutil.copy(SEED_001, tmp_path / "ok.txt")
    readout = load_corpus(tmp_path, max_file_bytes=8_000)
    assert [a.id for a in readout.articles] == ["ok.txt"]
    assert reasons(readout) == {"big.txt": ["larger than 8 KB limit (9.6 KB)"]}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.txt", "text")
    locked.chmod(0)
    try:
        readout = load_corpus(tmp_path)
    finally:
        locked.chmod(0o644)
    assert reasons(readout) == {"locked.txt": ["cannot read (Permission denied)"]}


def test_permission_error_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "locked.txt", "text")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    assert reasons(load_corpus(tmp_path)) == {"locked.txt": ["cannot read (Permission denied)"]}


def test_missing_path_raises() -> None:
    with pytest.raises(FileNotFoundError, match="corpus path not found"):
        load_corpus(Path("/no/such/corpus"))


def test_unsupported_file_given_directly(tmp_path: Path) -> None:
    readout = load_corpus(write(tmp_path / "report.pdf", b"%PDF-1.4"))
    assert readout.articles == []
    assert reasons(readout)["report.pdf"][0].startswith("unsupported file type '.pdf'")


# --- record files ----------------------------------------------------------------------------------


def test_jsonl_broken_second_line(tmp_path: Path) -> None:
    good = {"id": "n1", "title": "", "text": "First paragraph.\n\nSecond paragraph.", "date": None, "lang": "en"}
    write(tmp_path / "docs.jsonl", json.dumps(good) + "\n" + '{"id": "n2", "text": "cut off\n')
    readout = load_corpus(tmp_path / "docs.jsonl")
    (article,) = readout.articles
    assert (article.id, article.title, article.text) == ("n1", "First paragraph.", good["text"])
    assert reasons(readout) == {"docs.jsonl": ["line 2: invalid JSON (Unterminated string starting at)"]}
    assert readout.notices == []  # a null date is no news


def test_jsonl_ids_and_dates(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": "نص الخبر الأول", "date": "13 سبتمبر 2024"},
        {"text": "no id here"},
        {"id": "c", "text": "  ", "date": "2024-01-01"},
        {"id": "d", "text": "Story", "date": "31/02/2024", "source": "Wire", "url": "https://x.example/d"},
        ["not", "an", "object"],
    ]
    path = write(tmp_path / "mixed.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    readout = load_corpus(path)
    assert [(a.id, a.date, a.lang) for a in readout.articles] == [("a", dt.date(2024, 9, 13), "ar"), ("d", None, "en")]
    assert (readout.articles[1].source, readout.articles[1].url) == ("Wire", "https://x.example/d")
    assert reasons(readout) == {
        "mixed.jsonl": ["line 2: missing 'id'", "line 3: empty 'text'", "line 5: record is not an object (array)"]
    }
    assert readout.notices == [f"{path}: line 4: unparseable date '31/02/2024', kept without a date"]


def test_records_without_any_id_get_file_based_ids(tmp_path: Path) -> None:
    write(tmp_path / "sub" / "feed.jsonl", '{"text": "one"}\n{"text": "two"}\n')
    assert [a.id for a in load_corpus(tmp_path).articles] == ["sub/feed.jsonl#1", "sub/feed.jsonl#2"]


def test_json_articles_object() -> None:
    readout = load_corpus(DATA / "records.json")
    first, second = readout.articles
    assert (first.id, first.date, first.lang, first.source) == ("101", dt.date(2025, 11, 5), "en", "Example Wire")
    assert (second.id, second.title, second.lang, second.date) == ("ar-102", "قالن يلتقي وفد حماس في إسطنبول", "ar", None)
    assert reasons(readout) == {
        "records.json": [
            "record 3: record is not an object (string)",
            "record 4: 'text' is not a string (number)",
            "record 5: missing 'text'",
        ]
    }


def test_malformed_json_file(tmp_path: Path) -> None:
    write(tmp_path / "bad.json", '[\n  {"id": "1", "text": "a"}\n  {"id": "2", "text": "b"}\n]')
    write(tmp_path / "scalar.json", "42")
    write(tmp_path / "empty_list.json", "[]")
    write(tmp_path / "header_only.csv", "id,title,text\r\n")
    readout = load_corpus(tmp_path)
    assert readout.articles == []
    assert reasons(readout) == {
        "bad.json": ["invalid JSON at line 3, column 3 (Expecting ',' delimiter)"],
        "empty_list.json": ["no records"],
        "header_only.csv": ["no records"],
        "scalar.json": ["JSON is neither a list of records nor an object with an 'articles' list"],
    }


def test_csv_with_arabic_text() -> None:
    readout = load_corpus(DATA / "records.csv")
    by_id = {a.id: a for a in readout.articles}
    assert list(by_id) == ["ar-1", "ar-2", "en-1"]
    assert by_id["ar-1"].text.count("\n\n") == 1  # quoted multi-line field kept whole
    assert (by_id["ar-1"].date, by_id["ar-1"].source, by_id["ar-1"].lang) == (dt.date(2024, 9, 13), "الأناضول", "ar")
    assert by_id["ar-2"].title == "رئيس الاستخبارات التركي يلتقي وفدا من حماس"  # empty title: first line of text
    assert reasons(readout) == {"records.csv": ["line 8: empty 'text'"]}
    assert readout.notices == [f"{DATA / 'records.csv'}: line 9: unparseable date 'someday soon', kept without a date"]


def test_csv_semicolons_cp1256_and_no_id_column(tmp_path: Path) -> None:
    content = "Title;Text;Date\nخبر أول;نص الخبر الأول عن غزة;13/09/2024\nخبر ثان;نص الخبر الثاني;\n"
    write(tmp_path / "export.csv", content.encode("cp1256"))
    readout = load_corpus(tmp_path)
    assert [(a.id, a.title, a.date) for a in readout.articles] == [
        ("export.csv#1", "خبر أول", dt.date(2024, 9, 13)),
        ("export.csv#2", "خبر ثان", None),
    ]


def test_csv_without_text_column(tmp_path: Path) -> None:
    readout = load_corpus(write(tmp_path / "x.csv", "id,body\n1,hello\n"))
    assert reasons(readout) == {"x.csv": ["CSV header has no 'text' column (columns: id, body)"]}


def test_duplicate_ids_are_renamed_and_kept(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", '{"id": "x", "text": "first"}\n{"id": "x", "text": "second"}\n')
    write(tmp_path / "b.json", '[{"id": "x", "text": "third"}]')
    readout = load_corpus(tmp_path)
    assert [(a.id, a.text) for a in readout.articles] == [("x", "first"), ("x#2", "second"), ("x#3", "third")]
    assert readout.notices == [
        f"{tmp_path / 'a.jsonl'}: duplicate id 'x' renamed to 'x#2'",
        f"{tmp_path / 'b.json'}: duplicate id 'x' renamed to 'x#3'",
    ]
    assert readout.skipped == []


def test_dev_set_reads_cleanly() -> None:
    dev_set = eval_set("ntrex-ar-en-dev")
    if dev_set is None:
        pytest.skip(missing_reason("ntrex-ar-en-dev"))
    readout = load_corpus(dev_set / "docs.jsonl")
    assert len(readout.articles) == 124 and readout.skipped == [] and readout.notices == []
    assert {a.lang for a in readout.articles} == {"ar", "en"}


@pytest.mark.parametrize(
    "record",
    [
        {"id": "n1", "text": "\n  A first line that is the headline  \nThen the body.", "date": "next tuesday-ish"},
        {"id": 42, "title": "", "text": "Title " + "word " * 60 + "\nBody.", "date": 20240913, "lang": "EN"},
        {"id": "n3", "title": " Given ", "text": "نص الخبر", "date": "13 سبتمبر 2024", "source": "", "url": " u "},
    ],
)
def test_a_record_line_and_an_http_body_give_the_same_article(tmp_path: Path, record: dict) -> None:
    """One model reads both: a missing title is the first line, a bad date is dropped with a notice."""
    path = write(tmp_path / "one.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    readout = load_corpus(path)
    (from_file,) = readout.articles
    posted = ArticleIn.model_validate(record)
    from_http = posted.to_article(POSTED_FROM)
    assert dataclasses.replace(from_http, path=from_file.path) == from_file
    assert from_http.path == POSTED_FROM
    problem = posted.date_problem
    assert readout.notices == ([f"{path}: line 1: {problem}"] if problem else [])
    assert (problem is None) == (from_file.date is not None)


def test_record_problems_name_the_field() -> None:
    cases = {
        "missing 'text'": {"id": "a"},
        "empty 'text'": {"id": "a", "text": " \n"},
        "'text' is not a string (array)": {"id": "a", "text": ["x"]},
        "missing 'id'": {"id": "  ", "text": "x"},
        "'id' is not a string or number (object)": {"id": {"k": 1}, "text": "x"},
        "record is not an object (string)": "text",
    }
    for message, record in cases.items():
        with pytest.raises(ValidationError) as caught:
            ArticleRecord.model_validate(record)
        assert describe_problem(caught.value.errors()[0]) == message
    made = ArticleRecord.model_validate({"id": {"k": 1}, "text": "x"}, context={"made_id": "f.jsonl#3"})
    assert made.id == "f.jsonl#3"


# --- web pages -------------------------------------------------------------------------------------


def test_arabic_web_page_main_text_and_metadata() -> None:
    (article,) = load_corpus(DATA / "page_ar.html").articles
    assert article.title == "رئيس الاستخبارات التركية يلتقي وفد حماس في إسطنبول"
    assert article.date == dt.date(2025, 11, 5)
    assert (article.lang, article.source) == ("ar", "أخبار اليوم")
    assert article.url == "https://news.example.com/politics/2025/11/05/kalin-hamas"
    assert "التقى رئيس الاستخبارات التركية" in article.text
    for furniture in ("الرئيسية", "تعليق من قارئ", "جميع الحقوق محفوظة"):  # menu, comments, footer
        assert furniture not in article.text


def test_english_web_page_date_is_not_the_copyright_year() -> None:
    (article,) = load_corpus(DATA / "page_en.html").articles
    assert article.title == "Quake hits the coast"
    assert article.date == dt.date(2014, 3, 3)
    assert article.text.startswith("A strong earthquake struck")


def test_web_page_in_windows_1256_with_date_in_text(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>لقاء في أنقرة - موقع الأخبار</title></head><body><div><p>الجمعة 13 سبتمبر 2024</p>"
        + "".join(f"<p>التقى رئيس الاستخبارات التركية قادة من حركة حماس في أنقرة، الفقرة رقم {i}.</p>" for i in range(5))
        + "</div></body></html>"
    )
    write(tmp_path / "old.htm", page.encode("cp1256"))
    (article,) = load_corpus(tmp_path).articles
    assert article.title == "لقاء في أنقرة"  # trafilatura drops the site name from <title>
    assert article.date == dt.date(2024, 9, 13)
    assert "التقى رئيس الاستخبارات التركية" in article.text


def test_web_page_without_text(tmp_path: Path) -> None:
    readout = load_corpus(write(tmp_path / "empty.html", "<html><head><title>Nothing</title></head><body></body></html>"))
    assert reasons(readout) == {"empty.html": ["no article text found in the HTML page"]}
