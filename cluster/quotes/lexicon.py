"""Word lists that quote extraction and attribution read: reporting verbs, complementizers, titles.

Arabic entries go through ``textnorm.normalize`` so that they compare with normalised tokens (أكد and
اكد, مؤكدا and مؤكداً are one entry). Kept apart from the logic so that adding a verb or a title is a
one-word change that needs no reading of the code.
"""

from __future__ import annotations

import re

from cluster.textnorm import normalize

DOUBLE_MARKS = "“”\"„«»"
TOKEN = re.compile(r"(?P<w>\d{1,3}(?:,\d{3})+(?!\d)|[\w\u064b-\u065f\u0670\u0640'’-]*\w[\u064b-\u065f\u0670]*)|(?P<p>[^\s\w])")
"""A word keeps the marks that follow its last letter (the shadda of "وردّ", the tanween of "مؤكداً"):
cut off, they became a punctuation token that ended the word's phrase and hid "ردّ" from the verbs."""

AR_PURPOSE_VERBS = frozenset(normalize(w) for w in """
ليؤكد لتؤكد ليقول لتقول ليضيف لتضيف ليوضح لتوضح ليعلن لتعلن ليكشف لتكشف ليشير لتشير""".split())
"""A reporting verb after لـ of purpose ("وعاد المومني ليؤكد أن", "وعادت الوزارة لتؤكد، في بيان، أن"): the
speaker stands before it, as the subject of عاد (``fronted._after_returned``)."""
AR_RETURNED = frozenset(normalize(w) for w in "عاد عادت وعاد وعادت".split())
"""عاد (came back to, went on to): its subject is the speaker of the ل-verb after it."""
AR_PRESENT_GO_ON = frozenset(normalize(w) for w in "يتابع تتابع".split())
"""«...»، تقول أم X. وتتابع: «...»: the present of تابع (went on), as a witness's account is written; a
reporting verb only before a colon or right after a quotation (``triggers.account_after_quote``): elsewhere it
is "follows" ("تتابع الوزارة الملف لحظة بلحظة")."""

