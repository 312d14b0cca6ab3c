"""One typed configuration per run: every threshold the pipeline uses lives here, with its reason.

Defaults come from calibration on the labelled development sets in ``../shared/eval`` (see
docs/calibration.md); ``cluster calibrate`` writes a file that ``cluster run --config FILE`` reads, and
flags override single values on top.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class SegmentConfig(_Section):
    max_window_words: int = Field(60, ge=10, description="Sentence windows longer than this are cut.")
    min_sentence_words: int = Field(6, ge=1, description="Shorter sentences join their neighbour.")
    repeated_line_min_articles: int = Field(
        3, ge=2, description="A short line seen in this many articles is site furniture."
    )


class DuplicateConfig(_Section):
    """When two passages of different articles count as the same text or statement.

    Cosine scales differ by language pair (a translation never scores like a copy), so each pair of
    scripts has its own cut. Lexical overlap then says *how* the text was reused.
    """

    edited_threshold: float = Field(
        1.0, ge=0, le=2, description="Cosine + overlap_weight x word overlap a same-language copy needs."
    )
    overlap_weight: float = Field(0.5, ge=0, le=1, description="Weight of word overlap in edited_threshold.")
    edited_min_similarity: float = Field(
        0.70, ge=0, le=1, description="Least cosine of an edited copy, whatever words it shares."
    )
    edited_min_overlap: float = Field(
        0.2, ge=0, le=1, description="Below this balanced word overlap a same-language pair must be a paraphrase."
    )
    cross_language_threshold: float = Field(
        0.62, ge=0, le=1, description="Cosine cut for passages in different languages (translations)."
    )
    paraphrase_threshold: float = Field(
        0.90, ge=0, le=1, description="Cosine a same-language pair with little shared wording needs."
    )
    verbatim_min_ratio: float = Field(
        0.95, ge=0, le=1, description="Word-sequence similarity from which a copy is verbatim."
    )
    min_words: int = Field(6, ge=1, description="Shorter passages are never reported.")
    short_words: int = Field(
        12, ge=1, description="Passages shorter than this must be verbatim (or a translation above "
        "cross_language_threshold + short_margin)."
    )
    short_margin: float = Field(0.08, ge=0, le=1, description="Extra cosine a short translation needs.")
    neighbours: int = Field(20, ge=1, description="Nearest neighbours searched per passage.")
    group_linkage_slack: float = Field(
        0.10,
        ge=0,
        le=1,
        description="How far (as a share of the margin) a group's mean similarity may fall below the "
        "pair thresholds before the group splits: stops A~B~C chaining unrelated A and C.",
    )


class StoryConfig(_Section):
    """How articles are grouped into stories and stories into storylines.

    Two articles of one story share meaning (embeddings, across languages), wording (TF-IDF, same
    language), and above all the names and numbers of one event; two events of the same kind share
    the first two and differ in the third. Weights are for same-language pairs; a pair without
    enough names on both sides gives the names' weight to wording.
    """

    semantic_weight: float = Field(0.1, ge=0, le=1, description="Weight of embedding similarity.")
    lexical_weight: float = Field(0.0, ge=0, le=1, description="Weight of TF-IDF word similarity.")
    entity_weight: float = Field(
        0.6, ge=0, le=1, description="Weight of shared names and numbers (TF-IDF over them)."
    )
    min_entities: int = Field(3, ge=0, description="Names/numbers both articles need for entity_weight.")
    cross_language_shift: float = Field(
        0.3, ge=0, le=1, description="Subtracted from cross-language embedding similarity (its scale is higher "
        "than a weighted same-language mix)."
    )
    duplicate_weight: float = Field(
        1.0, ge=0, le=1, description="Pull of shared duplicate passages: s += w * share * (1 - s)."
    )
    distance_threshold: float = Field(
        0.68, gt=0, le=2, description="Average-linkage cut on 1 - combined similarity."
    )
    stray_min_similarity: float = Field(
        0.26, ge=0, le=1, description="Mean similarity at which a cluster of one or two articles joins "
        "the nearest story of three or more (1.0 turns it off)."
    )
    date_window_days: int = Field(
        3, ge=0, description="Dated articles further apart than this are unlikely to be one event."
    )
    date_penalty: float = Field(
        0.15, ge=0, le=1, description="Similarity removed per date_window_days beyond the window (capped at 3x)."
    )
    storyline_threshold: float = Field(
        0.58, ge=0, le=1, description="Mean body-and-lead embedding similarity at which stories continue one another."
    )
    keywords: int = Field(5, ge=0, description="Keywords shown in a story label.")


class QuoteConfig(_Section):
    """When two quotes of different articles are the same statement (``quotes.matching``).

    Quotes are short, often cut by one outlet and translated by another, so their cuts are not the
    passage cuts of ``duplicates``: candidates are searched wider and the name of the speaker counts
    as evidence. Each value below was the constant the matcher had before it lived here.
    """

    candidate_radius: float = Field(
        0.55, ge=0, le=1, description="Lowest cosine searched for candidate pairs: a cut or translated quote "
        "sits lower than a whole copy, and every candidate is verified by its wording afterwards."
    )
    min_part_words: int = Field(
        4, ge=1, description="Words from which a quote found inside another counts as a cut copy, and a "
        "sentence of a longer quote is embedded on its own (shorter bits are common phrases)."
    )
    contained_words_per_difference: int = Field(
        10, ge=1, description="A quote still counts as found inside another with one word in this many "
        "changed (a cut copy often fixes a spelling or a particle)."
    )
    cross_language_floor: float = Field(
        0.6, ge=0, le=1, description="Least cosine of a quote translation, even when "
        "duplicates.cross_language_threshold is lower: a short text scores high by chance more easily."
    )
    cross_same_speaker_threshold: float = Field(
        0.5, ge=0, le=1, description="Cosine a translation needs when both copies name the same speaker: the "
        "name is evidence the embedding lacks (a loose translation of a quote often scores 0.5-0.6)."
    )
    short_words_cap: int = Field(
        6, ge=1, description="duplicates.short_words is lowered to this for quotes: most quotes are shorter "
        "than a passage, and the short-passage rule (verbatim only) would refuse every edited quote."
    )
    part_length_ratio: float = Field(
        0.6, ge=0, le=1, description="A translation is marked as a part of the other quote when its word count "
        "is below this share of the other's."
    )


class ReportConfig(_Section):
    """How much the text report lists (``cluster.report.terminal``); the JSON keeps everything."""

    large_corpus_articles: int = Field(
        200, ge=1, description="From this many articles a corpus is large: listings are cut at default_top "
        "items (a day of a mid-sized feed printed every story and group on 55,000 lines nobody reads)."
    )
    default_top: int = Field(
        15, ge=1, description="Items per listing (stories, groups, carriers, quotes) on a large corpus unless "
        "--top says otherwise: a few screens after the summary (20 gave 2,100 lines on the 30k bench corpus)."
    )
    summary_items: int = Field(
        10, ge=1, description="Stories, passages and speakers in the summary's top lists (one screen)."
    )


MODEL_PROFILES: dict[str, dict[str, float]] = {
    # Cosine scales differ between encoders: e5 puts unrelated text at ~0.78 and near copies at
    # ~0.97, USE-m3 spreads them from ~0.05 to ~0.95. Defaults above are USE-m3's; these replace the
    # scale-dependent ones for other known encoders (docs/calibration.md has the sweeps).
    "e5-small": {
        "duplicates.cross_language_threshold": 0.88,
        "duplicates.edited_min_similarity": 0.93,
        "duplicates.edited_threshold": 1.13,
        "duplicates.paraphrase_threshold": 0.975,
        "stories.semantic_weight": 0.5,
        "stories.duplicate_weight": 1.0,
        "stories.cross_language_shift": 0.5,
        "stories.distance_threshold": 0.45,
        "stories.storyline_threshold": 0.88,
    },
}


class Config(_Section):
    model: str = Field("use-m3", description="Encoder name (see `cluster models`) or a model directory.")
    batch_size: int = Field(64, ge=1)
    cache_embeddings: bool = True
    cache_dir: Optional[Path] = Field(
        None, description="Where embeddings are cached; default: the models cache directory."
    )
    max_file_bytes: int = Field(20_000_000, ge=1)
    segment: SegmentConfig = SegmentConfig()
    duplicates: DuplicateConfig = DuplicateConfig()
    stories: StoryConfig = StoryConfig()
    quotes: QuoteConfig = QuoteConfig()
    report: ReportConfig = ReportConfig()

    @classmethod
    def from_file(cls, path: Path) -> Config:
        """Read a config written by ``cluster calibrate`` (or by hand); errors name the file."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"{path}: cannot read config ({exc.strerror})") from exc
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: invalid JSON ({exc.msg} at line {exc.lineno})") from exc
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ValueError(f"{path}: {where}: {first['msg']}") from exc

    def for_model(self, model: str | None) -> Config:
        """This config with ``model`` set and, for a known encoder, its calibrated cosine cuts."""
        if not model or model == self.model:
            return self
        return self.with_overrides(model=model, **MODEL_PROFILES.get(model, {}))

    def write(self, path: Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=2) + "\n", encoding="utf-8")

    def with_overrides(self, **dotted: object) -> Config:
        """A copy with ``section.field`` values replaced (flags set by the CLI); None means not given."""
        data = self.model_dump()
        for key, value in dotted.items():
            if value is None:
                continue
            node = data
            *parents, leaf = key.split(".")
            for part in parents:
                node = node[part]
            node[leaf] = value
        return Config.model_validate(data)
