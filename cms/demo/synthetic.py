"""Synthetic trilingual news articles for benchmarks: plausible, varied, and entirely made up.

Each article is built from templates filled with a partner institution, a subject, a date and
a number, chosen from a random generator seeded with the article's number: article 17 is the
same text on every run, whatever the requested count, so reruns find and skip it.

The institutions, people and events are invented for load testing; none of it is news.
"""

import datetime
import random
from dataclasses import dataclass

from cms.demo.texts import SOURCE

KK_MONTHS = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _kk_cases(name):
    """The genitive, instrumental and dative of a Kazakh name ending in a possessive -ы/-і."""
    back = name[-1] == "ы"
    return {
        "p_gen": name + ("ның" if back else "нің"),
        "p_ins": name + "мен",
        "p_dat": name + ("на" if back else "не"),
    }


# Invented partner institutions (except the first, the demo's real partner).
PARTNERS = [
    {
        "zh-hans": ("阿斯塔纳IT大学", "阿斯塔纳"),
        "en": ("Astana IT University", "Astana"),
        "kk": ("Астана IT университеті", "Астана"),
    },
    {
        "zh-hans": ("阿拉木图技术学院", "阿拉木图"),
        "en": ("Almaty Technical College", "Almaty"),
        "kk": ("Алматы техникалық колледжі", "Алматы"),
    },
    {
        "zh-hans": ("卡拉干达工业大学", "卡拉干达"),
        "en": ("Karaganda Industrial University", "Karaganda"),
        "kk": ("Қарағанды индустриялық университеті", "Қарағанды"),
    },
    {
        "zh-hans": ("希姆肯特理工学院", "希姆肯特"),
        "en": ("Shymkent Polytechnic College", "Shymkent"),
        "kk": ("Шымкент политехникалық колледжі", "Шымкент"),
    },
    {
        "zh-hans": ("阿克托别应用技术学院", "阿克托别"),
        "en": ("Aktobe College of Applied Technology", "Aktobe"),
        "kk": ("Ақтөбе қолданбалы технологиялар колледжі", "Ақтөбе"),
    },
    {
        "zh-hans": ("巴甫洛达尔创新大学", "巴甫洛达尔"),
        "en": ("Pavlodar Innovation University", "Pavlodar"),
        "kk": ("Павлодар инновациялық университеті", "Павлодар"),
    },
]

# (text, title-case English for headlines)
SUBJECTS = [
    {
        "zh-hans": "应急管理",
        "en": "emergency management",
        "en_title": "Emergency Management",
        "kk": "төтенше жағдайларды басқару",
    },
    {
        "zh-hans": "网络安全",
        "en": "network security",
        "en_title": "Network Security",
        "kk": "желі қауіпсіздігі",
    },
    {
        "zh-hans": "智能技术应用",
        "en": "intelligent technology application",
        "en_title": "Intelligent Technology",
        "kk": "зияткерлік технологияларды қолдану",
    },
    {
        "zh-hans": "防灾减灾",
        "en": "disaster prevention and reduction",
        "en_title": "Disaster Prevention",
        "kk": "апаттардың алдын алу және зардаптарын азайту",
    },
    {
        "zh-hans": "安防技术",
        "en": "security technology",
        "en_title": "Security Technology",
        "kk": "қауіпсіздік технологиялары",
    },
    {
        "zh-hans": "汉语与中国文化",
        "en": "Chinese language and culture",
        "en_title": "Chinese Language and Culture",
        "kk": "қытай тілі мен мәдениеті",
    },
]

# Invented people.
LEADERS = [
    {"zh-hans": "副校长王建华", "en": "ZJCST Vice President Wang Jianhua", "kk": "проректоры Ван Цзяньхуа"},
    {
        "zh-hans": "党委副书记李明",
        "en": "ZJCST Deputy Party Secretary Li Ming",
        "kk": "партия комитеті хатшысының орынбасары Ли Мин",
    },
    {
        "zh-hans": "国际交流与合作中心主任陈丽",
        "en": "Chen Li, Director of the Center for International Exchange and Cooperation of ZJCST,",
        "kk": "Халықаралық алмасу және ынтымақтастық орталығының директоры Чэнь Ли",
    },
]
PARTNER_ROLES = [
    {"zh-hans": "副校长", "en": "the vice-rector", "kk": "проректор"},
    {
        "zh-hans": "国际合作处处长",
        "en": "the head of international cooperation",
        "kk": "халықаралық ынтымақтастық бөлімінің басшысы",
    },
]
AUTHORS = [
    {"zh-hans": "贾华仪", "en": "Jia Huayi", "kk": "Цзя Хуаи"},
    {"zh-hans": "林晓", "en": "Lin Xiao", "kk": "Линь Сяо"},
    {"zh-hans": "周敏", "en": "Zhou Min", "kk": "Чжоу Минь"},
]