AR_VERBS = frozenset(normalize(w) for w in """
قال قالت يقول تقول قالوا أضاف أضافت يضيف تضيف تابع تابعت أكد أكدت يؤكد تؤكد أكدوا كشف كشفت يكشف أوضح
أوضحت يوضح اعتبر اعتبرت يعتبر ذكر ذكرت يذكر تذكر أعلن أعلنت يعلن أشار أشارت يشير تشير شدد شددت يشدد صرح
صرحت أفاد أفادت أكمل أكملت لفت لفتت نقل نقلت زعم زعمت حذر حذرت يحذر تساءل تساءلت يتساءل تتساءل أردف أردفت
استطرد نوه نوهت أعرب أعربت أخبر أخبرت زعم يرى ترى رأى رأت وصف وصفت يصف تصف روى روت
وكتب وكتبت غرد غردت
نفى نفت ينفي توقع توقعت يتوقع اعترف اعترفت تعهد تعهدت رجح رجحت استبعد استبعدت أقر أقرت أبلغ أبلغت نبه نبهت
ادعى ادعت قدر قدرت
ردد رددت رددوا يردد يرددون هتف هتفت هتفوا يهتف يهتفون""".split()) | AR_PURPOSE_VERBS
"""(كتب only with و: without it the word is as often "books"; ``triggers.AR_WROTE`` has it when a post follows.
ردد/هتف: a crowd's chant, "ردد المحتجون: «...»". روى/روت: a witness's account, "وروى الناجي X: «...»"; not the
present يروي, as often "irrigates".)"""
AR_ACCOUNT_VERBS = frozenset(normalize(w) for w in "يروي تروي يحكي تحكي يتذكر تتذكر".split())
"""A witness's account in the present ("«...»، يروي X، وهو نزيل ..."): reporting verbs only right after a
quotation's closing mark and a comma (``triggers.account_after_quote``); elsewhere يروي "irrigates". Never
part of a name run (``names.AR_FUNCTION_WORDS``)."""
AR_PARTICIPLES = frozenset(normalize(w) for w in """
مضيفا مضيفة مشيرا مشيرة مؤكدا مؤكدة موضحا موضحة معتبرا معتبرة مبرزا مبرزة لافتا لافتة متابعا متابعة
قائلا قائلة منوها محذرا محذرة مشددا مشددة مستطردا
نافيا نافية متوقعا متوقعة معترفا معترفة متعهدا متعهدة مرجحا مرجحة مستبعدا مستبعدة معربا معربة منبها منبهة مبينا
مبينة""".split())
EN_VERBS = frozenset("""
said says say added adds told tells stated states warned warns explained explains noted notes insisted
argued argues claimed claims wrote writes announced announces declared stressed acknowledged admitted
confirmed confirms urged commented replied tweeted reiterated remarked according claim reported described describes
reports quoted responded responds forecast forecasts answered answers
predicted denied vowed pledged conceded estimated suggested cautioned recalled asserted maintained emphasised
emphasized promised indicated signalled signaled hinted complained contended countered alleged revealed disclosed
assured reaffirmed underlined underscored chanted retorted ruled rules
""".split())
EN_THAT_VERBS = frozenset("""responded responds answered answers forecast forecasts predicted denied vowed pledged conceded estimated
suggested cautioned recalled asserted maintained emphasised emphasized promised indicated signalled signaled hinted
complained contended countered alleged revealed disclosed assured reaffirmed underlined underscored retorted
ruled rules""".split())
"""Verbs that report only with a "that" clause ("responded on X that"; "police responded to the scene",
"he denied the charges", "the ministry revealed a plan" report nothing)."""
EN_PROMISES = frozenset("promised promises pledged pledges vowed vows".split())
"""Verbs of ``EN_THAT_VERBS`` that also report a clause without "that" when a finite verb follows
("promised cash would reach all branches"; not "promised a review", "pledged support for")."""
EN_OBJECT_VERBS = frozenset("claimed claims admitted acknowledged".split())
"""Reporting verbs whose object is as often a noun ("claimed responsibility for", "admitted guilt") as a
clause: a clause without "that" only when a finite verb follows its short subject."""
EN_FINITE = frozenset("""is are was were had has have would will could should can may might must did does do
""".split())
EN_PARTICIPLES = frozenset("""adding saying telling noting warning stressing insisting arguing explaining ruling vowing
promising""".split())
"""After a comma, speech of the sentence's subject ("Merz pledged aid, adding that Germany would ...")."""
AR_COMPLEMENTIZERS = frozenset(normalize(w) for w in """
فإن فإنه فإنها أن إن أنه إنه أنها إنها أنهم إنهم بأن بأنه بأنها أنّ إنّ""".split())
AR_SUBJECT_STOPS = frozenset(normalize(w) for w in """
في خلال عبر على عن إلى أمام مع من منذ بعد قبل وفق وفقا حسب بحسب لدى خلال عقب أثناء حول ضمن بشأن إزاء
الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت يوم اليوم أمس مساء صباح الليلة فجر ظهر نقلا أيضا كذلك إلا
بصورة بشكل غير مجددا لاحقا سابقا فيها فيه فيهم بين وسط قرب داخل خارج تحت فوق""".split())
AR_NUMBER_WORDS = frozenset(normalize(w) for w in """
اثنان اثنين اثنتان اثنتين ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثماني ثمانية تسع تسعة عشر عشرة
عشرات مئات آلاف عدة بعض أحد إحدى""".split())
"""Numbers and quantities ("ثلاثة مصادر", "سكان ثلاث بلدات"): no part of a name."""
AR_TITLE_ADJECTIVES = frozenset(normalize(w) for w in "عام عامة كبير كبيرة كبار محللي مستشاري مساعدي مسؤولي ممثلي".split())
"""Words of a title that are no name ("مدير عام وزارة الصحة", "كبير محللي السلع", "كبير مستشاري الرئيس"),
also after و ("رئيس الشركة وكبير إدارييها"); kept out of
``AR_GENERIC``, whose definite forms end other rules ("المفوضة العامة بالإنابة")."""
AR_MANNER = frozenset(normalize(w) for w in """بشدة بقوة بغضب بحزم بوضوح بصراحة بحسرة بمرارة بحماس بهدوء
بسخرية بثقة بأسف بحرقة بفخر بتأثر بدهشة بانفعال
ضاحكا ضاحكة مبتسما مبتسمة ساخرا ساخرة مازحا مازحة ممازحا ممازحة باكيا باكية""".split())
"""Manner adverbs after a speaker ("نفاه الوزير بشدة", "يضيف التاجر بغضب"), and the participles of manner
that stand in their place ("قالت ضاحكة:", "she said, laughing"): no name, the end of a subject."""
AR_AN_ADVERBS = frozenset(normalize(w) for w in """دوليا رسميا حاليا سابقا لاحقا محليا إقليميا عالميا جزئيا
كليا مؤقتا شخصيا علنيا فعليا نهائيا مبدئيا تقريبا مجددا مؤخرا حديثا يوميا سنويا شهريا أسبوعيا""".split())
"""Adverbs in -an: the last word of a title phrase ("الحكومة المعترف بها دوليا"), never a name."""
AR_ADVERBS = AR_AN_ADVERBS | frozenset(normalize(w) for w in """به بها بهم لها لهم منها منه منهم عنها عنه عنهم فيها
فيه فيهم عليها عليه عليهم إليها إليه""".split())
"""Those adverbs and prepositions with a pronoun ("وزير الإعلام في الحكومة المعترف بها دوليا معمر
الإرياني"): no name; a run of names starts after them."""
AR_TIME_WORDS = frozenset(normalize(w) for w in """
الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت يوم اليوم أمس مساء صباح""".split())
"""("أعلنت وزارة النقل، السبت، زيادة ...": after a time word between commas comes the verb's object.)"""
AR_TIME_PREPOSITIONS = frozenset(normalize(w) for w in "بعد قبل عقب إثر منذ أثناء".split())
"""Prepositions of time: the words before them title no name after them (a headline "وزير X بعد انهيار ...:")."""
AR_TITLE_PREPOSITIONS = frozenset(normalize(w) for w in "إلى لدى".split())
"""Prepositions inside a title ("المبعوث الخاص إلى الشرق الأوسط ستيف ويتكوف"): the subject goes on
through them while no name has been met."""
AR_RELATIVES = frozenset(normalize(w) for w in "التي الذي الذين اللذان اللتان اللواتي".split())
NEW_CLAUSE = frozenset(normalize(w) for w in "كما فيما بينما وسط حيث while as according".split())
"""After a comma these open a clause of the writer's own, not the speaker's ("..., according to the state-run
news agency": the outlet that carried the statement)."""
EN_CLAUSE_BLOCKERS = frozenset("""
in on at to of by for from with after before during last late earlier this that so yes no and but as when
while in against
""".split())
"""Words after "said" that open an adverbial, not the reported clause ("said on Monday", "said in a
statement"): the clause is then looked for elsewhere ("..., X said on Monday"). Not "it": "the ministry
said it had", "Peter Guest admitted it was impossible" are the reported clause."""
EN_REVERSE_VERBS = frozenset("""
said says added adds confirms told warned stated explained noted insisted argued claimed confirmed announced
""".split())
"""Verbs that close a sentence-initial reported clause ("The talks failed, Witkoff said.")."""
EN_RELATIVES = frozenset("who which that whom".split())
AR_SKIP = frozenset(normalize(w) for w in "به بها له لها بدوره بدورها".split())
AR_GENERIC = frozenset(normalize(w) for w in """
رئيس رئيسة وزير وزيرة مكتب مجلس وزارة صحيفة وكالة مصادر مصدر حركة قناة نائب زعيم قائد ناطق متحدث
متحدثة مبعوث مدير مديرة أمين سفير مسؤول مسؤولة مسؤولون مسؤولين وسائل إعلام وفد جهاز منظمة هيئة لجنة باسم
عضو أعضاء قوات جيش شرطة بيان مستشار ممثل مندوب حكومة رئاسة حزب تحالف الشيخ شيخ مراقبون محللون خبراء
مصادر طبية أمنية الجانبان الطرفان جانب طرف دول دولة بيانات مراسلون مراسلين شهود سكان ناشطون وكالات منظمات
أطباء عمال موظفون مسؤولو مجمع مستشفى جامعة مركز مرشد نظير نظيره نظيرها نظيرته نظيرتها قيادي قيادية محلل باحث خبير أستاذ
وكيل وكيلة مساعد مساعدة منسق منسقة مفوض مفوضة محافظ سكرتير لواء عقيد نقيب ملازم قاضي قاضية ضابط مراسل مراسلة
ملك ولي مفتي سفيرة مندوبة ممثلة مستشارة عضوة قائدة زعيمة نائبة خبيرة محللة باحثة أستاذة دكتور دكتورة إدارة سلطة
مصلحة دائرة مدرب لاعب مفتش محقق حارس بنك شركة ائتلاف جبهة تيار برنامج والي حاكم عمدة أصحاب""".split())
EN_PRONOUNS = frozenset("he she they i we it".split())
EN_TITLES = frozenset("""
mr mrs ms dr prof president prime minister secretary gen general sgt det insp chief officer executive envoy
spokesman spokeswoman spokesperson senator sen rep governor gov mayor judge king queen prince sheikh
lt col capt cmdr adm ambassador director chairman ceo coach manager foreign defence defense
special deputy former state secretary-general supreme leader chancellor premier commissioner commander
colonel major captain lieutenant sergeant inspector detective constable superintendent bishop pope cardinal
rabbi imam emir sultan crown vice vice-president attorney justice lord lady sir dame baroness baron professor
doctor chair chairwoman chairperson councillor mp congressman congresswoman speaker head prosecutor lawmaker legislator
""".split())
EN_NAME_PARTICLES = frozenset("bin ibn bint al el abu de da van von".split())
"""Lower-case parts inside a name between capitalised ones ("Abdulaziz bin Salman", "Ursula von der Leyen")."""
EN_DETERMINERS = frozenset("the a an this that these those his her their its our".split())
EN_ARTICLES = frozenset("the a an".split())
"""The articles alone: what opens a described listener ("told the court") or an apposition ("X, a spokeswoman")."""

