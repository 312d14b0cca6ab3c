"""Titles, spokespeople of institutions and objects that a name run must not swallow (Arabic news)."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers

LEBANON = """بيروت – دان رئيس الحكومة اللبنانية نواف سلام الغارات الإسرائيلية على الضاحية ليل الخميس.

وقال رئيس الحكومة في بيان إن لبنان ملتزم بتطبيق القرار 1701 بكل مندرجاته.

وحذر وكيل الأمين العام للأمم المتحدة للشؤون الإنسانية توم فليتشر من أن المدينة تواجه خطر المجاعة منذ أشهر.

وقال المسؤول الأممي أمام مجلس الأمن إن العالم لا يستطيع أن يقول إنه لم يكن يعلم.

وأدان وزير الخارجية الأردني أيمن الصفدي الهجوم، وقال إن الاعتداءات تمثل خرقا للقانون الدولي."""


def test_a_title_word_and_the_verbs_object_are_not_part_of_the_name():
    found = _speakers(LEBANON)
    assert found["لبنان ملتزم بتطبيق ا"] == ("نواف سلام", "person")  # not "نواف سلام الغارات"
    assert found["المدينة تواجه خطر ال"] == ("توم فليتشر", "person")  # not "وكيل"
    assert found["العالم لا يستطيع أن "] == ("توم فليتشر", "person")  # "المسؤول الأممي": the UN official named
    assert found["الاعتداءات تمثل خرقا"] == ("أيمن الصفدي", "person")  # the sentence's subject, not فليتشر


PRISON = """رام الله – قال المتحدث باسم إدارة السجن إن الأسرى نقلوا إلى زنازين انفرادية بعد الحادث.

في المقابل، قال القيادي في حماس باسم نعيم إن الحركة قدمت ردا إيجابيا على المقترح الأخير.

وقال المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي إن الغارات استهدفت منشأة لتخزين الطائرات المسيرة.

وأضاف المتحدث باسم الجيش أن العملية ستستمر حتى تحقيق أهدافها كاملة.

وقال الناطق باسم الدفاع المدني إن الطواقم عاجزة عن الوصول إلى المصابين."""


def test_a_spokesperson_of_an_institution_is_its_unnamed_voice_unless_the_article_names_him():
    found = _speakers(PRISON)
    assert found["الأسرى نقلوا إلى زنا"] == ("المتحدث باسم إدارة السجن", "anonymous")  # no person "باسم إدارة"
    assert found["الحركة قدمت ردا إيجا"] == ("باسم نعيم", "person")  # Basem Naim, of Hamas, is a person
    assert found["الغارات استهدفت منشأ"] == ("أفيخاي أدرعي", "person")
    assert found["العملية ستستمر حتى ت"] == ("أفيخاي أدرعي", "person")  # the army's spokesman named before
    assert found["الطواقم عاجزة عن الو"] == ("الناطق باسم الدفاع المدني", "anonymous")  # another institution's


def test_an_organisations_name_a_place_and_a_listener_end_the_speakers_name():
    found = _speakers("""قال عضو المكتب السياسي لحركة حماس حسام بدران إن تصريحات نتنياهو تكشف نيته إفشال الجهود.

قال جون جولدسميث، رئيس الجمعية: "لم يكن إزالة التمثال أمرا مفاجئا في هذا النقاش الدائر".

وأخبر السيد جولدسميث صنداي تلغراف: "يحترم الكثيرون كرومويل بصفته مدافعا عن البرلمان".

والتمثال دليل على رأي القرن التاسع عشر وجزء من تاريخ شخص يعتقد الكثيرون أنه يستحق الاحتفال.""")
    assert found["تصريحات نتنياهو تكشف"] == ("حسام بدران", "person")  # not "لحركة حماس حسام بدران"
    assert found["يحترم الكثيرون كرومو"] == ("جون جولدسميث", "person")  # the paper he told is no name
    assert not any(text.startswith("يستحق") for text in found)  # رأي (an opinion) reports nothing
    english = _speakers("Medical sources in Gaza said 25 Palestinians had been killed since dawn.", "en")
    assert english["25 Palestinians had "] == ("Medical sources", "anonymous")  # not a person called Gaza


UKRAINE = """KYIV - Ukrainian President Volodymyr Zelensky said on Tuesday that Kyiv was ready to discuss a ceasefire.

