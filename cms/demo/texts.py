"""The demo content's words, in the source language (zh-hans) and its English and Kazakh translations.

Each entry maps a language code to a structure of strings (dicts and lists). The structures of
the three languages have the same shape: `cms.demo.loader` walks them in parallel, so that
each Chinese string is paired with its English and Kazakh translation, and gives those pairs to
wagtail-localize as the translations of the source's segments.

The English of the seed article (`SEED_ARTICLE["en"]`) is the text published on the college's
site on 18 April 2025, kept word for word. The Chinese is written from it (the site publishes
the English translation only); the Kazakh is translated from the same text.

Names written in Chinese characters that the published text gives only in pinyin are
reconstructed: 赵秉志 (Zhao Bingzhi) and 贾华仪 (Jia Huayi) may be written with other
characters in the college's own records.
"""

SOURCE = "zh-hans"
TARGETS = ("en", "kk")

COLLEGE = {
    "zh-hans": "浙江安防职业技术学院",
    "en": "Zhejiang Security Vocational and Technical College",
    "kk": "Чжэцзян қауіпсіздік кәсіптік-техникалық колледжі",
}

# --- Snippets ---------------------------------------------------------------------------------

TOPIC_SLUG = "international-exchange"
TOPIC = {
    "zh-hans": {
        "name": "国际交流与合作",
        "description": "学校与境外院校、企业开展交流合作的新闻，包括“一带一路”职业教育合作项目。",
    },
    "en": {
        "name": "International Exchange and Cooperation",
        "description": (
            "News of the college's exchanges and cooperation with institutions and enterprises "
            "abroad, including its Belt and Road vocational education projects."
        ),
    },
    "kk": {
        "name": "Халықаралық алмасу және ынтымақтастық",
        "description": (
            "Колледждің шетелдік оқу орындарымен және кәсіпорындармен алмасуы мен ынтымақтастығы "
            "туралы жаңалықтар, соның ішінде «Бір белдеу, бір жол» кәсіптік білім беру жобалары."
        ),
    },
}

AITU_WEBSITE = "https://astanait.edu.kz"
AITU = {
    "zh-hans": {
        "name": "阿斯塔纳IT大学",
        "short_name": "AITU",
        "country": "哈萨克斯坦",
        "city": "阿斯塔纳",
        "description": (
            "阿斯塔纳IT大学位于哈萨克斯坦首都阿斯塔纳，是一所以信息技术为特色的大学。"
            "2025年3月，该校与我校签署战略合作协议，共同推进“中哈丝路学院”建设。"
        ),
    },
    "en": {
        "name": "Astana IT University",
        "short_name": "AITU",
        "country": "Kazakhstan",
        "city": "Astana",
        "description": (
            "Astana IT University, in Kazakhstan's capital Astana, is a university specialising in "
            "information technology. In March 2025 it signed a strategic cooperation agreement "
            "with ZJCST to build the China-Kazakhstan Silk Road College together."
        ),
    },
    "kk": {
        "name": "Астана IT университеті",
        "short_name": "AITU",
        "country": "Қазақстан",
        "city": "Астана",
        "description": (
            "Астана IT университеті Қазақстанның астанасы Астанада орналасқан, ақпараттық "
            "технологияларға маманданған университет. 2025 жылғы наурызда университет ZJCST-пен "
            "стратегиялық ынтымақтастық туралы келісімге қол қойып, «Қытай-Қазақстан Жібек жолы "
            "колледжін» бірлесіп құруды бастады."
        ),
    },
}

# The teacher of the first class. The published text gives his name in pinyin only
# ("Zhao Bingzhi"); the characters 赵秉志 are a reconstruction.
ZHAO = {
    "zh-hans": {"name": "赵秉志", "title": "教师", "department": "公共教学部"},
    "en": {"name": "Zhao Bingzhi", "title": "Teacher", "department": "Public Teaching Department"},
    "kk": {"name": "Чжао Бинчжи", "title": "Оқытушы", "department": "Жалпы оқыту бөлімі"},
}

# --- Index pages -----------------------------------------------------------------------------

NEWS_INDEX = {
    "zh-hans": {
        "title": "新闻",
        "slug": "xinwen",
        "introduction": "国际交流与合作中心的新闻动态。",
    },
    "en": {
        "title": "News",
        "slug": "news",
        "introduction": "News from the Center for International Exchange and Cooperation.",
    },
    "kk": {
        "title": "Жаңалықтар",
        "slug": "zhanalyqtar",
        "introduction": "Халықаралық алмасу және ынтымақтастық орталығының жаңалықтары.",
    },
}

