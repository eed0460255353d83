"""Programs: one row per behaviour, sentence -> expected programs (name and kind).

Every row runs on both segmenter backends. A kind left as ANY is not checked by that row.
Rows with an empty list are quotes used for emphasis, speech or plain prose: no program.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import extract_file
from extractor.evaluate import normalize_text
from extractor.extract import ExtractContext
from extractor.extract._spans import strip_quote_marks
from extractor.extract.programs import _TAG_BREAK, _prepare, _quote_groups, find_programs, _judge_quote
from extractor.lexicon import load_lexicon
from extractor.models import Program
from extractor.segment import SEGMENTERS, get_segmenter, segment_text

ANY: Any = object()


def programs_of(sentence: str, backend: str) -> list[Program]:
    lexicon = load_lexicon()
    return find_programs(segment_text(sentence, get_segmenter(backend, lexicon)), ExtractContext(lexicon))


TABLE: list[tuple[str, list[tuple[str, Any]]]] = [
    # ---- book titles
    ("印发《关于推进教育高质量发展的实施意见》。", [("关于推进教育高质量发展的实施意见", "document")]),
    ("印发《万盛经开区师德师风集中学习教育实施方案》。", [("万盛经开区师德师风集中学习教育实施方案", "document")]),
    ("出台《重庆市生活垃圾管理条例》。", [("重庆市生活垃圾管理条例", "document")]),
    ("发布《2023年政府工作报告》。", [("2023年政府工作报告", "document")]),
    ("市住建委制定了《城市更新三年行动计划(2023-2025年)》。", [("城市更新三年行动计划(2023-2025年)", "project")]),
    ("开设《公民知行》等校本选修课。", [("公民知行", "course")]),
    ("开设了《西兰卡普》《南溪号子》《威风锣鼓》等多门民族文化校本课程。", [("西兰卡普", "course"), ("南溪号子", "course"), ("威风锣鼓", "course")]),
    ("市级精品课程《律动的黔江号子》课程组组织研学。", [("律动的黔江号子", "course")]),
    ("结题重点课题《案例教学存在的问题与对策研究》。", [("案例教学存在的问题与对策研究", "project")]),
    ("立项规划课题《“大思政”视域下党建引领的实践研究》。", [("大思政视域下党建引领的实践研究", "project")]),
    ("《普通高中外语课程创新基地》获市级立项。", [("普通高中外语课程创新基地", "base")]),
    ("学生的美术作品《通往美好明天》获优秀作品。", []),
    ("合唱歌曲《我和我的祖国》。", []),
    ("学校报送的《小公民法治故事——高空抛物漫画集》被收录。", []),
    ("《人民日报》报道了该校经验。", []),
    ("《求是》杂志发表文章。", []),
    ("学习《中华人民共和国民法典》。", [("中华人民共和国民法典", "document")]),
    # ---- quotes with a program head after them
    ("创新“114”模式。", [("114", "model")]),
    ("构建“四级联动”学习模式。", [("四级联动", "model")]),
    ("做深做实“渝事好商量”协商平台。", [("渝事好商量", "platform")]),
    ("搭建“有事好商量”协商平台。", [("有事好商量", "platform")]),
    ("打造“三堂一坛”思政品牌。", [("三堂一坛", "brand")]),
    ("擦亮“巴渝工匠”品牌。", [("巴渝工匠", "brand")]),
    ("开展“学雷锋”志愿服务活动。", [("学雷锋", "campaign")]),
    ("开展“法律进社区”活动。", [("法律进社区", "campaign")]),
    ("组织开展“我为群众办实事”实践活动。", [("我为群众办实事", "campaign")]),
    ("开展“清风校园,廉洁入心”主题活动100余场次。", [("清风校园,廉洁入心", "campaign")]),
    ("创新“党建+网格”治理模式。", [("党建+网格", "model")]),
    ("建立“街乡吹哨、部门报到”工作机制。", [("街乡吹哨、部门报到", "model")]),
    ("健全“支部+专业部”工作机制。", [("支部+专业部", "model")]),
    ("推行“四议两公开”工作法。", [("四议两公开", "model")]),
    ("推出“渝快办”政务服务平台。", [("渝快办", "platform")]),
    ("开通“12345”政务服务热线。", [("12345", "platform")]),
    ("深入推进“放管服”改革。", [("放管服", "project")]),
    ("举办“非遗进校园”展演。", [("非遗进校园", "campaign")]),
    ("该校“1+N”育人模式成效明显。", [("1+N", "model")]),
    # ---- quotes whose own name ends with a program head
    ("实施党建品牌“七个行动计划”。", [("七个行动计划", "project")]),
    ("深入实施“强基计划”。", [("强基计划", "project")]),
    ("持续打好“蓝天保卫战”。", [("蓝天保卫战", "campaign")]),
    ("打造民中特色“大思政课”。", [("大思政课", "course")]),
    ("坚持和发展新时代“枫桥经验”。", [("枫桥经验", "model")]),
    ("举办“眼镜产业发展经济沙龙”,形成调研报告。", [("眼镜产业发展经济沙龙", "campaign")]),
    # ---- numbered slogans
    ("党建“双创”谱新篇。", [("双创", "model")]),
    ("“双减”政策落地见效。", [("双减", "model")]),
    ("以“七联七化”党建共同体助力发展。", [("七联七化", "model")]),
    ("全力推进“一网通办”。", [("一网通办", "model")]),
    ("坚持“五育并举”。", [("五育并举", "model")]),
    ("“十四五”时期,全区经济稳步增长。", [("十四五", "other")]),
    ("围绕全区“两高三新”发展目标。", [("两高三新", "model")]),
    ("助推“双昌”合作示范园建设。", [("双昌", "model")]),
    # ---- a program verb whose whole object is the quote, lists closed by a head
    ("全面推行“河长制”。", [("河长制", ANY)]),
    ("打造“15分钟便民生活圈”。", [("15分钟便民生活圈", ANY)]),
    ("每周开展“青说青听”、廉洁小故事分享活动。", [("青说青听", "campaign")]),
    ("开展“直播助农”、电商下乡等活动。", [("直播助农", "campaign")]),
    ("开展“优秀教师选树宣传”、“教师技能大赛”等活动。", [("优秀教师选树宣传", "campaign"), ("教师技能大赛", "campaign")]),
    ("打造万盛小学“红魂铸绿梦,‘三领’争先锋”等30个党建品牌。", [("红魂铸绿梦,三领争先锋", ANY)]),
    ("定期开展“巩固卫中人”、“青春伴夕阳”、农业体验等多项活动。", [("巩固卫中人", "campaign"), ("青春伴夕阳", "campaign")]),
    # ---- emphasis, figures of speech and speech: no program
    ("“先行区”“高质量”字眼背后,是沉甸甸的使命感。", []),
    ("当好群众的“贴心人”。", []),
    ("当好党委政府“好帮手”。", []),
    ("架起党群“连心桥”。", []),
    ("架起了服务群众的“连心桥”。", []),
    ("打通服务群众“最后一公里”。", []),
    ("激活了政协工作的“神经末梢”。", []),
    ("为经济社会发展贡献了政协‘金点子’。", []),
    ("推动协商平台建设取得“实效上的突破”。", []),
    ("努力成为“会协商、善议政”的家里手。", []),
    ("在建言资政和凝聚共识“双向发力”。", []),
    ("争当“排头兵”。", []),
    ("成为群众的“主心骨”。", []),
    ("学校被誉为“教育明珠”。", []),
    ("让学生“动”起来。", []),
    ("下好思政课程“一盘棋。”", []),
    ("实现“零的突破”。", []),
    ("打造“网红”打卡点。", []),
    ("新增理论实践兼具的“双师型”教师17人。", []),
    ("由“输血”变“造血”。", []),
    ("打造“金名片”。", []),
    ("学科建设 专科能力实现“大跨越”。", []),
    ("围绕“工业强县”“文旅融合发展”等协商议题积极建言献策。", []),
    ("深化“委员履职积分制”管理。", [("委员履职积分制", "model")]),
    ("打造万盛小学“红魂铸绿梦”、溱州中学“立‘三本’堡垒”等30个党建品牌。", [("红魂铸绿梦", ANY), ("立三本堡垒", "brand")]),
    ("打造城市发展“强引擎”。", []),
    ("跑出发展“加速度”。", []),
    ("“五一”劳动节前夕,全区开展慰问活动。", []),
    ("“两会”期间,委员积极建言。", []),
    ("共建“一带一路”倡议。", [("一带一路", "project")]),
    ("实施“健康中国”行动。", [("健康中国", "campaign")]),
    ("深化“最多跑一次”改革。", [("最多跑一次", "project")]),
    ("坚持“四下基层”。", [("四下基层", "model")]),
    ("举办首届“校园读书节”。", [("校园读书节", "campaign")]),
    ("他说:“我们要把好事办好。”", []),
    ("“这是我们的责任,”他说。", []),
    ("“学校以党建有效为目标,培养更多人才。”学校负责人表示。", []),
    # ---- unquoted names
    ("市政协关于建立“渝事好商量”协商平台的实施意见。", [("关于建立渝事好商量协商平台的实施意见", "document"), ("渝事好商量", "platform")]),
    ("市政府出台关于加强基层治理的若干意见。", [("关于加强基层治理的若干意见", "document")]),
    ("创新拓展委员进小院、川渝毗邻地区协商议事室、委员工作室、委员沙龙四个平台。", [("委员进小院", "platform"), ("川渝毗邻地区协商议事室", "platform"), ("委员工作室", "platform"), ("委员沙龙", "platform")]),
    ("实施乡村振兴人才工程。", [("乡村振兴人才工程", "project")]),
    ("创建1+X证书制度试点专业6个、现代学徒制试点专业3个。", [("1+X证书制度试点", "pilot"), ("现代学徒制试点", "pilot")]),
    ("建成世界技能大赛云计算项目市选拔集训基地。", [("世界技能大赛云计算项目市选拔集训基地", "base")]),
    ("成功结项重庆市普通高中新课程实施基地(西兰卡普)。", [("重庆市普通高中新课程实施基地", "base")]),
    ("建成市级中小学劳动教育实践基地。", [("市级中小学劳动教育实践基地", "base")]),
    ("学校还与重庆大学共建人工智能教育实践基地。", [("人工智能教育实践基地", "base")]),
    ("建设区域医疗健康信息平台。", [("区域医疗健康信息平台", "platform")]),
    ("依托学校基层党建平台,围绕中心工作。", []),
    ("县农业农村局依托数字农业平台开展服务。", []),
    ("谋划合作计划、确定协同履职议题。", []),
    ("以万盛小学为试点,以点带面推进。", []),
    ("专业人才培养模式在市内多所职业学校推广运用。", []),
    ("建成国家级科技工作室2个、市级名校长工作室1个。", []),
    ("规划建设11个有辨识度的委员工作室。", []),
    ("选派省市、区、县三级政协委员入驻工作室。", []),
    ("助力建成25.5万亩稻渔基地。", []),
    ("明年全市计划新增造林10万亩。", []),
    ("实施民心工程,开展国家试点。", []),
    ("省里在部分县区推行试点,明年铺开。", []),
    ("今年全市开展试点,效果良好。", []),
    ("把“双减”作为一项重大民生工程。", [("双减", "model")]),
    # ---- idioms, counted slogans, 等…举措, copulas, editions of an event
    ("党建引领激活村集体经济“一池春水”。", []),
    ("实行人员、财务、业务“五统一”管理。", [("五统一", "model")]),
    ("推行“先诊疗后付费”“一站式结算”等便民举措。", [("先诊疗后付费", "model"), ("一站式结算", "model")]),
    ("“林寨猕猴桃”已成为当地响当当的区域品牌。", [("林寨猕猴桃", "brand")]),
    ("“林寨猕猴桃”已成为当地响当当的名片。", []),
    ("上月举办的首届林寨古村丰收节,吸引游客12.6万人次。", [("林寨古村丰收节", "campaign")]),
    ("宝鸡将于春节前后举办第十届宝鸡民俗文化节和“龙腾宝鸡”新春灯会。", [("宝鸡民俗文化节", "campaign"), ("龙腾宝鸡", "campaign")]),
    ("春节前后游客增多。", []),
    ("全市全面推行河湖长制,设立四级河湖长4280名。", [("河湖长制", "other")]),
    ("落实林长制。", [("林长制", "other")]),
    ("打破家长制作风。", []),
    ("大力实施石漠化综合治理工程、“绿色贵州建设三年行动计划”和国家储备林项目。",
     [("石漠化综合治理工程", "project"), ("绿色贵州建设三年行动计划", "project"), ("国家储备林项目", "project")]),
    ("开展“直播助农”、电商下乡等活动。", [("直播助农", "campaign")]),
    ("实施民心工程和相关项目。", []),
    ("林寨镇还与华南农业大学共建乡村振兴实践基地,每年选派研究生驻村。", [("乡村振兴实践基地", "base")]),
    ("镇里建成电商直播基地。", []),
    # ---- names inside honours are awards, not programs
    ("学校入选国家级示范基地。", []),
    ("8所学校被纳入信息技术支撑学生综合素质评价国家级试点校。", []),
    # ---- a quote in an honour that the honour's name goes on after names a program of its own
    ("该医院入选“百县工程”县医院名单。", [("百县工程", "project")]),
    ("该区入选全省首批“数字乡村”示范区县。", [("数字乡村", "campaign")]),
    ("我市荣获“全国文明城市”称号。", []),
    ("该馆的展览入选“全国十佳文博创意精品”推介项目。", []),
    ("该县入选“全国千企百校工程”示范名单。", [("全国千企百校工程", "project")]),
    # ---- quotes inside a quoted sentence are judged in its clauses
    ("“我们借助‘智慧养殖’平台,随时查看数据,效率高多了。”养殖户说。", [("智慧养殖", "platform")]),
    # ---- heads of apps, teams and classes named after a program
    ("医院上线“掌上医院”“智慧药房”等数字化应用。", [("掌上医院", "platform"), ("智慧药房", "platform")]),
    ("街道组建“红色管家”服务专班。", [("红色管家", "brand")]),
    ("法院成立“检察官进社区”宣讲团。", [("检察官进社区", "campaign")]),
    ("学校开设“数控精英班”等特色班级5个。", [("数控精英班", "other")]),
    # ---- a program verb's object may be counted
    ("在各村设立“共享调解室”30个。", [("共享调解室", "other")]),
    # ---- a five-year plan's period is a program, a holiday's is not
    ("力争在“十四五”期间完成改造。", [("十四五", "other")]),
    ("“五一”期间游客增多。", []),
    # ---- what something is taken for is no name, even with a program head
    ("把教育作为全县发展的“一号工程”。", []),
    # ---- a head after a quote belongs to the quoted name
    ("组织“银龄护绿”队伍开展巡查。", [("银龄护绿", "brand")]),
    ("开展“四不两直”安全检查。", [("四不两直", "campaign")]),
    # ---- a quote that 的 joins to its head describes it: a way of working, no team or brand
    ("打造一支“留得住”的乡村教师队伍。", []),
    ("打造“有温度”的服务品牌。", []),
    ("形成“党建+产业”的发展模式。", [("党建+产业", "model")]),
    ("推行“3+2+N”家庭医生签约服务模式。", [("3+2+N", "model")]),
    # ---- a headed name before a person's post names the post, not a program
    ("省级名师工作室主持人李华说。", []),
    ("市级技能大师工作室领衔人王强介绍。", []),
    # ---- 实行 introduces a way of working: a quoted list of its rules is one program
    ("集团各校实行“课表统一、备课统一、考试统一”。", [("课表统一、备课统一、考试统一", "model")]),
    # ---- a doubled word rolls a measure out to every unit (every village, every household)
    ("全镇已实现“村村通”全覆盖。", [("村村通", "model")]),
    # ---- one quote turned into another is a figure of speech, not two programs
    ("推动“好提案”变成“好政策”。", []),
    # ---- heads of surveys, volunteering, services, strategies, loans and tour routes
    ("组织委员开展“稳岗惠企”专题调研。", [("稳岗惠企", "campaign")]),
    ("团县委开展“暖冬护航”志愿服务。", [("暖冬护航", "campaign")]),
    ("社区医生提供“健康上门”服务。", [("健康上门", "model")]),
    ("全县深入实施“人才强县”战略。", [("人才强县", "other")]),
    ("农商行推出“惠农e贷”“果农贷”等信贷产品。", [("惠农e贷", "brand"), ("果农贷", "brand")]),
    ("景区推出“跟着古道看山水”精品线路4条。", [("跟着古道看山水", "other")]),
    ("县里搭建“云上惠企”政策直达服务平台。", [("云上惠企", "platform")]),  # 服务 is a head too: the longer 服务平台 wins
    # ---- after a program verb the object may run on to a head a dozen characters away
    ("县妇联开展“爱心助学”贫困家庭学生资助公益活动。", [("爱心助学", "campaign")]),
    # ---- the theme of an event
    ("以“书香满城·悦读同行”为主题的读书月开幕。", [("书香满城·悦读同行", "campaign")]),
    # ---- an event counted by editions, with a place in brackets or inside a quoted sentence
    ("下月将举办第二届长江(宜昌)柑橘博览会。", [("长江(宜昌)柑橘博览会", "campaign")]),
    ("“我们将以筹办第四届桂花文化节为契机,带动乡村旅游。”镇长说。", [("桂花文化节", "campaign")]),
    # ---- a head followed by an organization's suffix is part of that organization's name
    ("市化工学院精细材料工程研究中心揭牌。", []),
    # ---- a base or platform of an organization named before it is a facility, not a program
    ("记者来到县物流配送服务中心电商直播基地。", []),
    ("参观了金山茶业有限公司绿色生产基地。", []),
    # ---- a space ends a headline's part: its cue does not reach a quote after it
    ("队伍建设 “招才引智”", []),
    # ---- a program verb with a quote and one short action: the quote says how it is done
    ("医院推行“先看病”结算,群众少跑腿。", [("先看病", "model")]),
    ("社区推行“爱心积分”兑换,居民踊跃参与。", [("爱心积分", "model")]),
    ("打造“网红”打卡点。", []),
]


@pytest.mark.parametrize("backend", SEGMENTERS)
@pytest.mark.parametrize(("sentence", "expected"), TABLE, ids=[row[0][:24] for row in TABLE])
def test_programs_table(sentence: str, expected: list[tuple[str, Any]], backend: str) -> None:
    programs = programs_of(sentence, backend)
    assert sorted(program.name for program in programs) == sorted(name for name, _ in expected)
    kinds = {program.name: program.kind for program in programs}
    for name, kind in expected:
        if kind is not ANY:
            assert kinds[name] == kind, name
    for program in programs:
        assert sentence[program.start : program.end] == program.text
        assert strip_quote_marks(program.text).strip() == program.name.replace("‘", "").strip()


# Spans with marks: a name's words are tagged from its last mark on (_name_start), which holds
# only if a tagger cuts the words after a mark as it does when the span starts before it.
MARKED_SPANS = [
    "选派省市、区、县三级政协委员入驻工作室",
    "推行“3+2+N”家庭医生签约服务模式",
    "开设《西兰卡普》《南溪号子》等校本选修课",
    "与华南农业大学(重庆)共建乡村振兴实践基地",
    "打造C#/5G+智慧校园云平台",
    "激活村集体经济“一池春水”,建成电商直播基地",
]


@pytest.mark.parametrize("backend", SEGMENTERS)
@pytest.mark.parametrize("span", MARKED_SPANS)
def test_words_after_a_mark_do_not_depend_on_what_precedes_it(span: str, backend: str) -> None:
    tagger = get_segmenter(backend, load_lexicon())
    whole = [tuple(pair) for pair in tagger.tag(span)]
    for mark in _TAG_BREAK.finditer(span):
        after = [tuple(pair) for pair in tagger.tag(span[mark.end() :])]
        up_to_mark, from_mark = whole[: len(whole) - len(after)], whole[len(whole) - len(after) :]
        assert from_mark == after and up_to_mark[-1][0] == mark.group()


def test_distinct_names_keep_every_mention() -> None:
    text = "打造“大思政课”,围绕“大思政课”中心,满足“大思政课”要求。"
    (program,) = programs_of(text, "rjieba")
    assert program.name == "大思政课"
    assert [(m.start, m.end) for m in program.mentions] == [(3, 7), (12, 16), (23, 27)]
    assert (program.start, program.end) == (3, 7)


def test_a_name_inside_a_word_is_no_mention() -> None:
    text = "创新“114”模式,服务1140人。"
    (program,) = programs_of(text, "rjieba")
    assert [(m.start, m.end) for m in program.mentions] == [(3, 6)]


def test_nested_quotes_are_not_programs_of_their_own() -> None:
    names = [p.name for p in programs_of("打造“红魂铸绿梦,‘三领’争先锋”品牌。", "rjieba")]
    assert names == ["红魂铸绿梦,三领争先锋"]


_ALPHABET = st.sampled_from(
    list("开展打造当好架起“”‘’《》、,，。；:活动模式平台品牌工程试点基地方案通知关于的双四轮驱动学校全国市级12+X")
    + ["实施方案", "工作室", "字眼", "协商平台", "等活动", "四个平台", "\n", " "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_programs_never_raise_and_slice_the_text(text: str) -> None:
    programs = programs_of(text, "rjieba")
    assert len({program.name for program in programs}) == len(programs)
    for program in programs:
        assert text[program.start : program.end] == program.text
        assert program.mentions and (program.mentions[0].start, program.mentions[0].end) == (program.start, program.end)
        for mention in program.mentions:
            assert text[mention.start : mention.end] == program.text
        Program.model_validate(program.model_dump())


def _gold_files() -> list[tuple[Path, Path]]:
    """(gold file, raw file) pairs of the dev gold, when it is on this machine."""
    root = Path(__file__).resolve().parents[1]
    dirs = [Path(os.environ["EXTRACTOR_GOLD"])] if os.environ.get("EXTRACTOR_GOLD") else []
    dirs += [root / "gold", Path("/work/shared/gold")]
    pairs = []
    for gold_dir in dirs:
        for gold in sorted(gold_dir.glob("*.gold.json")) if gold_dir.is_dir() else []:
            raw = root / "data" / "raw" / gold.name.removesuffix(".gold.json")
            if raw.exists():
                pairs.append((gold, raw))
        if pairs:
            break
    return pairs


def test_quote_judgement_on_the_gold() -> None:
    """Measure program-or-emphasis on every quote of the dev gold (quotes inside honours are the awards')."""
    pairs = _gold_files()
    if not pairs:
        pytest.skip("no dev gold on this machine")
    lexicon = load_lexicon()
    segmenter = get_segmenter("rjieba", lexicon)
    confusion = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    for gold_path, raw_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for article, gold_article in zip(extract_file(raw_path).articles, gold["articles"]):
            names = {normalize_text(program["text"]) for program in gold_article.get("programs", [])}
            prepared = _prepare(segment_text(article.text, segmenter), lexicon)
            for group in _quote_groups(prepared, prepared.quotes.outer):
                for quote in group:
                    if prepared.is_blocked(quote.inner_start, quote.inner_end):
                        continue
                    truth = normalize_text(article.text[quote.inner_start : quote.inner_end]) in names
                    confusion[(truth, _judge_quote(prepared, quote, group) is not None)] += 1
    judged = sum(confusion.values())
    accuracy = (confusion[(True, True)] + confusion[(False, False)]) / judged
    precision = confusion[(True, True)] / (confusion[(True, True)] + confusion[(False, True)])
    # On the dev gold (70 quotes): 52 programs and 16 emphasis quotes judged right, 2 optional
    # slogans (“办好每一所学校,…”) missed, no emphasis taken for a program.
    assert accuracy >= 0.9 and precision >= 0.9, confusion