Merz pledged further military aid after meeting German Chancellor Friedrich Merz, adding that Germany would deliver four more air defence systems.

"We stand with Ukraine for as long as it takes," the chancellor said.

Kremlin spokesman Dmitry Peskov dismissed the remarks, telling reporters that Moscow's conditions had not changed.

A senior European diplomat, speaking on condition of anonymity, said the talks were "at a dead end for now".

"The bombardment did not stop for a single minute," said Umm Mohammed, a mother of five.

According to the health ministry, the death toll has passed 60,000 since the war began."""


def test_english_participles_parentheticals_and_titles():
    found = _speakers(UKRAINE, "en")
    assert found["Germany would deliver"] == ("Friedrich Merz", "person")  # ", adding that": the sentence's subject
    assert found["We stand with Ukraine"] == ("Friedrich Merz", "person")  # "the chancellor": a title, not a name
    assert found["Moscow's conditions h"] == ("Dmitry Peskov", "person")
    assert found["at a dead end for now"] == ("senior European diplomat", "anonymous")  # not Peskov
    assert found["The bombardment did n"] == ("Umm Mohammed", "person")
    assert not any(text.startswith("Umm Mohammed") for text in found)  # the speaker after "said" is no clause
    assert found["the death toll has pa"] == ("health ministry", "organisation")


def test_a_speaker_after_said_with_an_age_an_apposition_or_a_lone_opening_word():
    found = _speakers('"They\'re taking everything from me, I don\'t know how I\'m going to get by," said '
                      "61-year-old Anargyros Bizianis, a municipal worker.\n\n"
                      'Alan Thornhill, an ecologist and executive director of the Society for Conservation '
                      'Biology, said, "As the threats we face continue to evolve, scientists must be heard."\n\n'
                      "Nudity didn't bother her, she said, explaining that God approves of nudity in art.", "en")
    assert found["They're taking everything"] == ("Anargyros Bizianis", "person")
    assert found["As the threats we face"] == ("Alan Thornhill", "person")
    assert found["God approves of nudity"][0] != "Nudity"
    arabic = _speakers("وقال لوك والتون مدرب لاكيرز إن جيمس سيلعب في المباراة الافتتاحية يوم الأحد.")
    assert arabic["جيمس سيلعب في"] == ("لوك والتون", "person")  # the coach, not the team after his title


def test_a_short_answer_a_description_and_a_date_before_the_verb_keep_the_speaker():
    found = _speakers("“Absolutely not,” O'Connor said when asked about warning signs.\n\n"
                      "“She was better than fine-great.”\n\n"
                      "The 33-year-old Reid, whose personal life has earned her headlines, described herself to "
                      "People as “a social drinker.”\n\n"
                      "The Indian Navy in November said it had sunk the Somali pirate mother ship.", "en")
    assert found["She was better than"] == ("O'Connor", "person")  # the two-word answer had a speaker
    assert found["a social drinker"] == ("Reid", "person")
    assert found["it had sunk the Somali"] == ("Indian Navy", "organisation")


def test_a_stray_open_mark_does_not_turn_the_next_paragraph_into_a_quotation():
    found = _speakers('وقال هاميل إنه لاحظ "انشقاقا في الترقوة،" عندما وصل إلى الطفل. "يوجد قرش في المياه كما '
                      'أضاف هاميل.\n\nقال حارس الإنقاذ لاري جايلز في إحاطة لوسائل الإعلام إنه تم رصد سمكة قرش '
                      "في المنطقة قبل أسابيع.")
    assert found["تم رصد سمكة قرش"] == ("لاري جايلز", "person")  # narration, not the quotation going on


def test_an_observatory_for_human_rights_and_its_director_telling_an_agency():
    found = _speakers("وأفاد المرصد السوري لحقوق الإنسان بأن اشتباكات عنيفة اندلعت في ريف حلب الشمالي.\n\n"
                      'وقال مدير المرصد رامي عبد الرحمن لفرانس برس: "الوضع متوتر جدا، وهناك مخاوف من نزوح جديد".')
    assert found["اشتباكات عنيفة اندلعت"] == ("المرصد السوري لحقوق الإنسان", "organisation")
    assert found["الوضع متوتر جدا"] == ("رامي عبد الرحمن", "person")  # the director, not the agency he told


FASHER = """الخرطوم – حذرت منسقة الأمم المتحدة للشؤون الإنسانية في السودان كليمنتاين نكويتا سلامي من أن الوضع في الفاشر بلغ مستويات كارثية.