EVENTS = [
    {
        "title": {
            "zh-hans": "我校与{p}举行线上交流会",
            "en": "ZJCST Held an Online Exchange Meeting with {p}",
            "kk": "ZJCST {p_ins} онлайн кездесу өткізді",
        },
        "short": {"zh-hans": "线上交流会", "en": "the online exchange meeting", "kk": "онлайн кездесу"},
        "intro": {
            "zh-hans": "{date}，我校与哈萨克斯坦{p}举行线上交流会，双方就{s}领域的课程共建和师生交流进行了深入探讨。",
            "en": "On {date}, ZJCST held an online exchange meeting with {p} of Kazakhstan, and the two sides discussed joint course development and teacher-student exchanges in the field of {s}.",
            "kk": "{date} күні ZJCST Қазақстандағы {p_ins} онлайн кездесу өткізіп, тараптар {s} саласындағы курстарды бірлесіп әзірлеу және оқытушылар мен студенттер алмасуы туралы жан-жақты пікір алмасты.",
        },
        "detail": {
            "zh-hans": "双方共{n}名师生代表参加交流。{p}代表介绍了该校的专业设置和人才培养情况，我校国际交流与合作中心介绍了学校的办学特色和国际合作项目。",
            "en": "A total of {n} teachers and students from both sides took part. Representatives of {p} introduced its programmes and the training of its students, and the Center for International Exchange and Cooperation of ZJCST presented the college's strengths and international cooperation projects.",
            "kk": "Кездесуге екі тараптан барлығы {n} оқытушы мен студент қатысты. {p_gen} өкілдері оқу бағдарламалары мен мамандар даярлау жұмысын таныстырды, ал ZJCST-тің Халықаралық алмасу және ынтымақтастық орталығы колледждің ерекшеліктері мен халықаралық ынтымақтастық жобалары туралы баяндады.",
        },
    },
    {
        "title": {
            "zh-hans": "{p}代表团来我校访问交流",
            "en": "A Delegation from {p} Visited ZJCST",
            "kk": "{p_gen} делегациясы ZJCST-ке сапармен келді",
        },
        "short": {
            "zh-hans": "代表团参观实训基地",
            "en": "the delegation at the training base",
            "kk": "делегацияның оқу-тәжірибе базасын аралауы",
        },
        "intro": {
            "zh-hans": "{date}，哈萨克斯坦{p}代表团一行来我校访问交流，参观了我校{s}实训基地，并与相关二级学院负责人进行了座谈。",
            "en": "On {date}, a delegation from {p} in Kazakhstan visited ZJCST, toured the college's training base for {s} and held talks with the heads of the secondary colleges concerned.",
            "kk": "{date} күні Қазақстандағы {p_gen} делегациясы ZJCST-ке келіп, колледждің {s} саласындағы оқу-тәжірибе базасын аралап, тиісті факультет басшыларымен кездесу өткізді.",
        },
        "detail": {
            "zh-hans": "座谈中，双方围绕学生互派、教师培训和联合开发课程等议题交换了意见。代表团{n}名成员表示，我校的实训条件和人才培养模式给他们留下了深刻印象。",
            "en": "During the talks the two sides exchanged views on student exchanges, teacher training and the joint development of courses. The {n} members of the delegation said that the college's training facilities and its model of training talent had left a deep impression on them.",
            "kk": "Кездесу барысында тараптар студенттер алмасуы, оқытушыларды даярлау және курстарды бірлесіп әзірлеу мәселелері бойынша пікір алмасты. Делегацияның {n} мүшесі колледждің оқу-тәжірибе жағдайлары мен мамандар даярлау үлгісі оларға терең әсер қалдырғанын айтты.",
        },
    },
    {
        "title": {
            "zh-hans": "我校与{p}签署合作备忘录",
            "en": "ZJCST Signed a Memorandum of Cooperation with {p}",
            "kk": "ZJCST {p_ins} ынтымақтастық туралы меморандумға қол қойды",
        },
        "short": {"zh-hans": "签约仪式", "en": "the signing ceremony", "kk": "қол қою рәсімі"},
        "intro": {
            "zh-hans": "{date}，我校与哈萨克斯坦{p}以线上线下相结合的方式举行合作备忘录签约仪式。根据备忘录，双方将在{s}等领域开展合作。",
            "en": "On {date}, ZJCST and {p} of Kazakhstan held a signing ceremony for a memorandum of cooperation, both online and on site. Under the memorandum, the two sides will cooperate in fields such as {s}.",
            "kk": "{date} күні ZJCST пен Қазақстандағы {p} ынтымақтастық туралы меморандумға қол қою рәсімін онлайн және офлайн форматта өткізді. Меморандумға сәйкес тараптар {s} және басқа салаларда ынтымақтасады.",
        },
        "detail": {
            "zh-hans": "签约仪式上，双方代表回顾了前期交流成果，并就共建实训基地、互派访问学者和开展短期研修项目达成共识。共有{n}名师生在线观看了签约仪式。",
            "en": "At the ceremony, representatives of both sides reviewed the results of earlier exchanges and agreed to build a training base together, exchange visiting scholars and run short study programmes. In all, {n} teachers and students watched the ceremony online.",
            "kk": "Рәсімде тараптардың өкілдері бұған дейінгі алмасулардың нәтижелерін қорытындылап, оқу-тәжірибе базасын бірлесіп құру, ғалымдар алмасу және қысқа мерзімді оқу бағдарламаларын өткізу туралы уағдаласты. Рәсімді барлығы {n} оқытушы мен студент онлайн тамашалады.",
        },
    },
    {
        "title": {
            "zh-hans": "我校为{p}教师开展{s}专题培训",
            "en": "ZJCST Ran a Training Course on {s_title} for Teachers of {p}",
            "kk": "ZJCST {p_gen} оқытушыларына {s} бойынша оқыту курсын өткізді",
        },
        "short": {"zh-hans": "培训课堂", "en": "the training class", "kk": "оқыту сабағы"},
        "intro": {
            "zh-hans": "{date}起，我校为哈萨克斯坦{p}教师开展为期两周的{s}专题线上培训，共有{n}名教师参加。",
            "en": "Starting on {date}, ZJCST ran a two-week online training course on {s} for teachers of {p} in Kazakhstan, attended by {n} teachers.",
            "kk": "{date} күнінен бастап ZJCST Қазақстандағы {p_gen} оқытушыларына {s} бойынша екі апталық онлайн оқыту курсын өткізді, оған {n} оқытушы қатысты.",
        },
        "detail": {
            "zh-hans": "培训采用理论讲授与案例分析相结合的方式，由我校骨干教师主讲，内容涵盖行业标准、实训教学设计和课程资源建设。学员们表示，培训内容实用，对今后的教学工作很有帮助。",
            "en": "The training combined lectures with case studies and was given by experienced teachers of ZJCST, covering industry standards, the design of practical teaching and the building of course resources. Participants said the content was practical and would help them in their teaching.",
            "kk": "Оқыту дәрістер мен нақты жағдайларды талдауды ұштастырып, ZJCST-тің тәжірибелі оқытушыларының жетекшілігімен өтті және салалық стандарттарды, практикалық оқытуды жобалауды және курс ресурстарын әзірлеуді қамтыды. Қатысушылар оқыту мазмұны практикалық әрі болашақ жұмысына пайдалы екенін айтты.",
        },
    },
    {
        "title": {
            "zh-hans": "{p}学生参加我校“汉语与中国文化”体验活动",
            "en": "Students of {p} Took Part in ZJCST's Chinese Language and Culture Experience",
            "kk": "{p_gen} студенттері ZJCST-тің «Қытай тілі мен мәдениеті» танысу шарасына қатысты",
        },
        "short": {"zh-hans": "文化体验活动", "en": "the culture experience", "kk": "мәдени танысу шарасы"},
        "intro": {
            "zh-hans": "{date}，我校面向哈萨克斯坦{p}学生举办“汉语与中国文化”体验活动，{n}名学生通过线上方式参加。",
            "en": "On {date}, ZJCST held a Chinese language and culture experience for students of {p} in Kazakhstan; {n} students took part online.",
            "kk": "{date} күні ZJCST Қазақстандағы {p_gen} студенттеріне арналған «Қытай тілі мен мәдениеті» танысу шарасын өткізді, оған {n} студент онлайн қатысты.",
        },
        "detail": {
            "zh-hans": "活动中，我校教师带领学生学习日常汉语，介绍了温州的传统节庆、非物质文化遗产和地方美食，并结合{s}专业特色介绍了我校的人才培养情况。学生们积极参与互动，用汉语进行自我介绍，现场气氛热烈。",
            "en": "Teachers of ZJCST taught everyday Chinese, introduced Wenzhou's traditional festivals, intangible cultural heritage and local food, and presented the college's training in {s}. The students joined in actively and introduced themselves in Chinese, and the atmosphere was lively.",
            "kk": "Шара барысында ZJCST оқытушылары күнделікті қытай тілін үйретіп, Вэньчжоудың дәстүрлі мерекелері, материалдық емес мәдени мұрасы және жергілікті тағамдары туралы әңгімеледі, сондай-ақ колледждің {s} саласындағы мамандар даярлауын таныстырды. Студенттер белсенді қатысып, қытай тілінде өздерін таныстырды, шара көтеріңкі көңіл күйде өтті.",
        },
    },
    {
        "title": {
            "zh-hans": "中哈学生{s}技能交流赛在线举行",
            "en": "Chinese and Kazakh Students Met in an Online {s_title} Skills Contest",
            "kk": "Қытай және Қазақстан студенттері {s} бойынша онлайн шеберлік сайысына қатысты",
        },
        "short": {"zh-hans": "技能交流赛", "en": "the skills contest", "kk": "шеберлік сайысы"},
        "intro": {
            "zh-hans": "{date}，由我校与{p}联合主办的中哈学生{s}技能交流赛在线举行，两校共{n}名学生组队参赛。",
            "en": "On {date}, an online skills contest in {s} for Chinese and Kazakh students, organised jointly by ZJCST and {p}, was held, with {n} students from the two institutions competing in teams.",
            "kk": "{date} күні ZJCST пен {p} бірлесіп ұйымдастырған қытай және қазақстан студенттерінің {s} бойынша онлайн шеберлік сайысы өтті, оған екі оқу орнынан {n} студент командалармен қатысты.",
        },
        "detail": {
            "zh-hans": "比赛设置理论知识、实操演练和团队展示三个环节，参赛队伍由中哈学生混合组成。评委由两校教师和企业专家共同担任，最终评出一等奖、二等奖和三等奖若干名。",
            "en": "The contest had three parts, theory, practical exercises and a team presentation, and each team mixed Chinese and Kazakh students. Teachers of both institutions and experts from enterprises formed the jury, which awarded first, second and third prizes.",
            "kk": "Сайыс теориялық білім, практикалық жаттығу және командалық таныстырылым деген үш кезеңнен тұрды, әр команда қытай және қазақстан студенттерінен құралды. Қазылар алқасы екі оқу орнының оқытушылары мен кәсіпорын сарапшыларынан құрылып, бірінші, екінші және үшінші орындарды анықтады.",
        },
    },
]

