"""The run cache: a warm re-run serves exactly what a fresh run prints, and any change of input or
settings (or code) runs again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cluster import stage_cache
from cluster.config import Config
from cluster.pipeline import run_views
from tests.conftest import EDITED, SEEDS


class CountingEncoder:
    """The fake encoder, counting texts: a cache hit must embed nothing at all."""

    def __init__(self, inner) -> None:
        self.inner, self.count = inner, 0

    def encode(self, sentences, **kwargs):
        self.count += len(sentences)
        return self.inner.encode(sentences, **kwargs)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """The seeds plus three articles reusing seed passages: real duplicate groups to compare."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for source in list(SEEDS.glob("*.txt")) + list(EDITED.glob("*.txt")):
        shutil.copy(source, folder / source.name)
    return folder


def _run(corpus, tmp_path, encoder, **overrides):
    config = Config(cache_dir=tmp_path / "cache").with_overrides(**overrides)
    return run_views(corpus, config, ["text", "json"], encoder=encoder)


def _contract(outputs) -> dict:
    data = json.loads(outputs.views["json"])
    data.pop("timings")
    data["config"]["scale"].pop("cache_runs")
    data["config"].pop("cache_dir")
    return data


def test_warm_run_is_served_from_the_cache_and_equals_a_fresh_run(corpus, tmp_path, fake_encoder):
    encoder = CountingEncoder(fake_encoder)
    cold = _run(corpus, tmp_path, encoder)
    assert not cold.cached and encoder.count > 0
    assert json.loads(cold.views["json"])["duplicate_groups"], "the corpus must hold duplicates to compare"
    encoder.count = 0
    warm = _run(corpus, tmp_path, encoder)
    assert warm.cached and encoder.count == 0
    assert warm.views == cold.views
    fresh = _run(corpus, tmp_path / "other", CountingEncoder(fake_encoder), **{"scale.cache_runs": False})
    assert not fresh.cached
    assert _contract(warm) == _contract(fresh)
    assert fresh.views["text"].split("\n", 1)[1] == warm.views["text"].split("\n", 1)[1]  # line 1: seconds


@pytest.mark.parametrize("change", ["text", "title", "date", "new file", "config", "cache off"])
def test_any_change_of_input_or_settings_runs_again(corpus, tmp_path, fake_encoder, change):
    encoder = CountingEncoder(fake_encoder)
    _run(corpus, tmp_path, encoder)
    first = sorted(corpus.glob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").splitlines()
    overrides: dict[str, object] = {}
    if change == "text":
        added = "\n\nA new closing paragraph added by the editor today.\n"
        first.write_text("\n".join(lines) + added, encoding="utf-8")
    elif change == "title":
        first.write_text("\n".join(["عنوان مصحح للخبر"] + lines[1:]), encoding="utf-8")
    elif change == "date":
        assert "2023" in lines[1], "the seed's second line is its date"
        first.write_text("\n".join([lines[0], lines[1].replace("2023", "2022")] + lines[2:]), encoding="utf-8")
    elif change == "new file":
        shutil.copy(first, corpus / "zz-another-outlet.txt")
    elif change == "config":
        overrides = {"stories.distance_threshold": 0.3}
    else:
        overrides = {"scale.cache_runs": False}
    again = _run(corpus, tmp_path, encoder, **overrides)
    assert not again.cached


def test_key_covers_model_and_code(monkeypatch):
    from cluster.documents import Article

    articles = [Article("a", "Title", "Some text of the article.")]
    base = stage_cache.run_key(articles, [], [], Config())
    assert stage_cache.run_key(articles, [], [], Config().for_model("e5-small")) != base
    assert stage_cache.run_key(articles, [], [], Config(cache_dir=Path("/elsewhere"))) == base
    monkeypatch.setattr(stage_cache, "code_digest", lambda: "edited-code")
    assert stage_cache.run_key(articles, [], [], Config()) != base


def test_old_runs_are_dropped(tmp_path):
    cache = stage_cache.RunCache(tmp_path)
    for k in range(stage_cache.KEEP_RUNS + 5):
        cache.put(f"run-{k}", {"text": f"report {k}"})
    assert cache.get("run-0", ["text"]) is None
    assert cache.get(f"run-{stage_cache.KEEP_RUNS + 4}", ["text"]) == {"text": f"report {stage_cache.KEEP_RUNS + 4}"}
    assert cache.get(f"run-{stage_cache.KEEP_RUNS + 4}", ["text", "json"]) is None  # a view never rendered
    cache.close()


def test_cli_warm_run_prints_the_same_and_no_cache_runs_again(fake_model, tmp_path, monkeypatch):
    from cli.main import app

    calls = []
    monkeypatch.setattr("cluster.pipeline.run_loaded", _spy(calls))
    runner = CliRunner()
    first = runner.invoke(app, ["run", "-q", "-f", "json"])
    second = runner.invoke(app, ["run", "-q", "-f", "json", "--html", str(tmp_path / "page.html")])
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert first.stdout == second.stdout and len(calls) == 1
    assert (tmp_path / "page.html").stat().st_size > 0
    third = runner.invoke(app, ["run", "-q", "--no-cache"])
    assert third.exit_code == 0 and len(calls) == 2


def _spy(calls: list):
    from cluster import pipeline

    real = pipeline.run_loaded

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    return spy
