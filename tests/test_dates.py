"""Publication dates as news sites print them, in Arabic and English, and the dates that are not one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cluster.ingest.dates import find_publication_date, parse_date

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
D = dt.date


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_ea44e2c584543728.txt", D(2023, 11, 28)),  # "تاريخ النشر: 28th, November 2023 GMT"
        ("001_e7c0e6484bedda40.txt", D(2024, 9, 13)),  # date line above a captioned photo dated 2023
        ("002_fd5af0361ac50746.txt", None),  # only body dates ("منذ 18 مارس")
        ("003_f43ac9fcd8114102.txt", D(2025, 11, 5)),  # not the caption's 17 يوليو 2024 below it
        ("004_d816d484b0658707.txt", D(2026, 3, 23)),  # "الاثنين 23 مارس 2026 10:40 م" after blank lines
    ],
)
def test_seed_articles(seed: str, expected: dt.date | None) -> None:
    assert find_publication_date((SEEDS / seed).read_text(encoding="utf-8")) == expected


PRINTED_FORMS = [
    ("28th, November 2023", D(2023, 11, 28)),
    ("تاريخ النشر: 28th, November 2023 GMT", D(2023, 11, 28)),
    ("13 سبتمبر 2024", D(2024, 9, 13)),
    ("الاثنين 23 مارس 2026 10:40 م", D(2026, 3, 23)),
    ("05 نوفمبر 2025", D(2025, 11, 5)),
    ("Sunday, 21 July 2013", D(2013, 7, 21)),
    ("Last updated on: November 11, 2011 19:04 IST", D(2011, 11, 11)),
    ("March 3, 2014", D(2014, 3, 3)),
    ("2024-09-13", D(2024, 9, 13)),
    ("13/09/2024", D(2024, 9, 13)),
    ("13.09.2024", D(2024, 9, 13)),
    ("09/13/2024", D(2024, 9, 13)),  # month first only because day first is impossible
    ("UPDATED 05/03/2013 at 11:00 AM EDT", D(2013, 5, 3)),  # 12-hour clock and US zone: a US site
    ("8:00 AM PDT 4/4/2012", D(2012, 4, 4)),
    ("05/03/2013 10:40 م", D(2013, 3, 5)),  # Arabic: day first
    ("١٣ سبتمبر ٢٠٢٤", D(2024, 9, 13)),
    ("۱۳ سبتمبر ۲۰۲۴", D(2024, 9, 13)),  # Persian digits
    ("31 مايو/ أيار 2024", D(2024, 5, 31)),
    ("13 أيلول (سبتمبر) 2024", D(2024, 9, 13)),
    ("الجمعة 15 ربيع الأول 1446 هـ - 20 سبتمبر 2024", D(2024, 9, 20)),
    ("Jan. 5, 2024", D(2024, 1, 5)),
    ("Sept. 5, 2024", D(2024, 9, 5)),
    ("5 Sept 2024", D(2024, 9, 5)),
    ("Fri, 13 Sep 2024 10:00:00 +0000", D(2024, 9, 13)),
    ("Posted by Staff Reporter on Dec 1st, 2020", D(2020, 12, 1)),
    ("نشر في: 2024/09/13 - 10:40", D(2024, 9, 13)),
]

# One table per naming tradition: (name, month number).
LEVANTINE = [
    ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6),
    ("تموز", 7), ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
]  # fmt: skip
MAGHREB = [
    ("جانفي", 1), ("فيفري", 2), ("مارس", 3), ("أفريل", 4), ("ماي", 5), ("جوان", 6),
    ("جويلية", 7), ("أوت", 8), ("سبتمبر", 9), ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
]  # fmt: skip
VARIANTS = [
    ("يناير", 1), ("فبراير", 2), ("أبريل", 4), ("ابريل", 4), ("إبريل", 4), ("مايو", 5), ("يونيو", 6),
    ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("أغسطس", 8), ("اغسطس", 8), ("اكتوبر", 10), ("ديسمبر", 12),
]  # fmt: skip
ENGLISH_ABBREVIATIONS = [
    ("Jan.", 1), ("Feb", 2), ("Mar.", 3), ("Apr", 4), ("May", 5), ("Jun", 6), ("Jul.", 7),
    ("Aug", 8), ("Sep", 9), ("Sept.", 9), ("Oct", 10), ("Nov.", 11), ("Dec", 12),
]  # fmt: skip


@pytest.mark.parametrize(("line", "expected"), PRINTED_FORMS)
def test_printed_forms(line: str, expected: dt.date) -> None:
    article = f"عنوان الخبر\n{line}\nنص الخبر يبدأ هنا ويتحدث عن أمور كثيرة."
    assert find_publication_date(article) == expected
    assert parse_date(line) == expected


@pytest.mark.parametrize(("name", "month"), LEVANTINE + MAGHREB + VARIANTS + ENGLISH_ABBREVIATIONS)
def test_month_names(name: str, month: int) -> None:
    assert find_publication_date(f"Title\n7 {name} 2024\nBody.") == D(2024, month, 7)


def test_levantine_month_names_without_article() -> None:
    assert parse_date("3 تشرين ثاني 2023") == D(2023, 11, 3)
    assert parse_date("3 كانون  الأول 2023") == D(2023, 12, 3)  # doubled space


def test_wire_dateline_inside_the_first_paragraph() -> None:
    text = (
        "Talks to resume\n"
        "WASHINGTON, March 3, 2014 (Reuters) - The president said on Monday that the talks would "
        "continue next week in Geneva with all parties, officials said.\n"
    )
    assert find_publication_date(text) == D(2014, 3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Title\n31 February 2024\nBody.",  # impossible day
        "Title\n30/02/2024\nBody.",
        "Title\n5 March 1850\nBody.",  # outside 1900..2100
        "Title\n5 March 2150\nBody.",
        "Title\nMarch 2024\nBody.",  # no day
        "عنوان\nوكثفت إسرائيل منذ 18 مارس/ آذار 2025 جرائم الإبادة في قطاع غزة عبر شن غارات عنيفة\n",  # prose
        "عنوان\nإبراهيم قالن خلال لقاء في نيامي بالنيجر، 17 يوليو 2024 (الأناضول)\n",  # photo caption
        "Title\nOfficials met on 5 March 2024 to discuss the reconstruction plan in detail.\n",
        "Syria: a timeline since 8 December 2024\nDamascus fell after a lightning offensive.\n",  # headline
        "قمة الرياض 5 نوفمبر 2025\nاجتمع القادة في الرياض.\n",
        "عنوان\nمنذ 7 أكتوبر/ تشرين الأول 2023\n",  # "since ..." is an event, not a dateline
        "",
    ],
)
def test_no_publication_date(text: str) -> None:
    assert find_publication_date(text) is None


def test_only_the_top_of_the_article_is_searched() -> None:
    body = "\n".join(f"سطر رقم {i} من نص الخبر." for i in range(1, 12))
    assert find_publication_date(f"عنوان\n{body}\n13 سبتمبر 2024\n") is None
    assert find_publication_date(f"عنوان\n{body}\n13 سبتمبر 2024\n", head_lines=20) == D(2024, 9, 13)
    assert find_publication_date("x" * 700 + "\n13 سبتمبر 2024\n") is None


def test_first_header_date_wins() -> None:
    assert find_publication_date("Title\n2 May 2024\nUpdated: 4 May 2024\nBody.") == D(2024, 5, 2)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-09-13", D(2024, 9, 13)),
        (" 2024-09-13 ", D(2024, 9, 13)),
        ("2024-09-13T10:40:00Z", D(2024, 9, 13)),
        ("2024-09-13 10:40:00+03:00", D(2024, 9, 13)),
        ("2024-02-30", None),
        ("1850-01-01", None),
        ("", None),
        ("unknown", None),
        ("someday soon", None),
    ],
)
def test_parse_date_of_record_fields(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected
