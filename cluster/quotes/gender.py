"""Grammatical gender of the people an article names, read from the article itself (no list of names).

A pronoun, a gendered verb or a gendered description refers to a person of that gender: "he said" is
not the woman named last, "وقالت" is not the man, "the spokeswoman" is not the minister. A mention's
gender is what the text shows around it, ``None`` where it shows none:

- Arabic: the reporting verb whose subject the name is (قالت / أضافت / تقول / مضيفة: feminine; قال /
  أضاف / يقول / مضيفا: masculine), the head of the title before it (الوزيرة، المتحدثة، السيدة: a person
  title with ة; الوزير، المتحدث، السيد), an apposition after it ("X، المتحدثة باسم ..."، "X، وهي ...") and
  أبو / أم opening the name.
- English: an honorific or gendered noun right before the name (Mr, Mrs, Ms, Sir, Dame, spokeswoman,
  Queen ...), a gendered noun in apposition ("X, the spokeswoman for", "X, 34, a mother of two"), a
  pronoun the text ties to it ("X said she", "Ford also testified about her allegation" with no other
  name in the sentence, "X ... . He ..." when X is the sentence's only name and its subject).

All mentions of one person (by surname, and by a given name when both give one) are pooled; mentions
that disagree leave the person ``None``. Unknown stays compatible with any reference (``agrees``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, AR_PARTICIPLES, AR_VERBS, EN_ARTICLES, EN_VERBS
from cluster.quotes.names import Token, strip_article
from cluster.quotes.triggers import clitic_forms
from cluster.textnorm import normalize

MALE, FEMALE = "m", "f"

AR_PERSON_TITLES = frozenset(normalize(w) for w in """
رئيس وزير نائب زعيم قائد ناطق متحدث مبعوث مدير أمين سفير مسؤول مستشار ممثل مندوب قيادي محلل باحث خبير
أستاذ وكيل مساعد منسق مفوض محافظ سكرتير قاضي ضابط مراسل ملك أمير مفتي عضو دكتور مدرب لاعب مفتش محقق
حارس والي حاكم عمدة سيد طبيب ناشط مواطن كاتب صحفي معلم مهندس محامي مزارع تاجر موظف فني طالب مؤسس
مراقب مرشح نجم فنان ممرض""".split())
"""Person titles of masculine form; the feminine adds ة (الوزيرة، المتحدثة، القاضية)."""
AR_FEMININE_ONLY = frozenset(normalize(w) for w in "سيدة آنسة امرأة والدة زوجة شقيقة".split())
AR_MASCULINE_ONLY = frozenset(normalize(w) for w in "أب والد رجل زوج شقيق".split())
AR_STOPS = frozenset(normalize(w) for w in "مع من إلى على عن و أو ثم".split())
AR_HE, AR_SHE = frozenset(("هو", "وهو")), frozenset(("هي", "وهي"))
AR_TITLE_WINDOW = 10

EN_MALE = frozenset("""mr sir lord king prince duke emperor father dad son husband brother uncle nephew grandfather
grandson boyfriend spokesman chairman congressman businessman actor man boy gentleman widower""".split())
EN_FEMALE = frozenset("""mrs ms miss dame lady queen princess duchess empress mother mom mum daughter wife sister aunt
niece grandmother granddaughter girlfriend spokeswoman chairwoman congresswoman businesswoman actress woman girl
widow baroness""".split())
EN_PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
                     "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
EN_APPOSITION_WORDS = 4
EN_ENDS = frozenset(".!?")


def agrees(a: str | None, b: str | None) -> bool:
    """Unknown agrees with anything; known genders must be equal."""
    return a is None or b is None or a == b


def _one(found: set[str | None]) -> str | None:
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def arabic_verb_gender(text: str) -> str | None:
    """قالت، وأضافت، تقول، مضيفة: feminine; قال، وأضاف، يقول، مضيفا: masculine; plurals and others: None."""
    for form in clitic_forms(normalize(text)):
        if form in AR_PARTICIPLES:
            return FEMALE if form.endswith("ه") else MALE if form.endswith("ا") else None
        if form not in AR_VERBS or form.endswith(("وا", "ون")):
            continue
        if form[:1] in "يت" and len(form) >= 3 and ({"ي": "ت", "ت": "ي"}[form[0]] + form[1:]) in AR_VERBS:
            return MALE if form[0] == "ي" else FEMALE  # يقول / تقول (not تابع, تساءل)
        feminine = form.endswith("ت") and (form[:-1] in AR_VERBS or form[:-1] + "ي" in AR_VERBS)  # نفت: نفى
        return FEMALE if feminine else MALE
    return None


def arabic_title_gender(text: str) -> str | None:
    """A person title's gender (الوزيرة، المتحدثة، السيدة / الوزير، المتحدث، السيد), else None. The
    written ة tells the feminine from a pronoun suffix (نظيره is "his counterpart")."""
    norm = normalize(text)
    bare = norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm
    if bare in AR_FEMININE_ONLY:
        return FEMALE
    if bare in AR_MASCULINE_ONLY:
        return MALE
    if text.endswith("ة") and bare[:-1] in AR_PERSON_TITLES:
        return FEMALE
    return MALE if bare in AR_PERSON_TITLES else None


def english_word_gender(word: str) -> str | None:
    lower = word.lower().rstrip(".")
    return MALE if lower in EN_MALE else FEMALE if lower in EN_FEMALE else None


def reference_gender(words: list[str], lang: str, verb: str | None = None) -> str | None:
    """The gender a reference asks of its person: an English pronoun (he / she) or gendered noun
    ("the spokeswoman"); in Arabic the head title of the subject ("الوزيرة"), else the verb's gender
    when it has no subject ("وأضافت")."""
    if lang == "ar":
        return arabic_title_gender(words[0]) if words else verb
    return _one({EN_PRONOUN_GENDER.get(w.lower()) if k == 0 else None for k, w in enumerate(words)}
                | {english_word_gender(w) for w in words})


def _arabic_run_gender(tokens: list[Token], first: int, end: int, ends: set[int]) -> str | None:
    if tokens[first].norm in ("ابو", "ام"):
        return MALE if tokens[first].norm == "ابو" else FEMALE
    head = verb = None
    for k in range(first - 1, max(first - AR_TITLE_WINDOW, -1), -1):
        token = tokens[k]
        if not token.word or k + 1 in ends or token.norm in AR_COMPLEMENTIZERS or token.norm in AR_STOPS:
            break
        if (said := arabic_verb_gender(token.text) or _opening_feminine_verb(tokens, k)) is not None:
            verb = said
            break
        if (title := arabic_title_gender(token.text)) is not None:
            head = title  # the leftmost title heads the chain ("مساعدة وزير الخارجية")
        elif token.norm.startswith("نظير"):
            break  # "نظيرته": another person's counterpart
    after = None
    if end + 1 < len(tokens) and tokens[end].text in ",،" and tokens[end + 1].word:
        nxt = tokens[end + 1]
        after = MALE if nxt.norm in AR_HE else FEMALE if nxt.norm in AR_SHE else (
            None if nxt.norm.startswith("و") else arabic_title_gender(nxt.text))
    return _one({_marked_over_title(head, verb), after})


AR_SENTENCE_ENDS = frozenset(".!?؟\n")


def _opening_feminine_verb(tokens: list[Token], k: int) -> str | None:
    """"ووجهت عضو اللجنة ندى X انتقادا", "وكانت الدكتورة X": the word that opens a sentence before a person's
    title is its verb (Arabic puts the verb first), and its past ending ت is a woman's, whatever the title's
    form ("عضو" serves both); the verb lists only know the reporting verbs."""
    norm = tokens[k].norm
    opens = k == 0 or (not tokens[k - 1].word and tokens[k - 1].text[-1:] in AR_SENTENCE_ENDS)
    return FEMALE if opens and norm.startswith("و") and norm.endswith("ت") and len(norm) >= 4 and not (
        norm.startswith("وال")) else None


def _marked_over_title(head: str | None, verb: str | None) -> str | None:
    """The title's gender, else the verb's; but a feminine verb over a title of masculine form is a woman:
    Arabic copy gives women the unmarked title ("وقالت النائب X"، "قالت العضو X"), never a man a feminine
    verb."""
    return FEMALE if head == MALE and verb == FEMALE else head or verb


def _english_run_gender(tokens: list[Token], first: int, end: int, runs_in_sentence: int,
                        sentence: tuple[int, int], next_first: Token | None) -> str | None:
    found: set[str | None] = set()
    k = first - 1
    while k >= 0 and tokens[k].text == ".":
        k -= 1
    if k >= 0 and tokens[k].word:
        found.add(english_word_gender(tokens[k].text))
    if end < len(tokens) and tokens[end].text == ",":
        k = end + 1
        if k + 1 < len(tokens) and tokens[k].text.isdigit() and tokens[k + 1].text == ",":
            k += 2
        if k < len(tokens) and tokens[k].text.lower() in EN_ARTICLES:  # not "his", "her": "X, his wife Zorica and his son"
            for token in tokens[k + 1: k + 1 + EN_APPOSITION_WORDS]:
                if not token.word or token.text.lower() in ("of", "who", "whose", "for", "to"):
                    break
                if "'" not in token.text and "’" not in token.text and (said := english_word_gender(token.text)):
                    found.add(said)
                    break
    verb = next((j for j in range(end, min(end + 3, len(tokens))) if tokens[j].text.lower() in EN_VERBS), None)
    if verb is not None:  # "Hamill said he", "Ford told the court she"
        for token in tokens[verb + 1: verb + 5]:
            if not token.word or (token.text[:1].isupper() and token.text != "I"):
                break
            if token.text.lower() in ("he", "she"):
                found.add(EN_PRONOUN_GENDER[token.text.lower()])
                break
    if runs_in_sentence == 1 and first - sentence[0] <= 4:  # the sentence's subject and its only name
        pronouns = {EN_PRONOUN_GENDER.get(t.text.lower()) for t in tokens[end: sentence[1]]} - {None}
        if next_first is not None and next_first.text in ("He", "She"):
            pronouns.add(EN_PRONOUN_GENDER[next_first.text.lower()])
        if len(pronouns) == 1:
            found |= pronouns
    return _one(found)


def mention_genders(text: str, tokens: list[Token], runs: list[tuple[int, int]], lang: str) -> list[str | None]:
    """Each name run's gender as its context shows it (module docstring)."""
    if lang == "ar":
        ends = {e for _, e in runs}
        return [_arabic_run_gender(tokens, f, e, ends) for f, e in runs]
    starts = [0] + [k + 1 for k in range(len(tokens) - 1) if (tokens[k].text in EN_ENDS and not _abbreviation(
        tokens, k)) or "\n" in text[tokens[k].end: tokens[k + 1].start]] + [len(tokens)]
    firsts = [f for f, _ in runs]
    genders = []
    for first, end in runs:
        at = bisect_right(starts, first) - 1
        start, stop = starts[at], starts[at + 1]
        inside = bisect_left(firsts, stop) - bisect_left(firsts, start)
        nxt = tokens[stop] if stop < len(tokens) and "\n" not in text[tokens[stop - 1].end: tokens[stop].start] else None
        genders.append(_english_run_gender(tokens, first, end, inside, (start, stop), nxt))
    return genders