PARTNERSHIP_INDEX = {
    "zh-hans": {
        "title": "合作项目",
        "slug": "hezuo-xiangmu",
        "introduction": "我校与境外院校共建的学院、课程和交流项目。",
    },
    "en": {
        "title": "Partnerships",
        "slug": "partnerships",
        "introduction": "The colleges, courses and exchange programmes ZJCST runs with institutions abroad.",
    },
    "kk": {
        "title": "Серіктестіктер",
        "slug": "seriktestikter",
        "introduction": "ZJCST шетелдік оқу орындарымен бірлесіп жүргізетін колледждер, курстар және алмасу бағдарламалары.",
    },
}

# --- The partnership and its course ----------------------------------------------------------

PARTNERSHIP = {
    "zh-hans": {
        "title": "中哈丝路学院",
        "slug": "zhong-ha-silu-xueyuan",
        "summary": "我校与哈萨克斯坦阿斯塔纳IT大学共建的“中哈丝路学院”，以在线课程、技术交流、师生互访和联合培养深化“一带一路”职业教育合作。",
        "principles": ["优势互补", "资源共享", "互利共赢"],
        "body": [
            "为响应国家教育对外开放和“一带一路”倡议，我校积极推进“中哈丝路学院”建设，并于2025年3月与阿斯塔纳IT大学签署战略合作协议。",
            "两校以“丝路学院”为纽带，在技术交流、师生互访和联合培养等领域开展合作。首个实践项目“中哈丝路在线课程”于2025年4月开讲。",
        ],
    },
    "en": {
        "title": "China-Kazakhstan Silk Road College",
        "slug": "china-kazakhstan-silk-road-college",
        "summary": (
            "The China-Kazakhstan Silk Road College, built by ZJCST and Astana IT University in "
            "Kazakhstan, deepens Belt and Road vocational education cooperation through online "
            "courses, technical exchanges, teacher and student visits and joint training."
        ),
        "principles": ["Complementary advantages", "Resource sharing", "Mutual benefit"],
        "body": [
            "In response to the call of national education opening up and the Belt and Road "
            "Initiative, ZJCST has promoted the construction of the China-Kazakhstan Silk Road "
            "College and signed a strategic cooperation agreement with Astana IT University in "
            "March 2025.",
            "With the Silk Road College as a link, the two institutions cooperate in technical "
            "exchanges, teacher and student visits and joint training. Their first practical "
            "project, the China-Kazakhstan Silk Road Online Course, opened in April 2025.",
        ],
    },
    "kk": {
        "title": "Қытай-Қазақстан Жібек жолы колледжі",
        "slug": "qytai-qazaqstan-zhibek-zholy-kolledzhi",
        "summary": (
            "ZJCST пен Қазақстандағы Астана IT университеті бірлесіп құрған «Қытай-Қазақстан Жібек "
            "жолы колледжі» онлайн курстар, техникалық алмасу, оқытушылар мен студенттердің өзара "
            "сапарлары және бірлескен даярлау арқылы «Бір белдеу, бір жол» кәсіптік білім беру "
            "ынтымақтастығын тереңдетеді."
        ),
        "principles": ["Артықшылықтарды өзара толықтыру", "Ресурстармен бөлісу", "Өзара тиімділік"],
        "body": [
            "Мемлекеттің білім беру саласындағы ашықтық саясаты мен «Бір белдеу, бір жол» "
            "бастамасына үн қоса отырып, ZJCST «Қытай-Қазақстан Жібек жолы колледжін» құруды "
            "ілгерілетіп, 2025 жылғы наурызда Астана IT университетімен стратегиялық ынтымақтастық "
            "туралы келісімге қол қойды.",
            "«Жібек жолы колледжін» байланыстырушы буын ретінде пайдалана отырып, екі оқу орны "
            "техникалық алмасу, оқытушылар мен студенттердің өзара сапарлары және бірлескен даярлау "
            "салаларында ынтымақтасады. Олардың алғашқы практикалық жобасы – «Қытай-Қазақстан Жібек "
            "жолы онлайн курсы» 2025 жылғы сәуірде басталды.",
        ],
    },
}

