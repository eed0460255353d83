"""Figures: one row per behaviour, sentence -> expected figures (text, value, unit, approx, subject).

Every row runs on both segmenter backends, which must agree.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract import ExtractContext
from extractor.extract.figures import find_figures
from extractor.lexicon import load_lexicon
from extractor.models import Figure
from extractor.segment import SEGMENTERS, get_segmenter, segment_text


class F(NamedTuple):
    text: str
    value: object
    unit: str
    approx: str | None = None
    subject: str | None = None


def figures_of(sentence: str, backend: str) -> list[Figure]:
    segmented = segment_text(sentence, get_segmenter(backend))
    return find_figures(segmented, ExtractContext(load_lexicon()))


def as_rows(figures: list[Figure]) -> list[F]:
    return [F(f.text, f.value, f.unit, f.approx, f.subject) for f in figures]


TABLE: list[tuple[str, list[F]]] = [
    # ---- Arabic counts with measure words
    ("7所学校入选市首批中小学教师评价试点学校。", [F("7所", 7, "所", subject="学校")]),
    ("新华小学等7所学校入选。", [F("7所", 7, "所", subject="学校")]),
    ("7所幼儿园入选市首批试点园。", [F("7所", 7, "所", subject="幼儿园")]),
    ("国家级特色学校增至17所……", [F("17所", 17, "所")]),
    ("开展师德师风专题宣传120期，分享事迹。", [F("120期", 120, "期")]),
    ("解决群众急难愁盼问题239个，", [F("239个", 239, "个")]),
    ("295名政协委员全部沉入基层。", [F("295名", 295, "名", subject="政协委员")]),
    ("推动4项重大项目建设，", [F("4项", 4, "项", subject="重大项目")]),
    ("助推26个民生问题和发展难题得到解决。", [F("26个", 26, "个", subject="民生问题")]),
    ("新增“双师型”教师17人，", [F("17人", 17, "人")]),
    ("开展协商活动215场次，", [F("215场次", 215, "场次")]),
    ("1名教师被遴选为国赛备赛选手。", [F("1名", 1, "名", subject="教师")]),
    ("2名学生入选云计算赛项市级集训队。", [F("2名", 2, "名", subject="学生")]),
    ("设立6个小院委员工作室，广泛宣传。", [F("6个", 6, "个", subject="小院委员工作室")]),
    ("建成国家级科技工作室2个、市级名校长工作室1个。", [F("2个", 2, "个"), F("1个", 1, "个")]),
    ("分6个环节、20个重点对党员干部进行教育。", [F("6个", 6, "个", subject="环节"), F("20个", 20, "个", subject="重点")]),
    ("认定第三批区级骨干教师139人，", [F("139人", 139, "人")]),
    ("收集意见建议126条。", [F("126条", 126, "条")]),
    ("走访群众2000户。", [F("2000户", 2000, "户")]),
    ("发放宣传资料5000份。", [F("5000份", 5000, "份")]),
    ("召开座谈会3次，", [F("3次", 3, "次")]),
    ("召开3次会议。", [F("3次", 3, "次", subject="会议")]),
    ("覆盖全区8个镇街。", [F("8个", 8, "个", subject="镇街")]),
    ("获得金牌2枚。", [F("2枚", 2, "枚")]),
    ("开设选修课程12门。", [F("12门", 12, "门")]),
    ("安装路灯120盏。", [F("120盏", 120, "盏")]),
    ("组建志愿服务队15支。", [F("15支", 15, "支")]),
    ("办理提案356件。", [F("356件", 356, "件")]),
    ("累计完成培训48课时。", [F("48课时", 48, "课时")]),
    ("开展3轮督查。", [F("3轮", 3, "轮", subject="督查")]),
    ("市教委等5部门联合印发通知。", [F("5部门", 5, "部门")]),
    ("全市新增学位3000个，", [F("3000个", 3000, "个")]),
    ("生猪出栏10万头。", [F("10万头", 100000, "头")]),
    ("共3所,120人参加。", [F("3所", 3, "所"), F("120人", 120, "人")]),
    ("该4个项目全部完工。", [F("4个", 4, "个", subject="项目")]),
    ("这三所学校都是新建的。", [F("三所", 3, "所", subject="学校")]),
    # the segmenter joins a measure word to the next word (人获, 个村, 个人): the count stands
    ("该校1名学生获一等奖，2人获二等奖。", [F("1名", 1, "名", subject="学生"), F("2人", 2, "人")]),
    ("全区68个村实现全覆盖。", [F("68个", 68, "个", subject="村")]),
    ("5个人参加了活动。", [F("5个", 5, "个", subject="人")]),
    ("惠及群众1.2万户3.5万人。", [F("1.2万户", 12000, "户"), F("3.5万人", 35000, "人")]),
    ("辖7个街道、12个镇。", [F("7个", 7, "个", subject="街道"), F("12个", 12, "个", subject="镇")]),
    # ---- Chinese numerals
    ("创新拓展委员沙龙四个平台，通过协商议事促进问题解决。", [F("四个", 4, "个", subject="平台")]),
    ("以四个平台为载体。", [F("四个", 4, "个", subject="平台")]),
    ("利用学科教学、民族认同四种路径，开辟新局面。", [F("四种", 4, "种", subject="路径")]),
    ("全区十三个镇街参加。", [F("十三个", 13, "个", subject="镇街")]),
    ("二十五名学生获奖。", [F("二十五名", 25, "名", subject="学生")]),
    ("图书馆收藏古籍一百零八册。", [F("一百零八册", 108, "册")]),
    ("招聘教师两千名。", [F("两千名", 2000, "名")]),
    ("辐射群众三万五千人。", [F("三万五千人", 35000, "人")]),
    ("建成两个基地。", [F("两个", 2, "个", subject="基地")]),
    ("新建三所学校。", [F("三所", 3, "所", subject="学校")]),
    ("共有十所学校参加。", [F("十所", 10, "所", subject="学校")]),
    ("两次获评先进。", [F("两次", 2, "次")]),
    ("连续三届获评文明单位。", [F("三届", 3, "届")]),
    ("投入两百万元。", [F("两百万元", 2000000, "元")]),
    ("培养人才一千余名。", [F("一千余名", 1000, "名", "over")]),
    ("筹集资金三十余万元。", [F("三十余万元", 300000, "元", "over")]),
    ("五千多人参加活动。", [F("五千多人", 5000, "人", "over")]),
    ("百余人参加。", [F("百余人", 100, "人", "over")]),
    ("吸引万余名群众观看。", [F("万余名", 10000, "名", "over", "群众")]),
    ("逾千人参加。", [F("逾千人", 1000, "人", "over")]),
    ("近百所学校参与。", [F("近百所", 100, "所", "under", "学校")]),
    # ---- Multipliers: exact values, unit without the multiplier
    ("建成25.5万亩稻渔基地。", [F("25.5万亩", 255000, "亩", subject="稻渔基地")]),
    ("我们帮助企业融资5.3亿元。", [F("5.3亿元", 530000000, "元")]),
    ("共发放补贴12.5万元。", [F("12.5万元", 125000, "元")]),
    ("实现产值5000万元。", [F("5000万元", 50000000, "元")]),
    ("总投资3千万元。", [F("3千万元", 30000000, "元")]),
    ("全年GDP达到1.2万亿元。", [F("1.2万亿元", 1200000000000, "元")]),
    ("资金缺口100万美元。", [F("100万美元", 1000000, "美元")]),
    ("接待游客12.6万人次。", [F("12.6万人次", 126000, "人次")]),
    ("辐射1.5万人。", [F("1.5万人", 15000, "人")]),
    ("总额5万多元。", [F("5万多元", 50000, "元", "over")]),
    ("获得奖金20余万元。", [F("20余万元", 200000, "元", "over")]),
    # ---- Decimals, thousands separators, full-width digits, other units
    ("全市共有中小学1,234所。", [F("1,234所", 1234, "所")]),
    ("全区２５所学校参加。", [F("２５所", 25, "所", subject="学校")]),
    ("新建校舍面积12000平方米。", [F("12000平方米", 12000, "平方米")]),
    ("修建道路5.8公里。", [F("5.8公里", 5.8, "公里")]),
    ("占地3.5公顷。", [F("3.5公顷", 3.5, "公顷")]),
    ("收获稻谷200吨。", [F("200吨", 200, "吨")]),
    ("人均收入增长2.5倍。", [F("2.5倍", 2.5, "倍")]),
    ("差0.1毫米都不行。", [F("0.1毫米", 0.1, "毫米")]),
    ("芯片制程为5纳米。", [F("5纳米", 5, "纳米")]),
    ("占地2000㎡。", [F("2000㎡", 2000, "㎡")]),
    # ---- Energy and power, in Chinese and in Latin symbols (a Latin symbol glued to more letters is none)
    ("装机容量120万千瓦。", [F("120万千瓦", 1200000, "千瓦")]),
    ("年发电量3.5亿千瓦时。", [F("3.5亿千瓦时", 350000000, "千瓦时")]),
    ("新增年产能20GWh，", [F("20GWh", 20, "GWh")]),
    ("建成50MW光伏电站。", [F("50MW", 50, "MW", subject="光伏电站")]),
    ("每年节电200万kWh。", [F("200万kWh", 2000000, "kWh")]),
    ("建成50MWp电站。", []),
    # ---- Percent and shares
    ("“双师型”教师占比90%。", [F("90%", 90, "%")]),
    ("优良率达95.5％。", [F("达95.5％", 95.5, "%")]),
    ("同比增长12.5%，", [F("12.5%", 12.5, "%")]),
    ("合格率达到90%以上。", [F("90%以上", 90, "%", "over")]),
    ("不到10%的学校", [F("不到10%", 10, "%", "under", "学校")]),
    ("提高了3个百分点。", [F("3个百分点", 3, "个百分点")]),
    ("百分之九十的家长参加了活动。", [F("百分之九十", 90, "%", subject="家长")]),
    ("实现百分之百覆盖。", [F("百分之百", 100, "%")]),
    ("百分之95.5的学生", [F("百分之95.5", 95.5, "%", subject="学生")]),
    ("三成学生参加。", [F("三成", 30, "%", subject="学生")]),
    ("全市九成以上学校开设课程。", [F("九成以上", 90, "%", "over", "学校")]),
    ("占比不到两成。", [F("不到两成", 20, "%", "under")]),
    # ---- Approximation qualifiers
    ("约100人参加。", [F("约100人", 100, "人", "about")]),
    ("大约200名志愿者参加。", [F("大约200名", 200, "名", "about", "志愿者")]),
    ("近3000名师生参加。", [F("近3000名", 3000, "名", "under", "师生")]),
    ("将近500人到场。", [F("将近500人", 500, "人", "under")]),
    ("服务超过1000人次。", [F("超过1000人次", 1000, "人次", "over")]),
    ("吸引超5000人观看。", [F("超5000人", 5000, "人", "over")]),
    ("逾200家企业参展。", [F("逾200家", 200, "家", "over", "企业")]),
    ("不足20人的班级", [F("不足20人", 20, "人", "under", "班级")]),
    ("每组1000人左右，", [F("1000人左右", 1000, "人", "about")]),
    ("100人以下的企业", [F("100人以下", 100, "人", "under", "企业")]),
    ("社会培训服务年均5000人次以上。", [F("5000人次以上", 5000, "人次", "over")]),
    ("获市级以上荣誉20余项。", [F("20余项", 20, "项", "over")]),
    ("修订完善管理制度30余个。", [F("30余个", 30, "个", "over")]),
    ("建成30多个站点。", [F("30多个", 30, "个", "over", "站点")]),
    ("10余所市内外中高职院校到校考察。", [F("10余所", 10, "所", "over", "高职院校")]),
    ("在全区开展主题活动100余场次,", [F("100余场次", 100, "场次", "over")]),
    # 达 is a prefix only when written directly before the number as a word of its own
    ("参与人数达1967人次，", [F("达1967人次", 1967, "人次")]),
    ("种植面积达3.5万亩。", [F("达3.5万亩", 35000, "亩")]),
    ("参与人数达到1967人次，", [F("1967人次", 1967, "人次")]),
    ("观众高达5000人。", [F("5000人", 5000, "人")]),
    ("学校附近3所幼儿园", [F("3所", 3, "所", subject="幼儿园")]),
    ("人数约为3000人。", [F("3000人", 3000, "人")]),
    # ---- Ranges
    ("每班3至5名学生。", [F("3至5名", [3, 5], "名", subject="学生")]),
    ("每组10-15人。", [F("10-15人", [10, 15], "人")]),
    ("每组10～20人。", [F("10～20人", [10, 20], "人")]),
    ("招收30—50名学员。", [F("30—50名", [30, 50], "名", subject="学员")]),
    ("新建三到五所学校。", [F("三到五所", [3, 5], "所", subject="学校")]),
    ("补助3万至5万元。", [F("3万至5万元", [30000, 50000], "元")]),
    ("补助3至5万元。", [F("3至5万元", [30000, 50000], "元")]),
    ("组建三四个小组。", [F("三四个", [3, 4], "个", subject="小组")]),
    ("有二三十个村民前来。", [F("二三十个", [20, 30], "个", subject="村民")]),
    ("只有一两个问题。", [F("一两个", [1, 2], "个", subject="问题")]),
    ("新建两三所学校。", [F("两三所", [2, 3], "所", subject="学校")]),
    ("来了十七八个人。", [F("十七八个", [17, 18], "个", subject="人")]),
    # the unit written at both ends: one range (a longer unit may start with the first one's)
    ("粮食产能再提高5%至8%，", [F("5%至8%", [5, 8], "%")]),
    ("每组10人-20人。", [F("10人-20人", [10, 20], "人")]),
    ("提高3个至5个百分点。", [F("3个至5个百分点", [3, 5], "个百分点")]),
    ("补助3元至5万元。", [F("3元至5万元", [3, 50000], "元")]),
    ("增长5%—今年以来", [F("5%", 5, "%")]),
    # ---- The counted noun: modifiers skipped, none after punctuation
    ("打造30个各具特色的党建品牌，", [F("30个", 30, "个", subject="党建品牌")]),
    ("规划建设11个有辨识度的委员工作室，让委员担当。", [F("11个", 11, "个", subject="委员工作室")]),
    ("命名19个党建品牌特色学校。", [F("19个", 19, "个", subject="党建品牌特色学校")]),
    ("7所学校的学生参加。", [F("7所", 7, "所", subject="学校")]),
    ("我们帮助25家企业融资。", [F("25家", 25, "家", subject="企业")]),
    ("提出4个建议，", [F("4个", 4, "个", subject="建议")]),
    ("创建试点专业6个、现代学徒制试点专业3个。", [F("6个", 6, "个"), F("3个", 3, "个")]),
    # speech in quotes is read through; several figures in one sentence
    (
        "“我们帮助25家企业融资5.3亿元，提出4个建议。”",
        [F("25家", 25, "家", subject="企业"), F("5.3亿元", 530000000, "元"), F("4个", 4, "个", subject="建议")],
    ),
    ("获一等奖3个、二等奖5个。", [F("3个", 3, "个"), F("5个", 5, "个")]),
    ("每10万人拥有3名医生。", [F("3名", 3, "名", subject="医生")]),
    # ---- Not figures: numbers inside names, slogans and codes
    ("重庆市第一〇四中学成功申报示范校。", []),
    ("重庆第四十九中学校获市级立项。", []),
    ("创新“114”模式。", []),
    ("创建1+X证书制度试点专业。", []),
    ("区委“6666”工作思路。", []),
    ("区委6666工作思路。", []),
    ("2335产业发展路径。", []),
    ("打造委员进小院3.0版本。", []),
    ("一带一路暨金砖国家技能大赛。", []),
    ("落实“三重一大”议事规则。", []),
    ("四轮驱动教育高质量发展。", []),
    ("以“七联七化”党建共同体助力发展。", []),
    ("围绕“两高三新”发展目标。", []),
    ("党建“双创”谱新篇。", []),
    ("打造德育团队“四支队伍”。", []),
    ("实施党建品牌“七个行动计划”。", []),
    ("打造“三堂一坛”思政品牌。", []),
    ("打造三堂一坛思政品牌。", []),
    ("开设《关于开展3项活动的通知》等课程。", []),
    ("增强四个意识，做到两个维护。", []),
    ("落实中央八项规定精神。", []),
    # ---- ordinals, sessions, cohorts
    ("荣获第一批典型案例。", []),
    ("入选首批中小学教师评价试点区。", []),
    ("入选第3批名单。", []),
    ("在全国第四届大赛中获奖。", []),
    ("位列全省前三名。", []),
    ("区政协十五届二次会议开幕。", []),
    ("学习十九届四中全会精神。", []),
    ("十三届全国人大一次会议召开。", []),
    ("2023届毕业生就业率高。", []),
    ("三年级二班的学生", []),
    ("五年级三班的学生", []),
    ("二期项目开工。", []),
    # ---- dates, times and durations belong to the dates extractor
    ("1个月后，负责人走进院坝。", []),
    ("结束了一天的劳作。", []),
    ("历时3个多月。", []),
    ("持续2个半小时。", []),
    ("用了两个小时。", []),
    ("5个工作日内办结。", []),
    ("2022年8月，万盛职教中心入选。", []),
    ("过去1年，区政协举办沙龙。", []),
    ("1月8日傍晚", []),
    # ---- 一 as an article or in reduplication; Arabic 1 counts (above)
    ("这是学校开展活动的一个缩影。", []),
    ("明确一名区委常委牵头负责。", []),
    ("一项项荣誉，一个个成果，铸就新高度。", []),
    ("办好每一所学校，培养好每一名学生。", []),
    ("一批基层协商落到实处。", []),
    # ---- idioms, 两/双 meaning "both", bare powers, non-measure words
    ("百年大计，教育为本。", []),
    ("下好思政课程和课程思政“一盘棋。”", []),
    ("两地政协委员进行协商。", []),
    ("双方签订协议。", []),
    ("走进千家万户。", []),
    ("万人空巷。", []),
    ("培育发展电子信息产业的5大措施。", []),
    ("选派省市、区、县三级政协委员入驻。", []),
    ("一成不变。", []),
    ("其中5成为骨干教师。", []),
    ("两会期间，代表委员建言献策。", []),
    ("要落实“两个责任”，推进“三个一批”。", []),
    ("一是加强组织领导；二是强化督查考核。", []),
    ("他在三尺讲台上耕耘了30余年。", []),
    ("零犯罪学校", []),
    ("建设5G网络。", []),
    ("“十四五”规划课题。", []),
    ("60岁以上老人", []),
    ("考试获得95分。", []),
    ("高一（3）班的同学", []),
    # ---- a formal numeral ending a word (队伍) does not hide the number after it
    ("组建造林专业队伍三百余支，确保完成任务。", [F("三百余支", 300, "支", "over")]),
    # ---- measure words and units of the genre
    ("一晚上能卖出1000多碗臊子面。", [F("1000多碗", 1000, "碗", "over", "臊子面")]),
    ("今年已接待研学团队150余批次。", [F("150余批次", 150, "批次", "over")]),
    ("种出的猕猴桃糖度能达到18度以上。", [F("18度以上", 18, "度", "over")]),
    ("他两度获评先进个人。", []),
    ("完善年度考核制度。", []),
    # ---- a unit per another unit is one unit
    ("PM2.5平均浓度为22微克/立方米，同比下降。", [F("22微克/立方米", 22, "微克/立方米")]),
    # ---- a count of days after a noun that counts days is a statistic; other days are dates
    ("中心城区空气质量优良天数达331天，优良率为99.1%。", [F("达331天", 331, "天"), F("99.1%", 99.1, "%")]),
    ("优良天数比例为90%，用时5天。", [F("90%", 90, "%")]),
    ("3天后完成验收。", []),
]


@pytest.fixture(params=SEGMENTERS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.mark.parametrize(("sentence", "expected"), TABLE, ids=[sentence[:24] for sentence, _ in TABLE])
def test_figures_table(sentence: str, expected: list[F], backend: str) -> None:
    assert as_rows(figures_of(sentence, backend)) == expected


def test_table_is_large() -> None:
    assert len(TABLE) >= 150


@pytest.mark.parametrize(
    ("sentence", "unit_kind", "rule"),
    [
        ("7所学校", "count", "figure.arabic"),
        ("四个平台", "count", "figure.chinese"),
        ("5.3亿元", "money", "figure.mixed"),
        ("25.5万亩", "area", "figure.mixed"),
        ("5.8公里", "length", "figure.arabic"),
        ("200吨", "weight", "figure.arabic"),
        ("90%", "percent", "figure.arabic"),
        ("三成", "percent", "figure.share"),
        ("百分之九十", "percent", "figure.percent_words"),
        ("2.5倍", "multiple", "figure.arabic"),
        ("48课时", "time", "figure.arabic"),
        ("3至5所", "count", "figure.range"),
        ("三四个", "count", "figure.chinese_range"),
        ("5%至8%", "percent", "figure.range"),
        ("0.1毫米", "length", "figure.arabic"),
        ("20GWh", "other", "figure.arabic"),
    ],
)
def test_unit_kind_and_rule(sentence: str, unit_kind: str, rule: str) -> None:
    [figure] = figures_of(sentence, "jieba")
    assert (figure.unit_kind, figure.rule) == (unit_kind, rule)


def test_values_are_int_when_integral_and_exact_otherwise() -> None:
    values = [figure.value for figure in figures_of("融资5.3亿元，修路5.8公里，投入0.35万元。", "jieba")]
    assert values == [530000000, 5.8, 3500]
    assert [type(value) for value in values] == [int, float, int]


def test_offsets_and_sentence() -> None:
    text = "标题\n共有7所学校参加。另有3名教师获奖。"
    [first, second] = figures_of(text, "jieba")
    assert text[first.start : first.end] == "7所" and first.sentence == "共有7所学校参加。"
    assert text[second.start : second.end] == "3名" and second.sentence == "另有3名教师获奖。"


def test_user_lexicon_adds_a_unit_and_removes_an_exclusion(tmp_path) -> None:
    (tmp_path / "units.tsv").write_text("word\tkind\n羽\tcount\n", encoding="utf-8")
    (tmp_path / "figure_exclusions.tsv").write_text("word\n-八项规定\n", encoding="utf-8")
    lexicon = load_lexicon(tmp_path)
    context = ExtractContext(lexicon)
    segmented = segment_text("放飞信鸽300羽，落实八项规定。", get_segmenter("jieba", lexicon))
    assert [(f.text, f.value) for f in find_figures(segmented, context)] == [("300羽", 300), ("八项", 8)]


_PIECES = list("0123456789０１２.,，。、“”《》()（）-—至到约近超逾达余多第每这两一二三十百千万亿点之成%％ ") + [
    "所", "个", "人次", "名", "项", "元", "亩", "月", "小时", "以上", "左右", "学校", "百分之", "届", "会议", "\n",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_offsets_slice_the_text_and_nothing_raises(text: str) -> None:
    for backend in SEGMENTERS:
        for figure in figures_of(text, backend):
            assert text[figure.start : figure.end] == figure.text
            assert figure.text.strip() and figure.text.strip() in figure.sentence or "\n" in figure.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_valid_figures(text: str) -> None:
    for figure in figures_of(text, "rjieba"):
        assert text[figure.start : figure.end] == figure.text
        Figure.model_validate(figure.model_dump())