def _abbreviation(tokens: list[Token], k: int) -> bool:
    """"Mr." / "Dr." / "U.S.": a full stop that ends no sentence."""
    before = tokens[k - 1].text if k > 0 else ""
    return bool(before) and len(before) <= 3 and before[:1].isupper()


def apposed(noun: str, tokens: list[Token], runs: list[tuple[int, int]], before: int) -> str | None:
    """The latest English name before offset ``before`` that the text describes with this gendered noun in
    apposition ("Lina Farah, a spokeswoman for the agency,"): whom "the spokeswoman" refers to."""
    if english_word_gender(noun) is None:
        return None
    found = None
    for first, end in runs:
        if tokens[first].start >= before:
            break
        name = [t.text for t in tokens[first:end] if t.word]
        if len(name) < 2 or end + 1 >= len(tokens) or tokens[end].text != "," or (
                tokens[end + 1].text.lower() not in EN_ARTICLES):
            continue  # a full name, then ", a spokeswoman": not "the US, the prime minister's spokesman"
        following = []
        for token in tokens[end + 2: end + 2 + EN_APPOSITION_WORDS]:
            if not token.word or "'" in token.text or "’" in token.text:
                break
            following.append(token.text.lower())
        if noun.lower() in following:
            found = " ".join(name)
    return found


def _parts(name: str, lang: str) -> list[str]:
    return [normalize(w)[2:] if lang == "ar" and normalize(w).startswith("ال") else strip_article(w).lower()
            for w in name.split()]


def _same(a: list[str], b: list[str]) -> bool:
    if not a or not b or a[-1] != b[-1]:
        return False
    return len(a) == 1 or len(b) == 1 or bool(set(a[:-1]) & set(b[:-1]))


def person_gender(name: str | None, tokens: list[Token], runs: list[tuple[int, int]], genders: list[str | None],
                  lang: str) -> str | None:
    """A person's gender pooled over the article's mentions of that name (surname, and a given name when
    both mentions give one); None when unknown or the mentions disagree."""
    if not name:
        return None
    wanted = _parts(name, lang)
    found = {g for (f, e), g in zip(runs, genders, strict=True) if g is not None
             and _same(wanted, _parts(" ".join(t.text for t in tokens[f:e] if t.word), lang))}
    return _one(found)
