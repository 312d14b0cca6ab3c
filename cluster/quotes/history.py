"""Speakers met so far in one article, and the records attribution passes around (``Attribution``,
``Speaker``): what a pronoun or a description can refer back to. Split from ``coref`` (which resolves a
subject against this history) by concern, when its rules outgrew one module."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cluster.documents import SegmentKind
from cluster.quotes.gender import agrees, mention_genders, person_gender
from cluster.quotes.names import AR_COMPOUND_SECONDS, ARABIC_LETTER, Token, article_runs, article_tokens, strip_article
from cluster.quotes.sources import ORGANISATION, PERSON, UNATTRIBUTED, strip_prefix_article
from cluster.quotes.speakers import same_person
from cluster.textnorm import normalize

RECENT_SPEAKERS = 20
"""Speakers a name is compared with for ``History.known_prefix`` (a bound: the check is per reference)."""
COREFERENCE_PARAGRAPHS = 3
"""A subjectless verb or a pronoun refers to a speaker named at most this many paragraphs before."""
AR_PATRONYMICS = frozenset(normalize(w) for w in "بن بنت ابن ولد آل".split())
"""Name particles of a lineage ("محمد ولد أحمد", "سالم بن راشد"): words after them make a full name."""


def _patronymic(words: list[str]) -> bool:
    """"سيدي محمد ولد أحمد" after "أحمدو ولد سيدي": a given name and a lineage follow the word that is the
    other's surname, so it is a full name of its own, not that speaker with words read into the name."""
    return any(normalize(w) in AR_PATRONYMICS for w in words[1:-1])


@dataclass(frozen=True)
class Attribution:
    """A reporting verb (or source phrase) and whom it is resolved to."""

    verb: int
    """Token index of the verb in its paragraph."""
    name: str | None
    as_written: str | None
    kind: str = UNATTRIBUTED
    """``person``, ``organisation``, ``anonymous`` (an unnamed source) or ``unattributed``."""


@dataclass(frozen=True)
class Speaker:
    name: str | None
    written: str | None
    kind: str