AR_MEDIA = frozenset(normalize(w) for w in """وكالة صحيفة قناة موقع محطة شبكة إذاعة تلفزيون مجلة
فرانس رويترز أسوشيتد أسوشييتد سي بي إيه""".split())
"""Outlets a speaker talks to ("قال هاميل لمحطة ..."): the subject ends before them."""
MEDIA_NOUNS = AR_MEDIA | frozenset(normalize(w) for w in """منصة حساب حسابه حسابها صفحة صفحته صفحتها برنامج
تطبيق broadcaster channel newspaper platform programme program magazine network station""".split())
"""Nouns a quoted name follows ('لقناة «إن تي في»', 'على منصة «إكس»'): those marks hold a name, not speech."""
AR_HONORIFICS = {normalize(w): gender for words, gender in (("سموه معاليه سعادته فخامته سماحته جلالته", "m"),
                                                             ("سموها معاليها سعادتها فخامتها جلالتها", "f"))
                 for w in words.split()}
""""وأضاف سموه" (His Highness), "معاليها" (Her Excellency): an honorific with a pronoun stands for the person
spoken of, as "he" does; it is no name of its own."""

AR_LAM_GIVEN_NAMES = frozenset(normalize(w) for w in """لطفي لطيفة ليلى لبنى لينا لمياء لؤي لقمان لميس لانا لارا
لجين لمى ليث لبيب لبيد لؤلؤة""".split())
"""Given names that begin with ل, which the preposition ل also begins ("المرصد السوري لحقوق الإنسان"): between
a title and a family name ("المرشح لطفي العياري") they are the name, not "of ..."."""