SPEECHES = [
    {
        "zh-hans": "我校{leader}在致辞中表示，{p}是我校在哈萨克斯坦的重要合作伙伴，希望双方以此次活动为契机，进一步拓宽合作领域，共同培养更多适应“一带一路”建设需要的技术技能人才。",
        "en": "In a speech, {leader} said that {p} is an important partner of the college in Kazakhstan, and hoped that the two sides would take the event as an opportunity to widen their cooperation and train more technical and skilled talent for the Belt and Road.",
        "kk": "ZJCST-тің {leader} сөзінде {p} колледждің Қазақстандағы маңызды серіктесі екенін атап өтіп, тараптар осы шараны пайдаланып ынтымақтастық аясын кеңейтеді және «Бір белдеу, бір жол» құрылысына қажетті техникалық және кәсіби мамандарды көбірек даярлайды деген үміт білдірді.",
    },
    {
        "zh-hans": "{p}{role}在发言中感谢我校的精心组织，表示愿与我校在课程建设、师资培训和学生交流等方面深化合作。",
        "en": "Speaking for {p}, {role} thanked ZJCST for the careful organisation and said they were willing to deepen cooperation with the college in course building, teacher training and student exchanges.",
        "kk": "{p_gen} атынан сөйлеген {role} ZJCST-ке шараны мұқият ұйымдастырғаны үшін алғыс айтып, курстар әзірлеу, оқытушыларды даярлау және студенттер алмасуы салаларында ынтымақтастықты тереңдетуге дайын екенін білдірді.",
    },
]
MIDDLES = [
    {
        "zh-hans": "{p}位于哈萨克斯坦{c}，是当地培养技术技能人才的重要院校。近年来，两校在{s}等领域的交流不断深入。",
        "en": "{p}, located in {c}, Kazakhstan, is an important local institution for training technical and skilled talent. In recent years exchanges between the two institutions in fields such as {s} have steadily deepened.",
        "kk": "{p} Қазақстанның {c} қаласында орналасқан және өңірде техникалық және кәсіби мамандар даярлайтын маңызды оқу орны болып табылады. Соңғы жылдары екі оқу орнының {s} және басқа салалардағы алмасулары тұрақты түрде тереңдеп келеді.",
    },
    {
        "zh-hans": "交流环节中，哈方师生踊跃提问，双方就专业学习、实习就业和校园生活等话题进行了热烈讨论，现场气氛活跃。",
        "en": "During the discussion, Kazakh teachers and students asked many questions, and the two sides talked warmly about study, internships, jobs and campus life.",
        "kk": "Пікір алмасу кезінде қазақстандық оқытушылар мен студенттер көптеген сұрақ қойып, тараптар оқу, тағылымдама, жұмысқа орналасу және студенттік өмір туралы қызу әңгімелесті.",
    },
    {
        "zh-hans": "活动期间，双方还通过视频连线参观了对方的实训室，哈方教师对我校的实训设备和教学组织方式表现出浓厚兴趣。",
        "en": "The two sides also visited each other's training rooms by video link, and the Kazakh teachers showed great interest in ZJCST's equipment and the way its practical teaching is organised.",
        "kk": "Тараптар бейнебайланыс арқылы бір-бірінің оқу-тәжірибе зертханаларын да аралады, қазақстандық оқытушылар ZJCST-тің жабдықтары мен практикалық оқытуды ұйымдастыру тәсіліне үлкен қызығушылық танытты.",
    },
]
PLANS = [
    {
        "zh-hans": "下一步，双方将围绕{s}领域共同开发课程资源，探索开展学分互认和短期交换项目，推动合作走深走实。",
        "en": "Next, the two sides will jointly develop course resources in {s}, explore mutual recognition of credits and short exchange programmes, and make their cooperation deeper and more practical.",
        "kk": "Алдағы уақытта тараптар {s} саласында курс ресурстарын бірлесіп әзірлеп, кредиттерді өзара тану мен қысқа мерзімді алмасу бағдарламаларын қарастырып, ынтымақтастықты тереңдете түседі.",
    },
    {
        "zh-hans": "据悉，双方计划于明年联合举办{s}主题研修班，并邀请哈萨克斯坦中资企业员工参加培训。",
        "en": "It is reported that the two sides plan to hold a joint workshop on {s} next year and to invite employees of Chinese-funded enterprises in Kazakhstan to take part.",
        "kk": "Хабарлануынша, тараптар келесі жылы {s} тақырыбында бірлескен оқу семинарын өткізіп, оған Қазақстандағы қытай капиталы бар кәсіпорындардың қызметкерлерін шақыруды жоспарлап отыр.",
    },
]
CLOSINGS = [
    {
        "zh-hans": "近年来，我校积极响应“一带一路”倡议，依托“大安全、大应急、大减灾”特色专业群，与中亚多所院校建立合作关系，不断提升职业教育国际化水平。",
        "en": "In recent years ZJCST has answered the call of the Belt and Road Initiative and, drawing on its distinctive programmes in “big security, big emergency, big disaster reduction”, has built ties with several institutions in Central Asia, steadily raising the international level of its vocational education.",
        "kk": "Соңғы жылдары ZJCST «Бір белдеу, бір жол» бастамасына үн қосып, «үлкен қауіпсіздік, үлкен төтенше жағдайларға әрекет ету, апаттарды барынша азайту» бағытындағы ерекше мамандықтар тобына сүйене отырып, Орталық Азиядағы бірнеше оқу орнымен ынтымақтастық орнатты және кәсіптік білім берудің халықаралық деңгейін арттырып келеді.",
    },
    {
        "zh-hans": "此次活动是我校推进“中哈丝路学院”建设的又一举措，为深化中哈职业教育交流合作注入了新的活力。",
        "en": "The event is another step in ZJCST's work to build the China-Kazakhstan Silk Road College and brings new energy to vocational education exchanges between China and Kazakhstan.",
        "kk": "Бұл шара ZJCST-тің «Қытай-Қазақстан Жібек жолы колледжін» құру жолындағы тағы бір қадамы болып, Қытай мен Қазақстан арасындағы кәсіптік білім беру саласындағы алмасу мен ынтымақтастыққа жаңа серпін берді.",
    },
]
SUMMARY = {
    "zh-hans": "{date}，我校与{p}围绕{s}开展交流合作。",
    "en": "On {date}, ZJCST and {p} worked together on {s}.",
    "kk": "{date} күні ZJCST пен {p} {s} саласында бірлесіп жұмыс істеді.",
}
IMAGES = [
    {
        "alt_text": {
            "zh-hans": "校园建筑前的几位师生",
            "en": "Several teachers and students in front of campus buildings",
            "kk": "Оқу ғимараттарының алдындағы бірнеше оқытушы мен студент",
        },
        "caption": {"zh-hans": "活动现场", "en": "At the event", "kk": "Шара барысында"},
    },
    {
        "alt_text": {
            "zh-hans": "远山和教学楼前的人群",
            "en": "People in front of teaching buildings, with hills behind",
            "kk": "Артында таулар көрінетін оқу ғимараттарының алдындағы адамдар",
        },
        "caption": {
            "zh-hans": "师生合影",
            "en": "Teachers and students together",
            "kk": "Оқытушылар мен студенттер бірге",
        },
    },
]
ROW_CAPTION = {
    "zh-hans": "图为：{short}",
    "en": "Picture commentary: {short}",
    "kk": "Суретте: {short}",
}

