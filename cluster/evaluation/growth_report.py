"""The growth table as Markdown: per-stage wall and CPU seconds, exponents, peak memory, warm re-runs.

Kept apart from :mod:`cluster.evaluation.growth` (which measures) so that saved measurements can be
re-rendered without running anything.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cluster.evaluation.bench_report import log_slope

STAGES = ("load", "cache", "segment", "embed", "duplicates", "stories", "quotes", "report")
AFTER_EMBEDDING = ("duplicates", "stories", "quotes", "report")
EXPONENT_TARGET = 1.15


@dataclass
class GrowthRun:
    """One child process: one mode at one size. Seconds; ``encode_s`` is the time inside the encoder's
    ``encode`` for the passages of the embed stage (0 when the cache served them)."""

    mode: str
    paragraphs: int
    articles: int
    passages: int
    wall: dict[str, float]
    cpu: dict[str, float]
    encoded_texts: int  # texts sent to the encoder by the whole run (0: every embedding came from the cache)
    encode_s: float
    model_load_s: float
    peak_rss_mb: float
    load_average: list[float] = field(default_factory=list)  # 1-minute load average at start and end
    run_s: float = 0.0  # wall of the whole run_views call (stages plus the glue between them)
    process_s: float = 0.0  # wall of the child process, interpreter start and imports included
    encode_all_s: float = 0.0  # time inside ``encode`` over the whole run (quote texts are embedded later)
    stage_peak_mb: dict[str, float] = field(default_factory=dict)  # peak RSS when each stage ended (high-water)

    @property
    def total(self) -> float:
        return sum(self.wall.values())

    @property
    def total_cpu(self) -> float:
        return sum(self.cpu.values())



def _latest(runs: Sequence[GrowthRun], mode: str) -> list[GrowthRun]:
    """The last run of ``mode`` at each size, smallest size first."""
    by_size = {r.paragraphs: r for r in runs if r.mode == mode}
    return [by_size[k] for k in sorted(by_size)]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [_row(head), _row(["---:"] * len(head)), *(_row(r) for r in rows), ""]


def _load(r: GrowthRun) -> str:
    return "-".join(f"{x:.1f}" for x in r.load_average)


def _size(r: GrowthRun) -> list[str]:
    return [f"{r.paragraphs:,}", f"{r.articles:,}", f"{r.passages:,}"]


def stage_table(runs: list[GrowthRun]) -> list[str]:
    """Seconds per stage, wall / CPU, with the total, peak memory and the load average around the run."""
    head = ["paragraphs", "articles", "passages", *STAGES, "total wall / CPU", "peak RSS MB", "load avg"]
    rows = [[*_size(r), *(f"{r.wall.get(s, 0):.1f} / {r.cpu.get(s, 0):.1f}" for s in STAGES),
             f"{r.total:.1f} / {r.total_cpu:.1f}", f"{r.peak_rss_mb:,.0f}", _load(r)] for r in runs]  # fmt: skip
    return _table(head, rows)


def memory_table(runs: list[GrowthRun]) -> list[str]:
    """Peak memory when each stage ended: the mark only rises, so the stage where it jumps holds the memory."""
    head = ["passages", *(f"{s} MB" for s in ("segment", "embed", *AFTER_EMBEDDING)), "process peak MB"]
    rows = [[f"{r.passages:,}", *(f"{r.stage_peak_mb[s]:,.0f}" if s in r.stage_peak_mb else "-"
                                  for s in ("segment", "embed", *AFTER_EMBEDDING)), f"{r.peak_rss_mb:,.0f}"]
            for r in runs if r.stage_peak_mb]  # fmt: skip
    return _table(head, rows) if rows else []


def exponent(small: float, large: float, n_small: int, n_large: int) -> float:
    """Log-log slope of time against passages: 1 = linear, 2 = quadratic (nan for times under 0.05 s)."""
    if min(small, large) < 0.05 or n_large <= n_small:
        return math.nan
    return log_slope(small, large, n_small, n_large)


def exponent_table(runs: list[GrowthRun], stages: Sequence[str], after: bool = True) -> list[str]:
    """Each stage's exponent, wall and CPU, between successive sizes and from the first to the last."""
    spans = [(a, b) for a, b in zip(runs, runs[1:])] + ([(runs[0], runs[-1])] if len(runs) > 2 else [])

    def cell(a: GrowthRun, b: GrowthRun, get: Callable[[GrowthRun], float]) -> str:
        value = exponent(get(a), get(b), a.passages, b.passages)
        return "-" if math.isnan(value) else f"**{value:.2f}**" if value > EXPONENT_TARGET else f"{value:.2f}"

    head = ["passages", *(f"{s} wall / CPU" for s in stages), *(["after embedding wall / CPU"] if after else [])]
    rows = []
    for a, b in spans:
        after_wall = lambda r: sum(r.wall.get(s, 0) for s in AFTER_EMBEDDING)  # noqa: E731
        after_cpu = lambda r: sum(r.cpu.get(s, 0) for s in AFTER_EMBEDDING)  # noqa: E731
        rows.append([f"{a.passages:,} → {b.passages:,}",
                     *(f"{cell(a, b, lambda r, s=s: r.wall.get(s, 0))} / {cell(a, b, lambda r, s=s: r.cpu.get(s, 0))}"
                       for s in stages), *([f"{cell(a, b, after_wall)} / {cell(a, b, after_cpu)}"] if after else [])])  # fmt: skip
    return _table(head, rows)