@dataclass
class History:
    """Speakers met so far in one article: what a pronoun or a description can refer back to."""

    text: str = ""
    """The whole article: full mentions of a name may come after a headline that uses a short form."""
    entries: list[tuple[int, SegmentKind, Speaker]] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    """Where in the article each entry's verb stands."""
    quoted: tuple[int, SegmentKind, Attribution | None] | None = None
    """The paragraph, kind and attribution of the last direct quote."""
    colon: tuple[int, Attribution] | None = None
    """A paragraph that ended on "قال X:" / "X said:": its speech is the next paragraph."""
    _tokens: list[Token] | None = None
    _runs: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict)
    _token_starts: list[int] | None = None
    _genders: dict[str, list[str | None]] = field(default_factory=dict)
    register: dict[tuple[str, str], Any] = field(default_factory=dict)
    """The article's named persons as ``register`` reads them (by family name, by language), found once: read
    again for every quote they made the stage quadratic in the number of quotes."""

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = article_tokens(self.text)
        return self._tokens

    def runs(self, lang: str) -> list[tuple[int, int]]:
        """The article's name mentions, found once: every reference is resolved against them, and
        finding them again per reference made the stage quadratic in article length."""
        if lang not in self._runs:
            self._runs[lang] = article_runs(self.text, lang)
        return self._runs[lang]

    @property
    def token_starts(self) -> list[int]:
        """Where each token of the article begins (sorted), found once."""
        if self._token_starts is None:
            self._token_starts = [t.start for t in self.tokens]
        return self._token_starts

    def run_starts(self, lang: str) -> list[int]:
        """Where each name mention begins (sorted): a reference reads only its own sentence's mentions."""
        if lang not in self._starts:
            self._starts[lang] = [self.tokens[first].start for first, _ in self.runs(lang)]
        return self._starts[lang]

    def gender(self, name: str | None, lang: str) -> str | None:
        """The gender the article shows for this person's mentions (``gender``), None when it shows none."""
        if not name:
            return None
        if lang not in self._genders:
            self._genders[lang] = mention_genders(self.text, self.tokens, self.runs(lang), lang)
        return person_gender(name, self.tokens, self.runs(lang), self._genders[lang], lang)

    def fits(self, name: str | None, lang: str, wanted: str | None) -> bool:
        """Whether a person may be the one a gendered reference asks for (unknown fits anything)."""
        return wanted is None or agrees(self.gender(name, lang), wanted)

    def known_prefix(self, name: str) -> str | None:
        """A recent speaker whose surname a longer name holds with words after it: "وأخبر السيد جولدسميث
        صنداي تلغراف" is جون جولدسميث (quoted before) telling the paper, not a person of that name. Only
        where the name opens with the surname, or with the speaker's own words before it: "سامر حسن العلي"
        holds the "حسن" of a "ماهر فؤاد الحسن" quoted before, and is someone else."""
        words = name.split()
        if len(words) < 2 or not ARABIC_LETTER.search(name):
            return None  # capitals end an English name: "survivor Sidi Mohamed Ould Ahmed" is not "X Ould Sidi"
        for _, _, speaker in self.entries[-RECENT_SPEAKERS:]:
            if speaker.kind == PERSON and speaker.name and len(speaker.name.split()) >= 2:
                own = [key(w, "ar") for w in speaker.name.split()]  # one article: the same spelling
                # "محمد نور الدين": the surname is the whole compound, not its second half (عز الدين الحداد)
                size = 2 if normalize(speaker.name.split()[-1]) in AR_COMPOUND_SECONDS and len(own) >= 3 else 1
                keys = [key(w, "ar") for w in words]
                cut = next((k + size - 1 for k in range(min(len(words) - size, len(own) - size + 1))
                            if keys[k: k + size] == own[-size:] and keys[:k] == own[len(own) - size - k: len(own) - size]),
                           None)  # the words before the surname are the speaker's too: "سامر حسن العلي" is not
                # "ماهر فؤاد الحسن" quoted before
                if cut is not None and not same_person(name, speaker.name) and not _patronymic(words[cut + 1:]):
                    return speaker.name
        return None

    def last_quote(self, paragraph: int, kind: SegmentKind) -> Attribution | None:
        """The attribution of a direct quote in this paragraph or the one before: a quotation that
        stands alone as the next sentence or paragraph goes on with the same speaker."""
        if self.quoted is None:
            return None
        index, seg_kind, attribution = self.quoted
        return attribution if seg_kind is kind and paragraph - index <= 1 else None

    def add(self, paragraph: int, kind: SegmentKind, speaker: Speaker, offset: int) -> None:
        self.entries.append((paragraph, kind, speaker))
        self.offsets.append(offset)

    def last(self, paragraph: int, kind: SegmentKind, person: bool = False,
             gender: tuple[str, str | None] | None = None) -> Speaker | None:
        """The latest speaker (a named person only, with ``person``), if recent and in the same kind
        of segment (a "read also" block does not inherit its host's speaker)."""
        found = self.last_entry(paragraph, kind, person, gender=gender)
        return found[2] if found else None

    def last_entry(self, paragraph: int, kind: SegmentKind, person: bool = False,
                   human: bool = False, gender: tuple[str, str | None] | None = None) -> tuple[int, int, Speaker] | None:
        """(paragraph, offset, speaker) of ``last``; a subject that resolved to no one ("Ketsoyan did
        not say") is no speaker to refer back to; with ``human`` an organisation is none either ("he
        added" after "..., according to the state news agency, that" is the minister, not the agency);
        with ``gender`` (language, gender asked) a person the article shows of the other gender neither
        ("he said" is not the woman quoted last)."""
        for k in range(len(self.entries) - 1, -1, -1):
            index, seg_kind, speaker = self.entries[k]
            if paragraph - index > COREFERENCE_PARAGRAPHS or seg_kind is not kind:
                return None
            if speaker.name and (not person or speaker.kind == PERSON) and not (human and speaker.kind == ORGANISATION):
                if gender is not None and speaker.kind == PERSON and not self.fits(speaker.name, *gender):
                    continue
                return index, self.offsets[k], speaker
        return None

    def described(self, words: list[str], lang: str) -> Speaker | None:
        """The latest speaker whose subject used this head noun ("صحيفة" for "الصحيفة", "sources")
        and none of whose words contradicts the description's qualifiers (الوزير المصري is not
        "وزير الخارجية الأردني")."""
        keys = [key(w, lang) for w in words if key(w, lang) not in {"the", "this", "that", "these", "those"}]
        if not keys:
            return None
        head = keys[0] if lang == "ar" else keys[-1]
        for _, _, speaker in reversed(self.entries):
            seen = {key(w, lang) for w in (speaker.written or "").split()}
            if head in seen and all(k in seen for k in keys):
                return speaker
        return None


def key(word: str, lang: str) -> str:
    return strip_prefix_article(normalize(word)) if lang == "ar" else strip_article(word)
