"""Tests of the people extractor: each table row is one sentence and the (name, role) pairs it names.

Both segmenter backends must give the same answer.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract import ExtractContext
from extractor.extract._words import HAN
from extractor.extract.people import find_people
from extractor.lexicon import load_lexicon
from extractor.models import Article, Person
from extractor.segment import get_segmenter, segment_text

BACKENDS = ("rjieba", "jieba")


def _people(sentence: str, backend: str = "rjieba") -> list[Person]:
    segmented = segment_text(sentence, get_segmenter(backend))
    return find_people(segmented, ExtractContext(load_lexicon()))


ROLE_BEFORE = [
    ("黔江民族中学党委书记、校长陶庆明表示。", [("陶庆明", "党委书记、校长")]),
    ("学生秦梅梅的美术作品获优秀作品。", [("秦梅梅", "学生")]),
    ("2023年,学生秦梅梅的美术作品在比赛中获奖。", [("秦梅梅", "学生")]),
    ("区委书记张伟表示,要抓好落实。", [("张伟", "区委书记")]),
    ("急诊科护士长王丽萍荣获称号。", [("王丽萍", "护士长")]),
    ("老街商户陈红梅说。", [("陈红梅", "商户")]),
    ("教师李明华在课堂上讲解。", [("李明华", "教师")]),
    ("区委书记、区长李四出席活动。", [("李四", "区委书记、区长")]),
    ("副校长陈晓东介绍了情况。", [("陈晓东", "副校长")]),
    ("政协主席王建国主持会议。", [("王建国", "政协主席")]),
    ("主任钟华。", [("钟华", "主任")]),
    ("校长谭发。", [("谭发", "校长")]),
    ("重庆市第八中学校长易峰表示。", [("易峰", "校长")]),
    ("万盛小学校长黄晓燕说。", [("黄晓燕", "校长")]),
    ("荣昌中学教师周婷婷在比赛中获一等奖。", [("周婷婷", "教师")]),
    ("全国优秀教师、重庆市万州第二高级中学教师程红梅表示。", [("程红梅", "教师")]),
    ("学生代表周子涵发言。", [("周子涵", "学生代表")]),
    ("志愿者刘明在社区服务。", [("刘明", "志愿者")]),
    ("荣昌区政协主席谢霞表示。", [("谢霞", "政协主席")]),
    ("荣昌区安富街道党工委书记蒋廷说。", [("蒋廷", "党工委书记")]),
    ("党组织书记、校长冉隆峰介绍。", [("冉隆峰", "党组织书记、校长")]),
    ("据学校负责人吴明德介绍。", [("吴明德", "学校负责人")]),
    ("学生家长李芳说。", [("李芳", "学生家长")]),
    ("该校教师黄敏获评全国优秀教师。", [("黄敏", "教师")]),
    ("副区长刘芳出席活动并讲话。", [("刘芳", "副区长")]),
    ("金水区第一人民医院心理科主任医师陈静为教师作讲座。", [("陈静", "主任医师")]),
    ("河南师范大学教育学部部长张华教授表示。", [("张华", "部长")]),
    # The role is read leftwards; the leftmost reading wins (区政协|委员, not 区 + 政协委员).
    ("主持人、区政协委员李华介绍。", [("李华", "区政协委员")]),
    # A verb or an adverb after the name ends it.
    ("少年审判庭法官李静设计了课程。", [("李静", "法官")]),
    # People of the countryside, trade and family, named by what they are (roles.tsv, person).
    ("县农业银行城关支行行长马建新介绍,贷款已发放。", [("马建新", "行长")]),
    ("茶农陈天佑算了一笔账。", [("陈天佑", "茶农")]),
    ("果农刘建平介绍,今年苹果丰收。", [("刘建平", "果农")]),
    ("主播王晓丽正在直播。", [("王晓丽", "主播")]),
    ("农家乐经营者孙丽芳正忙着招呼客人。", [("孙丽芳", "经营者")]),
    ("民宿经营户周桂英一边打扫一边说。", [("周桂英", "经营户")]),
    ("木雕师傅张海生已经干了三十年。", [("张海生", "师傅")]),
    ("尿毒症患者黄德明去年住院治疗。", [("黄德明", "患者")]),
    ("他的儿子刘志强说。", [("刘志强", "儿子")]),
    # 李淑芬 is tagged nrt (a name of jieba's dictionary), not nr.
    ("委员李淑芬撰写提案。", [("李淑芬", "委员")]),
    # 通报 follows a name like 介绍.
    ("常务副市长钱卫东通报了全市工作。", [("钱卫东", "常务副市长")]),
    # 刘家|兴|、: the segmenter cut the name before its last character; 、 ends it.
    ("茶农刘家兴、果农李秀兰等人获奖。", [("刘家兴", "茶农"), ("李秀兰", "果农")]),
]

SPLIT_NAMES = [
    # The segmenter cuts these names after the surname; the role and the clause end join them.
    ("在学校团委副书记向孝学看来,思政课要结合现实。", [("向孝学", "学校团委副书记")]),
    ("校长王小寒说。", [("王小寒", "校长")]),
    ("生态护林员张飞芳说:守着林子。", [("张飞芳", "生态护林员")]),  # 张飞|芳, both tagged nr
    ("村民宋江芳介绍,收入翻了一番。", [("宋江芳", "村民")]),
    ("市委常委、区委书记刘小强。", [("刘小强", "市委常委、区委书记")]),
    ("村党支部书记冉光明。", [("冉光明", "村党支部书记")]),
    ("学生王梓涵、李欣怡获得一等奖。", [("王梓涵", "学生"), ("李欣怡", "学生")]),
    ("区教育局副局长周建国主持会议。", [("周建国", "教育局副局长")]),
    ("遵义市三合中学校长罗光辉长期关注农村教育。", [("罗光辉", "校长")]),
    ("高三(1)班学生赵六说。", [("赵六", "学生")]),
    ("校长段明说。", [("段明", "校长")]),
    ("老党员刘德明说。", [("刘德明", "老党员")]),
    ("驻村第一书记张建华带领村民发展产业。", [("张建华", "驻村第一书记")]),
    ("市委常委、宣传部部长王红出席。", [("王红", "市委常委、宣传部部长")]),
    ("区纪委监委书记周涛表示。", [("周涛", "纪委监委书记")]),
    ("石关村村民张明华家的茶园今年丰收。", [("张明华", "村民")]),
    ("种粮大户王长林一边查看收割进度。", [("王长林", "种粮大户")]),  # 王|长林: zg, ns, then an adverb
    ("退休教师涂建华已经调解纠纷400多起。", [("涂建华", "退休教师")]),  # 涂 tagged v; 已经 follows
    ("社区网格员黄玉兰今年走访居民300户。", [("黄玉兰", "社区网格员")]),  # 黄 tagged a, 玉兰 nr
    ("村民代表张大勇感慨地说。", [("张大勇", "村民代表")]),  # 张大|勇: the last character a noun, a verb after
    ("学院教授梁国栋认为,项目很有潜力。", [("梁国栋", "学院教授")]),  # 梁国 ns|栋 zg, a cue after
    ("护士长陈静荣获先进个人称号。", [("陈静", "护士长")]),  # 荣获 is a whole cue: not 陈静荣|获
]

ROLE_AFTER_AND_CONTEXT = [
    ("陶庆明校长介绍。", [("陶庆明", "校长")]),
    ("习近平总书记强调。", [("习近平", "总书记")]),
    ("张伟介绍,今年新建学校3所。", [("张伟", None)]),
    ("张三同志表示。", [("张三", None)]),
    ("陶庆明,黔江民族中学党委书记、校长。", [("陶庆明", "党委书记、校长")]),
    ("1月8日傍晚,荣昌区安富街道普陀村毛万二家小院的灯亮了。", [("毛万二", None)]),
    ("获奖学生有陈思、王一鸣、张可欣等。", [("陈思", None), ("王一鸣", None), ("张可欣", None)]),
    (
        "校长冉隆峰,副校长谭小平、李光辉出席。",
        [("冉隆峰", "校长"), ("谭小平", "副校长"), ("李光辉", "副校长")],
    ),
]

NOT_PEOPLE = [
    "产业兴旺,鼓起村民钱袋子",  # 钱袋子 (n) is a word of the dictionary, no name
    "生态美起来,群众富起来。",  # 富|起来: a verb and its complement, no surname and given name
    "万盛经开区着力打造全市教育高质量发展先行区。",  # 高质量 starts with a surname
    "和平小学的学生参加活动。",  # 和平 is a school's name
    "黎明时分出发。",  # tagged nr by jieba
    "文明校园创建。",
    "老师向基层宣讲政策。",  # 向 + 基层 after a role
    "学生们表示很开心。",
    "教师代表发言。",
    "校长负责制全面实施。",
    "党委书记带头讲党课。",
    "区委书记担任组长。",
    "一名区委常委牵头负责。",
    "村民张大爷说。",  # forms of address
    "李老师介绍。",
    "王校长表示。",
    "据区教委相关负责人介绍。",
    "本报记者 李娜 摄",  # credits are authors
    "记者王倩报道。",
    "通讯员刘洋。",
    "在盘龙镇苗木村,通过协商争取项目资金。",  # places tagged nr
    "清流镇邵家坝院落,经与村民协商。",
    "金秋时节。",
    "万众一心。",
    "高度重视。",
    "荣获国家级奖项。",
    "荣昌区政协认真落实。",
    "创新拓展委员进小院、委员沙龙四个平台。",
    "开展“委员沙龙”活动。",
    "黔江民族中学立足黔江区苗族土家族民族文化。",
    "为基层治理贡献政协智慧和力量。",
    "提高学生综合素质。",
    "培养更多高素质技术技能人才。",
    "加强师德师风建设。",
    "学校向社会开放。",
    "万盛经开区教育局。",
    "隆昌市政协。",
    "市民王女士表示。",
    "党员和群众一起参加。",  # 和 is a surname too
    "学生和家长。",
    "学生向老师敬礼。",  # tagged nr by jieba
    "近年来,学校获评全国文明校园。",  # a sentence opening with a word and a comma
    "委员来小院走访。",  # 来 is a verb here, not a surname
    "走访安德、唐昌等6个镇。",  # jieba tags the towns nr; 等 counts places
    "调研组走访了唐昌、安德等社区，又在唐昌镇召开座谈会。",  # 唐昌 is written as a town
    "调研组走访了唐昌、安德、石羊等社区，又在唐昌镇召开座谈会。",  # the list's third name, read from 等, is a town
    "住院患者满意度连续三年提升。",  # 满意度 starts with a surname and is tagged ns
    "走访定安区顺安镇长青村。",  # 定安|区顺安|镇长: 区 is the suffix of the place before it
    "刘家兴旺。",  # no 、 after 刘家|兴
]

ROWS = ROLE_BEFORE + SPLIT_NAMES + ROLE_AFTER_AND_CONTEXT + [(text, []) for text in NOT_PEOPLE]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("sentence", "expected"), ROWS, ids=[row[0][:14] for row in ROWS])
def test_people_of_a_sentence(sentence: str, expected: list[tuple[str, str | None]], backend: str) -> None:
    assert [(person.text, person.role) for person in _people(sentence, backend)] == expected


def test_the_table_has_enough_rows() -> None:
    assert len(ROWS) >= 60


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        ("学生秦梅梅获奖。", ["person.role"]),
        ("陶庆明校长介绍。", ["person.role_after"]),
        ("张伟介绍情况。", ["person.tagged"]),
        ("普陀村毛万二家小院。", ["person.home"]),
        ("获奖学生有陈思、王一鸣等。", ["person.list", "person.list"]),
    ],
)
def test_rule_names_the_evidence(sentence: str, rules: list[str]) -> None:
    assert [person.rule for person in _people(sentence)] == rules


def test_one_item_per_name_with_every_mention() -> None:
    text = "党委书记、校长陶庆明表示。陶庆明说,学校将继续努力。"
    (person,) = _people(text)
    assert (person.text, person.role) == ("陶庆明", "党委书记、校长")
    assert [(m.start, m.end) for m in person.mentions] == [(7, 10), (13, 16)]


def test_a_user_non_name_removes_a_person(tmp_path) -> None:
    sentence = "校长谭发。"
    assert [p.text for p in _people(sentence)] == ["谭发"]
    (tmp_path / "non_names.tsv").write_text("word\n谭发\n", encoding="utf-8")
    lexicon = load_lexicon(tmp_path)
    segmented = segment_text(sentence, get_segmenter("rjieba", lexicon))
    assert find_people(segmented, ExtractContext(lexicon)) == []


@settings(max_examples=300, deadline=None)
@given(st.characters(blacklist_categories=("Cs",)))
def test_the_han_class_is_the_han_script(character: str) -> None:
    assert bool(re.fullmatch(HAN, character)) == bool(regex.fullmatch(r"\p{Han}", character))


@pytest.mark.parametrize("character", ["中", "〇", "々", "\U00020000", "\u2e80", "a", "，", "3", "ー"])
def test_the_han_class_on_edges(character: str) -> None:
    assert bool(re.fullmatch(HAN, character)) == bool(regex.fullmatch(r"\p{Han}", character))


_ALPHABET = "陶庆明秦梅梅向孝学王张李毛万二家村校长书记学生党委、，。表示说的在高质量和平文明“”\n "


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60) | st.text(max_size=40))
def test_offsets_slice_the_text_and_nothing_raises(text: str) -> None:
    people = _people(text)
    for person in people:
        assert text[person.start : person.end] == person.text
        assert all(text[m.start : m.end] == person.text for m in person.mentions)
    assert len({person.text for person in people}) == len(people)
    Article(title="t", text=text, people=people)  # the output validates
