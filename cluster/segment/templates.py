"""Site templates: the page furniture of each outlet, learned from the corpus itself.

An outlet wraps every article in the same page: its name, navigation, sign-in buttons, teaser
headlines, a newsletter box, a footer. Line rules (``cluster.segment.boilerplate``) catch the generic
parts, but an outlet's own wording ("The Daily Meridian", "Morning Briefing: the day's top stories in
your inbox") can only be recognised as furniture by seeing it recur around *different* stories. That
is what tells a template from reuse: a wire paragraph copied by two outlets recurs too, but across
sites, or between pages that share their story text.

Steps:

1. **Sites.** Pages with a declared ``source`` (or a URL host) are grouped by it. Other pages are
   linked when they share ``site_min_shared_lines`` non-sentence lines, those lines are a large part
   of what each page shares with anyone (``site_min_jaccard``: generic words such as "Politics" do not
   tie two outlets), and their sentences are mostly different (``copy_max_shared_prose``: copies of
   one story are not a site). Linked pages form one site.
2. **Template lines.** In a site of ``site_min_articles`` pages or more, a non-sentence line seen in
   ``template_min_articles`` of its pages is furniture (teasers rotate, so a subset is enough); a full
   sentence (a newsletter pitch) must be on ``template_prose_share`` of the site's pages and on no
   page of another site. A teaser that names a sibling page's headline ("READ MORE: <headline>") is
   furniture as well.
3. **Headlines.** A page's headline is its first substantial line that is neither template nor
   generic furniture, so the outlet's name line never becomes a title.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

from cluster.config import SegmentConfig
from cluster.documents import Article, Segment, SegmentKind
from cluster.segment import boilerplate as bp
from cluster.segment.paragraphs import _classify

_MAX_LINK_POSTINGS = 500
"""Lines on more pages than this are too common to tell sites apart; skipping them keeps linking linear."""


@dataclass(frozen=True)
class PageLines:
    """One page's paragraph keys, split by shape (the comparison form of each line)."""

    keys: tuple[str, ...]
    prose: frozenset[str]
    other: frozenset[str]

    @classmethod
    def of(cls, texts: Sequence[str]) -> PageLines:
        keys = tuple(_slot_key(t) for t in texts)
        prose = frozenset(k for k, t in zip(keys, texts) if k and "#" not in k.split() and bp.is_sentence_like(t))
        other = frozenset(k for k in keys if k and k not in prose)
        return cls(keys, prose, other)


_MAX_SLOT_LINE_WORDS = 16
"""Longer lines holding a date are story sentences ("On March 3 the council voted ..."), not a time line."""
_DAYS = bp._MONTHS | bp._WEEKDAYS
_CALENDAR = _DAYS | bp._CLOCK


def _slot_key(text: str) -> str:
    """The line's key, with dates and times masked in a short line that holds one: a template's
    time line ("Written by X | Posted on March 3, 2024 at 8:20 a.m.") recurs with its slots refilled.
    Headlines that merely hold a number keep it (two reports differing by a toll are not a template)."""
    key = bp.line_key(text)
    if not key or len(bp.letter_words(text)) > _MAX_SLOT_LINE_WORDS:
        return key
    toks = key.split()
    if not (bp._CLOCK_TIME.search(text) or bp._NUMERIC_DATE.search(text) or any(t in _DAYS for t in toks)):
        return key
    return " ".join("#" if t in _CALENDAR or any(c.isdigit() for c in t) else t for t in toks)


@dataclass(frozen=True)
class SiteTemplates:
    """What was learned: each templated page's site, template paragraph indices and headline index."""

    site_of: dict[str, int]
    template: dict[str, frozenset[int]]
    headline: dict[str, int | None]


def learn_templates(articles: Sequence[Article], texts: dict[str, list[str]], cfg: SegmentConfig) -> SiteTemplates:
    """Sites, their template lines and each templated page's headline (pages in no site are left out)."""
    pages = {a.id: PageLines.of(texts[a.id]) for a in articles}
    df = Counter(k for p in pages.values() for k in p.prose | p.other)
    site_of = _sites(articles, pages, df, cfg)
    members: dict[int, list[str]] = defaultdict(list)
    for aid, site in site_of.items():
        members[site].append(aid)
    out = SiteTemplates({}, {}, {})
    for site, ids in members.items():
        if len(ids) < cfg.site_min_articles:
            continue
        keys = _template_keys([pages[i] for i in ids], df, cfg)
        heads = {i: _headline(texts[i], pages[i].keys, keys, cfg.headline_min_words) for i in ids}
        head_keys = {i: pages[i].keys[h] for i, h in heads.items() if h is not None}
        for i in ids:
            siblings = {k for j, k in head_keys.items() if j != i}
            marked = frozenset(n for n, (k, t) in enumerate(zip(pages[i].keys, texts[i]))
                               if k and n != heads[i] and (k in keys or _teaser_of(t, k, siblings)))
            out.site_of[i], out.template[i], out.headline[i] = site, marked, heads[i]
    return out


