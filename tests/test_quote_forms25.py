"""Quote extraction on forms still missed after round wt-x22 (round wt-x25), written as news sentences for
these tests: a speaker named after the quotation («...»، تقول X) whose next sentence goes on «وتتابع: «...»»;
«وعاد X ليؤكد أن» (a ل-verb of purpose whose subject is that of عاد); a source phrase whose source has an
apposition before «فإن»; "said late payments could" ("late" an adjective, not a time). Guards: «تتابع» as
"follows" and "said late on Monday" report as before."""

from __future__ import annotations

from tests.quote_helpers import speakers

BREAD = "خبز\n\nارتفعت أسعار الخبز في الأسواق هذا الأسبوع.\n\n"
FERRY = "Ferries\n\nFerry traffic resumed on Monday after the storm.\n\n"


def test_speaker_after_the_quote_then_she_goes_on():
    found = speakers(BREAD + "«ننتظر منذ الصباح ولا نجد رغيفا واحدا»، تقول أم خالد، وهي تقف في طابور طويل بحي "
                             "النصر. وتتابع: «صرنا نخبز في البيت مثل زمان».")
    assert found["ننتظر منذ الصباح"][0] == "أم خالد"
    assert found["صرنا نخبز في البيت"][0] == "أم خالد"


def test_present_go_on_opens_colon_speech_of_the_last_speaker():
    found = speakers(BREAD + "وقال التاجر سالم العبيدي إن الطحين لم يصل منذ أسبوعين إلى المخابز.\n\n"
                             "ويتابع: «لا نعرف متى تنتهي هذه الأزمة، والناس غاضبون».")
    assert found["لا نعرف متى تنتهي"][0] == "سالم العبيدي"


def test_follows_the_file_is_no_reporting_verb():
    found = speakers(BREAD + "وتتابع وزارة التجارة ملف الطحين لحظة بلحظة بالتنسيق مع المحافظات، مؤكدة أن المخزون "
                             "يكفي حتى نهاية العام.")
    assert list(found) == ["المخزون يكفي حتى نهاية العام"]
    assert found["المخزون"][0] == "وزارة التجارة"


def test_returned_to_confirm_reports_the_subject_of_returned():
    found = speakers(BREAD + "وقال وزير التجارة سمير الخطيب إن الأسعار سترتفع قليلا بعد رفع الدعم.\n\n"
                             "وعاد الخطيب ليؤكد أن الدعم الحكومي للخبز سيستمر حتى نهاية العام.")
    assert found["الدعم الحكومي للخبز"][0] == "سمير الخطيب"


def test_returned_ministry_with_an_aside_before_that():
    found = speakers(BREAD + "وعادت وزارة التجارة لتؤكد، في بيان مساء الأحد، أن المخزون يكفي لستة أشهر على الأقل.")
    assert found["المخزون يكفي لستة أشهر"][0] == "وزارة التجارة"


def test_source_with_an_apposition_before_fa_inna():
    found = speakers("انهيار مبنى\n\nانهار مبنى سكني في المدينة فجر الاثنين.\n\n"
                     "ووفق المحامي سامر حداد، وكيل 12 من العائلات المتضررة، فإن البلدية تجاهلت تحذيرات متكررة "
                     "من المهندسين.")
    assert list(found) == ["البلدية تجاهلت تحذيرات متكررة من المهندسين"]
    assert found["البلدية"][0] == "سامر حداد"


def test_said_late_before_a_plural_noun_and_a_verb_opens_the_clause():
    found = speakers(FERRY + "Economists said late deliveries could push fuel prices higher next month.", "en")
    assert list(found) == ["late deliveries could push fuel prices higher next month"]


def test_said_late_on_monday_is_still_a_time():
    found = speakers(FERRY + "The ministry said late on Monday that the port would reopen within days.", "en")
    assert list(found) == ["the port would reopen within days"]
