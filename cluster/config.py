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


class IngestConfig(_Section):
    """How much of one article the tool reads: every later stage costs at least linear time in an
    article's length, so one runaway input (a scraper dumping a whole site into one record, a file of
    one line of a million words) must not starve the rest of the corpus or exhaust memory. An article
    over a limit is kept, cut at a paragraph, sentence or word boundary, with a notice naming it."""

    max_article_chars: int = Field(
        200_000, ge=1_000, description="Characters read of one article: ten times a long feature article "
        "(the longest of the dev sets and seeds has 10,264); the excess is cut with a notice. The HTTP service "
        "refuses a longer text with 422 instead."
    )
    max_article_paragraphs: int = Field(
        2_000, ge=10, description="Non-empty lines read of one article: a long article has ~100 paragraphs, "
        "and segmentation compares each line with its neighbours and with every other article's lines."
    )
    max_word_chars: int = Field(
        200, ge=100, description="A run of more characters than this without a space (a line of one 'word') "
        "counts as one word per this many characters when sentences are cut into windows, so a window stays "
        "within segment.max_window_words x this; the longest token of the dev sets is a 164-character URL."
    )


class SegmentConfig(_Section):
    max_window_words: int = Field(60, ge=10, description="Sentence windows longer than this are cut.")
    min_sentence_words: int = Field(6, ge=1, description="Shorter sentences join their neighbour.")
    repeated_line_min_articles: int = Field(
        3, ge=2, description="A short line seen in this many articles is site furniture."
    )
    # Site templates (cluster.segment.templates): tuned on tests/data/outlets/dev, see docs there.
    site_min_articles: int = Field(
        3, ge=2, description="Pages a site needs before its template is learned: two pages sharing lines "
        "may as well be one story copied."
    )
    site_min_shared_lines: int = Field(
        3, ge=1, description="Non-sentence lines two pages must share to be one site (one shared nav word "
        "or a copied headline is not a template)."
    )
    site_min_jaccard: float = Field(
        0.3, ge=0, le=1, description="Share of the pages' shared-with-anyone lines that they share with each "
        "other: generic lines (\"Politics\", \"Share\") do not tie two outlets into one site."
    )
    copy_max_shared_prose: float = Field(
        0.5, ge=0, le=1, description="Pages sharing more than this share of their sentences are one story "
        "copied, not one site."
    )
    template_min_articles: int = Field(
        2, ge=2, description="Pages of one site a non-sentence line must recur on to be its template "
        "(teaser lists rotate, so a subset of the site is enough)."
    )
    template_prose_share: float = Field(
        0.6, ge=0, le=1, description="Share of a site's pages a full sentence must be on (and on no other "
        "site's) to be template (a newsletter pitch), not reused story text."
    )
    headline_min_words: int = Field(
        3, ge=1, description="Words the first line not in the template needs to be the page's headline."
    )


