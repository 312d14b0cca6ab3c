"""Development topics: two different meetings/calls of the same actors, each in Arabic and English.

Written by hand for this set (not copied from any outlet). In every topic, article ``a_ar`` and
``a_en`` are the same report in two languages (paragraph k translates paragraph k), and so are
``b_en`` and ``b_ar``; event A and event B are different meetings of the same people (other date,
city, numbers), phrased alike on purpose.
"""

TOPICS = {'kalin-hamas': {'a_ar': ['رئيس الاستخبارات التركية يلتقي وفد حماس في إسطنبول',
                          'التقى رئيس جهاز الاستخبارات التركية إبراهيم قالن، يوم الأربعاء 5 نوفمبر، وفدا من حركة '
                          'حماس برئاسة خليل الحية في مدينة إسطنبول، وبحث معه تطورات اتفاق وقف إطلاق النار في قطاع '
                          'غزة.',
                          'وقالت مصادر أمنية تركية إن الجانبين ناقشا إدخال 600 شاحنة مساعدات يوميا إلى القطاع، '
                          'وآليات تسليم إدارة غزة إلى لجنة فلسطينية مستقلة، والمرحلة الثانية من الاتفاق.',
                          'وأعرب وفد حماس عن شكره للرئيس رجب طيب أردوغان على دور تركيا ضامنا للاتفاق، مؤكدا التزام '
                          'الحركة بوقف إطلاق النار رغم الخروقات الإسرائيلية المتكررة.',
                          'وجرى اللقاء في مقر الاستخبارات في إسطنبول بحضور مسؤولين من وزارة الخارجية التركية، وتناول '
                          'أيضا أوضاع الأسرى الفلسطينيين في السجون الإسرائيلية.'],
                 'a_en': ['Turkish intelligence chief meets Hamas delegation in Istanbul',
                          "Turkey's intelligence chief Ibrahim Kalin met a Hamas delegation led by Khalil al-Hayya "
                          'in Istanbul on Wednesday, November 5, and discussed developments in the ceasefire '
                          'agreement in the Gaza Strip.',
                          'Turkish security sources said the two sides discussed bringing 600 aid trucks a day into '
                          "the territory, arrangements for handing Gaza's administration to an independent "
                          'Palestinian committee, and the second phase of the agreement.',
                          "The Hamas delegation thanked President Recep Tayyip Erdogan for Turkey's role as a "
                          "guarantor of the agreement, stressing the movement's commitment to the ceasefire despite "
                          'repeated Israeli violations.',
                          'The meeting took place at the intelligence headquarters in Istanbul in the presence of '
                          'Turkish foreign ministry officials, and also addressed the situation of Palestinian '
                          'prisoners in Israeli jails.'],
                 'b_en': ['Turkish intelligence chief meets Hamas leaders in Ankara',
                          "Turkey's intelligence chief Ibrahim Kalin met leaders of the Hamas political bureau in "
                          'Ankara on Friday, August 9, and discussed the latest developments in the ceasefire '
                          'negotiations in the Gaza Strip.',
                          'Turkish security sources said the two sides discussed concrete steps towards a permanent '
                          'ceasefire, a prisoner exchange, and the proposal announced by President Joe Biden on May '
                          '31 and backed by Security Council resolution 2735.',
                          'The sources said concern was expressed over continuing Israeli attacks, and that Hamas '
                          'reaffirmed its readiness to implement the agreement at once without new conditions, as '
                          'its negotiators told mediators in Doha two days earlier.',
                          'The meeting took place at the intelligence headquarters in Ankara in the presence of '
                          'Qatari and Egyptian mediators, and also addressed the delivery of medicine and fuel to '
                          'hospitals in northern Gaza.'],
                 'b_ar': ['رئيس الاستخبارات التركية يلتقي قادة حماس في أنقرة',
                          'التقى رئيس جهاز الاستخبارات التركية إبراهيم قالن، يوم الجمعة 9 أغسطس، قادة من المكتب '
                          'السياسي لحركة حماس في أنقرة، وبحث معهم آخر المستجدات في مفاوضات وقف إطلاق النار في قطاع '
                          'غزة.',
                          'وقالت مصادر أمنية تركية إن الجانبين بحثا خطوات ملموسة نحو وقف دائم لإطلاق النار، وتبادل '
                          'الأسرى، والمقترح الذي أعلنه الرئيس جو بايدن في 31 مايو وأيده قرار مجلس الأمن رقم 2735.',
                          'وأضافت المصادر أنه جرى التعبير عن القلق من استمرار الهجمات الإسرائيلية، وأن حماس جددت '
                          'استعدادها لتنفيذ الاتفاق فورا دون شروط جديدة، كما أبلغ مفاوضوها الوسطاء في الدوحة قبل '
                          'يومين.',
                          'وجرى اللقاء في مقر الاستخبارات في أنقرة بحضور وسطاء من قطر ومصر، وتناول أيضا إيصال '
                          'الأدوية والوقود إلى المستشفيات في شمال غزة.']},
 'witkoff-hamas': {'a_ar': ['ويتكوف يلتقي قيادات من حماس في الدوحة لبحث صفقة الرهائن',
                            'التقى المبعوث الأمريكي الخاص ستيف ويتكوف، يوم الثلاثاء 14 أكتوبر، قيادات من حركة حماس '
                            'في العاصمة القطرية الدوحة، في أول لقاء مباشر معلن بين الطرفين منذ بدء تنفيذ اتفاق وقف '
                            'إطلاق النار.',
                            'وبحسب مصدر مطلع، تناول اللقاء تسليم جثامين 28 رهينة ما زالت في غزة بعد الإفراج عن 20 '
                            'رهينة أحياء، إضافة إلى فتح معبر رفح أمام حركة الأفراد.',
                            'وقال ويتكوف للصحفيين بعد اللقاء إن المحادثات كانت بناءة، وإن الرئيس دونالد ترامب يريد '
                            'أن يرى المرحلة الثانية من الخطة تبدأ خلال أسبوعين.',
                            'وحضر اللقاء رئيس الوزراء القطري الشيخ محمد بن عبد الرحمن آل ثاني وصهر الرئيس جاريد '
                            'كوشنر، بينما مثل حماس رئيس وفدها المفاوض خليل الحية.'],
                   'a_en': ['Witkoff meets Hamas leaders in Doha to discuss hostage deal',
                            'US special envoy Steve Witkoff met Hamas leaders in the Qatari capital Doha on Tuesday, '
                            'October 14, in the first publicly known direct meeting between the two sides since the '
                            'ceasefire took effect.',
                            'According to a source familiar with the talks, the meeting covered the handover of the '
                            'bodies of 28 hostages still in Gaza after the release of 20 living hostages, as well as '
                            'opening the Rafah crossing to people.',
                            'Witkoff told reporters after the meeting that the talks had been constructive and that '
                            'President Donald Trump wants to see the second phase of the plan begin within two '
                            'weeks.',
                            "Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani and the president's "
                            'son-in-law Jared Kushner attended the meeting, while Hamas was represented by its chief '
                            'negotiator Khalil al-Hayya.'],
                   'b_en': ['Witkoff meets Hamas officials in Cairo over new truce proposal',
                            'US special envoy Steve Witkoff met Hamas officials in the Egyptian capital Cairo on '
                            'Sunday, August 3, in a rare direct meeting between the two sides as mediators pushed a '
                            'new ceasefire proposal.',
                            'According to a source familiar with the talks, the meeting covered a 60-day truce under '
                            'which 10 living hostages and the bodies of 18 others would be released in exchange for '
                            'Palestinian prisoners.',
                            'Witkoff told reporters after the meeting that progress had been made, and that '
                            'President Donald Trump wants a deal before the end of the month.',
                            "Egyptian intelligence chief Hassan Rashad and Israeli negotiator Ron Dermer's deputy "
                            'attended parts of the meeting, while Hamas was represented by senior official Zaher '
                            'Jabarin.'],
                   'b_ar': ['ويتكوف يلتقي مسؤولين من حماس في القاهرة بشأن مقترح هدنة جديد',
                            'التقى المبعوث الأمريكي الخاص ستيف ويتكوف، يوم الأحد 3 أغسطس، مسؤولين من حركة حماس في '
                            'العاصمة المصرية القاهرة، في لقاء مباشر نادر بين الطرفين بينما يدفع الوسطاء بمقترح جديد '
                            'لوقف إطلاق النار.',
                            'وبحسب مصدر مطلع، تناول اللقاء هدنة مدتها 60 يوما يفرج خلالها عن 10 رهائن أحياء وجثامين '
                            '18 آخرين مقابل أسرى فلسطينيين.',
                            'وقال ويتكوف للصحفيين بعد اللقاء إن تقدما قد أحرز، وإن الرئيس دونالد ترامب يريد اتفاقا '
                            'قبل نهاية الشهر.',
                            'وحضر أجزاء من اللقاء رئيس المخابرات المصرية حسن رشاد ونائب المفاوض الإسرائيلي رون '
                            'ديرمر، بينما مثل حماس القيادي البارز زاهر جبارين.']},
 'erdogan-trump-call': {'a_ar': ['أردوغان وترامب يبحثان هاتفيا صفقة مقاتلات إف-35',
                                 'أجرى الرئيس التركي رجب طيب أردوغان، يوم الاثنين 22 سبتمبر، اتصالا هاتفيا مع الرئيس '
                                 'الأمريكي دونالد ترامب، بحثا خلاله العلاقات الثنائية وصفقة مقاتلات إف-35.',
                                 'وذكرت دائرة الاتصال في الرئاسة التركية أن أردوغان أبلغ ترامب رغبة أنقرة في شراء 40 '
                                 'طائرة من طراز إف-16 وعودة تركيا إلى برنامج إف-35.',
                                 'وأضافت أن الرئيسين اتفقا على اللقاء في البيت الأبيض يوم الخميس المقبل، وأن أردوغان '
                                 'شدد على ضرورة إنهاء الحرب في غزة دون تأخير.',
                                 'وقال أردوغان إن تركيا مستعدة للمساهمة في إعادة إعمار غزة، وشكر ترامب على جهوده '
                                 'لوقف الحرب، بينما أشاد ترامب بدور أنقرة في إقناع حماس.'],
                        'a_en': ['Erdogan and Trump discuss F-35 jet deal by phone',
                                 'Turkish President Recep Tayyip Erdogan held a phone call with US President Donald '
                                 'Trump on Monday, September 22, discussing bilateral relations and the F-35 fighter '
                                 'jet deal.',
                                 "The Turkish presidency's communications directorate said Erdogan told Trump of "
                                 "Ankara's wish to buy 40 F-16 aircraft and for Turkey to return to the F-35 "
                                 'programme.',
                                 'It added that the two presidents agreed to meet at the White House next Thursday, '
                                 'and that Erdogan stressed the need to end the war in Gaza without delay.',
                                 'Erdogan said Turkey was ready to contribute to the reconstruction of Gaza and '
                                 "thanked Trump for his efforts to stop the war, while Trump praised Ankara's role "
                                 'in persuading Hamas.'],
                        'b_en': ['Erdogan and Trump discuss Syria and Gaza by phone',
                                 'Turkish President Recep Tayyip Erdogan held a phone call with US President Donald '
                                 'Trump on Thursday, April 10, discussing the situation in Syria and the Gaza '
                                 'ceasefire.',
                                 "The Turkish presidency's communications directorate said Erdogan told Trump that "
                                 'lifting sanctions on Damascus would help stability, and asked for the withdrawal '
                                 'of 2,000 US troops from northeast Syria to be coordinated with Ankara.',
                                 'It added that Trump invited Erdogan to visit Washington in the summer, and that '
                                 'the two leaders agreed their foreign ministers would meet in Brussels next week.',
                                 'Erdogan said Turkey was ready to contribute to rebuilding Syria and thanked Trump '
                                 "for his support of the new government in Damascus, while Trump praised Ankara's "
                                 'role in fighting the Islamic State group.'],
                        'b_ar': ['أردوغان وترامب يبحثان هاتفيا الوضع في سوريا وغزة',
                                 'أجرى الرئيس التركي رجب طيب أردوغان، يوم الخميس 10 أبريل، اتصالا هاتفيا مع الرئيس '
                                 'الأمريكي دونالد ترامب، بحثا خلاله الأوضاع في سوريا ووقف إطلاق النار في غزة.',
                                 'وذكرت دائرة الاتصال في الرئاسة التركية أن أردوغان أبلغ ترامب أن رفع العقوبات عن '
                                 'دمشق سيساعد على الاستقرار، وطلب تنسيق انسحاب 2000 جندي أمريكي من شمال شرق سوريا مع '
                                 'أنقرة.',
                                 'وأضافت أن ترامب دعا أردوغان إلى زيارة واشنطن في الصيف، وأن الزعيمين اتفقا على أن '
                                 'يلتقي وزيرا خارجيتيهما في بروكسل الأسبوع المقبل.',
                                 'وقال أردوغان إن تركيا مستعدة للمساهمة في إعادة إعمار سوريا، وشكر ترامب على دعمه '
                                 'للحكومة الجديدة في دمشق، بينما أشاد ترامب بدور أنقرة في محاربة تنظيم الدولة '
                                 'الإسلامية.']}}