وذكرت مصادر طبية لـ"الجزيرة نت" أن 15 مدنيا قتلوا في قصف مدفعي استهدف سوقا شعبيا في المدينة.

وأوضح مدير مستشفى الفاشر الجنوبي أن المستشفى يعمل بأقل من ربع طاقته بسبب نقص الوقود.

وأضاف الطبيب: "نجري العمليات على ضوء الهواتف المحمولة، والوضع لا يحتمل".

بدورها، طالبت وزارة الخارجية السودانية المجتمع الدولي بالتحرك، مؤكدة أن الحكومة ملتزمة بفتح الممرات الإنسانية."""


def test_a_role_without_a_name_and_an_institution_opening_the_sentence_are_the_speakers():
    found = _speakers(FASHER)
    assert found["الوضع في الفاشر بلغ"] == ("كليمنتاين نكويتا سلامي", "person")  # "في السودان NAME من أن"
    assert found["15 مدنيا قتلوا"] == ("مصادر طبية", "anonymous")  # not "مصادر طبية لـ"
    assert found["المستشفى يعمل بأقل"] == ("مدير مستشفى الفاشر الجنوبي", "anonymous")
    assert found["نجري العمليات"] == ("مدير مستشفى الفاشر الجنوبي", "anonymous")  # "الطبيب": the director
    assert found["الحكومة ملتزمة"] == ("وزارة الخارجية", "organisation")  # not the medical sources


def test_english_newcomer_in_the_same_paragraph_apposed_name_and_bodies_that_are_no_person():
    found = _speakers("""BEIRUT - The Israeli defence minister, Israel Katz, visited troops on the border, adding that the army would strike wherever necessary.

Lebanese Prime Minister Nawaf Salam condemned the strike. "These attacks are a flagrant breach of the ceasefire agreement," he said.

The fire brigade said the bodies were found in the wreckage of a bank branch on the route of the march.

A source with knowledge of the talks said the deal was close to being signed.""", "en")
    assert found["the army would strike"] == ("Israel Katz", "person")
    assert found["These attacks are a flagrant"] == ("Nawaf Salam", "person")  # not Katz, a paragraph back
    assert found["the bodies were found"] == ("fire brigade", "organisation")  # not the latest person
    assert found["the deal was close"] == ("source", "anonymous")


def test_a_clause_after_a_time_adverbial_and_the_reported_part_before_a_direct_quote():
    found = _speakers("Chad Hammel told KSWB-TV he had been diving with friends.\n\n"
                      'Hammel said at first he thought it was just excitement of catching a lobster, but then he '
                      '"realized that he was yelling for help."\n\n'
                      "Many nearby roads were cordoned off and police said on Saturday they were likely to remain "
                      "closed for some time.", "en")
    assert found["he thought it was just"] == ("Chad Hammel", "person")
    assert found["realized that he was"] == ("Chad Hammel", "person")
    assert found["they were likely to remain"] == ("police", "organisation")


def test_cnn_a_channel_quoting_an_official_and_a_description_in_quote_marks():
    found = _speakers("""وقال مسؤولون أميركيون لشبكة سي إن إن إن واشنطن تعارض الخطوة الفرنسية وتعتبرها مكافأة.

