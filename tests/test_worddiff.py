"""Word-level diffs of edited copies (cluster/report/worddiff.py)."""

from __future__ import annotations

from cluster.report.worddiff import changed_words, render_diff, word_diff


def test_cut_and_added_words_are_marked():
    ops = word_diff("the envoy said talks had failed", "the US envoy said talks failed")
    assert [op.op for op in ops] == ["equal", "insert", "equal", "delete", "equal"]
    assert render_diff(ops) == "the {+US+} envoy said talks [-had-] failed"
    assert changed_words(ops) == (1, 1)


def test_spelling_variants_are_not_changes():
    # Hamza, diacritics and alef maqsura differ; the words are the same after normalisation.
    ops = word_diff("لا يُمكن تبرير العقاب الجماعي", "لا يمكن تبرير العقاب الجماعى")
    assert [op.op for op in ops] == ["equal"]
    assert changed_words(ops) == (0, 0)


def test_arabic_cut_renders_with_ascii_markers():
    full = "لا يمكن تبرير العقاب الجماعي للشعب الفلسطيني، ويجب فتح المعابر فورا"
    cut = "لا يمكن تبرير العقاب الجماعي للشعب الفلسطيني"
    text = render_diff(word_diff(full, cut))
    assert text.startswith("لا يمكن تبرير العقاب الجماعي للشعب")
    assert text.endswith("[-الفلسطيني، ويجب فتح المعابر فورا-] {+الفلسطيني+}") or "[-ويجب فتح المعابر فورا-]" in text
    ops = word_diff(full, cut)
    assert all(set(op.to_json()) == {"op", "a", "b"} for op in ops)


def test_replacement_keeps_both_sides():
    ops = word_diff("Hamas rejected the proposal", "Hamas accepted the proposal")
    replaced = [op for op in ops if op.op == "replace"]
    assert len(replaced) == 1 and (replaced[0].a, replaced[0].b) == ("rejected", "accepted")
    assert "[-rejected-] {+accepted+}" in render_diff(ops)


def test_diff_is_difflibs_word_for_word():
    """The C matcher (cdifflib) must give difflib's opcodes: the JSON contract's diffs may not change."""
    from difflib import SequenceMatcher

    from cluster.report.worddiff import _key

    pairs = [
        ("قال وزير الخارجية إن المحادثات في الدوحة فشلت، وإن الوفد سيعود إلى القاهرة يوم الأحد المقبل",
         "وقال وزير الخارجية المصري إن المحادثات فشلت وإن الوفد سيعود الى القاهرة الأحد"),
        ("Police said the fire started at 3 a.m. and the fire spread to the roof before the fire brigade came",
         "The fire started at 3 a.m., police said, and spread to the roof before firefighters came"),
        ("the the the a the", "the a the the"),
    ]
    for a, b in pairs:
        ka, kb = [_key(t) for t in a.split()], [_key(t) for t in b.split()]
        expected = SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
        ops = word_diff(a, b)
        assert [op.op for op in ops] == [tag for tag, *_ in expected]
        assert [op.a for op in ops] == [" ".join(a.split()[i1:i2]) for _, i1, i2, _, _ in expected]
        assert word_diff(a, b) == ops and word_diff(a, b) is not ops  # memoised, but callers get their own list