# Headline hard negatives (added for the short-passage name rule): two different events of the same
# actors whose headlines carry no numbers and name a person on one side only; bodies keep their facts.
TOPICS.update({
    'ga-votes': {
        'a_ar': ['الجمعية العامة للأمم المتحدة تصوت لصالح قرار يطالب بوقف فوري لإطلاق النار في غزة',
                 'صوتت الجمعية العامة للأمم المتحدة يوم الثلاثاء 12 ديسمبر بأغلبية 153 دولة لصالح قرار غير ملزم '
                 'يطالب بوقف فوري لإطلاق النار لأسباب إنسانية في غزة، فيما عارضته 10 دول وامتنعت 23 عن التصويت.'],
        'a_en': ['UN General Assembly votes for a resolution demanding an immediate ceasefire in Gaza',
                 'The UN General Assembly voted on Tuesday, December 12, by a majority of 153 countries for a '
                 'non-binding resolution demanding an immediate humanitarian ceasefire in Gaza, while 10 countries '
                 'opposed it and 23 abstained.'],
        'b_en': ['Netanyahu: the General Assembly resolution on Gaza will never be implemented',
                 'Israeli Prime Minister Benjamin Netanyahu said on Friday, September 12, that the resolution '
                 'adopted by 142 countries at the General Assembly endorsing a Palestinian state was a reward for '
                 'terrorism and would never be implemented.'],
        'b_ar': ['نتنياهو: قرار الجمعية العامة بشأن غزة لن يطبق أبدا',
                 'قال رئيس الوزراء الإسرائيلي بنيامين نتنياهو يوم الجمعة 12 سبتمبر إن القرار الذي تبنته 142 '
                 'دولة في الجمعية العامة تأييدا لإقامة دولة فلسطينية مكافأة للإرهاب ولن يطبق أبدا.'],
    },
    'guterres-sudan': {
        'a_ar': ['غوتيريش يحذر من مجاعة واسعة في السودان ويدعو إلى فتح الممرات الإنسانية',
                 'حذر الأمين العام للأمم المتحدة أنطونيو غوتيريش يوم الاثنين 4 مارس من أن 18 مليون شخص في '
                 'السودان يواجهون جوعا حادا، داعيا طرفي النزاع إلى فتح الممرات أمام قوافل الإغاثة.'],
        'a_en': ['Guterres warns of widespread famine in Sudan and calls for humanitarian corridors to open',
                 'UN Secretary-General Antonio Guterres warned on Monday, March 4, that 18 million people in Sudan '
                 'face acute hunger, calling on the warring parties to open corridors to relief convoys.'],
        'b_en': ['Security Council warns of famine in Sudan and calls for aid corridors to open',
                 'The Security Council adopted on Thursday, June 13, a resolution by 14 votes demanding that the '
                 'Rapid Support Forces halt the siege of El Fasher, home to 1.8 million people.'],
        'b_ar': ['مجلس الأمن يحذر من المجاعة في السودان ويدعو إلى فتح ممرات المساعدات',
                 'تبنى مجلس الأمن يوم الخميس 13 يونيو بأغلبية 14 صوتا قرارا يطالب قوات الدعم السريع بوقف حصار '
                 'الفاشر التي يقطنها 1.8 مليون شخص.'],
    },
    'macron-lebanon': {
        'a_ar': ['ماكرون يدعو القوى اللبنانية إلى انتخاب رئيس للجمهورية دون تأخير',
                 'دعا الرئيس الفرنسي إيمانويل ماكرون يوم الأربعاء 3 يناير خلال اتصال مع رئيس الحكومة اللبنانية '
                 'إلى إنهاء الفراغ الرئاسي المستمر منذ 14 شهرا.'],
        'a_en': ['Macron urges Lebanese parties to elect a president without delay',
                 'French President Emmanuel Macron called on Wednesday, January 3, during a call with the '
                 'Lebanese prime minister for an end to the presidential vacuum that has lasted 14 months.'],
        'b_en': ['France urges Lebanese parties to form a government without delay',
                 'France hosted on Thursday, October 24, a conference in Paris attended by 70 countries that '
                 'pledged 800 million dollars in humanitarian aid and 200 million for the army.'],
        'b_ar': ['فرنسا تحث القوى اللبنانية على تشكيل الحكومة دون تأخير',
                 'استضافت فرنسا يوم الخميس 24 أكتوبر مؤتمرا في باريس بمشاركة 70 دولة تعهدت بتقديم 800 مليون '
                 'دولار مساعدات إنسانية و200 مليون للجيش.'],
    },
    'araghchi-talks': {
        'a_ar': ['عراقجي يؤكد استعداد إيران لاستئناف المفاوضات النووية مع واشنطن',
                 'أكد وزير الخارجية الإيراني عباس عراقجي يوم السبت 19 أبريل في مسقط أن طهران مستعدة لجولة '
                 'ثالثة من المحادثات غير المباشرة إذا تخلت واشنطن عن مطالبها المفرطة.'],
        'a_en': ['Araghchi says Iran is ready to resume nuclear negotiations with Washington',
                 'Iranian Foreign Minister Abbas Araghchi said on Saturday, April 19, in Muscat that Tehran was '
                 'ready for a third round of indirect talks if Washington dropped its excessive demands.'],
        'b_en': ['Iran says it is ready to resume nuclear talks with the Europeans',
                 'Iran\'s foreign ministry said on Monday, July 28, that the three European powers had no right '
                 'to trigger the snapback mechanism and that enrichment at 60 percent would continue.'],
        'b_ar': ['إيران تؤكد استعدادها لاستئناف المفاوضات النووية مع الأوروبيين',
                 'قالت وزارة الخارجية الإيرانية يوم الاثنين 28 يوليو إن الدول الأوروبية الثلاث لا تملك الحق في '
                 'تفعيل آلية الزناد وإن التخصيب بنسبة 60 بالمئة سيستمر.'],
    },
})
