"""The reuse generator makes hard cases: runs moved across the whole passage, 20-30% synonyms, long hosts."""

from __future__ import annotations

import random

from cluster.evaluation.reuse_data import HOST_WORDS, SYNONYMS, long_paragraphs, obfuscate

PASSAGE = (
    "قال الرئيس إن الحكومة قررت خلال الأسبوع الماضي زيادة عدد الحافلات في المدينة بعد أن اشتكى الناس من "
    "الازدحام. وأضاف أن الشرطة ستبدأ تنظيم حركة المرور في المنطقة المحيطة بالسوق الكبير. وأكد أيضا أن "
    "المشروع الجديد مهم للاقتصاد وأن السلطات ستعلن التفاصيل في تقرير رسمي خلال الشهر المقبل. كما ذكر أن "
    "عدد الركاب ارتفع بشكل كبير منذ بداية العام وأن الوزير سيزور المحطة الجديدة يوم الأحد."
).split()


def test_word_shuffle_moves_runs_across_the_whole_passage():
    """Runs leave their sentence: the first sentence's words end up spread over the passage."""
    rng = random.Random(1)
    out = next(o for o in (obfuscate(PASSAGE, "shuffle", rng) for _ in range(20)) if o[0] != PASSAGE[0])
    assert sorted(out) == sorted(PASSAGE)
    first = set(PASSAGE[:15])
    positions = [k for k, w in enumerate(out) if w in first]
    assert max(positions) > len(out) * 0.6  # some words of the first sentence moved into the last part


def test_synonym_edit_replaces_a_fifth_to_a_third_of_content_words():
    out = obfuscate(PASSAGE, "synonym", random.Random(2))
    content = [w for w in PASSAGE if len(w.strip("،.")) >= 3]
    changed = sum(1 for w in out if w not in PASSAGE)
    assert 0.18 * len(content) <= changed <= 0.35 * len(content)
    assert len(SYNONYMS) >= 180


def test_hosts_are_reflowed_into_long_paragraphs():
    host = "\n".join(" ".join(["كلمة"] * 35) for _ in range(30))
    sizes = [len(p.split()) for p in long_paragraphs(host, random.Random(3)).split("\n\n")]
    assert all(HOST_WORDS[0] <= n <= HOST_WORDS[1] + 35 for n in sizes[:-1])


def test_each_passage_is_pasted_into_several_hosts_and_every_gold_span_is_its_text():
    """Copies never land inside one another, and two hosts carrying one passage are a gold pair too."""
    from cluster.evaluation.reuse_data import BETWEEN_COPIES, Doc, build_split

    rng = random.Random(5)
    sentence = " ".join(PASSAGE)
    sources = [Doc(f"src{k}", " ".join([f"{sentence} مصدر{k}."] * 8)) for k in range(3)]
    hosts = [Doc(f"host{k}", " ".join(["نص" + str(k)] * 300)) for k in range(8)]
    docs, gold = build_split(sources, hosts, clean=2, rng=rng, name="t")
    text = {d["id"]: d["text"] for d in docs}
    assert all(text[p[s]["doc"]][p[s]["start"]:p[s]["end"]] == p[s]["text"] for p in gold["duplicates"] for s in "ab")
    kinds = {p["obfuscation"] for p in gold["duplicates"]}
    assert BETWEEN_COPIES in kinds and {"none", "synonym"} <= kinds
    assert all(text[h.id] == h.text for h in hosts[-2:])  # hosts kept clean: the precision checks
