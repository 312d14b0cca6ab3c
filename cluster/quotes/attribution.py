"""Who said it: reporting verbs, their subjects, and pronouns or descriptions resolved to a name.

The subject of a reporting verb gives the speaker as written ("المبعوث الأميركي ستيف ويتكوف", "he",
"الصحيفة"); the *name* is the run of proper-name tokens in it (titles and descriptions dropped). A verb
with no subject, a pronoun, or a definite description refers back to a speaker met earlier in the
article (``History``). Anonymous sources and descriptions that resolve to nobody keep ``name = None``:
the text gives no name, and none is guessed. docs/quotes.md has the rules with examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from cluster.documents import Segment, SegmentKind
from cluster.quotes.lexicon import (
    AR_COMPLEMENTIZERS,
    AR_GENERIC,
    AR_MEDIA,
    AR_PARTICIPLES,
    AR_RELATIVES,
    AR_SKIP,
    AR_SUBJECT_STOPS,
    AR_TITLE_PREPOSITIONS,
    AR_VERBS,
    EN_DETERMINERS,
    EN_PRONOUNS,
    EN_RELATIVES,
    EN_TITLES,
    EN_VERBS,
    TOKEN,
)
from cluster.textnorm import normalize

COREFERENCE_PARAGRAPHS = 3
"""A subjectless verb or a pronoun refers to a speaker named at most this many paragraphs before."""


def tokenize(text: str) -> list[Token]:
    """Words and punctuation marks of a paragraph, with their offsets."""
    return [Token(m[0], m.start(), m.end(), m.lastgroup == "w") for m in TOKEN.finditer(text)]


class Token(NamedTuple):
    """A word or punctuation mark of a paragraph; offsets into the paragraph.

    A named tuple, not a dataclass: every paragraph of a corpus is tokenised, and building
    hundreds of thousands of frozen dataclasses dominated the quotes stage."""

    text: str
    start: int
    end: int
    word: bool

    @property
    def norm(self) -> str:
        return normalize(self.text)


@dataclass(frozen=True)
class Attribution:
    """A reporting verb and whom it is resolved to."""

    verb: int
    """Token index of the verb in its paragraph."""
    name: str | None
    as_written: str | None


@dataclass
class History:
    """Speakers met so far in one article: what a pronoun or a description can refer back to."""

    entries: list[tuple[int, SegmentKind, str | None, str]] = field(default_factory=list)
    quoted: tuple[int, SegmentKind, Attribution | None] | None = None
    """The paragraph, kind and attribution of the last direct quote."""

    def last_quote(self, paragraph: int, kind: SegmentKind) -> Attribution | None:
        """The attribution of a direct quote in this paragraph or the one before: a quotation that
        stands alone as the next sentence or paragraph goes on with the same speaker."""
        if self.quoted is None:
            return None
        index, seg_kind, attribution = self.quoted
        return attribution if seg_kind is kind and paragraph - index <= 1 else None

    def last(self, paragraph: int, kind: SegmentKind) -> tuple[str | None, str] | None:
        """(name, as written) of the latest speaker, if recent and in the same kind of segment (a
        "read also" block does not inherit its host's speaker)."""
        if not self.entries:
            return None
        index, seg_kind, name, written = self.entries[-1]
        if paragraph - index > COREFERENCE_PARAGRAPHS or seg_kind is not kind:
            return None
        return name, written

    def described(self, head: str) -> tuple[str | None, str] | None:
        """(name, as written) of the latest speaker whose subject used this noun ("صحيفة" for "الصحيفة")."""
        for _, _, name, written in reversed(self.entries):
            if head in {strip_article(t) for t in normalize(written).split()}:
                return name, written
        return None


# --- Reporting verbs and their subjects ----------------------------------------------------------

def is_verb(token: Token, lang: str) -> bool:
    """A reporting verb or participle (قال، وأضاف، مضيفا; said, told)."""
    if not token.word:
        return False
    if lang == "ar":
        norm = token.norm
        return any(form in AR_VERBS or form in AR_PARTICIPLES for form in clitic_forms(norm))
    return token.text.lower() in EN_VERBS


def clitic_forms(norm: str) -> list[str]:
    """A normalised Arabic word and, when it starts with the conjunction و or ف, the word without it."""
    forms = [norm]
    if len(norm) > 3 and norm[0] in "وف":
        forms.append(norm[1:])
    return forms


def find_attributions(tokens: list[Token], marks: list[tuple[int, int]], lang: str, seg: Segment,
                      history: History, context: str) -> list[Attribution]:
    """Every reporting verb outside quote marks, resolved to a speaker, in text order."""
    found = []
    for i, token in enumerate(tokens):
        if (not is_verb(token, lang) or any(o < token.start < c for o, c in marks)
                or _in_relative_clause(tokens, i, lang)):
            continue
        if lang == "ar" and any(f in AR_PARTICIPLES for f in clitic_forms(token.norm)):
            written: list[Token] = []  # "مضيفا": the subject is the sentence's speaker
        else:
            written = _arabic_subject(tokens, i) if lang == "ar" else _english_subject(tokens, i)
            if lang == "ar" and not written:
                written = _arabic_fronted_subject(tokens, i)
        name, written = _resolve(written, lang, seg, history, context)
        found.append(Attribution(i, name, written))
        if written is not None:
            history.entries.append((seg.index, seg.kind, name, written))
    return found


def _in_relative_clause(tokens: list[Token], verb: int, lang: str) -> bool:
    """A verb right after a relative pronoun ("التصريحات التي قالت إنها", "statements which said") reports
    what something else said inside another clause: not a quote of its own."""
    if verb == 0 or not tokens[verb - 1].word:
        return False
    previous = tokens[verb - 1]
    return previous.norm in AR_RELATIVES if lang == "ar" else previous.text.lower() in EN_RELATIVES


def _arabic_subject(tokens: list[Token], verb: int) -> list[Token]:
    """The words after an Arabic reporting verb up to a preposition, a time word, ``أن`` or ``:``."""
    subject: list[Token] = []
    for k in range(verb + 1, min(verb + 14, len(tokens))):
        token = tokens[k]
        if not token.word:
            if token.text in "،,":
                if _apposition_follows(tokens, k, subject):
                    break
                continue
            break
        norm = token.norm
        if norm in AR_SKIP and not subject:
            continue
        if (norm in AR_TITLE_PREPOSITIONS and subject and _name_run(subject, "ar") is None
                and not _next_is_complementizer(tokens, k)):
            subject.append(token)
            continue
        if norm in AR_COMPLEMENTIZERS or norm in AR_SUBJECT_STOPS or norm.startswith("لل") or norm in AR_PARTICIPLES:
            break
        if norm.startswith("ل") and norm[1:] in AR_MEDIA:
            break
        subject.append(token)
    return subject




def _apposition_follows(tokens: list[Token], comma: int, subject: list[Token]) -> bool:
    """"قال جون جولدسميث، رئيس مجتمع كرومويل": after a name, a comma and a title start an apposition
    that describes the speaker; the name is the subject."""
    following = next((t for t in tokens[comma + 1:] if t.word), None)
    return following is not None and following.norm in AR_GENERIC and _name_run(subject, "ar") is not None


def _next_is_complementizer(tokens: list[Token], k: int) -> bool:
    following = next((t for t in tokens[k + 1:] if t.word), None)
    return following is not None and following.norm in AR_COMPLEMENTIZERS


def _arabic_fronted_subject(tokens: list[Token], verb: int) -> list[Token]:
    """The subject of "وكان X قد أكد": the words between كان and قد before the verb."""
    if verb < 2 or tokens[verb - 1].norm != "قد":
        return []
    for k in range(verb - 2, max(verb - 14, -1), -1):
        if any(form in {"كان", "كانت"} for form in clitic_forms(tokens[k].norm)):
            return [t for t in tokens[k + 1: verb - 1] if t.word]
    return []


def _english_subject(tokens: list[Token], verb: int) -> list[Token]:
    """The name or noun phrase right before an English reporting verb, else right after it
    ("..., said Witkoff")."""
    if tokens[verb].text.lower() == "according":
        return _according_to(tokens, verb)
    before: list[Token] = []
    k = verb - 1
    while k >= 0 and tokens[k].word and tokens[k].text.lower() in {"also", "later", "has", "had", "have", "then"}:
        k -= 1
    if k >= 0 and tokens[k].text == ",":
        k = _before_apposition(tokens, k)
    while k >= 0 and tokens[k].word and len(before) < 6:
        word = tokens[k].text
        if word.lower() in EN_PRONOUNS and not before:
            return [tokens[k]]
        if word[0].isupper() or (before and word.lower() in EN_TITLES):
            before.insert(0, tokens[k])
        elif (not before and word.isalpha() and word.islower() and k > 0
              and tokens[k - 1].text.lower() in EN_DETERMINERS):
            return [tokens[k - 1], tokens[k]]
        elif not before and word.isalpha() and word.islower():
            return _noun_phrase_before(tokens, k)
        else:
            break
        k -= 1
    if before:
        return before
    after = []
    for token in tokens[verb + 1: verb + 6]:
        if token.word and (token.text[0].isupper() or (after and token.text.lower() in EN_TITLES)):
            after.append(token)
        else:
            break
    return after


def _before_apposition(tokens: list[Token], comma: int) -> int:
    """"John Goldsmith, chairman of the Cromwell Society, said": the index of the word before the
    apposition's opening comma when a capitalised name stands there, else ``comma`` itself."""
    for j in range(comma - 1, max(comma - 12, -1), -1):
        if tokens[j].text == ",":
            if j > 0 and tokens[j - 1].word and tokens[j - 1].text[0].isupper():
                return j - 1
            return comma
        if not tokens[j].word:
            return comma
    return comma


def _according_to(tokens: list[Token], verb: int) -> list[Token]:
    """"according to her publicist, Jack Ketsoyan": the named source (a description if none)."""
    if verb + 1 >= len(tokens) or tokens[verb + 1].text.lower() != "to":
        return []
    phrase: list[Token] = []
    for token in tokens[verb + 2: verb + 9]:
        if not token.word and token.text != ",":
            break
        if token.word:
            phrase.append(token)
    named = [t for t in phrase if t.text[0].isupper() and t.text.lower() not in EN_TITLES]
    return named or phrase


def _noun_phrase_before(tokens: list[Token], last: int) -> list[Token]:
    """A lower-case subject ("Egyptian and Qatari mediators", "police"): up to four words back."""
    phrase = [tokens[last]]
    k = last - 1
    while k >= 0 and tokens[k].word and len(phrase) < 4 and tokens[k].text.lower() not in EN_VERBS:
        phrase.insert(0, tokens[k])
        if tokens[k].text.lower() in EN_DETERMINERS:
            break
        k -= 1
    return phrase


def _resolve(subject: list[Token], lang: str, seg: Segment, history: History,
             context: str) -> tuple[str | None, str | None]:
    """(name, subject as written): a name found in the subject, or through a pronoun, a description
    or an elided subject to a speaker met before; name None when the text gives none."""
    written = " ".join(t.text for t in subject) or None
    common_head = lang != "ar" and bool(subject) and (
        subject[-1].text.islower() or subject[0].text.lower() in EN_PRONOUNS)
    name = None if common_head else _name_run(subject, lang)
    if name:
        return name, written
    if not subject or (lang != "ar" and subject[0].text.lower() in EN_PRONOUNS):
        earlier = history.last(seg.index, seg.kind)
        if earlier is None:
            return None, written
        return earlier[0], written or earlier[1]
    head = strip_article(subject[-1].norm if lang != "ar" else subject[0].norm)
    if written and _is_definite(subject, lang):
        earlier = history.described(head)
        if earlier is not None:
            return earlier[0], written
        # Arabic puts the name after its description ("صحيفة Sabah"); English before it.
        return (_name_in_context(head, context, lang) if lang == "ar" else None), written
    return None, written


def _is_definite(subject: list[Token], lang: str) -> bool:
    if lang == "ar":
        return subject[0].norm.startswith("ال")
    return subject[0].text.lower() in {"the", "this", "that", "these", "those"}


def strip_article(word: str) -> str:
    word = word.lower()
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return word


def _name_run(subject: list[Token], lang: str) -> str | None:
    """The last run of proper-name tokens in a subject phrase, titles and descriptions left out."""
    runs: list[list[Token]] = [[]]
    previous_generic = False
    for token in subject:
        if _is_name_token(token, lang, previous_generic):
            runs[-1].append(token)
            previous_generic = False
        else:
            if runs[-1]:
                runs.append([])
            norm = token.norm
            previous_generic = lang == "ar" and (norm in AR_GENERIC or norm.endswith("يه") or norm.endswith("ي"))
    named = [run for run in runs if run]
    return " ".join(t.text for t in named[-1]) if named else None


def _is_name_token(token: Token, lang: str, after_generic: bool) -> bool:
    text = token.text
    if re.match(r"[A-Za-z]", text):
        return text[0].isupper() and text.lower() not in EN_TITLES and text.lower() not in EN_DETERMINERS
    if lang != "ar":
        return False
    norm = token.norm
    if norm.startswith("ال") or norm.startswith("لل") or norm in AR_GENERIC or len(norm) < 2:
        return False
    if norm in AR_TITLE_PREPOSITIONS or norm in AR_SUBJECT_STOPS:
        return False
    if norm.endswith("يه"):
        return False  # an indefinite feminine adjective: "مصادر أمنية تركية"
    return not (after_generic and norm.endswith("ي"))


def _name_in_context(head: str, context: str, lang: str) -> str | None:
    """A description's name from earlier in the article: "الصحيفة" -> "صحيفة Sabah التركية" -> Sabah."""
    tokens = tokenize(context)
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].word and strip_article(tokens[k].norm) == head:
            phrase = []
            for t in tokens[k + 1: k + 9]:
                if not t.word and t.text not in "،,":
                    break
                if t.word:
                    phrase.append(t)
            name = _name_run([tokens[k]] + phrase[: _phrase_end(phrase)], lang)
            if name:
                return name
    return None


def _phrase_end(tokens: list[Token]) -> int:
    for k, token in enumerate(tokens):
        if token.norm in AR_SUBJECT_STOPS or token.norm in AR_COMPLEMENTIZERS:
            return k
    return len(tokens)