COURSE = {
    "zh-hans": {
        "title": "中哈丝路在线课程",
        "slug": "zhong-ha-silu-zaixian-kecheng",
        "summary": "我校与阿斯塔纳IT大学联合打造的在线课程，由中哈两国教师轮流授课，面向阿斯塔纳IT大学学生和哈萨克斯坦中资企业员工。",
        "phases": [
            {
                "title": "第一期",
                "period": "2025年4月",
                "description": "首堂课以“中国瓯越文化”为主题，介绍温州的地理人文、瓯越非物质文化遗产和地方产业特色。",
                "sessions": [
                    {"theme": "中国瓯越文化", "audience": "阿斯塔纳IT大学大二学生"},
                ],
            },
            {
                "title": "第二期",
                "period": "2025年5月上旬",
                "description": "进一步拓展“一带一路”沿线国家技术技能人才培养合作。",
            },
        ],
        "body": [
            "课程依托我校“大安全、大应急、大减灾”特色专业群，开发涵盖应急管理、网络安全、智能技术应用等领域的优质课程，推动职业教育标准和资源“走出去”。",
        ],
    },
    "en": {
        "title": "China-Kazakhstan Silk Road Online Course",
        "slug": "china-kazakhstan-silk-road-online-course",
        "summary": (
            "An online course created by ZJCST and Astana IT University, taught in turn by Chinese "
            "and Kazakh teachers, for AITU students and employees of Chinese-funded enterprises "
            "in Kazakhstan."
        ),
        "phases": [
            {
                "title": "First phase",
                "period": "April 2025",
                "description": (
                    "The first class, on Ouyue culture in China, introduced the geography and "
                    "humanities of Wenzhou, the intangible cultural heritage of the Ouyue region "
                    "and the characteristics of local industries."
                ),
                "sessions": [
                    {
                        "theme": "Ouyue Culture in China",
                        "audience": "Sophomore students of Astana IT University",
                    },
                ],
            },
            {
                "title": "Second phase",
                "period": "Early May 2025",
                "description": (
                    "Further expands cooperation in training technical and skilled talents in "
                    "countries along the Belt and Road."
                ),
            },
        ],
        "body": [
            "Drawing on ZJCST's characteristic professional group of “big security, big emergency, "
            "big disaster reduction”, the course develops high-quality lessons in emergency "
            "management, network security, intelligent technology application and other fields, "
            "so as to promote the “going out” of vocational education standards and resources.",
        ],
    },
    "kk": {
        "title": "Қытай-Қазақстан Жібек жолы онлайн курсы",
        "slug": "qytai-qazaqstan-zhibek-zholy-onlain-kursy",
        "summary": (
            "ZJCST пен Астана IT университеті бірлесіп әзірлеген онлайн курс: сабақтарды қытайлық "
            "және қазақстандық оқытушылар кезектесіп жүргізеді, курс AITU студенттері мен "
            "Қазақстандағы қытай капиталы бар кәсіпорындардың қызметкерлеріне арналған."
        ),
        "phases": [
            {
                "title": "Бірінші кезең",
                "period": "2025 жылғы сәуір",
                "description": (
                    "«Қытайдағы Оуюэ мәдениеті» тақырыбындағы алғашқы сабақ Вэньчжоудың "
                    "географиясы мен гуманитарлық ерекшеліктерін, Оуюэ өңірінің материалдық емес "
                    "мәдени мұрасын және жергілікті өнеркәсіптің ерекшеліктерін таныстырды."
                ),
                "sessions": [
                    {
                        "theme": "Қытайдағы Оуюэ мәдениеті",
                        "audience": "Астана IT университетінің екінші курс студенттері",
                    },
                ],
            },
            {
                "title": "Екінші кезең",
                "period": "2025 жылғы мамырдың басы",
                "description": (
                    "«Бір белдеу, бір жол» бойындағы елдермен техникалық және кәсіби кадрлар "
                    "даярлау саласындағы ынтымақтастықты одан әрі кеңейтеді."
                ),
            },
        ],
        "body": [
            "ZJCST-тің «үлкен қауіпсіздік, үлкен төтенше жағдайларға әрекет ету, апаттарды барынша "
            "азайту» бағытындағы ерекше мамандықтар тобына сүйене отырып, курс төтенше жағдайларды "
            "басқару, желі қауіпсіздігі, зияткерлік технологияларды қолдану және басқа салалар "
            "бойынша сапалы сабақтар әзірлейді және кәсіптік білім беру стандарттары мен "
            "ресурстарының «шетелге шығуына» ықпал етеді.",
        ],
    },
}

