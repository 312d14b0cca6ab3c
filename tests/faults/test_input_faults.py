"""Fault injection on input: each test writes the bad file a hostile or careless source would give (in a
tmp dir) and checks that it costs at most its own excess, line or record, with a one-line remark, and
that no stage's cost grows faster than the article's length.

The failures these reproduce: one 8.8 MB one-line article exhausted memory; a NUL byte made a text file
read as UTF-16 and a JSONL file lose every record; a lone surrogate in one record aborted the run;
symlinked folders were skipped without a word.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cluster.config import Config, IngestConfig
from cluster.documents import Article
from cluster.embed import MAX_TEXT_CHARS, embed_texts
from cluster.ingest.readers import load_corpus
from cluster.ingest.records import ArticleRecord
from cluster.quotes.extract import extract_quotes
from cluster.segment.stage import segment_articles
from cluster.store.ingestor import Ingestor

ROOT = Path(__file__).resolve().parents[2]
GOOD = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
WORDS = ("قال الوزير إن المحادثات ستستأنف الأسبوع المقبل بعد انهيار وقف إطلاق النار "
         "the minister said talks would resume next week after the ceasefire collapsed").split()


def _words(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _corpus(tmp_path: Path, name: str, content: str | bytes) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    target = tmp_path / name
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return tmp_path


# --- one large article: kept, cut at a boundary, named -------------------------------------------


def test_one_line_article_of_a_million_words_is_cut_at_a_word_and_named(tmp_path: Path) -> None:
    limits = IngestConfig()
    body = _words(60_000)  # ~370,000 characters on one line: nearly twice the cap
    readout = load_corpus(_corpus(tmp_path, "big.txt", "Big article\n\n" + body + "\n"), limits=limits)
    big = next(a for a in readout.articles if a.id == "big.txt")
    assert len(readout.articles) == 2 and not readout.skipped
    assert len(big.text) <= limits.max_article_chars
    assert body.startswith(big.text.split("\n\n", 1)[1])  # a prefix of the original text...
    assert big.text.split()[-1] in WORDS  # ...ending on a whole word
    (notice,) = [n for n in readout.notices if "big.txt" in n]
    assert "ingest.max_article_chars" in notice and "word boundary" in notice and f"{len(big.text):,}" in notice


def test_article_over_the_paragraph_cap_is_cut_after_its_last_allowed_paragraph(tmp_path: Path) -> None:
    limits = IngestConfig(max_article_paragraphs=50)
    text = "Headline\n\n" + "\n\n".join(f"Paragraph {i} says the talks resume." for i in range(200))
    (article,) = load_corpus(_corpus(tmp_path, "many.md", text) / "many.md", limits=limits).articles
    assert article.text.endswith("Paragraph 48 says the talks resume.")  # the headline is the 1st of 50
    readout = load_corpus(tmp_path / "many.md", limits=limits)
    assert any("many.md" in n and "50 paragraphs" in n for n in readout.notices)


def test_csv_with_a_megabyte_cell_keeps_the_row_cut_and_says_which_line(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text"])
        writer.writerow(["small", "Small", "The minister said the talks would resume next week."])
        writer.writerow(["huge", "Huge", _words(170_000)[:1_000_000]])
    readout = load_corpus(path)
    huge = next(a for a in readout.articles if a.id == "huge")
    assert len(readout.articles) == 2 and len(huge.text) <= IngestConfig().max_article_chars
    (notice,) = readout.notices
    assert notice.startswith(f"{path}: line 3: article longer than 200,000 characters")


def test_posted_record_is_cut_the_same_way_and_says_so() -> None:
    text = "\n".join(f"Line {i} of a scraped page." for i in range(3_000))
    record = ArticleRecord.model_validate({"id": "p1", "text": text})
    assert record.text.count("\n") == IngestConfig().max_article_paragraphs - 1
    assert any("ingest.max_article_paragraphs" in r for r in record.remarks)


# --- cost linear in the article's length ----------------------------------------------------------

SHAPES = {
    "no spaces, punctuation": lambda n: "-=" * (n // 2),
    "initials": lambda n: "A. " * (n // 3),
    "quoted sentences": lambda n: '"a." ' * (n // 5),
    "blank run": lambda n: "x" + " " * n + "y",
    "one sentence of reporting verbs": lambda n: " ".join(f"وقال {WORDS[i % 9]} إن" for i in range(n // 12)),
    "short sentences": lambda n: " ".join(f"{WORDS[i % 20]}." for i in range(n // 7)),
}


def _stage_seconds(text: str) -> float:
    article = Article("x", "Headline", "Headline\n\n" + text + "\n", None, "en", path="x.txt")
    start = time.perf_counter()
    segments, _ = segment_articles([article], Config())
    extract_quotes([article], segments)
    return time.perf_counter() - start


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_segmentation_and_quotes_are_linear_on_hostile_paragraphs(shape: str) -> None:
    """Eight times the text may cost about eight times the time, not sixty-four (all of these were
    quadratic). Texts differ between runs so that no memoised split is reused."""
    make = SHAPES[shape]
    small = min(_stage_seconds(make(4_000 + 420 * k)) for k in range(3))
    large = min(_stage_seconds(make(32_000 + 420 * k)) for k in range(2))
    assert large < 0.5 or large < 24 * max(small, 0.02), f"{shape}: {small:.2f}s -> {large:.2f}s for 8x the text"


def test_a_monster_word_is_cut_before_windows_and_the_encoder(fake_encoder) -> None:
    text = "Monster\n\nThe minister said that the " + "ab" * 100_000 + " talks would resume next week.\n"
    config = Config()
    _, units = segment_articles([Article("m", "Monster", text, None, "en", path="m.txt")], config)
    windows = [u for u in units if not u.whole_paragraph]
    assert len(windows) > 10  # the 200,000-character "word" was cut into windows of bounded length
    assert max(len(u.text) for u in windows) <= config.segment.max_window_words * config.ingest.max_word_chars + 100
    seen: list[str] = []

    class Recording:
        def encode(self, sentences: list[str], **kwargs: object):
            seen.extend(sentences)
            return fake_encoder.encode(sentences, **kwargs)

    embed_texts(Recording(), [u.text for u in units])
    assert max(len(t) for t in seen) <= MAX_TEXT_CHARS


# --- decoding: a NUL or a lone surrogate costs at most its line or record -------------------------


def test_one_nul_byte_in_a_small_text_file_is_removed_not_read_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Talks resume\n\nThe minister said\x00 the talks would resume next week.\n")
    readout = load_corpus(path)
    (article,) = readout.articles
    assert article.title == "Talks resume" and "said the talks" in article.text
    assert readout.notices == [f"{path}: NUL bytes removed from line 3"]


def _jsonl_with_one_bad_line(path: Path, count: int, bad: int, line: str) -> Path:
    """``count`` good records, line ``bad`` (from 0) replaced by ``line`` as written."""
    lines = [json.dumps({"id": f"r{i}", "text": f"Record {i}: the talks resume."}) for i in range(count)]
    lines[bad] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_nul_in_one_jsonl_line_costs_that_line_only(tmp_path: Path) -> None:
    path = _jsonl_with_one_bad_line(tmp_path / "nul.jsonl", 6, 2, '{"id": "bad", "text": "dam\x00aged"}')
    readout = load_corpus(path)
    assert [a.id for a in readout.articles] == ["r0", "r1", "r3", "r4", "r5"]
    assert [(s.path, s.reason) for s in readout.skipped] == [(str(path), "line 3: holds a NUL byte (a damaged line)")]


def test_raw_nul_in_a_json_array_costs_nothing_and_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nul.json"
    records = [{"id": "a", "text": "The talks resume."}, {"id": "b", "text": "damXaged"}, {"id": "c", "text": "More."}]
    path.write_bytes(json.dumps(records, indent=1).replace("X", "\x00").encode("utf-8"))
    readout = load_corpus(path)
    assert [a.id for a in readout.articles] == ["a", "b", "c"] and not readout.skipped
    assert readout.notices == [f"{path}: raw NUL bytes on line 8 read as \\u0000"]


def test_utf16_without_bom_is_still_read_when_the_evidence_is_overwhelming(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("قال الوزير إن المحادثات ستستأنف 2024\nthe minister said\n".encode("utf-16-le"))
    (article,) = load_corpus(path).articles
    assert article.text.startswith("قال الوزير")


def test_binary_file_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 16)  # NULs on every line, as in any binary format
    readout = load_corpus(path)
    assert not readout.articles and "binary file" in readout.skipped[0].reason


def test_lone_surrogate_costs_its_record_and_names_it(tmp_path: Path) -> None:
    path = _jsonl_with_one_bad_line(tmp_path / "s.jsonl", 4, 1, '{"id": "s", "text": "lone \\ud800 surrogate"}')
    readout = load_corpus(path)
    assert [a.id for a in readout.articles] == ["r0", "r2", "r3"]
    assert readout.skipped[0].reason == "line 2: 'text' holds a lone surrogate (\\ud800 at character 5), not text"


def test_lone_surrogate_run_and_store_finish_and_keep_the_good_records(tmp_path: Path, run_fake, fake_encoder) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": f"Record {i} says the talks in Cairo resume next week."})
             for i in range(4)] + ['{"id": "s", "title": "x\\udfff", "text": "lone surrogate in the title"}']
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_fake(path)
    assert len(result.articles) == 4 and len(result.skipped) == 1 and "'title'" in result.skipped[0].reason
    with Ingestor(tmp_path / "store", Config(cache_dir=tmp_path / "cache"), encoder=fake_encoder) as ingestor:
        statuses = ingestor.add_corpus(load_corpus(path).articles)
    assert [s.status for s in statuses] == ["added"] * 4


# --- folders: symlinks followed, loops and dangling links reported --------------------------------


def test_symlinked_folders_are_read_loops_and_dangling_links_reported(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    for i in range(5):
        (shared / f"a{i}.txt").write_text(f"Article {i}\n\nThe talks resume, report {i} says.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "top.txt").write_text("Top\n\nThe minister spoke.\n", encoding="utf-8")
    os.symlink(shared, corpus / "linked")
    os.symlink(corpus, corpus / "loop")
    os.symlink(tmp_path / "missing", corpus / "dangling")
    os.symlink(shared / "a0.txt", corpus / "again.txt")
    readout = load_corpus(corpus)
    # a0.txt is met first as again.txt (the corpus root is walked before its subfolders), then skipped
    assert [a.id for a in readout.articles] == ["again.txt"] + [f"linked/a{i}.txt" for i in range(1, 5)] + ["top.txt"]
    assert [(s.path, s.reason.split(" (")[0]) for s in readout.skipped] == [(str(corpus / "dangling"), "dangling link")]
    assert f"{corpus / 'loop'}: link to a folder already read ({corpus}), skipped" in readout.notices
    assert f"{corpus / 'linked' / 'a0.txt'}: same file as {corpus / 'again.txt'} (a link), read once" in readout.notices


# --- the full-size case: peak memory of a real run ------------------------------------------------

RSS_SCRIPT = textwrap.dedent("""
    import resource, subprocess, sys
    done = subprocess.run([sys.executable, "-m", "cli.main", "run", sys.argv[1], "--quiet"], capture_output=True)
    sys.stderr.write(done.stderr.decode("utf-8", "replace")[-2000:])
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(done.returncode, peak_mb)
""")


@pytest.mark.slow
def test_full_size_one_line_article_stays_under_two_gigabytes(tmp_path: Path) -> None:
    """The probe as reported: one good article and an 8.8 MB text whose body is one line of 900,000 words."""
    corpus = _corpus(tmp_path, "big.txt", "Big article\n\n" + _words(900_000) + "\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWS_CLUSTER_CACHE": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(corpus)], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=900)
    code, peak_mb = out.stdout.split()
    assert code == "0", out.stderr
    assert float(peak_mb) < 2048, f"peak RSS {peak_mb} MB"


# --- over HTTP: the same cap, through the shared record model -------------------------------------


def test_posted_article_over_the_paragraph_cap_is_cut_with_a_notice_and_bad_text_refused(
    tmp_path: Path, fake_encoder
) -> None:
    from fastapi.testclient import TestClient

    from cluster.service.app import create_app
    from cluster.store.ingestor import IngestSettings

    app = create_app(tmp_path / "store", fake_encoder, config=Config(cache_dir=tmp_path / "cache"),
                     settings=IngestSettings(recluster_every=0), quotes=False)
    lines = "\n".join(f"Line {i}: the minister said the talks in Cairo would resume." for i in range(2_500))
    with TestClient(app, base_url="http://127.0.0.1") as client:  # the Host guard serves loopback names only
        answer = client.post("/articles", json={"id": "long", "text": lines})
        assert answer.status_code == 200, answer.text
        (notice,) = answer.json()["notices"]
        assert notice.startswith("long: article longer than 2,000 paragraphs (ingest.max_article_paragraphs)")
        body = '{"id": "s", "text": "lone \\ud800 surrogate"}'
        refused = client.post("/articles", content=body, headers={"content-type": "application/json"})
        assert refused.status_code == 422 and "lone surrogate" in refused.json()["error"], refused.text
