"""The `cluster` command as a user runs it: clean stdout, one-line errors, exit codes.

Its plumbing does not depend on what the encoder makes of the text, so runs use the fake encoder
(``fake_model``) and stay in the fast tier; a test scoring a run against gold needs the real model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import QUOTES, SEEDS


@pytest.fixture()
def runner(monkeypatch, tmp_path_factory) -> CliRunner:
    """The real model (loaded by the command itself), with one embedding cache for the session's CLI runs."""
    monkeypatch.setenv("NEWS_CLUSTER_CACHE", str(tmp_path_factory.getbasetemp() / "cli-cache"))
    return CliRunner()


@pytest.fixture()
def fake_runner(fake_model) -> CliRunner:
    """Any model the command loads is the fake encoder, with a cache of its own (``conftest.fake_model``)."""
    return CliRunner()


def _mixed_corpus(tmp_path: Path) -> Path:
    for source in QUOTES.glob("*.txt"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "feed.jsonl").write_text('{"id": "w1", "title": "t", "text": "ok text here"}\n{"id": broken\n')
    return tmp_path


def test_json_report_on_stdout_warnings_on_stderr(fake_runner, tmp_path):
    corpus = _mixed_corpus(tmp_path)
    result = fake_runner.invoke(app, ["run", str(corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = {a["id"] for a in data["articles"]}
    assert {"ar_outlet_a.txt", "en_outlet_c.txt", "w1"} <= ids
    assert {s["path"].split("/")[-1] for s in data["skipped"]} >= {"empty.txt", "image.txt"}
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr
    assert any("line 2" in s["reason"] for s in data["skipped"])


def test_text_report_on_the_sample_by_default(fake_runner):
    result = fake_runner.invoke(app, ["run", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Corpus: 5 articles")
    assert "Storylines" in result.stdout
    assert result.stderr == ""
    assert SEEDS.exists()


def test_unusable_corpus_exits_non_zero_with_one_line(runner, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.json").write_text("{not json")
    result = runner.invoke(app, ["run", str(tmp_path)])
    assert result.exit_code == 2
    assert "no readable article" in result.stderr
    assert "b.json" in result.stderr and "Traceback" not in result.stderr


def test_missing_path_and_bad_config(runner, tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    bad = tmp_path / "c.json"
    bad.write_text('{"stories": {"distance_threshold": "wide"}}')
    result = runner.invoke(app, ["run", "--config", str(bad)])
    assert result.exit_code == 2 and "distance_threshold" in result.stderr


def test_unknown_model_is_a_clear_error(runner):
    result = runner.invoke(app, ["run", "--model", "no-such-model", "--quiet"])
    assert result.exit_code == 2
    assert "no-such-model" in result.stderr and "use-m3" in result.stderr


def test_a_skipped_file_with_brackets_in_its_name_is_named_as_it_is(fake_runner, tmp_path):
    """Console markup never eats part of a file name in a warning ("[red]" is a style, "[draft]" none)."""
    for source in QUOTES.glob("*.txt"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "[draft] notes [red].json").write_text("{not json")
    result = fake_runner.invoke(app, ["run", str(tmp_path), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert "[draft] notes [red].json" in result.stderr and "Traceback" not in result.stderr


def test_ray_engine_without_ray_says_how_to_install_it(fake_runner, monkeypatch):
    """Ray is an optional extra: without it `--engine ray` is one line naming the install, not a traceback."""
    import builtins

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    result = fake_runner.invoke(app, ["run", str(SEEDS), "--engine", "ray", "--quiet"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "pip install '.[ray]'" in result.stderr and "Traceback" not in result.stderr


def test_eval_rejects_gold_with_unknown_articles(fake_runner, tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"name": "x", "stories": [["ar_outlet_a.txt", "ghost-article"]], "duplicates": []}))
    result = fake_runner.invoke(app, ["eval", str(QUOTES), "--gold", str(gold), "--quiet"])
    assert result.exit_code == 2
    assert "ghost-article" in result.stderr


@pytest.mark.slow
def test_eval_scores_against_gold_and_baselines(runner, tmp_path):
    gold = tmp_path / "gold.json"
    stories = [["ar_outlet_a.txt", "ar_outlet_b.txt", "en_outlet_c.txt"],
               ["ar_unrelated_football.txt"], ["en_unrelated_quake.txt"]]
    gold.write_text(json.dumps({"name": "quotes", "stories": stories, "duplicates": []}))
    result = runner.invoke(app, ["eval", str(QUOTES), "--gold", str(gold), "--quiet", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["tool"]["stories"]["bcubed_f1"] == pytest.approx(1.0)
    assert data["baseline"]["stories"]["bcubed_f1"] < 1.0  # TF-IDF cannot join Arabic and English


def test_config_file_with_a_quote_section_drives_the_run(fake_runner, tmp_path):
    """What `cluster calibrate` writes, `run --config` reads back whole: the quote cuts included."""
    from cluster.config import Config
    from cluster.evaluation.calibrate import apply

    base = Config().with_overrides(**{"quotes.candidate_radius": 0.9})
    written = apply(base, None, {"cross_language_threshold": 0.7})
    assert written.quotes.candidate_radius == 0.9 and written.duplicates.cross_language_threshold == 0.7
    written.write(tmp_path / "cal.json")
    result = fake_runner.invoke(app, ["run", str(QUOTES), "--config", str(tmp_path / "cal.json"), "-f", "json", "-q"])
    assert result.exit_code == 0, result.output
    used = json.loads(result.stdout)["config"]
    assert used["quotes"] == written.quotes.model_dump() and used["duplicates"]["cross_language_threshold"] == 0.7
    bad = tmp_path / "bad.json"
    bad.write_text('{"quotes": {"min_part_words": 0}}')
    result = fake_runner.invoke(app, ["run", str(QUOTES), "--config", str(bad)])
    assert result.exit_code == 2 and "quotes.min_part_words" in result.stderr