# --- The seed article ------------------------------------------------------------------------

SEED_ARTICLE = {
    "zh-hans": {
        "title": "“中哈丝路在线课程”首堂课开讲 深化“一带一路”职业教育合作",
        "slug": "zhong-ha-silu-zaixian-kecheng-shouke-kaijiang",
        "summary": "4月18日下午，我校与哈萨克斯坦阿斯塔纳IT大学联合打造的“中哈丝路在线课程”首堂课正式开讲，近60名阿斯塔纳IT大学大二学生参加。",
        # 撰稿: the characters 贾华仪 are reconstructed from the published pinyin "Jia Huayi".
        "drafted_by": "贾华仪",
        "before_gallery": [
            "4月18日下午，我校与哈萨克斯坦阿斯塔纳IT大学联合打造的“中哈丝路在线课程”首堂课正式开讲。作为两校共建“中哈丝路学院”框架下的重要实践项目，此次线上课堂标志着双方实质性合作迈出了关键一步。",
        ],
        "gallery": {
            "images": [
                {
                    "alt_text": "电脑屏幕上的在线课堂：左侧是赵秉志老师和“中国瓯越文化”课件，右侧是哈方学生的视频画面",
                    "caption": "赵秉志老师在线讲授“中国瓯越文化”",
                },
                {
                    "alt_text": "阶梯教室里，学生们背对镜头，观看投影在墙上的课程画面",
                    "caption": "阿斯塔纳IT大学大二学生参加首堂课",
                },
            ],
            "caption": "图为：首堂课聚焦瓯越文化，搭建跨文化交流桥梁",
        },
        "after_gallery": [
            "本次授课以“中国瓯越文化”为主题，由我校公共教学部赵秉志老师主讲，吸引了阿斯塔纳IT大学近60名大二学生参加。课程围绕温州地理人文、瓯越地区非物质文化遗产、地方产业特色以及我校“职业技能教育+产业融合”办学模式展开。互动环节中，哈方学生踊跃提问，就温州产业发展、职业教育体系等话题进行了热烈交流。课后，我校国际交流与合作中心详细介绍了项目后续规划。",
            "此次开课是两校探索“职教出海”新模式的起点。下一步，双方将依托我校“大安全、大应急、大减灾”特色专业群，开发涵盖应急管理、网络安全、智能技术应用等领域的优质课程。课程还将邀请哈萨克斯坦中资企业员工参加线上培训，由中哈两国教师轮流授课，推动职业教育标准和资源“走出去”。",
            "据悉，在线课程第二期将于5月上旬开展，进一步拓展与“一带一路”沿线国家在技术技能人才培养方面的合作。此次线上课堂的成功举办，为中哈两国青年及哈萨克斯坦中资企业员工搭建了文化交流与技能学习的平台。",
            "为响应国家教育对外开放和“一带一路”倡议号召，我校积极推进“中哈丝路学院”建设，并于今年3月与阿斯塔纳IT大学签署战略合作协议。今后，两校将继续以“丝路学院”为纽带，秉持“优势互补、资源共享、互利共赢”的原则，深化在技术交流、师生互访、联合培养等领域的合作，打造具有国际影响力的职业教育品牌，为“一带一路”建设输送更多高素质技术技能人才，谱写职业教育国际合作新篇章。",
        ],
    },
    # As published on the college's site, word for word (including "Univeristy" [sic] in the
    # second paragraph and the mix of curly and straight quotation marks).
    "en": {
        "title": (
            "The First Class of the “China-Kazakhstan Silk Road Online Course” Opened to Deepen "
            "the “Belt and Road” Vocational Education Cooperation"
        ),
        "slug": "first-class-of-china-kazakhstan-silk-road-online-course-opened",
        "summary": (
            "The first class of the China-Kazakhstan Silk Road Online Course, created by ZJCST and "
            "Astana IT University, opened on the afternoon of April 18 with nearly 60 sophomore "
            "students of AITU."
        ),
        "drafted_by": "Jia Huayi",
        "before_gallery": [
            "On the afternoon of April 18, the first class of the “China-Kazakhstan Silk Road "
            "Online Course” jointly created by ZJCST and Astana IT University in Kazakhstan was "
            "officially launched. As an important practical project under the framework of the "
            "“China-Kazakhstan Silk Road College” jointly established by the two institutions, "
            "this online classroom marks a key step in the substantive cooperation between the "
            "two sides.",
        ],
        "gallery": {
            "images": [
                {
                    "alt_text": (
                        "An online class on a computer screen: the teacher beside a slide titled "
                        "“Ouyue Culture in China”, with video tiles of Kazakh students on the right"
                    ),
                    "caption": "Zhao Bingzhi teaching “Ouyue Culture in China” online",
                },
                {
                    "alt_text": (
                        "Students seen from behind in a lecture hall, watching the class projected "
                        "on the wall"
                    ),
                    "caption": "Sophomore students of Astana IT University at the first class",
                },
            ],
            "caption": (
                "Picture commentary: The first class focuses on Ouyue culture and builds a bridge "
                "for cross-cultural communication"
            ),
        },
        "after_gallery": [
            'With the theme of "Ouyue Culture in China", the training was delivered by Zhao '
            "Bingzhi, a teacher from the Public Teaching Department of our university, and "
            "attracted nearly 60 sophomore students from the Astana IT Univeristy to participate. "
            "The course focuses on the geography and humanities of Wenzhou, the intangible "
            "cultural heritage of Ouyue district, the characteristics of local industries and the "
            "model of “vocational skills education + industrial integration” of ZJCST. During the "
            "interactive session, Kazakh students actively asked questions and had a warm exchange "
            "on topics such as Wenzhou's industrial development and vocational education system. "
            "After the class, the Center for International Exchange and Cooperation of ZJCST gave "
            "a detailed introduction to the follow-up project planning.",
            "This class opening is the starting point for the two institutions to explore the new "
            "model of “vocational education going overseas”. In the future, the two sides will "
            "rely on the characteristic professional group of “big security, big emergency, big "
            "disaster reduction” of ZJCST to develop high-quality courses covering emergency "
            "management, network security, intelligent technology application and other fields. "
            "The course will also invite employees of Chinese-funded enterprises in Kazakhstan to "
            "participate in online training, and Chinese and Kazakh teachers will take turns to "
            "teach, so as to promote the “going out” of vocational education standards and "
            "resources.",
            "It is reported that the second phase of the online course will be held in early May "
            "to further expand the cooperation in the training of technical and skilled talents in "
            "countries along the “Belt and Road”. The successful holding of this online classroom "
            "has built a platform for cultural exchanges and skill learning for young people in "
            "China and Kazakhstan and employees of Chinese-funded enterprises in Kazakhstan.",
            "In response to the call of national education opening up and the “Belt and Road” "
            "initiative, our university actively promoted the construction of “China-Kazakhstan "
            "Silk Road College”, and signed a strategic cooperation agreement with Astana IT "
            "University in March this year. In the future, the two universities will continue to "
            "take the “Silk Road College” as a link, uphold the principle of “complementary "
            "advantages, resource sharing, and mutual benefit”, deepen cooperation in the fields "
            "of technical exchanges, teacher-student visits, and joint training, build a "
            "vocational education brand with international influence, provide more high-quality "
            "technical and skilled talents for the construction of the “Belt and Road”, and write "
            "a new chapter in international cooperation in vocational education.",
        ],
    },
    "kk": {
        "title": (
            "«Қытай-Қазақстан Жібек жолы онлайн курсының» алғашқы сабағы басталды: «Бір белдеу, "
            "бір жол» кәсіптік білім беру ынтымақтастығы тереңдей түседі"
        ),
        "slug": "qytai-qazaqstan-zhibek-zholy-onlain-kursynyn-alghashqy-sabaghy",
        "summary": (
            "18 сәуір күні түстен кейін ZJCST пен Астана IT университеті бірлесіп әзірлеген "
            "«Қытай-Қазақстан Жібек жолы онлайн курсының» алғашқы сабағы басталды, оған AITU-дің "
            "60-қа жуық екінші курс студенті қатысты."
        ),
        "drafted_by": "Цзя Хуаи",
        "before_gallery": [
            "18 сәуір күні түстен кейін ZJCST пен Қазақстандағы Астана IT университеті бірлесіп "
            "әзірлеген «Қытай-Қазақстан Жібек жолы онлайн курсының» алғашқы сабағы ресми түрде "
            "басталды. Екі оқу орны бірлесіп құрған «Қытай-Қазақстан Жібек жолы колледжі» "
            "аясындағы маңызды практикалық жоба ретінде бұл онлайн сабақ тараптардың нақты "
            "ынтымақтастығындағы шешуші қадам болды.",
        ],
        "gallery": {
            "images": [
                {
                    "alt_text": (
                        "Компьютер экранындағы онлайн сабақ: сол жақта «Қытайдағы Оуюэ мәдениеті» "
                        "слайдының жанында оқытушы, оң жақта қазақстандық студенттердің бейнетерезелері"
                    ),
                    "caption": "Чжао Бинчжи «Қытайдағы Оуюэ мәдениеті» тақырыбында онлайн сабақ өткізуде",
                },
                {
                    "alt_text": (
                        "Дәрісханада артынан көрінетін студенттер қабырғаға түсірілген сабақты көріп отыр"
                    ),
                    "caption": "Астана IT университетінің екінші курс студенттері алғашқы сабақта",
                },
            ],
            "caption": (
                "Суретте: алғашқы сабақ Оуюэ мәдениетіне арналып, мәдениетаралық қарым-қатынасқа көпір болды"
            ),
        },
        "after_gallery": [
            "«Қытайдағы Оуюэ мәдениеті» тақырыбындағы сабақты біздің оқу орнымыздың Жалпы оқыту "
            "бөлімінің оқытушысы Чжао Бинчжи жүргізді, оған Астана IT университетінің 60-қа жуық "
            "екінші курс студенті қатысты. Сабақ Вэньчжоудың географиясы мен гуманитарлық "
            "ерекшеліктеріне, Оуюэ өңірінің материалдық емес мәдени мұрасына, жергілікті "
            "өнеркәсіптің ерекшеліктеріне және ZJCST-тің «кәсіптік дағдыларға оқыту + өндіріспен "
            "ықпалдасу» моделіне арналды. Интерактивті бөлімде қазақстандық студенттер белсенді "
            "сұрақ қойып, Вэньчжоу өнеркәсібінің дамуы мен кәсіптік білім беру жүйесі сияқты "
            "тақырыптар бойынша қызу пікір алмасты. Сабақтан кейін ZJCST-тің Халықаралық алмасу "
            "және ынтымақтастық орталығы жобаның келесі жоспарларын егжей-тегжейлі таныстырды.",
            "Бұл сабақтың ашылуы екі оқу орнының «кәсіптік білім беруді шетелге шығару» жаңа "
            "моделін іздестіруінің бастауы болды. Болашақта тараптар ZJCST-тің «үлкен "
            "қауіпсіздік, үлкен төтенше жағдайларға әрекет ету, апаттарды барынша азайту» "
            "бағытындағы ерекше мамандықтар тобына сүйене отырып, төтенше жағдайларды басқару, "
            "желі қауіпсіздігі, зияткерлік технологияларды қолдану және басқа салаларды қамтитын "
            "сапалы курстар әзірлейді. Курсқа Қазақстандағы қытай капиталы бар кәсіпорындардың "
            "қызметкерлері де онлайн оқуға шақырылады, ал қытайлық және қазақстандық оқытушылар "
            "кезектесіп сабақ береді; бұл кәсіптік білім беру стандарттары мен ресурстарының "
            "«шетелге шығуына» ықпал етеді.",
            "Хабарлануынша, онлайн курстың екінші кезеңі мамыр айының басында өтеді және «Бір "
            "белдеу, бір жол» бойындағы елдермен техникалық және кәсіби кадрлар даярлау "
            "саласындағы ынтымақтастықты одан әрі кеңейтеді. Бұл онлайн сабақтың сәтті өтуі "
            "Қытай мен Қазақстан жастарына және Қазақстандағы қытай капиталы бар кәсіпорындардың "
            "қызметкерлеріне мәдени алмасу мен дағды үйренуге арналған алаң қалыптастырды.",
            "Мемлекеттің білім беру саласындағы ашықтық саясаты мен «Бір белдеу, бір жол» "
            "бастамасына үн қоса отырып, біздің оқу орнымыз «Қытай-Қазақстан Жібек жолы "
            "колледжін» құруды белсенді түрде ілгерілетіп, биылғы наурызда Астана IT "
            "университетімен стратегиялық ынтымақтастық туралы келісімге қол қойды. Болашақта екі "
            "оқу орны «Жібек жолы колледжін» байланыстырушы буын ретінде пайдалана отырып, "
            "«артықшылықтарды өзара толықтыру, ресурстармен бөлісу және өзара тиімділік» "
            "қағидатын ұстанып, техникалық алмасу, оқытушылар мен студенттердің өзара сапарлары "
            "және бірлескен даярлау салаларындағы ынтымақтастықты тереңдетеді, халықаралық ықпалы "
            "бар кәсіптік білім беру брендін қалыптастырады, «Бір белдеу, бір жол» құрылысы үшін "
            "жоғары білікті техникалық және кәсіби мамандарды көбірек даярлап, кәсіптік білім "
            "берудегі халықаралық ынтымақтастықтың жаңа бетін ашады.",
        ],
    },
}