# --- sites -----------------------------------------------------------------------------------------

def _declared_site(article: Article) -> str | None:
    if article.source and article.source.strip():
        return "source:" + article.source.strip().lower()
    host = urlparse(article.url).netloc.lower() if article.url else ""
    return "host:" + host.removeprefix("www.") if host else None


def _sites(articles: Sequence[Article], pages: dict[str, PageLines], df: Counter, cfg: SegmentConfig) -> dict[str, int]:
    """Site number of every page: declared sites first, the others linked by the lines they share."""
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    declared: dict[str, str] = {}
    for a in articles:
        if (name := _declared_site(a)) is not None:
            parent[find(a.id)] = find(declared.setdefault(name, a.id))
    undeclared = [a.id for a in articles if _declared_site(a) is None]
    for a, b in _linked_pairs(undeclared, pages, df, cfg):
        parent[find(a)] = find(b)
    roots: dict[str, int] = {}
    return {a.id: roots.setdefault(find(a.id), len(roots)) for a in articles}


def _linked_pairs(
    ids: list[str], pages: dict[str, PageLines], df: Counter, cfg: SegmentConfig
) -> list[tuple[str, str]]:
    """Pairs of pages that look like one site: many shared non-sentence lines, different stories."""
    shared = {i: frozenset(k for k in pages[i].other if 2 <= df[k] <= _MAX_LINK_POSTINGS) for i in ids}
    postings: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        for k in shared[i]:
            postings[k].append(i)
    pairs = []
    for i in ids:
        counts = Counter(j for k in shared[i] for j in postings[k] if j > i)
        for j, n in counts.items():
            if n >= cfg.site_min_shared_lines and n / len(shared[i] | shared[j]) >= cfg.site_min_jaccard \
                    and not _copies(pages[i], pages[j], cfg.copy_max_shared_prose):
                pairs.append((i, j))
    return pairs


def _copies(a: PageLines, b: PageLines, max_share: float) -> bool:
    """Whether two pages share most of their sentences: one story copied, not one site."""
    least = min(len(a.prose), len(b.prose))
    return least > 0 and len(a.prose & b.prose) > max_share * least


# --- template lines and headlines ----------------------------------------------------------------

def _template_keys(site: list[PageLines], df: Counter, cfg: SegmentConfig) -> frozenset[str]:
    """Lines of a site's template: non-sentences on a few of its pages, sentences on most of them."""
    in_site = Counter(k for p in site for k in p.prose | p.other)
    prose_min = max(cfg.template_min_articles + 1, math.ceil(cfg.template_prose_share * len(site)))
    prose = set().union(*(p.prose for p in site))
    return frozenset(
        k for k, n in in_site.items()
        if (k in prose and n >= prose_min and df[k] == n) or (k not in prose and n >= cfg.template_min_articles)
    )


def _headline(texts: list[str], keys: tuple[str, ...], template: frozenset[str], min_words: int) -> int | None:
    """Index of the page's own headline: the first substantial line that is not furniture."""
    for n, (text, key) in enumerate(zip(texts, keys)):
        if not key or key in template or bp.related_marker(text) or bp.furniture_reason(text):
            continue
        if len(bp.letter_words(text)) >= min_words:
            return n
    return None


_MARKER_SPLIT = re.compile(r"\s*(?:[:\-–—|»>…]+|\.{2,})\s*")


def _teaser_of(text: str, key: str, sibling_headlines: set[str]) -> bool:
    """A line that links to a sibling page: its headline alone, or after a "read more" marker."""
    if key in sibling_headlines:
        return True
    head = _MARKER_SPLIT.split(text.strip(), maxsplit=1)
    return len(head) == 2 and bp.related_marker(text) == "marker+headline" and bp.line_key(head[1]) in sibling_headlines


# --- classification --------------------------------------------------------------------------------

def classify_templated(
    article_id: str, texts: list[str], spans: list[tuple[int, int]], lang: str,
    repeated: frozenset[str], template: frozenset[int], headline: int | None,
) -> list[Segment]:
    """Segments of a page whose site template is known: template lines and whatever precedes the
    headline are boilerplate; the rest is classified as if the page held only its own story."""
    start = headline if headline is not None else 0
    kept = [i for i in range(start, len(texts)) if i not in template]
    decided = dict(zip(kept, _classify([texts[i] for i in kept], lang, repeated, headline is not None)))
    return [
        Segment(article_id, i, decided[i][0] if i in decided else SegmentKind.BOILERPLATE, texts[i], s, e)
        for i, (s, e) in enumerate(spans)
    ]