وبحسب ما نقلته القناة 12 الإسرائيلية عن مسؤول رفيع، فإن الحكومة تدرس ردا دبلوماسيا على القرار.

ووصف وزير الخارجية الإسرائيلي جدعون ساعر القرار بأنه "مكافأة للإرهاب وخطأ تاريخي".""")
    assert found["واشنطن تعارض"] == ("مسؤولون أميركيون", "anonymous")  # the clause after the letters of CNN
    assert found["الحكومة تدرس"] == ("مسؤول رفيع", "anonymous")  # the official the channel quoted
    assert found["مكافأة للإرهاب"] == ("جدعون ساعر", "person")  # not "جدعون ساعر القرار"


def test_a_headline_to_an_outlet_and_a_post_on_x():
    found = _speakers('ترامب لـ"فوكس نيوز": الاتفاق مع إيران بات قريبا جدا\n\n'
                      "واشنطن – قال الرئيس الأميركي دونالد ترامب إن طهران تريد إبرام صفقة في أقرب وقت.\n\n"
                      'وكتب وزير الخارجية الإيراني عباس عراقجي على منصة إكس أن بلاده "مستعدة للحوار على أساس '
                      'الاحترام المتبادل".')
    assert found["الاتفاق مع إيران"] == ("دونالد ترامب", "person")  # not the channel he spoke to
    assert found["مستعدة للحوار"] == ("عباس عراقجي", "person")


def test_an_indefinite_person_after_said_is_an_unnamed_source():
    found = _speakers('According to a senior aid official, only two trucks have reached the city since June.\n\n'
                      '"We are running out of everything," said a doctor at the city\'s hospital, who did not want '
                      "to give his name.", "en")
    assert found["We are running out"] == ("doctor", "anonymous")  # not the aid official before


def test_a_title_that_is_not_the_named_persons_is_someone_else():
    found = _speakers("وقال المدير العام لوزارة الصحة منير البرش إن المستشفيات تعمل بطاقة تفوق قدرتها.\n\n"
                      "وأكدت المفوضة العامة بالإنابة للوكالة أن المساعدات التي تدخل القطاع لا تكفي السكان.")
    assert found["المستشفيات تعمل"] == ("منير البرش", "person")
    assert found["المساعدات التي تدخل"] == ("المفوضة العامة بالإنابة", "anonymous")  # not the director


def test_a_pronoun_after_a_paragraph_opening_person_and_a_possessive_description():
    found = _speakers('British Prime Minister Keir Starmer told reporters: "We will recognise a Palestinian '
                      'state."\n\nIsraeli Prime Minister Benjamin Netanyahu rejected the move. "Starmer rewards '
                      'monstrous terrorism," he wrote on X. Asked about the US, the prime minister\'s spokesman '
                      "said Washington had been informed.", "en")
    assert found["Starmer rewards"] == ("Benjamin Netanyahu", "person")  # not Starmer, quoted before
    assert found["Washington had been"] == ("prime minister's spokesman", "anonymous")  # not a prime minister


def test_a_statement_issued_by_a_ministry_and_a_correspondent_are_their_sources():
    found = _speakers("ووفقا لبيان صادر عن الخارجية القطرية، فإن الدوحة ستستضيف جولة جديدة من المحادثات.\n\n"
                      "وحسب ما أفاد به مراسل الجزيرة، فإن القصف تواصل على مناطق شرقي خان يونس.")
    assert found["الدوحة ستستضيف"] == ("الخارجية القطرية", "organisation")  # not a person "صادر"
    assert found["القصف تواصل"] == ("مراسل الجزيرة", "anonymous")


def test_a_described_source_after_the_quote_and_a_source_close_to_someone():
    found = _speakers('The response "includes amendments on the withdrawal maps," a Palestinian official familiar '
                      "with the talks told Reuters.\n\n"
                      'A source close to Jones said last night "We would not comment on his business affairs."', "en")
    assert found["includes amendments"] == ("Palestinian official", "anonymous")
    assert found["We would not comment"] == ("source", "anonymous")  # not Jones