# --- The article before it --------------------------------------------------------------------

# Only the title of this article comes from the college's site (the seed page's 下一篇 link);
# its summary, body, photo and captions are illustrative, written for the demo.
MEETING_ARTICLE = {
    "zh-hans": {
        "title": "我校召开赴哈萨克斯坦交流团行前动员会",
        "slug": "fu-hasakesitan-jiaoliutuan-xingqian-dongyuanhui",
        "summary": "4月10日，我校召开赴哈萨克斯坦交流团行前动员会，部署出访各项准备工作。",
        "drafted_by": "国际交流与合作中心",
        "body": [
            "4月10日下午，我校在行政楼会议室召开赴哈萨克斯坦交流团行前动员会。学校相关负责人，国际交流与合作中心及相关二级学院负责人，交流团全体师生参加会议。",
            "会上，国际交流与合作中心介绍了此次交流的日程安排、哈萨克斯坦的风俗习惯和注意事项，并就出入境手续、安全防范和外事纪律作了详细说明。交流团师生代表作了表态发言，表示将珍惜交流机会，展示我校师生的良好风貌。",
            "学校负责人在讲话中强调，此次出访是落实我校与阿斯塔纳IT大学合作协议、推进“中哈丝路学院”建设的重要举措，希望交流团全体成员提高认识、严守纪律、注意安全，圆满完成各项交流任务。",
        ],
        "image": {
            "alt_text": "会议室里，一位老师在红色横幅下的讲台前讲话，台下师生坐成数排聆听",
            "caption": "图为：行前动员会现场",
        },
    },
    "en": {
        "title": "ZJCST Held a Pre-departure Mobilization Meeting for the Exchange Group to Kazakhstan",
        "slug": "pre-departure-mobilization-meeting-exchange-group-kazakhstan",
        "summary": (
            "On April 10, ZJCST held a pre-departure mobilization meeting to prepare its exchange "
            "group for the visit to Kazakhstan."
        ),
        "drafted_by": "Center for International Exchange and Cooperation",
        "body": [
            "On the afternoon of April 10, ZJCST held a pre-departure mobilization meeting for its "
            "exchange group to Kazakhstan in the conference room of the administration building. "
            "Leaders of the college, the heads of the Center for International Exchange and "
            "Cooperation and of the secondary colleges concerned, and all teachers and students of "
            "the exchange group attended the meeting.",
            "At the meeting, the Center for International Exchange and Cooperation introduced the "
            "schedule of the exchange, the customs of Kazakhstan and points for attention, and "
            "explained entry and exit procedures, safety precautions and foreign affairs "
            "discipline in detail. Representatives of the teachers and students in the group "
            "spoke, promising to make the most of the opportunity and to show the good spirit of "
            "ZJCST's teachers and students.",
            "In his speech, the head of the college stressed that the visit is an important step "
            "in implementing the cooperation agreement between ZJCST and Astana IT University and "
            "in building the China-Kazakhstan Silk Road College. He asked all members of the group "
            "to understand the significance of the visit, observe discipline, pay attention to "
            "safety and complete every task of the exchange successfully.",
        ],
        "image": {
            "alt_text": (
                "A teacher speaks at a lectern on a stage below a red banner while rows of "
                "teachers and students listen"
            ),
            "caption": "Picture commentary: The pre-departure mobilization meeting",
        },
    },
    "kk": {
        "title": "ZJCST Қазақстанға баратын алмасу тобына сапар алдындағы жиналыс өткізді",
        "slug": "qazaqstangha-baratyn-almasu-toby-sapar-aldyndaghy-zhinalys",
        "summary": (
            "10 сәуірде ZJCST Қазақстанға баратын алмасу тобын сапарға дайындау үшін сапар "
            "алдындағы жиналыс өткізді."
        ),
        "drafted_by": "Халықаралық алмасу және ынтымақтастық орталығы",
        "body": [
            "10 сәуір күні түстен кейін ZJCST әкімшілік ғимаратының мәжіліс залында Қазақстанға "
            "баратын алмасу тобына арналған сапар алдындағы жиналыс өткізді. Жиналысқа колледж "
            "басшылары, Халықаралық алмасу және ынтымақтастық орталығының және тиісті "
            "факультеттердің жетекшілері, сондай-ақ алмасу тобының барлық оқытушылары мен "
            "студенттері қатысты.",
            "Жиналыста Халықаралық алмасу және ынтымақтастық орталығы сапар кестесін, "
            "Қазақстанның салт-дәстүрлері мен ескеретін жайттарды таныстырып, шекарадан өту "
            "рәсімдері, қауіпсіздік шаралары және сыртқы істер тәртібі туралы егжей-тегжейлі "
            "түсіндірді. Топтағы оқытушылар мен студенттердің өкілдері сөз сөйлеп, бұл "
            "мүмкіндікті барынша тиімді пайдаланып, ZJCST оқытушылары мен студенттерінің жақсы "
            "бейнесін көрсететіндерін айтты.",
            "Колледж басшысы сөзінде бұл сапар ZJCST пен Астана IT университеті арасындағы "
            "ынтымақтастық келісімін жүзеге асыру және «Қытай-Қазақстан Жібек жолы колледжін» "
            "құру жолындағы маңызды қадам екенін атап өтті. Ол топтың барлық мүшелерін сапардың "
            "маңызын түсінуге, тәртіпті сақтауға, қауіпсіздікке назар аударуға және алмасудың "
            "барлық міндеттерін сәтті орындауға шақырды.",
        ],
        "image": {
            "alt_text": (
                "Қызыл баннер астындағы сахнада оқытушы мінберде сөйлеп тұр, ал оқытушылар мен "
                "студенттер қатар-қатар отырып тыңдап отыр"
            ),
            "caption": "Суретте: сапар алдындағы жиналыс",
        },
    },
}