def floor_table(cold: list[GrowthRun], stages: list[GrowthRun]) -> list[str]:
    """End to end against embedding alone: the cold run's stages over its time inside ``encode``; where a
    ``stages`` run of the size exists, also the cold embed stage plus that run's other stages."""
    again = {r.paragraphs: r for r in stages}
    head = ["passages", "texts encoded", "encode s (floor)", "all encode s", "embed stage s", "cold total s",
            "total / floor", "embed + re-timed rest s", "that / floor"]
    rows = []
    for r in cold:
        rest = again.get(r.paragraphs)
        other = r.wall.get("embed", 0) + sum(v for s, v in rest.wall.items() if s != "embed") if rest else math.nan
        floor = r.encode_s or math.nan
        rows.append([f"{r.passages:,}", f"{r.encoded_texts:,}", f"{r.encode_s:.1f}", f"{r.encode_all_s:.1f}",
                     f"{r.wall.get('embed', 0):.1f}",
                     f"{r.total:.1f}", f"{r.total / floor:.2f}x", f"{other:.1f}", f"{other / floor:.2f}x"])  # fmt: skip
    return _table(head, rows)


def warm_table(runs: Sequence[GrowthRun]) -> list[str]:
    """A re-run of an unchanged corpus against the cold run (model loading included, as a user sees it)
    and against the stages re-timed with embeddings cached."""
    cold, stages = ({r.paragraphs: r for r in _latest(runs, m)} for m in ("cold", "stages"))
    head = ["passages", "warm s (process s)", "cold s (with model load)", "speed-up", "stages re-timed s", "speed-up",
            "load avg"]
    rows = []
    for w in _latest(runs, "warm"):
        c, s = cold.get(w.paragraphs), stages.get(w.paragraphs)
        c_s = c.model_load_s + c.total if c else math.nan
        s_s = s.total if s else math.nan
        rows.append([f"{w.passages:,}", f"{w.run_s:.2f} ({w.process_s:.1f})", f"{c_s:.1f}", f"{c_s / w.run_s:.0f}x", f"{s_s:.1f}",
                     f"{s_s / w.run_s:.0f}x", _load(w)])  # fmt: skip
    return _table(head, rows)


def render_growth(runs: Sequence[GrowthRun]) -> str:
    """Every table the measurements allow (a mode not run leaves its tables out)."""
    cold, stages = _latest(runs, "cold"), _latest(runs, "stages")
    out: list[str] = []
    if cold:
        out += ["### Cold runs (empty caches): seconds per stage, wall / CPU", "", *stage_table(cold)]
        out += ["### End to end against embedding alone", "", *floor_table(cold, stages)]
    if stages:
        out += ["### Stages re-timed with the embedding cache warm, no run cached: wall / CPU", "",
                *stage_table(stages)]  # fmt: skip
    if memory := memory_table(stages or cold):
        out += ["### Peak memory (RSS) when each stage ended", "", *memory]
    timed = stages or cold
    if len(timed) > 1:
        out += [f"### Growth exponents ({'re-timed' if stages else 'cold'} runs; bold: over {EXPONENT_TARGET})", "",
                *exponent_table(timed, ("segment", *AFTER_EMBEDDING))]  # fmt: skip
    if len(cold) > 1:
        out += ["### Growth exponent of the embed stage (cold runs)", "", *exponent_table(cold, ("embed",), after=False)]
    if any(r.mode == "warm" for r in runs):
        out += ["### Warm re-run (unchanged corpus, run cache hit)", "", *warm_table(runs)]
    return "\n".join(out) + "\n"