LANGUAGES = (SOURCE, "en", "kk")
EARLIEST = datetime.date(2019, 1, 1)
LATEST = datetime.date(2025, 3, 31)


@dataclass
class SyntheticArticle:
    number: int
    slug: str
    date: datetime.date
    image_indexes: tuple  # indexes into the pool of synthetic images: (cover, first, second)
    texts: dict  # language code -> structure like texts.MEETING_ARTICLE's, with a gallery


def _date_text(day, language):
    if language == SOURCE:
        return f"{day.year}年{day.month}月{day.day}日"
    if language == "en":
        return f"{EN_MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{day.year} жылғы {day.day} {KK_MONTHS[day.month - 1]}"


def slug_for(number):
    return f"synthetic-{number:04d}"


def build(number, pool_size):
    """The synthetic article `number` (1-based), the same on every call."""
    rng = random.Random(number * 7919)
    event = rng.choice(EVENTS)
    partner = rng.choice(PARTNERS)
    subject = rng.choice(SUBJECTS)
    leader = rng.choice(LEADERS)
    role = rng.choice(PARTNER_ROLES)
    author = rng.choice(AUTHORS)
    speech = rng.choice(SPEECHES)
    middle = rng.choice(MIDDLES)
    plan = rng.choice(PLANS)
    closing = rng.choice(CLOSINGS)
    count = rng.randint(15, 120)
    day = EARLIEST + datetime.timedelta(days=rng.randint(0, (LATEST - EARLIEST).days))
    first = rng.randrange(pool_size)
    second = (first + rng.randrange(1, pool_size)) % pool_size
    cover = rng.randrange(pool_size)

    texts = {}
    for language in LANGUAGES:
        name, city = partner[language]
        values = {
            "p": name,
            "c": city,
            "s": subject[language],
            "s_title": subject.get("en_title", ""),
            "n": count,
            "date": _date_text(day, language),
            "leader": leader[language],
            "role": role[language],
        }
        if language == "kk":
            values.update(_kk_cases(name))
        short = event["short"][language]
        texts[language] = {
            "title": event["title"][language].format(**values),
            "slug": slug_for(number),
            "summary": SUMMARY[language].format(**values),
            "drafted_by": author[language],
            "before_gallery": [event["intro"][language].format(**values)],
            "gallery": {
                "images": [
                    {"alt_text": image["alt_text"][language], "caption": image["caption"][language]}
                    for image in IMAGES
                ],
                "caption": ROW_CAPTION[language].format(short=short),
            },
            "after_gallery": [
                event["detail"][language].format(**values),
                speech[language].format(**values),
                middle[language].format(**values),
                plan[language].format(**values),
                closing[language].format(**values),
            ],
        }
    return SyntheticArticle(
        number=number,
        slug=slug_for(number),
        date=day,
        image_indexes=(cover, first, second),
        texts=texts,
    )
