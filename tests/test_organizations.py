"""Tests of the organizations extractor and of the links made to its items.

Each table row is one sentence and every organization it names, as (text, kind).
Both segmenter backends must give the same answer.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract import ExtractContext
from extractor.extract.links import find_reference, link_items
from extractor.extract.organizations import find_organizations
from extractor.lexicon import load_lexicon
from extractor.models import Article, Award, Organization, Person
from extractor.segment import get_segmenter, segment_text

BACKENDS = ("rjieba", "jieba")


def _organizations(sentence: str, backend: str = "rjieba") -> list[Organization]:
    segmented = segment_text(sentence, get_segmenter(backend))
    return find_organizations(segmented, ExtractContext(load_lexicon()))


SCHOOLS = [
    ("以万盛小学为试点,以点带面推进。", [("万盛小学", "school")]),
    ("新华小学等7所学校入选首批试点学校。", [("新华小学", "school")]),
    ("近年来,重庆市黔江民族中学校全面贯彻党的教育方针。", [("重庆市黔江民族中学校", "school")]),
    ("重庆第四十九中学校《普通高中外语课程创新基地》获市级立项。", [("重庆第四十九中学校", "school")]),
    ("重庆市第一〇四中学成功申报示范校。", [("重庆市第一〇四中学", "school")]),
    ("重庆市第一〇四中学、和平小学成功申报。", [("重庆市第一〇四中学", "school"), ("和平小学", "school")]),
    ("2022年8月,万盛职教中心被遴选为培育创建单位。", [("万盛职教中心", "school")]),
    ("万盛经开区教师进修校荣获国家级教学成果二等奖。", [("万盛经开区教师进修校", "school")]),
    ("打造万盛小学“红魂铸绿梦”、溱州中学“立‘三本’堡垒”等党建品牌。", [("万盛小学", "school"), ("溱州中学", "school")]),
    ("四川省成都市第七中学与重庆市巴蜀中学签订合作协议。", [("四川省成都市第七中学", "school"), ("重庆市巴蜀中学", "school")]),
    ("北京师范大学附属中学校长王华说。", [("北京师范大学附属中学", "school")]),
    ("企业与重庆电子工程职业学院共建产业学院。", [("重庆电子工程职业学院", "school")]),
    ("西南大学马克思主义学院教授来校讲座。", [("西南大学马克思主义学院", "school")]),
    ("学校与重庆工商大学、重庆师范大学签订协议。", [("重庆工商大学", "school"), ("重庆师范大学", "school")]),
    ("荣昌区峰高街道中心小学参加比赛。", [("荣昌区峰高街道中心小学", "school")]),
    ("荣昌区仁义镇初级中学参加比赛。", [("荣昌区仁义镇初级中学", "school")]),
    ("重庆市荣昌区职业教育中心被评为重点学校。", [("重庆市荣昌区职业教育中心", "school")]),
    ("荣昌区老年大学开设书法课程。", [("荣昌区老年大学", "school")]),
    ("荣昌区昌元小学校组织学生参观。", [("荣昌区昌元小学校", "school")]),
    ("重庆市荣昌中学校学生在比赛中获奖。", [("重庆市荣昌中学校", "school")]),
    ("重庆市第一中学校、重庆市育才中学参加。", [("重庆市第一中学校", "school"), ("重庆市育才中学", "school")]),
    ("荣昌区委党校举办培训班。", [("荣昌区委党校", "school")]),
    ("郑州市第八中学、金水区实验小学等12所学校作了交流发言。", [("郑州市第八中学", "school"), ("金水区实验小学", "school")]),
    ("重庆工商大学派斯学院荣昌分校开学。", [("重庆工商大学派斯学院荣昌分校", "school")]),
    ("重庆三峡学院与万州区政府签约。", [("重庆三峡学院", "school"), ("万州区政府", "government")]),
]

GOVERNMENT = [
    ("在荣昌区政协和内江市政协携手共建的协商室内。", [("荣昌区政协", "government"), ("内江市政协", "government")]),
    ("在示范园区,与隆昌市政协共同建立委员工作室。", [("隆昌市政协", "government")]),
    ("携手内江、隆昌市政协,开展联合协商。", [("隆昌市政协", "government")]),
    ("图片由万盛经开区教育局提供", [("万盛经开区教育局", "government")]),
    ("重庆市綦江区教育委员会印发通知。", [("重庆市綦江区教育委员会", "government")]),
    ("重庆市教育委员会公布名单。", [("重庆市教育委员会", "government")]),
    ("广东省教育厅发布通知。", [("广东省教育厅", "government")]),
    ("扬州市发展改革委会同有关部门出台办法。", [("扬州市发展改革委", "government")]),  # 改|革委会|同: 会同 ends it
    ("湖北省文化和旅游厅公布名单。", [("湖北省文化和旅游厅", "government")]),  # 和 inside the suffix
    ("泉州市文化广电和旅游局发布通知。", [("泉州市文化广电和旅游局", "government")]),
    ("宜宾市卫生健康局组织义诊。", [("宜宾市卫生健康局", "government")]),
    ("政协长沙县第九届委员会第二次会议开幕。", [("政协长沙县第九届委员会", "other")]),  # 政协 + place + 第九届
    ("荣昌区卫健委联合荣昌区教委开展活动。", [("荣昌区卫健委", "government"), ("荣昌区教委", "government")]),
    ("石柱县中益乡人民政府组织村民参加培训。", [("石柱县中益乡人民政府", "government")]),
    ("安富街道办事处工作人员走访群众。", [("安富街道办事处", "government")]),
    ("普陀村村委会组织召开院坝会。", [("普陀村村委会", "government")]),
    ("重庆市政协副主席王建国一行调研。", [("重庆市政协", "government")]),
    ("浙江省杭州市西湖区教育局局长赵敏表示。", [("浙江省杭州市西湖区教育局", "government")]),
    ("绵阳市教育和体育局副局长刘建军出席。", [("绵阳市教育和体育局", "government")]),
    ("播州区与贵州大学、遵义市农业农村局等单位合作。", [("贵州大学", "school"), ("遵义市农业农村局", "government")]),
    ("在龙坑街道办事处,工作人员为居民办理业务。", [("龙坑街道办事处", "government")]),
    ("教育部办公厅印发通知。", [("教育部", "government")]),
    ("全国政协召开双周协商座谈会。", [("全国政协", "government")]),
    ("荣昌区住建局联合区商务局开展检查。", [("荣昌区住建局", "government")]),  # 区商务局 is a bare reference
    ("江西省科技厅公布名单。", [("江西省科技厅", "government")]),  # the short form of 科学技术厅
    # A rare place the segmenter cut: 者|卡乡 (a known two-character place after a lone character),
    # 者|坝|乡 (characters before a lone 乡).
    ("来源:荣岚县融媒体中心", [("荣岚县融媒体中心", "other")]),
    ("在者卡乡中心小学上课。", [("者卡乡中心小学", "school")]),
    ("在者坝乡中心小学上课。", [("者坝乡中心小学", "school")]),
    ("赴岚县教育局调研。", [("岚县教育局", "government")]),  # a verb before the place is no part of it
    ("全市以米川县第一中学为龙头。", [("米川县第一中学", "school")]),  # 以米川县: the 以 glued to the place
    ("据鹤川市统计局测算。", [("鹤川市统计局", "government")]),  # 据鹤川市
    ("据雁岭市统计局测算。", [("雁岭市统计局", "government")]),  # 据雁岭|市
    ("记者从雁岭市文化广电和旅游局获悉。", [("雁岭市文化广电和旅游局", "government")]),
    ("向阳区教育局组织培训。", [("向阳区教育局", "government")]),  # 向 is the place's own here
    # 农村|局与市: a preposition glued to the end of a name ends it, and starts no name.
    ("湖岭市农业农村局与市文化广电和旅游局联合发文。", [("湖岭市农业农村局", "government")]),
    # A conjunction between two words of one name, after a named body.
    ("湖州市政协社会和法制委员会组织调研。", [("湖州市政协社会和法制委员会", "other")]),
    ("重庆市文化和旅游发展委员会发布通知。", [("重庆市文化和旅游发展委员会", "other")]),
    ("荣昌区人民政府和企业协会共同主办。", [("荣昌区人民政府", "government")]),  # it joins no two names
    ("璧山区农技推广中心专家来到田间。", [("璧山区农技推广中心", "other")]),
    # National ministries and commissions are full names by themselves.
    ("企业入选工业和信息化部专精特新企业名单。", [("工业和信息化部", "government")]),
    ("园区被科技部评为先进园区。", [("科技部", "government")]),
    ("医院入选国家卫生健康委试点名单。", [("国家卫生健康委", "government")]),
    ("荣获国务院颁发的奖状。", [("国务院", "government")]),  # 荣获 never starts a name
    ("荣昌区政协认真落实市政协关于建立协商平台的实施意见。", [("荣昌区政协", "government")]),
    # Any bureau of a named place, listed or not: a place, then its field, then 局.
    ("项目由鹤岭市文物局批准开工。", [("鹤岭市文物局", "government")]),
    ("湖北省地震局专家到场。", [("湖北省地震局", "government")]),
    ("弥川县海洋与渔业局开展巡查。", [("弥川县海洋与渔业局", "government")]),
    ("项目报国家文物局备案。", [("国家文物局", "government")]),  # a national bureau is a full name
    ("2018年原国家海洋局并入新部门。", [("国家海洋局", "government")]),
    # 和县 after a bureau: 和 joins a second, bare 县财政局; the county 和县 itself still names.
    ("弥川县教育局和县财政局联合发文。", [("弥川县教育局", "government")]),
    ("安徽省和县第一中学开学。", [("安徽省和县第一中学", "school")]),
]

PARTY_COURT_COMPANY_ASSOCIATION_OTHER = [
    ("新华村党支部领办种植专业合作社。", [("新华村党支部", "party")]),
    ("镇里引进浙江悠然茶叶科技有限公司。", [("浙江悠然茶叶科技有限公司", "company")]),  # 悠然 z: a brand word
    ("患者转诊至福建省立医院治疗。", [("福建省立医院", "other")]),  # 福建|省立医院
    ("郴州市中医医院专家坐诊。", [("郴州市中医医院", "other")]),
    ("咸阳市非遗保护中心组织展演。", [("咸阳市非遗保护中心", "other")]),  # 非|遗 (h, n) or 非遗 (vg)
    ("荣昌区委宣传部开展活动。", [("荣昌区委宣传部", "party")]),
    ("中共重庆市委组织部召开会议。", [("中共重庆市委组织部", "party")]),
    ("民盟荣昌区委组织盟员开展调研。", [("民盟荣昌区委", "party")]),
    ("民进湖州市委会开展调研。", [("民进湖州市委会", "party")]),  # a party's committee: 市委会
    ("荣昌区委会同区政府研究部署。", [("荣昌区委", "party")]),  # 会同 is a verb
    ("与金川有色矿业集团控股有限公司共建。", [("金川有色矿业集团控股有限公司", "company")]),  # 控股 (v) is a trade
    ("共青团荣昌区委开展志愿服务。", [("共青团荣昌区委", "party")]),
    ("新华社记者报道。", [("新华社", "other")]),
    ("据重庆日报报道。", [("重庆日报", "other")]),
    ("金水区公安分局民警走进校园。", [("金水区公安分局", "government")]),
    ("荣昌区工商联组织企业家座谈。", [("荣昌区工商联", "association")]),
    ("重庆市荣昌区峰高街道党工委书记李华表示。", [("重庆市荣昌区峰高街道党工委", "party")]),
    ("万州区第二高级中学党委开展主题教育。", [("万州区第二高级中学党委", "party")]),
    ("学校报送的作品被收录进重庆市高级人民法院宣传手册。", [("重庆市高级人民法院", "court")]),
    ("重庆市江北区人民法院法官走进校园。", [("重庆市江北区人民法院", "court")]),
    ("此外,金水区人民法院、区公安分局联合开展活动。", [("金水区人民法院", "court")]),
    ("重庆市荣昌区人民检察院检察官讲授法治课。", [("重庆市荣昌区人民检察院", "court")]),
    ("案例被最高人民检察院评为典型案例。", [("最高人民检察院", "court")]),
    ("该院塘山人民法庭庭长李明说。", [("塘山人民法庭", "court")]),
    ("重庆长安汽车股份有限公司与学校共建。", [("重庆长安汽车股份有限公司", "company")]),
    ("华为技术有限公司在当地设立研发中心。", [("华为技术有限公司", "company")]),
    # A trade the tagger reads as a verb (种植) stands inside the name.
    ("邓州市绿源种植专业合作社带动农户增收。", [("邓州市绿源种植专业合作社", "company")]),
    # A rare name the tagger cuts into characters and tags at random (璧 v for jieba, zg for rjieba).
    ("走进成都璧晟电子有限公司。", [("成都璧晟电子有限公司", "company")]),
    ("走进江苏璧琰医药有限公司。", [("江苏璧琰医药有限公司", "company")]),
    # Common words before the place are no part of a company's name.
    ("质检员检测电芯重庆华瑞精密机械有限公司的产品。", [("重庆华瑞精密机械有限公司", "company")]),
    ("重庆农村商业银行荣昌支行为企业提供贷款。", [("重庆农村商业银行荣昌支行", "company")]),
    ("中国工商银行重庆分行开展金融知识进校园。", [("中国工商银行重庆分行", "company")]),
    ("国家电网重庆市电力公司员工走进社区。", [("国家电网重庆市电力公司", "company")]),
    ("同时成立眼镜产业协会,完善规划。", [("眼镜产业协会", "association")]),
    ("近年来眼镜产业协会发挥作用。", [("眼镜产业协会", "association")]),
    ("重庆市眼镜行业协会会长张明表示。", [("重庆市眼镜行业协会", "association")]),
    ("荣昌区慈善会为困难学生捐款。", [("荣昌区慈善会", "association")]),
    ("荣昌区妇联与区总工会联合举办活动。", [("荣昌区妇联", "association")]),
    ("巫溪县人民医院院长李强介绍。", [("巫溪县人民医院", "other")]),
    (
        "重庆医科大学附属第一医院专家到荣昌区人民医院开展义诊。",
        [("重庆医科大学附属第一医院", "other"), ("荣昌区人民医院", "other")],
    ),
    ("荣昌区疾控中心工作人员进校园。", [("荣昌区疾控中心", "other")]),
    ("双河街道社区卫生服务中心开展义诊。", [("双河街道社区卫生服务中心", "other")]),
    ("重庆市教育科学研究院发布报告。", [("重庆市教育科学研究院", "other")]),
    ("荣昌区青少年活动中心举办夏令营。", [("荣昌区青少年活动中心", "other")]),
    ("遵义医科大学附属医院专家来校。", [("遵义医科大学附属医院", "other")]),
    ("松江宾馆总经理表示。", [("松江宾馆", "company")]),
    ("成都市知识产权保护中心开展培训。", [("成都市知识产权保护中心", "other")]),
    # A place in brackets inside the name, in half- or full-width brackets.
    ("中国(湖州)知识产权保护中心揭牌。", [("中国(湖州)知识产权保护中心", "other")]),
    ("中国（湖州）知识产权保护中心揭牌。", [("中国（湖州）知识产权保护中心", "other")]),
    ("青山小学教师王芳说。", [("青山小学", "school")]),  # 小学教师 in one word: a teacher of the school
    ("企业获得宜州农商银行授信。", [("宜州农商银行", "company")]),  # 获得 a loan is no honour
    # A body that 入选 a designation: the designation (a place and the same suffix) is no body.
    ("重庆钒钛新材料实验室入选第三批重庆市实验室。", [("重庆钒钛新材料实验室", "other")]),
    # Heritage workshops and field stations of a named place.
    ("游客走进晋源剪纸传习所体验。", [("晋源剪纸传习所", "other")]),
    ("鹤岭湿地保护站工作人员巡护。", [("鹤岭湿地保护站", "other")]),
]

NOT_ORGANIZATIONS = [
    "由村党支部领办土地股份合作社。",  # 领办 (tagged n) ends a name: 党支部 is no part of the cooperative's
    "区委、区政府召开眼镜产业园发展专题会进行研究。",  # bare references
    "由区委书记担任组长,明确一名区委常委牵头负责。",
    "在全区教育系统开展主题活动100余场次。",
    "荣昌区安富街道普陀村的农家小院。",  # places
    "荣昌区与内江市签订协议。",
    "以点带面推进清廉学校创建。",  # designations
    "该校先后获评重庆市文明校园、绿色学校、零犯罪学校等称号。",
    "入选重庆市义务教育学校评价改革试点区。",
    "7所幼儿园入选市首批保教质量保障体系研究试点园。",
    "全区中小学教育集团按照组织联建一体化要求。",
    "在学校团委副书记向孝学看来。",
    "荣昌区与毗邻地区政协每年召开联席会议。",
    "鼓励各类社会组织和行业协会参与。",
    "让孩子们学会感恩。",
    "地方政府加大投入。",
    "学术委员会、家长委员会发挥作用。",
    "各区县教育行政部门、各中小学校要高度重视。",
    "在市内多所职业学校推广运用。",
    "该中学与当地企业合作。",
    "学校获评全国中小学优秀传统文化传承学校。",
    "村集体经济合作社分红。",
    "校团委组织活动。",
    "中共党员要发挥先锋模范作用。",  # 中共 in 中共党员 names no body
    "教师荣获全国优秀共青团干部称号。",
    "中学生积极参与志愿服务。",
    "新时代文明实践中心开展活动。",
    "据了解,金水区今年新建改扩建中小学校8所。",  # 中小学校 is no 中 + 小学校
    "该校是重庆市重点中学。",  # designations written with a place are no names
    "荣获重庆市示范幼儿园称号。",
    "被评为重庆市一级幼儿园。",
    "入选重庆市德育示范学校。",
    "学校被评为全国中小学校园足球特色学校。",
    "党委书记、校长陶庆明表示。",  # 党委书记 is a post, not a named committee
    "召开专题协商会。",  # a meeting: 商会 inside 协商会 is no suffix
    "提案办理协商会在社区举行。",
    "作品荣获小学组一等奖。",  # 荣获 (tagged nr) starts no name
    "学校成功申报省级高水平中等职业学校。",  # a designation
    "中试基地入选江苏省工程研究中心。",
    "扩大普惠性幼儿园覆盖面。",
    "第九届浙江省高等学校科研成果奖揭晓。",  # 高等学校 is a kind of school, not one
    "为建设美丽家乡贡献政协智慧。",  # 贡献 (tagged n) is a verb
    "研究员扎根实验室多年。",
    "学校和家长委员会共同商议。",  # a conjunction with no named body before it
    "在(安徽)实验学校任教。",  # a place in brackets starts no name
    "全县形成发展新格局,开好新局。",  # 局 inside a word names no bureau
    "市局领导到县局调研。",  # a bare bureau with no place name
    "湿地保护站站长说。",  # a station with no name before it
]

ROWS = SCHOOLS + GOVERNMENT + PARTY_COURT_COMPANY_ASSOCIATION_OTHER + [(text, []) for text in NOT_ORGANIZATIONS]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("sentence", "expected"), ROWS, ids=[row[0][:14] for row in ROWS])
def test_organizations_of_a_sentence(sentence: str, expected: list[tuple[str, str]], backend: str) -> None:
    assert [(org.text, org.kind) for org in _organizations(sentence, backend)] == expected


def test_the_tables_cover_every_kind_and_enough_rows() -> None:
    kinds = {kind for _, expected in ROWS for _, kind in expected}
    assert kinds == {"school", "government", "party", "court", "company", "association", "other"}
    assert len(ROWS) >= 60


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("重庆市黔江民族中学校创新模式。黔江民族中学高度重视思政课。", "黔江民族中学", "重庆市黔江民族中学校"),
        ("万盛经开区职教中心办学。万盛职教中心被遴选。", "万盛职教中心", None),  # not written inside: no alias
        ("黔江民族中学高度重视。重庆市黔江民族中学校全面贯彻方针。", "黔江民族中学", "重庆市黔江民族中学校"),
        # Two longer names hold the short form: the longest is the full name, read first or not.
        (
            "黔江民族中学校创新模式。重庆市黔江民族中学校全面贯彻方针。黔江民族中学高度重视。",
            "黔江民族中学",
            "重庆市黔江民族中学校",
        ),
    ],
)
def test_a_short_form_points_to_the_full_name(text: str, short: str, full: str | None) -> None:
    by_text = {org.text: org for org in _organizations(text)}
    assert by_text[short].alias_of == full
    if full:
        assert by_text[full].alias_of is None


def test_each_surface_form_is_one_item_with_every_mention() -> None:
    text = "荣昌区政协认真落实。荣昌区政协有关负责人介绍,荣昌区政协积极协商。"
    (org,) = _organizations(text)
    assert org.text == "荣昌区政协"
    assert [(m.start, m.end) for m in org.mentions] == [(0, 5), (10, 15), (23, 28)]
    assert all(text[m.start : m.end] == org.text for m in org.mentions)


def test_rule_names_the_suffix_requirement() -> None:
    rules = {org.text: org.rule for org in _organizations("荣昌区政协和新华小学、眼镜产业协会共建。")}
    assert rules == {
        "荣昌区政协": "organization.suffix.place",
        "新华小学": "organization.suffix.name",
        "眼镜产业协会": "organization.suffix.any",
    }


def test_a_user_suffix_adds_a_kind_of_organization(tmp_path) -> None:
    sentence = "荣昌区图书室开放。"
    assert _organizations(sentence) == []
    (tmp_path / "org_suffixes.tsv").write_text("word\tkind\tprefix\n图书室\tother\tplace\n", encoding="utf-8")
    lexicon = load_lexicon(tmp_path)
    segmented = segment_text(sentence, get_segmenter("rjieba", lexicon))
    found = find_organizations(segmented, ExtractContext(lexicon))
    assert [(org.text, org.kind) for org in found] == [("荣昌区图书室", "other")]


# Links: an award's recipient that is an organization or a person found in the article.

REFERENCES = [
    ("万盛小学", ["万盛小学"], "万盛小学"),
    ("重庆市第一〇四中学、和平小学", ["和平小学", "重庆市第一〇四中学"], "重庆市第一〇四中学"),
    ("重庆市黔江民族中学校", ["黔江民族中学", "重庆市黔江民族中学校"], "重庆市黔江民族中学校"),
    ("新华小学等7所学校", ["新华小学"], "新华小学"),
    ("万盛职教中心", ["万盛经开区职教中心"], "万盛经开区职教中心"),
    ("学生秦梅梅的美术作品", ["秦梅梅"], "秦梅梅"),
    ("7所学校", ["新华小学"], None),
    ("黔江民族中学", ["重庆市黔江民族中学校"], "重庆市黔江民族中学校"),
    ("万盛经开区", ["万盛经开区教师进修校"], None),  # a place is no short form of a body
    ("学校", ["万盛小学"], None),
    ("教师", ["陶庆明"], None),
]


@pytest.mark.parametrize(("recipient", "names", "expected"), REFERENCES)
def test_find_reference(recipient: str, names: list[str], expected: str | None) -> None:
    assert find_reference(recipient, sorted(names, key=len, reverse=True)) == expected


def test_link_items_sets_recipient_ref_on_awards_only() -> None:
    org = Organization(text="万盛职教中心", start=0, end=6, sentence="", rule="r", kind="school")
    person = Person(text="秦梅梅", start=10, end=13, sentence="", rule="r")
    awards = [
        Award(text="示范校", start=20, end=23, sentence="", rule="r", name="示范校", recipient="万盛职教中心"),
        Award(text="优秀作品", start=30, end=34, sentence="", rule="r", name="优秀作品", recipient="学生秦梅梅"),
        Award(text="三等奖", start=40, end=43, sentence="", rule="r", name="三等奖", recipient="1名学生"),
        Award(text="二等奖", start=50, end=53, sentence="", rule="r", name="二等奖", recipient=None),
    ]
    linked = link_items({"awards": awards, "organizations": [org], "people": [person]})
    assert [award.recipient_ref for award in linked["awards"]] == ["万盛职教中心", "秦梅梅", None, None]
    assert linked["organizations"] == [org] and linked["people"] == [person]


# Properties: whatever the text, the extractor does not raise and its offsets slice the text.

_ALPHABET = "万盛荣昌区市县镇村重庆黔江民族第四十九〇一中小学校政协委员会教育局人民法院协会公司有限集团医院党委书记、，。与和在由等7所“”《》\n "


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60) | st.text(max_size=40))
def test_offsets_slice_the_text_and_nothing_raises(text: str) -> None:
    organizations = _organizations(text)
    for org in organizations:
        assert text[org.start : org.end] == org.text
        assert org.mentions and all(text[m.start : m.end] == org.text for m in org.mentions)
    names = [org.text for org in organizations]
    assert len(names) == len(set(names))
    Article(title="t", text=text, organizations=organizations)  # the output validates
