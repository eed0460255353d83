"""Awards: one row per behaviour, sentence -> expected awards (name and the fields the row checks).

Every row runs on both segmenter backends. A field left as ANY is not checked by that row.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract import ExtractContext
import re

from extractor.extract._spans import ClauseIndex, QuoteIndex, strip_quote_marks
from extractor.extract.awards import find_awards
from extractor.lexicon import load_lexicon
from extractor.models import Award
from extractor.segment import SEGMENTERS, get_segmenter, segment_text

ANY: Any = object()


class A(NamedTuple):
    name: str
    recipient: Any = ANY
    level: Any = ANY
    rank: Any = ANY
    contest: Any = ANY
    date: Any = ANY


def awards_of(sentence: str, backend: str, title: str = "", lexicon_dir: str | None = None) -> list[Award]:
    lexicon = load_lexicon(lexicon_dir)
    segmented = segment_text(sentence, get_segmenter(backend, lexicon))
    return find_awards(segmented, ExtractContext(lexicon, title=title))


TABLE: list[tuple[str, list[A]]] = [
    # ---- triggers read as words
    ("《小小少年》获评论二等奖。", [A("评论二等奖", rank="二等奖")]),
    ("学校获评全国文明校园。", [A("全国文明校园", recipient="学校", level="national")]),
    ("学校获评为全国先进集体。", [A("全国先进集体", recipient="学校")]),
    ("该校并获得全国文明校园称号。", [A("全国文明校园", recipient="该校")]),
    ("光荣获得一等奖。", [A("一等奖", rank="一等奖")]),
    ("他获得了一等奖。", [A("一等奖", recipient="他")]),
    ("多名学生获奖。", []),
    ("其中一等奖5名、二等奖4名,获奖总数位居全省第二。", []),
    ("获悉,该项目已开工。", []),
    ("居民获得感明显增强。", []),
    ("获得群众一致好评。", []),
    ("获得了广大群众的认可。", []),
    ("获得国家发明专利3项。", []),
    ("获批专项资金500万元。", []),
    ("教师获市级以上奖励表彰200余人次。", []),
    ("该校连续第三年获此殊荣。", []),
    # ---- wrappers, quotes, stops
    ("我市荣获“全国文明城市”称号。", [A("全国文明城市", recipient="我市", level="national")]),
    ("19所学校被授予“党建品牌特色学校”称号。", [A("党建品牌特色学校", recipient="19所学校")]),
    ("他被授予“全国劳动模范”荣誉称号。", [A("全国劳动模范", recipient="他")]),
    ("获得全国脱贫攻坚先进集体荣誉称号。", [A("全国脱贫攻坚先进集体")]),
    ("该企业入选国家级“专精特新”小巨人企业名单。", [A("国家级专精特新小巨人企业", recipient="该企业", level="national")]),
    ("张家村成功入选第三批全国乡村治理示范村名单。", [A("第三批全国乡村治理示范村", recipient="张家村")]),
    ("荣获全国文明单位并受到表彰。", [A("全国文明单位")]),
    ("荣获省级“五四红旗团委”称号。", [A("省级五四红旗团委", level="provincial")]),
    ("荣膺“中国驰名商标”。", [A("中国驰名商标", level="national")]),
    ("万盛小学荣获“重庆市基础教育校本教研示范校”称号。", [A("重庆市基础教育校本教研示范校", recipient="万盛小学")]),
    ("市政府授予张三“荣誉市民”称号。", [A("荣誉市民", recipient="张三")]),
    (
        "万盛职教中心成功入选“重庆市中小幼党建品牌项目验收工作”培育创新和质量创优工作”培育创新单位。",
        [A("重庆市中小幼党建品牌项目验收工作培育创新和质量创优工作培育创新单位", recipient="万盛职教中心")],
    ),
    ("该课程入选教育部公布的首批国家级一流本科课程。", [A("首批国家级一流本科课程", recipient="该课程")]),
    ("荣获国务院颁发的全国民族团结进步模范集体。", [A("全国民族团结进步模范集体", level="national")]),
    ("荣获2023年度“最美基层医生”称号的李华说。", [A("2023年度最美基层医生", date="2023")]),
    ("获得了长足发展。", []),
    ("入选作品将在市博物馆展出。", []),
    ("该片获最佳影片。", [A("最佳影片", recipient="该片")]),
    ("他获得十佳教师。", [A("十佳教师", recipient="他")]),
    ("获得优秀成绩。", []),
    ("获得高度评价。", []),
    ("该队荣获冠军。", [A("冠军", recipient="该队", rank="冠军")]),
    ("他获评标兵。", [A("标兵", recipient="他")]),
    ("该校获市委市政府表彰。", []),
    ("他获得省级以上奖励10余项。", []),
    ("荣获全国文明单位等表彰。", [A("全国文明单位")]),
    ("学校被授予“重庆市中小学劳动教育特色学校”牌匾。", [A("重庆市中小学劳动教育特色学校", recipient="学校")]),
    ("该园区获批建设国家级农业科技园区。", [A("国家级农业科技园区", recipient="该园区", level="national")]),
    ("该项目荣获建设工程鲁班奖。", [A("建设工程鲁班奖")]),
    ("他捧回“全国五一劳动奖状”。", [A("全国五一劳动奖状", recipient="他")]),
    ("景区获评国家AAAA级旅游景区。", [A("国家AAAA级旅游景区", level="national")]),
    ("形成调研报告16篇,其中4篇获县委、县政府主要领导批示。", []),
    ("在陕西省文化和旅游厅2023年12月公布的名单中,宝鸡市有3家单位入选省级夜间文化和旅游消费集聚区。", [A("省级夜间文化和旅游消费集聚区", recipient="宝鸡市有3家单位", contest=None, date="2023-12")]),
    ("认定市级学科带头人一百二十名。", [A("市级学科带头人", recipient="一百二十名")]),
    ("获得显著成效。", []),
    # ---- passive with the conferring body
    ("他被中共中央、国务院授予“全国脱贫攻坚先进个人”称号。", [A("全国脱贫攻坚先进个人", recipient="他")]),
    ("该案例被最高人民法院评为指导性案例。", [A("指导性案例", recipient="该案例")]),
    ("江北区被评为省级示范区。", [A("省级示范区", recipient="江北区", level="provincial")]),
    ("该院被国家卫生健康委员会评为全国改善医疗服务示范医院。", [A("全国改善医疗服务示范医院", recipient="该院")]),
    ("合作社被农业农村部认定为国家农民合作社示范社。", [A("国家农民合作社示范社", recipient="合作社", level="national")]),
    ("学校被教育部认定为全国急救教育试点学校。", [A("全国急救教育试点学校", recipient="学校")]),
    ("该县被列入国家乡村振兴重点帮扶县。", [A("国家乡村振兴重点帮扶县", recipient="该县")]),
    ("8所学校被纳入信息技术支撑学生综合素质评价国家级试点校。", [A("信息技术支撑学生综合素质评价国家级试点校", recipient="8所学校", level="national")]),
    ("1名教师被遴选为国赛备赛选手。", [A("国赛备赛选手", recipient="1名教师", level="national")]),
    ("我县被列为全省乡村振兴示范县。", [A("全省乡村振兴示范县", recipient="我县", level="provincial")]),
    ("将该路段命名为迎宾大道。", []),
    ("这些问题被纳入考核。", []),
    # ---- lists
    ("该校先后获评重庆市文明校园、绿色学校、零犯罪学校等称号。", [A("重庆市文明校园", recipient="该校"), A("绿色学校", recipient="该校"), A("零犯罪学校", recipient="该校")]),
    ("教师荣获“全国优秀共青团干部”、“重庆市教书育人楷模”等市级以上荣誉20余项。", [A("全国优秀共青团干部", recipient="教师"), A("重庆市教书育人楷模", recipient="教师")]),
    ("她先后荣获全国三八红旗手、全国五一劳动奖章等荣誉。", [A("全国三八红旗手", recipient="她"), A("全国五一劳动奖章", recipient="她")]),
    ("该村先后获得全国文明村、全国乡村治理示范村、国家森林乡村等荣誉称号。", [A("全国文明村"), A("全国乡村治理示范村"), A("国家森林乡村")]),
    ("他荣获全国五一劳动奖章和全国优秀共产党员称号。", [A("全国五一劳动奖章"), A("全国优秀共产党员")]),
    ("获得全市优质中学校和优质专业建设项目中期绩效等级评价优秀等级。", [A("全市优质中学校和优质专业建设项目中期绩效等级评价优秀等级", rank="优秀")]),
    ("他获评“最美乡村教师”,她获评“最美医生”。", [A("最美乡村教师", recipient="他"), A("最美医生", recipient="她")]),
    ("学校思政课教师先后获得重庆市高中思政课优质课比赛二等奖,重庆市高中政治论文大赛一等奖等奖项。", [A("重庆市高中思政课优质课比赛二等奖", recipient="学校思政课教师"), A("重庆市高中政治论文大赛一等奖", recipient="学校思政课教师", rank="一等奖", contest="重庆市高中政治论文大赛")]),
    ("入选重庆市义务教育学校评价改革试点区、德育评价改革试点区。", [A("重庆市义务教育学校评价改革试点区"), A("德育评价改革试点区")]),
    # ---- ranks and contests
    ("1名学生在全国职业院校技能大赛中获三等奖,实现历史性突破。", [A("三等奖", recipient="1名学生", rank="三等奖", contest="全国职业院校技能大赛", level="national")]),
    ("2名学生在全国“中华魂”(中华好家风)活动中获二、三等奖。", [A("二、三等奖", recipient="2名学生", rank="二等奖、三等奖", level="national")]),
    ("获二、三等奖及市特等奖、一等奖。", [A("二、三等奖"), A("市特等奖", rank="特等奖"), A("一等奖", rank="一等奖")]),
    ("荣获一等奖1项、二等奖3项。", [A("一等奖"), A("二等奖")]),
    ("在江苏省中小学青年教师基本功大赛中,9名教师全部获奖,其中一等奖5名、二等奖4名。", [A("一等奖", recipient="5名", contest="江苏省中小学青年教师基本功大赛", level="provincial"), A("二等奖", recipient="4名")]),
    ("学生在全市中小学运动会上共获奖20项,其中金奖5项。", [A("金奖", contest="全市中小学运动会")]),
    ("本次大赛设一等奖5名、二等奖10名。", []),
    ("学生分别获得一、二、三等奖。", [A("一、二、三等奖", rank="一等奖、二等奖、三等奖")]),
    ("学生获得金、银奖各1项。", [A("金、银奖", rank="金奖、银奖")]),
    ("他荣立个人三等功。", [A("个人三等功", rank="三等功")]),
    ("该村上榜第二批全国乡村旅游重点村名单。", [A("第二批全国乡村旅游重点村", recipient="该村")]),
    ("学校再获全国文明校园称号。", [A("全国文明校园", recipient="学校")]),
    ("获得银奖2项、铜奖5项。", [A("银奖", rank="银奖"), A("铜奖", rank="铜奖")]),
    ("学校代表队获得第十届全国大学生创新创业大赛金奖。", [A("第十届全国大学生创新创业大赛金奖", rank="金奖", contest="第十届全国大学生创新创业大赛")]),
    ("我省选手在第46届世界技能大赛中摘得金牌。", [A("金牌", rank="金牌", contest="第46届世界技能大赛", level="international")]),
    ("在第46届世界技能大赛中,我省选手勇夺3枚金牌。", [A("金牌", recipient="我省选手", contest="第46届世界技能大赛")]),
    ("在全省中小学生运动会上获得团体第一名。", [A("团体第一名", rank="第一名", contest="全省中小学生运动会", level="provincial")]),
    ("该项目荣获国家科学技术进步奖二等奖。", [A("国家科学技术进步奖二等奖", recipient="该项目", rank="二等奖")]),
    ("学生作品《家乡的变化》在全国青少年科技创新大赛中获一等奖。", [A("一等奖", recipient="学生作品《家乡的变化》")]),
    ("荣获第一批重庆市深化新时代教育评价改革典型案例评选优秀组织奖。", [A("第一批重庆市深化新时代教育评价改革典型案例评选优秀组织奖", rank=None, contest="第一批重庆市深化新时代教育评价改革典型案例评选")]),
    ("万盛经开区教师进修校荣获国家级教学成果二等奖。", [A("国家级教学成果二等奖", recipient="万盛经开区教师进修校", rank="二等奖", contest=None)]),
    # ---- levels
    ("学校获评全国中小学优秀传统文化传承学校(西兰卡普)。", [A("全国中小学优秀传统文化传承学校(西兰卡普)", level="national")]),
    ("7所学校入选市首批中小学教师评价试点学校。", [A("市首批中小学教师评价试点学校", recipient="7所学校", level="municipal")]),
    ("重庆7所学校入选市首批中小学教师评价试点学校。", [A("市首批中小学教师评价试点学校", level="provincial")]),
    ("2名学生入选云计算赛项市级集训队。", [A("云计算赛项市级集训队", recipient="2名学生", level="municipal")]),
    ("医院与北京天坛医院合作,与山东省立医院组建联盟,重症医学科入选菏泽市重点专科。", [A("菏泽市重点专科", level="municipal")]),
    ("重庆市教委公布名单,2名学生入选云计算赛项市级集训队。", [A("云计算赛项市级集训队", level="provincial")]),
    ("公司获评“浙江省绿色工厂”。", [A("浙江省绿色工厂", level="provincial")]),
    ("毕节市被生态环境部命名为第七批国家生态文明建设示范区。", [A("第七批国家生态文明建设示范区", recipient="毕节市", level="national")]),
    ("我校3名教师被评为区级骨干教师。", [A("区级骨干教师", level="district")]),
    ("他被推选为区人大代表。", [A("区人大代表", level="district")]),
    ("该校田径队荣获团体总分第一名。", [A("团体总分第一名", level=None)]),
    ("3名教师在“一带一路暨金砖国家技能发展与技术创新大赛”竞赛中获二等奖。", [A("二等奖", level=None)]),
    # ---- active triggers: the conferring body is the subject
    ("认定第三批区级骨干教师139人。", [A("第三批区级骨干教师", recipient="139人", level="district")]),
    ("深化党建品牌建设,命名19个党建品牌特色学校。", [A("党建品牌特色学校")]),
    ("教育部认定首批国家级一流本科课程。", [A("首批国家级一流本科课程")]),
    ("高新技术企业认定工作正在进行。", []),
    # ---- designations only counted, built or created
    ("国家级特色学校增至17所。", []),
    ("建成国家级科技工作室2个、市级名校长工作室1个。", []),
    ("成功结项2020年普通高中精品选修课《律动的黔江号子》。", []),
    # ---- recipients and dates
    ("2022年8月,万盛职教中心被遴选为全市首批中小学校党建“双创”培育创建单位。", [A("全市首批中小学校党建双创培育创建单位", recipient="万盛职教中心", date="2022-08")]),
    ("6名学生在2023年“巴渝工匠”杯5G网络建设与优化比赛中获二、三等奖。", [A("二、三等奖", recipient="6名学生", date="2023")]),
    ("学校荣获2023年度全国青少年校园足球特色学校。", [A("2023年度全国青少年校园足球特色学校", date="2023")]),
    ("2012年被列入第一批中国传统村落名录,2019年获评广东省文化和旅游特色村。", [A("第一批中国传统村落", date="2012"), A("广东省文化和旅游特色村", date="2019")]),
    ("近年来,学校获评全国文明校园,成功结项2020年普通高中精品选修课。", [A("全国文明校园", recipient="学校", date=None)]),
    ("◎万盛经开区教师进修校荣获国家级教学成果二等奖;", [A("国家级教学成果二等奖", recipient="万盛经开区教师进修校")]),
    ("新华小学等7所学校入选首批中小学教师评价试点学校。", [A("首批中小学教师评价试点学校", recipient="新华小学等7所学校")]),
    ("重庆市第一〇四中学、和平小学成功申报“重庆市素质教育质量保障示范校”。", [A("重庆市素质教育质量保障示范校", recipient="重庆市第一〇四中学、和平小学")]),
    ("万盛职教中心成功入选市级示范校,获得全市优质学校评价优秀等级。", [A("市级示范校", recipient="万盛职教中心"), A("全市优质学校评价优秀等级", recipient="万盛职教中心")]),
    ("“双优”中期评价被市委确定为优秀等次。", [A("优秀等次", recipient="“双优”中期评价", rank="优秀")]),
    ("据悉,该社区近年来探索“社区+物业+养老”服务模式,先后获评重庆市美丽宜居社区。", [A("重庆市美丽宜居社区", recipient="该社区")]),
    ("近年来,万盛经开区着力打造先行区,荣获全国文明城区。", [A("全国文明城区", recipient="万盛经开区")]),
    ("黔江民族中学通过灵活多样的方式,获评全国文明校园。", [A("全国文明校园", recipient="黔江民族中学")]),
    ("在第二届全国职业技能大赛上,我市代表团共获得金牌8枚、银牌12枚、优胜奖30个。", [A("金牌", recipient="我市代表团", contest="第二届全国职业技能大赛"), A("银牌"), A("优胜奖", rank="优胜奖")]),
    # ---- money is no honour; 成功创建 wins a title; 之一 is not part of it
    ("学校获得省级专项资金800万元。", []),
    ("该镇获得市级奖补资金50万元。", []),
    ("该市成功创建国家卫生城市。", [A("国家卫生城市", recipient="该市", level="national")]),
    ("该园区被评为全国最具活力园区之一。", [A("全国最具活力园区", recipient="该园区")]),
    # ---- the counted receiver of the next trigger is no list item; 评出 confers; speech ends at its 。
    ("在全省教学成果评选中,该校3项成果获一等奖、4项成果获二等奖。", [A("一等奖", rank="一等奖"), A("二等奖", rank="二等奖")]),
    ("市教育局开展评选活动,评出优秀班主任40名、先进班集体12个。", [A("优秀班主任", recipient="40名"), A("先进班集体", recipient="12个")]),
    ("教师李某说:“去年我还获得了县级优质课二等奖。”大家鼓掌。", [A("县级优质课二等奖", rank="二等奖")]),
    # ---- 认定的 after another trigger says who conferred; alone it designates what follows
    ("该课程入选教育部认定的首批国家级一流本科课程。", [A("首批国家级一流本科课程")]),
    ("会上,市农业农村局为新认定的8家市级示范家庭农场授牌。", [A("市级示范家庭农场")]),
    # ---- a longer honour head wins over a no-honour ending (…技术)
    ("“水稻绿色高产栽培技术”入选全省农业主推技术。", [A("全省农业主推技术")]),
    ("该企业获得先进技术。", []),
    # ---- form after: the honour stands between 为 and the verb; a plain receiver confers none
    ("区领导为第三届“十佳护林员”颁发证书。", [A("第三届十佳护林员", recipient=None)]),
    ("镇政府为首批“美丽庭院”授牌。", [A("首批美丽庭院", recipient=None)]),
    ("市长为12名优秀教师颁发证书。", [A("优秀教师", recipient="12名")]),
    ("会上为全国劳动模范颁发奖章。", [A("全国劳动模范", level="national")]),
    ("区教委为首批市级示范校授牌。", [A("首批市级示范校")]),
    ("校长为获评“优秀班主任”的8名教师颁奖。", [A("优秀班主任", recipient="8名教师")]),
    ("区政府为企业颁发营业执照。", []),
    ("街道为群众颁发证书。", []),
    ("县领导为获奖选手颁奖。", []),
    ("学校为“两新”组织授牌。", []),
    ("公司举行颁奖仪式。", []),
    # ---- a trigger before 的 qualifies a noun: 入选的X, 获得的X confer nothing
    ("该村是全县唯一入选的传统村落。", []),
    ("他把获得的奖金捐给了学校。", []),
    # ---- a bare 入选 enters the list announced earlier in its sentence (公布X名单,Y入选)
    ("教育部公布首批全国中小学劳动教育实验区名单,我区成功入选。", [A("首批全国中小学劳动教育实验区", recipient="我区", level="national")]),
    ("省文旅厅发布第三批省级乡村旅游重点村名单,该村入选。", [A("第三批省级乡村旅游重点村", recipient="该村")]),
    ("省里公布了考试安排,该校入选。", []),
]


@pytest.mark.parametrize("backend", SEGMENTERS)
@pytest.mark.parametrize(("sentence", "expected"), TABLE, ids=[row[0][:24] for row in TABLE])
def test_awards_table(sentence: str, expected: list[A], backend: str) -> None:
    awards = awards_of(sentence, backend)
    assert [award.name for award in awards] == [row.name for row in expected]
    for award, row in zip(awards, expected):
        for field in ("recipient", "level", "rank", "contest", "date"):
            wanted = getattr(row, field)
            if wanted is not ANY:
                assert getattr(award, field) == wanted, f"{award.name}: {field}"
        assert sentence[award.start : award.end] == award.text
        assert strip_quote_marks(award.text) == award.name


@pytest.mark.parametrize(
    ("title", "sentence", "recipient"),
    [
        ("万盛经开区 党建引领促“先行” 教育升级绘“盛景”", "荣获全国义务教育优质均衡发展区。", "万盛经开区"),
        ("万州区 擦亮教育名片", "近年来,荣获全国文明城区。", "万州区"),
        ("我市三所学校获评全国文明校园", "荣获全国文明城区。", None),
        ("万盛经开区 党建引领", "学校荣获全国文明校园,入选市级示范校。", "学校"),
    ],
)
def test_recipient_falls_back_to_the_article_subject(title: str, sentence: str, recipient: str | None) -> None:
    awards = awards_of(sentence, "rjieba", title=title)
    assert awards and all(award.recipient == recipient for award in awards)


def test_rules_name_the_trigger_form() -> None:
    rules = [award.rule for award in awards_of("江北区被评为省级示范区,认定第三批区级骨干教师139人,荣获一等奖、二等奖。", "rjieba")]
    assert rules == ["award.passive", "award.active", "award.trigger.list", "award.trigger.list"]
    assert [award.rule for award in awards_of("区领导为“十佳护林员”颁发证书。", "rjieba")] == ["award.conferred"]


def test_triggers_are_data(tmp_path) -> None:
    (tmp_path / "award_triggers.tsv").write_text("word\tform\tstrength\n-荣膺\n夺魁\tplain\tweak\n", encoding="utf-8")
    assert awards_of("该队荣膺全国冠军。", "rjieba", lexicon_dir=str(tmp_path)) == []
    assert [a.name for a in awards_of("该队夺魁全国冠军赛金奖。", "rjieba", lexicon_dir=str(tmp_path))] == ["全国冠军赛金奖"]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("开展“清风校园,廉洁入心”活动", [(2, 13, "“")]),
        ("打造“红魂铸绿梦,‘三领’争先锋”品牌", [(2, 17, "“"), (9, 13, "‘")]),
        ("《“大思政”视域下的实践研究》", [(0, 15, "《"), (1, 6, "“")]),
        ("入选“重庆市验收工作”培育创新”培育单位", [(2, 11, "“")]),
        ("“未闭合的引号\n下一段“完整”", [(11, 15, "“")]),
        ('他说"好"', [(2, 5, '"')]),
    ],
)
def test_quotes_pair_with_nesting(text: str, spans: list[tuple[int, int, str]]) -> None:
    assert [(q.start, q.end, q.mark) for q in QuoteIndex(text).spans] == spans


def _reference_quotes(text: str) -> list[tuple[int, int, str, int]]:
    """Quotes paired mark by mark with a stack (what QuoteIndex computes faster)."""
    pairs = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "「": "」", "『": "』", '"': '"'}
    closers = {close: open_ for open_, close in pairs.items()}
    spans, stack = [], []
    for match in re.finditer(r'[“”‘’《》〈〉「」『』"\n]', text):
        mark, offset = match.group(), match.start()
        if mark == "\n":
            stack.clear()
        elif mark == '"' and stack and stack[-1][0] == '"':
            spans.append((stack.pop()[1], offset + 1, mark, len(stack)))
        elif mark in pairs:
            stack.append((mark, offset))
        else:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == closers[mark]:
                    spans.append((stack[index][1], offset + 1, closers[mark], index))
                    del stack[index:]
                    break
    return sorted(spans, key=lambda span: (span[0], -span[1]))


_MARKS_AND_BREAKS = st.lists(st.sampled_from(list('“”‘’《》「」"学校,，。、\n')), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKS_AND_BREAKS, st.data())
def test_quotes_and_clauses_match_a_mark_by_mark_reading(text: str, data) -> None:
    quotes = QuoteIndex(text)
    lookups = [quotes.covering(offset) for offset in range(len(text) + 1)]  # paragraph by paragraph
    assert [tuple(span) for span in quotes.spans] == _reference_quotes(text)
    assert lookups == [quotes.covering(offset) for offset in range(len(text) + 1)]  # all at once
    outer = [span for span in _reference_quotes(text) if span[3] == 0]
    breaks = [m.start() for m in re.finditer(r"[，,。．；;！!？?：:…\n]", text)
              if not any(start <= m.start() < end for start, end, _, _ in outer)]
    offset = data.draw(st.integers(0, len(text)))
    start = max([b + 1 for b in breaks if b < offset], default=0)
    end = min([b for b in breaks if b >= offset], default=len(text))
    assert ClauseIndex(text, QuoteIndex(text)).span(offset) == (start, end)


_ALPHABET = st.sampled_from(
    list("荣获获得评为被授予入选纳入命名认定称号名单等奖一二三特金、,，。；“”‘’《》()（）学校全国市级区第批首7所名人")
    + ["获评", "被评为", "荣誉称号", "等称号", "一等奖", "二、三等奖", "在全国大赛中", "\n", " "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_awards_never_raise_and_slice_the_text(text: str) -> None:
    for award in awards_of(text, "rjieba"):
        assert text[award.start : award.end] == award.text
        assert award.name and award.name == strip_quote_marks(award.text)
        Award.model_validate(award.model_dump())