AR_ACTION_PARTICIPLES = frozenset(normalize(w) for w in """داعيا داعية داعين مطالبا مطالبة مطالبين متهما متهمة
متهمين مناشدا مناشدة حاثا حاثة محملا محملة معتذرا معتذرة معتذرين""".split())
"""What a speaker did besides speaking, after a comma ("، داعيا المواطنين إلى غلي المياه"، "، متهما جهات لم يسمها
بـ..."، "، مطالبا أنقرة بزيادة التدفقات"، "، معتذرة عن الخلل"): the reported clause before it ends there (``clause_ends``). Not
reporting participles: no أن follows them, and what they report is the writer's summary."""
AR_ACTION_VERBS = frozenset(normalize(w) for w in """ودعا ودعت ودعوا وطالب وطالبت وطالبوا واتهم واتهمت واتهموا
وناشد وناشدت""".split())
"""The same after a comma as a finite verb with و ("، ودعت المسافرين إلى التحقق من رحلاتهم")."""
AR_BUT_PRONOUNS = frozenset(normalize(w) for w in "لكنه لكنها ولكنه ولكنها لكنهم ولكنهم".split())
""""، لكنه حذر من أن ...": before a reporting verb, the same speaker's next statement (a quote of its own);
before anything else ("، لكنها بحاجة إلى") the clause goes on."""
AR_WRITER_OPENERS = frozenset(normalize(w) for w in "وذلك".split())
""""، وذلك خلال استقباله وفدا ...": the writer's note on when and where the words were said."""
EN_TIME_AFTER = frozenset("after following".split())
EN_AFTER_QUANTITIES = frozenset("""a an one two three four five six seven eight nine ten just only shortly soon
moments minutes hours days weeks months years day week month year""".split())
""""..., hours after Israeli strikes hit ...", ", a week after samples appeared", ", following a similar
move by ...": after a comma, a time clause of events that the writer adds (``clause_ends``)."""

