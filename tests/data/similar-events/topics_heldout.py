"""Held-out topics (never used to choose settings): same layout as ``topics_dev.py``, other topics.

Written by hand for this set. ``a_ar``/``a_en`` and ``b_en``/``b_ar`` are translations paragraph by
paragraph; events A and B are two different statements, strikes or votes of the same actors.
"""

TOPICS = {'trump-gaza-aid': {'a_ar': ['ترامب: سنقدم مزيدا من المساعدات لغزة وعلى الدول الأخرى المشاركة',
                             'قال الرئيس الأمريكي دونالد ترامب، يوم الأحد 27 يوليو، خلال زيارته إلى اسكتلندا، إن '
                             'الولايات المتحدة ستقدم مزيدا من المساعدات الغذائية إلى غزة، لكن على الدول الأخرى أن '
                             'تشارك في هذا الجهد.',
                             'وأضاف ترامب للصحفيين في تيرنبيري قبل لقائه رئيسة المفوضية الأوروبية أورسولا فون دير '
                             'لاين أن واشنطن قدمت 60 مليون دولار قبل أسبوعين ولم يشكرها أحد على ذلك.',
                             'وقال إن إسرائيل يجب أن تتخذ قرارا بشأن الخطوات التالية في غزة بعد انسحابها من مفاوضات '
                             'وقف إطلاق النار في الدوحة.',
                             'وانتقد ترامب الحكومات الأوروبية قائلا إنها تتحدث كثيرا عن غزة ولا تقدم شيئا، مضيفا أنه '
                             'تحدث مع نتنياهو بشأن إدخال المساعدات وأمور أخرى.'],
                    'a_en': ['Trump: We will give more aid to Gaza and other countries must take part',
                             'US President Donald Trump said on Sunday, July 27, during his visit to Scotland, that '
                             'the United States would give more food aid to Gaza, but that other countries must take '
                             'part in the effort.',
                             'Trump told reporters at Turnberry before meeting European Commission President Ursula '
                             'von der Leyen that Washington had given 60 million dollars two weeks ago and nobody '
                             'had thanked it for it.',
                             'He said Israel must make a decision on the next steps in Gaza after it withdrew from '
                             'the ceasefire negotiations in Doha.',
                             'Trump criticised European governments, saying they talk a lot about Gaza and give '
                             'nothing, adding that he had spoken with Netanyahu about letting aid in and other '
                             'matters.'],
                    'b_en': ['Trump: Hamas does not want a deal and will be hunted down',
                             'US President Donald Trump said on Friday, July 25, at the White House, that Hamas did '
                             'not want to make a deal on a ceasefire in Gaza and the release of hostages, and that '
                             'its leaders would be hunted down.',
                             'Trump told reporters on the South Lawn before leaving for Scotland that the United '
                             'States was sending 30 million dollars through the Gaza Humanitarian Foundation and '
                             'that the aid was being stolen.',
                             'He said Israel would have to fight and clean it up after the last ten hostages were '
                             'released, because Hamas had nothing left to bargain with.',
                             'Trump criticised the mediators in Qatar and Egypt, saying they could not bring Hamas '
                             'to agree, adding that he had spoken with Witkoff about pulling the American team out '
                             'of the talks.'],
                    'b_ar': ['ترامب: حماس لا تريد اتفاقا وستتم ملاحقة قادتها',
                             'قال الرئيس الأمريكي دونالد ترامب، يوم الجمعة 25 يوليو، في البيت الأبيض، إن حماس لا '
                             'تريد إبرام اتفاق بشأن وقف إطلاق النار في غزة والإفراج عن الرهائن، وإن قادتها ستتم '
                             'ملاحقتهم.',
                             'وأضاف ترامب للصحفيين في الحديقة الجنوبية قبل مغادرته إلى اسكتلندا أن الولايات المتحدة '
                             'ترسل 30 مليون دولار عبر مؤسسة غزة الإنسانية وأن المساعدات تتعرض للسرقة.',
                             'وقال إن إسرائيل سيتعين عليها القتال وتنظيف المكان بعد الإفراج عن آخر عشر رهائن، لأن '
                             'حماس لم يعد لديها ما تساوم عليه.',
                             'وانتقد ترامب الوسطاء في قطر ومصر قائلا إنهم لم يتمكنوا من إقناع حماس بالموافقة، مضيفا '
                             'أنه تحدث مع ويتكوف بشأن سحب الفريق الأمريكي من المحادثات.']},
 'school-strike': {'a_ar': ['مقتل 27 فلسطينيا في غارة إسرائيلية على مدرسة تؤوي نازحين في مدينة غزة',
                            'قتل 27 فلسطينيا على الأقل، بينهم 9 أطفال، يوم الثلاثاء 3 يونيو، في غارة جوية إسرائيلية '
                            'استهدفت مدرسة تؤوي نازحين في حي الدرج بمدينة غزة، وفق الدفاع المدني.',
                            'وقال المتحدث باسم الدفاع المدني محمود بصل إن فرق الإنقاذ انتشلت الجثث من تحت الأنقاض، '
                            'وإن أكثر من 50 مصابا نقلوا إلى المستشفى المعمداني.',
                            'وقال الجيش الإسرائيلي إنه استهدف مركز قيادة لحماس داخل المدرسة، وإنه اتخذ خطوات للحد من '
                            'إلحاق الضرر بالمدنيين.',
                            'وأظهرت مقاطع مصورة النيران تلتهم الفصول الدراسية في مدينة غزة، بينما حاول السكان انتشال '
                            'الأطفال بأيديهم، وأدانت وكالة الأونروا الهجوم.'],
                   'a_en': ['27 Palestinians killed in Israeli strike on school sheltering displaced people in Gaza '
                            'City',
                            'At least 27 Palestinians, including 9 children, were killed on Tuesday, June 3, in an '
                            'Israeli air strike on a school sheltering displaced people in the Daraj neighbourhood '
                            'of Gaza City, civil defence said.',
                            'Civil defence spokesman Mahmoud Basal said rescue teams recovered the bodies from under '
                            'the rubble, and that more than 50 wounded people were taken to al-Ahli Baptist '
                            'hospital.',
                            'The Israeli military said it had targeted a Hamas command centre inside the school and '
                            'had taken steps to limit harm to civilians.',
                            'Videos showed flames engulfing the classrooms in Gaza City while residents tried to '
                            'pull children out with their bare hands, and the UNRWA agency condemned the attack.'],
                   'b_en': ['14 Palestinians killed in Israeli strike on school sheltering displaced people in Khan '
                            'Younis',
                            'At least 14 Palestinians, including 5 women, were killed on Saturday, August 10, in an '
                            'Israeli air strike on a school sheltering displaced people in the west of Khan Younis, '
                            'health officials said.',
                            'Nasser hospital director Atef al-Hout said 30 wounded people were brought in, several '
                            'in critical condition, and that the hospital was running out of fuel for its '
                            'generators.',
                            'The Israeli military said it had struck Islamic Jihad militants operating from the '
                            'school and accused the group of using civilian buildings as cover.',
                            'Videos showed the roof of the school collapsed in Khan Younis while women searched the '
                            'rubble for relatives, and the World Health Organization called for an independent '
                            'inquiry.'],
                   'b_ar': ['مقتل 14 فلسطينيا في غارة إسرائيلية على مدرسة تؤوي نازحين في خان يونس',
                            'قتل 14 فلسطينيا على الأقل، بينهم 5 نساء، يوم السبت 10 أغسطس، في غارة جوية إسرائيلية '
                            'استهدفت مدرسة تؤوي نازحين غرب خان يونس، وفق مسؤولين في قطاع الصحة.',
                            'وقال مدير مستشفى ناصر عاطف الحوت إن 30 مصابا وصلوا إلى المستشفى، بعضهم في حالة حرجة، '
                            'وإن الوقود اللازم لمولدات المستشفى يوشك على النفاد.',
                            'وقال الجيش الإسرائيلي إنه قصف مسلحين من حركة الجهاد الإسلامي كانوا ينشطون من داخل '
                            'المدرسة، واتهم الحركة باستخدام المباني المدنية غطاء.',
                            'وأظهرت مقاطع مصورة سقف المدرسة منهارا في خان يونس بينما كانت نساء يبحثن بين الأنقاض عن '
                            'أقاربهن، ودعت منظمة الصحة العالمية إلى تحقيق مستقل.']},
 'security-council-vote': {'a_ar': ['مجلس الأمن يتبنى قرارا أمريكيا يدعم خطة وقف إطلاق النار في غزة',
                                    'تبنى مجلس الأمن الدولي، يوم الاثنين 10 يونيو 2024، القرار رقم 2735 الذي قدمته '
                                    'الولايات المتحدة لدعم مقترح وقف إطلاق النار في غزة، بأغلبية 14 صوتا وامتناع '
                                    'روسيا عن التصويت.',
                                    'ويدعو القرار إسرائيل وحماس إلى تنفيذ المقترح بمراحله الثلاث دون تأخير ودون '
                                    'شروط، ويشمل الإفراج عن الرهائن وعودة المدنيين الفلسطينيين إلى منازلهم في شمال '
                                    'القطاع.',
                                    'ورحبت حماس بالقرار في بيان، وقالت إنها مستعدة للتعاون مع الوسطاء في مصر وقطر '
                                    'للدخول في مفاوضات غير مباشرة حول تطبيق بنوده.',
                                    'وقالت السفيرة الأمريكية ليندا توماس غرينفيلد إن المجلس بعث رسالة واضحة إلى حماس '
                                    'بقبول الاتفاق، بينما قال المندوب الروسي فاسيلي نيبينزيا إن النص غامض.'],
                           'a_en': ['Security Council adopts US resolution backing Gaza ceasefire plan',
                                    'The UN Security Council on Monday, June 10, 2024, adopted resolution 2735, put '
                                    'forward by the United States to back the Gaza ceasefire proposal, by 14 votes '
                                    'with Russia abstaining.',
                                    "The resolution calls on Israel and Hamas to implement the proposal's three "
                                    'phases without delay and without conditions, including the release of hostages '
                                    'and the return of Palestinian civilians to their homes in the north of the '
                                    'Strip.',
                                    'Hamas welcomed the resolution in a statement, saying it was ready to cooperate '
                                    'with the mediators in Egypt and Qatar to enter indirect negotiations on '
                                    'implementing its terms.',
                                    'US ambassador Linda Thomas-Greenfield said the council had sent a clear message '
                                    'to Hamas to accept the deal, while Russian envoy Vassily Nebenzia said the text '
                                    'was vague.'],
                           'b_en': ["Security Council adopts US resolution endorsing Trump's Gaza plan",
                                    'The UN Security Council on Monday, November 17, 2025, adopted resolution 2803, '
                                    "put forward by the United States to endorse President Donald Trump's plan for "
                                    'Gaza, by 13 votes with Russia and China abstaining.',
                                    'The resolution authorises a temporary international stabilisation force and a '
                                    'transitional Board of Peace to govern the Strip until the end of 2027, while '
                                    'Palestinian Authority reforms are carried out.',
                                    'Hamas rejected the resolution in a statement, saying it imposed international '
                                    'guardianship on Gaza and that the movement would not disarm.',
                                    'US ambassador Mike Waltz said the council had sent a clear message in support '
                                    'of peace in Gaza, while Chinese envoy Fu Cong said the text gave Palestinians '
                                    'no real role.'],
                           'b_ar': ['مجلس الأمن يتبنى قرارا أمريكيا يؤيد خطة ترامب بشأن غزة',
                                    'تبنى مجلس الأمن الدولي، يوم الاثنين 17 نوفمبر 2025، القرار رقم 2803 الذي قدمته '
                                    'الولايات المتحدة لتأييد خطة الرئيس دونالد ترامب بشأن غزة، بأغلبية 13 صوتا '
                                    'وامتناع روسيا والصين عن التصويت.',
                                    'ويجيز القرار نشر قوة استقرار دولية مؤقتة وتشكيل مجلس سلام انتقالي لإدارة القطاع '
                                    'حتى نهاية عام 2027، ريثما تنفذ السلطة الفلسطينية إصلاحات.',
                                    'ورفضت حماس القرار في بيان، وقالت إنه يفرض وصاية دولية على غزة، وإن الحركة لن '
                                    'تتخلى عن سلاحها.',
                                    'وقال السفير الأمريكي مايك والتز إن المجلس بعث رسالة واضحة دعما للسلام في غزة، '
                                    'بينما قال المندوب الصيني فو تسونغ إن النص لا يمنح الفلسطينيين دورا حقيقيا.']}}