class NeighbourSearchConfig(_Section):
    """How candidate passage pairs are found (cluster/duplicates/neighbours.py; docs/scale.md)."""

    ann_min_passages: int = Field(
        50_000, ge=2, description="From this many passages the neighbour search uses a faiss IVF index per "
        "block instead of exact all-pairs search (exact cost grows with the square of the corpus).",
    )
    ann_cell_size: int = Field(
        256, ge=16, description="Mean passages per IVF cell (nlist = passages / cell size): smaller cells "
        "search faster, larger ones find more of the exact neighbours.",
    )
    ann_nprobe: int = Field(
        16, ge=1, description="IVF cells searched per passage; chosen on the bench corpora for recall >= 0.99 "
        "of verified pairs against exact search (docs/scale.md).",
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
    translation_min_name_recall: float = Field(
        0.0, ge=0, le=1, description="Share of an English passage's names its Arabic translation must write "
        "(skeleton or table match). Off by default: on NTREX dev, 0.25 cost 0.04 translation recall and 0.5 cost "
        "0.09 (title-case headlines, names rendered by meaning) with no precision gained; the table-name swap "
        "check (Istanbul here, أنقرة there) carries the name evidence instead."
    )
    translation_strict_names_words: int = Field(
        15, ge=0, description="Up to this many words (shorter side) a table name written on one side only "
        "rejects a translation: headlines of two events of the same actors differ by the actor named. Chosen on "
        "dev (similar-events dev with headline negatives, NTREX dev): 10-20 give the same figures (dev translation "
        "precision 0.977 -> 1.000, NTREX recall 0.961 -> 0.958); 25 loses a true dev headline pair."
    )
    translation_min_number_share: float = Field(
        0.5, ge=0, le=1, description="Share of the shorter side's numbers a translation must repeat (Arabic writes "
        "some as words: 30,000 / 30 ألف); two reports of similar events share few or none."
    )
    translation_length_band: tuple[float, float] = Field(
        (0.45, 2.2), description="Arabic words per English word two whole translated paragraphs stay within "
        "(NTREX-128 dev candidate pairs: 5th-95th percentile of true pairs ~0.44-2.26)."
    )
    translation_margin_k: int = Field(
        4, ge=1, description="Nearest other-script neighbours (one per article) in the ratio margin's mean."
    )
    translation_min_margin: float = Field(
        1.0, ge=0, le=2, description="Ratio margin (cos over the mean neighbour cosine of both sides) a translation "
        "needs: it must stand out among each side's candidates, as a similar report does not. NTREX dev: 1.0 keeps "
        "recall 0.955 (precision 0.970 -> 0.984); 1.05 drops recall to 0.888."
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
    align_reuse: bool = Field(
        True, description="Also find reused spans inside longer text (MinHash LSH over word windows, "
        "then aligned, embedded and verified like any passage pair): a paragraph vector dilutes them."
    )
    shingle_window: int = Field(
        32, ge=4, description="Content words per MinHash window, the smallest of the scales "
        "(shingles.WINDOW_SCALES: 1x, 2x, 4x; windows overlap by half). Chosen on the first, smaller reuse dev "
        "set; the scales' sweep on the present one is in the WINDOW_SCALES docstring."
    )
    shingle_permutations: int = Field(64, ge=8, description="MinHash permutations per window.")
    shingle_bands: int = Field(
        16, ge=1, description="LSH bands (permutations / bands rows each): 16 x 4 puts the 50% "
        "detection point near Jaccard 0.5, so shuffled or synonym-edited windows (~0.4-0.7) are met."
    )
    shingle_min_jaccard: float = Field(
        0.3, ge=0, le=1, description="Least estimated Jaccard of two windows, and of two aligned spans' "
        "word sets: unrelated news windows share < 0.15 of their content words."
    )
    shingle_min_words: int = Field(
        15, ge=2, description="Least content words of an aligned span (about a 25-word sentence)."
    )
    align_cover_share: float = Field(
        0.9, ge=0, le=1, description="Paragraph/sentence matches inside an aligned region covering this "
        "share of it on both sides stay instead of it: a copy of several paragraphs is reported per paragraph. "
        "0.9, not 0.8: a passage shuffled across its whole length leaves a sentence window covering ~85% of it, "
        "which would hide the run moved to its end (reuse dev recall and precision same at 0.8/0.9/0.95)."
    )
    shingle_max_bucket: int = Field(
        50, ge=2, description="An LSH bucket with more windows is a formula many outlets use: skipped."
    )
    group_linkage_slack: float = Field(
        0.10,
        ge=0,
        le=1,
        description="How far (as a share of the margin) a group's mean similarity may fall below the "
        "pair thresholds before the group splits: stops A~B~C chaining unrelated A and C.",
    )
    search: NeighbourSearchConfig = NeighbourSearchConfig()


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
    # The learned same-story decision (cluster/stories/scorer.py, docs/stories.md has its model card).
    scorer: str = Field(
        "learned", pattern="^(learned|mix)$", description="learned (default): p(same story) from the shipped "
        "logistic regression over candidate pairs, chosen on whole held-out topics (better out of sample "
        "on both dev sets than the mix, and sub-quadratic); mix: the hand-weighted signals above, every "
        "pair scored (what `cluster calibrate` tunes). docs/stories.md, 'Learned scorer'."
    )
    scorer_path: Optional[str] = Field(None, description="Scorer JSON to use instead of the shipped one.")
    learned_cut: Optional[float] = Field(
        None, gt=0, lt=1, description="Average-linkage cut on 1 - p; None takes the cut chosen out of fold, "
        "stored with the scorer."
    )
    candidate_neighbours: int = Field(
        30, ge=1, description="Nearest articles by body vector scored per article: a story rarely has an "
        "article outside its members' 30 nearest, and scoring all n^2 pairs does not scale."
    )
    candidate_window_days: int = Field(
        14, ge=0, description="Dated neighbours further apart than this are not scored (an event's coverage "
        "rarely spans more; shared-passage pairs are scored whatever their dates)."
    )


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
        "name is evidence the embedding lacks (a loose translation of a quote often scores 0.5-0.6). It counts "
        "only between two articles another translation already links (matching.unlinked_settings): one "
        "speaker's two statements of two events of one kind reach 0.59."
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
    top: Optional[int] = Field(
        None, ge=1, description="Items per listing whatever the corpus size (--top); None: default_top on a "
        "large corpus, everything on a small one."
    )
    pairs: bool = Field(False, description="Also list every verified pair of each group (--pairs).")


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


class ScaleConfig(_Section):
    """How large corpora are run (docs/scale.md)."""

    cache_runs: bool = Field(
        True, description="Re-use the outputs of an earlier run with the same input, settings, model and code "
        "(monitoring re-reads the same corpus; a warm re-run then costs the load and a lookup).",
    )
    workers: int = Field(0, ge=0, description="Processes for per-article work (quote extraction and attribution): "
                         "0 = one per available core, 1 = none forked; the answers are the same (`parallel`).")


class Config(_Section):
    model: str = Field("use-m3", description="Encoder name (see `cluster models`) or a model directory.")
    batch_size: int = Field(64, ge=1)
    cache_embeddings: bool = True
    cache_dir: Optional[Path] = Field(
        None, description="Where embeddings are cached; default: the models cache directory."
    )
    max_file_bytes: int = Field(20_000_000, ge=1)
    ingest: IngestConfig = IngestConfig()
    segment: SegmentConfig = SegmentConfig()
    duplicates: DuplicateConfig = DuplicateConfig()
    stories: StoryConfig = StoryConfig()
    quotes: QuoteConfig = QuoteConfig()
    scale: ScaleConfig = ScaleConfig()
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