# --- Footer ---------------------------------------------------------------------------------

SITE_SETTINGS_VALUES = {
    "postcode": "325016",
    "email": "zjafjw@163.com",
    "icp_url": "https://beian.miit.gov.cn/",
    "public_security_url": "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=33030402001181",
}
# The numbers as the footer shows them, in its order; their labels are in SITE_SETTINGS.
PHONE_NUMBERS = ["85108077", "85108000", "85108020"]

SITE_SETTINGS = {
    "zh-hans": {
        "organisation_name": COLLEGE["zh-hans"],
        "address": "温州市瓯海区瓯海大道2555号",
        "copyright": "版权所有 © 浙江安防职业技术学院",
        "icp_number": "浙ICP备15027927号",
        "public_security_number": "浙公网安备 33030402001181号",
        "technical_support": "技术支持：捷点科技",
        "phone_lines": ["咨询电话", "招生电话", "监督电话"],
    },
    "en": {
        "organisation_name": COLLEGE["en"],
        "address": "2555 Ouhai Avenue, Ouhai District, Wenzhou City",
        "copyright": "Copyright © Zhejiang Security Vocational and Technical College All Rights Reserved",
        "icp_number": "Zhejiang ICP Bei No. 15027927",
        "public_security_number": "Zhejiang Gongwang An Bei No. 33030402001181",
        "technical_support": "Technical Support: Jiedian Technology",
        "phone_lines": ["Consultation hotline", "Enrollment hotline", "Supervision hotline"],
    },
    "kk": {
        "organisation_name": COLLEGE["kk"],
        "address": "Вэньчжоу қаласы, Оухай ауданы, Оухай даңғылы, 2555",
        "copyright": "Copyright © Чжэцзян қауіпсіздік кәсіптік-техникалық колледжі. Барлық құқықтар қорғалған",
        "icp_number": "Чжэцзян ICP тіркеу нөмірі 15027927",
        "public_security_number": "Чжэцзян қоғамдық қауіпсіздік желісіндегі тіркеу нөмірі 33030402001181",
        "technical_support": "Техникалық қолдау: Jiedian Technology",
        "phone_lines": ["Анықтама телефоны", "Қабылдау комиссиясының телефоны", "Қадағалау телефоны"],
    },
}
