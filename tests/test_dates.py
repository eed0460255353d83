"""Dates: one table row per written form (input, reference date -> text, value, kind), then the
things that are no dates, the dateline, the lexicon as data, and properties on any input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract import ExtractContext
from extractor.extract.dates import find_dateline, find_dates
from extractor.lexicon import load_lexicon
from extractor.models import DateItem
from extractor.segment import get_segmenter, segment_text

R = "2024-07-09"  # the reference date of the rows that have one (a Tuesday)


def _dates(sentence: str, reference: str | None = None, lexicon=None) -> list[DateItem]:
    lexicon = lexicon or load_lexicon()
    segmented = segment_text(sentence, get_segmenter("jieba", lexicon))
    context = ExtractContext(lexicon, reference_date=date.fromisoformat(reference) if reference else None)
    return find_dates(segmented, context)


ROWS = [
    # --- absolute dates in every written form
    ("2022年8月，万盛职教中心被遴选为试点。", None, "2022年8月", "2022-08", "absolute"),
    ("2023年10月15日举行。", None, "2023年10月15日", "2023-10-15", "absolute"),
    ("发布日期：2024-07-09", None, "2024-07-09", "2024-07-09", "absolute"),
    ("2024/7/9 收到。", None, "2024/7/9", "2024-07-09", "absolute"),
    ("2024.07.09 收到。", None, "2024.07.09", "2024-07-09", "absolute"),
    ("２０２４年７月９日，全市召开会议。", None, "２０２４年７月９日", "2024-07-09", "absolute"),
    ("为期３天。", None, "３天", "P3D", "duration"),
    ("优良天数比例为90%，用时5天。", None, "5天", "P5D", "duration"),
    ("统计截至2024-07。", None, "2024-07", "2024-07", "absolute"),
    ("2023年，学生获奖。", None, "2023年", "2023", "absolute"),
    ("2023年度考核优秀。", None, "2023年度", "2023", "absolute"),
    ("2023学年第一学期", None, "2023学年", "2023", "absolute"),
    ("二〇二二年四月十一日", None, "二〇二二年四月十一日", "2022-04-11", "absolute"),
    ("二零二四年", None, "二零二四年", "2024", "absolute"),
    ("二〇二三年十二月二十五日", None, "二〇二三年十二月二十五日", "2023-12-25", "absolute"),
    ("一九四九年十月一日", None, "一九四九年十月一日", "1949-10-01", "absolute"),
    ("〇八年奥运会", None, "〇八年", "2008", "absolute"),
    ("24年5月开工。", None, "24年5月", "2024-05", "absolute"),
    ("19年5月开工。", None, "19年5月", "2019-05", "absolute"),
    ("24年度预算", None, "24年度", "2024", "absolute"),
    ("于98年建成。", None, "98年", "1998", "absolute"),
    ("08年，学校搬迁。", None, "08年", "2008", "absolute"),
    ("99年，他考入大学。", None, "99年", "1999", "absolute"),
    ("1956年建校。", None, "1956年", "1956", "absolute"),
    ("2024年7月9日14:30开会。", None, "2024年7月9日14:30", "2024-07-09T14:30", "absolute"),
    ("7月9日14时30分，记者看到", R, "7月9日14时30分", "2024-07-09T14:30", "absolute"),
    ("2024年1月1日0时起施行。", None, "2024年1月1日0时", "2024-01-01T00:00", "absolute"),
    ("2024-07-09 14:30 开始", None, "2024-07-09 14:30", "2024-07-09T14:30", "absolute"),
    ("10月1日上午10时举行。", R, "10月1日上午10时", "2024-10-01T10:00", "absolute"),
    ("2024年7月9日（星期二）上午9:00", None, "2024年7月9日（星期二）上午9:00", "2024-07-09T09:00", "absolute"),
    ("2024年7月9日（星期二）", None, "2024年7月9日（星期二）", "2024-07-09", "absolute"),
    ("2024年7月9日 星期二", None, "2024年7月9日 星期二", "2024-07-09", "absolute"),
    ("2020年普通高中精品选修课", None, "2020年", "2020", "absolute"),
    ("6名学生在2023年“一带一路”大赛中获奖", None, "2023年", "2023", "absolute"),
    ("截至2023年底，全市共有学校312所。", None, "2023年底", "2023", "absolute"),
    ("2025年6月底前完工", None, "2025年6月底前", "2025-06", "absolute"),
    ("2023年初启动", None, "2023年初", "2023", "absolute"),
    ("2024年秋季学期起", None, "2024年秋季", "2024", "absolute"),
    ("2018年第三季度", None, "2018年第三季度", "2018-Q3", "absolute"),
    ("2024年第1季度", None, "2024年第1季度", "2024-Q1", "absolute"),
    ("2023年上半年", None, "2023年上半年", "2023-H1", "absolute"),
    ("2022年下半年", None, "2022年下半年", "2022-H2", "absolute"),
    ("2024年春节", None, "2024年春节", "2024-02-10", "absolute"),
    ("3月12日植树节", None, "3月12日植树节", "XXXX-03-12", "absolute"),
    ("上一年度考核", R, "上一年度", "2023", "relative"),
    ("2023年中秋节", None, "2023年中秋节", "2023-09-29", "absolute"),
    ("2023年国庆节", None, "2023年国庆节", "2023-10-01", "absolute"),
    ("2019年的国庆节", None, "2019年的国庆节", "2019-10-01", "absolute"),
    ("2008年8月8日晚8点", None, "2008年8月8日晚8点", "2008-08-08T20:00", "absolute"),
    ("8月8日晚，开幕式举行。", None, "8月8日晚", "XXXX-08-08", "absolute"),
    ("5日晚会上", None, "5日", "XXXX-XX-05", "absolute"),
    ("20世纪80年代", None, "20世纪80年代", "198", "absolute"),
    ("90年代", None, "90年代", "199", "absolute"),
    ("1990年代", None, "1990年代", "199", "absolute"),
    ("21世纪", None, "21世纪", "20", "absolute"),
    # --- month and day without a year: XXXX, or the reference year
    ("1月8日傍晚，小院亮起路灯。", None, "1月8日傍晚", "XXXX-01-08", "absolute"),
    ("1月8日傍晚，小院亮起路灯。", R, "1月8日傍晚", "2024-01-08", "absolute"),
    ("6月18日上午召开会议。", R, "6月18日上午", "2024-06-18", "absolute"),
    ("6月18日上午召开会议。", None, "6月18日上午", "XXXX-06-18", "absolute"),
    ("12月28日举行。", "2024-01-05", "12月28日", "2023-12-28", "absolute"),
    ("3月份完成。", R, "3月份", "2024-03", "absolute"),
    ("三月份完成。", R, "三月份", "2024-03", "absolute"),
    ("十一月完成。", R, "十一月", "2024-11", "absolute"),
    ("7月中旬完成。", None, "7月中旬", "XXXX-07", "absolute"),
    ("3月初启动。", R, "3月初", "2024-03", "absolute"),
    ("15日上午，代表们参观。", R, "15日上午", "2024-07-15", "absolute"),
    ("9日，会议闭幕。", R, "9日", "2024-07-09", "absolute"),
    ("9日，会议闭幕。", None, "9日", "XXXX-XX-09", "absolute"),
    ("5月8日、9日举行。", None, "9日", "XXXX-05-09", "absolute"),
    ("5月8日、9日举行。", None, "5月8日", "XXXX-05-08", "absolute"),
    ("九月一日开学。", None, "九月一日", "XXXX-09-01", "absolute"),
    ("每年的9月10日是教师节。", None, "9月10日", "XXXX-09-10", "absolute"),
    # --- relative expressions, resolved against the reference date
    ("今年以来，全区新建学校5所。", R, "今年", "2024", "relative"),
    ("今年以来，全区新建学校5所。", None, "今年", None, "relative"),
    ("去年，全区新建学校5所。", R, "去年", "2023", "relative"),
    ("前年完工。", R, "前年", "2022", "relative"),
    ("明年完工。", R, "明年", "2025", "relative"),
    ("后年完工。", R, "后年", "2026", "relative"),
    ("本月完工。", R, "本月", "2024-07", "relative"),
    ("上月完工。", R, "上月", "2024-06", "relative"),
    ("上个月完工。", R, "上个月", "2024-06", "relative"),
    ("下月完工。", R, "下月", "2024-08", "relative"),
    ("今天上午开会。", R, "今天上午", "2024-07-09", "relative"),
    ("今天开会。", R, "今天", "2024-07-09", "relative"),
    ("昨日开会。", R, "昨日", "2024-07-08", "relative"),
    ("昨天开会。", R, "昨天", "2024-07-08", "relative"),
    ("前天开会。", R, "前天", "2024-07-07", "relative"),
    ("明天下午3点开会。", R, "明天下午3点", "2024-07-10T15:00", "relative"),
    ("后天晚上8点半出发。", R, "后天晚上8点半", "2024-07-11T20:30", "relative"),
    ("大后天出发。", R, "大后天", "2024-07-12", "relative"),
    ("昨晚下雨。", R, "昨晚", "2024-07-08", "relative"),
    ("今晚8点出发。", R, "今晚8点", "2024-07-09T20:00", "relative"),
    ("明早7点出发。", R, "明早7点", "2024-07-10T07:00", "relative"),
    ("今年的3月", R, "今年的3月", "2024-03", "relative"),
    ("上午十点半", R, "上午十点半", "2024-07-09T10:30", "relative"),
    ("下午两点一刻", R, "下午两点一刻", "2024-07-09T14:15", "relative"),
    ("今天凌晨下雨。", R, "今天凌晨", "2024-07-09", "relative"),
    ("上周召开会议。", R, "上周", "2024-W27", "relative"),
    ("下周五出发。", R, "下周五", "2024-07-19", "relative"),
    ("上周三出发。", R, "上周三", "2024-07-03", "relative"),
    ("本周六出发。", R, "本周六", "2024-07-13", "relative"),
    ("周三出发。", R, "周三", "2024-07-10", "relative"),
    ("周三出发。", None, "周三", "XXXX-WXX-3", "relative"),
    ("周末加班。", R, "周末", "2024-W28-WE", "relative"),
    ("上个月15号出发。", R, "上个月15号", "2024-06-15", "relative"),
    ("去年5月，委员来小院走访。", None, "去年5月", None, "relative"),
    ("去年5月，委员来小院走访。", R, "去年5月", "2023-05", "relative"),
    ("前年3月开工。", R, "前年3月", "2022-03", "relative"),
    ("今年上半年，全区接待游客120万人次。", R, "今年上半年", "2024-H1", "relative"),
    ("上半年，全区接待游客。", R, "上半年", "2024-H1", "relative"),
    ("上半年，全区接待游客。", None, "上半年", "XXXX-H1", "relative"),
    ("下半年，全区接待游客。", R, "下半年", "2024-H2", "relative"),
    ("第一季度，全县生产总值56亿元。", R, "第一季度", "2024-Q1", "relative"),
    ("一季度，全县生产总值56亿元。", None, "一季度", "XXXX-Q1", "relative"),
    ("三季度，全县生产总值56亿元。", R, "三季度", "2024-Q3", "relative"),
    ("前三季度，全县生产总值增长。", R, "前三季度", "2024-Q1/2024-Q3", "relative"),
    ("今年前两个月，新增企业27家。", R, "今年前两个月", "2024-01/2024-02", "relative"),
    ("2023年前10个月，出口增长。", None, "2023年前10个月", "2023-01/2023-10", "absolute"),
    ("2024赛季共举办比赛40场。", None, "2024赛季", "2024", "absolute"),
    ("2024—2025赛季联赛开幕。", None, "2024—2025赛季", "2024/2025", "range"),
    ("本季度完成。", R, "本季度", "2024-Q3", "relative"),
    ("年初启动。", R, "年初", "2024", "relative"),
    ("年底完成。", R, "年底", "2024", "relative"),
    ("今年年底完成。", R, "今年年底", "2024", "relative"),
    ("去年底完成。", R, "去年底", "2023", "relative"),
    ("月底完成。", R, "月底", "2024-07", "relative"),
    ("今年7月下旬完成。", R, "今年7月下旬", "2024-07", "relative"),
    ("明年春天完工。", R, "明年春天", "2025", "relative"),
    ("3天后出发。", R, "3天后", "2024-07-12", "relative"),
    ("两年前开工。", R, "两年前", "2022", "relative"),
    ("两周前开工。", R, "两周前", "2024-W26", "relative"),
    ("3个月前开工。", R, "3个月前", "2024-04", "relative"),
    ("两年前开工。", None, "两年前", None, "relative"),
    ("中秋节前后", R, "中秋节", "2024-09-17", "relative"),
    ("国庆节后返校。", R, "国庆节", "2024-10-01", "relative"),
    ("今年国庆节", R, "今年国庆节", "2024-10-01", "relative"),
    ("上世纪90年代", R, "上世纪90年代", "199", "relative"),
    ("大年初一", R, "大年初一", "2024-02-10", "relative"),
    ("五一期间", R, "五一", "2024-05-01", "relative"),
    ("农历八月十五", R, "农历八月十五", "2024-09-17", "relative"),
    ("正月初八", R, "正月初八", "2024-02-17", "relative"),
    ("2024年正月初八", None, "2024年正月初八", "2024-02-17", "absolute"),
    ("零三年元宵节晚上8点半", None, "零三年元宵节晚上8点半", "2003-02-15T20:30", "absolute"),
    ("腊月", R, "腊月", None, "relative"),
    ("年中", R, "年中", "2024", "relative"),
    ("晚上12点", R, "晚上12点", "2024-07-09T24:00", "relative"),
    ("中午1点", R, "中午1点", "2024-07-09T13:00", "relative"),
    ("深夜2点", R, "深夜2点", "2024-07-09T02:00", "relative"),
    ("今天中午12点", R, "今天中午12点", "2024-07-09T12:00", "relative"),
    ("100天之后", R, "100天之后", "2024-10-17", "relative"),
    ("三天前", R, "三天前", "2024-07-06", "relative"),
    ("会议于上午9点开始。", R, "上午9点", "2024-07-09T09:00", "relative"),
    ("下午5点结束。", R, "下午5点", "2024-07-09T17:00", "relative"),
    ("下午3点半结束。", None, "下午3点半", "XXXX-XX-XXT15:30", "relative"),
    ("上午9时开幕。", None, "上午9时", "XXXX-XX-XXT09:00", "relative"),
    ("凌晨2点出发。", R, "凌晨2点", "2024-07-09T02:00", "relative"),
    ("晚上十点出发。", R, "晚上十点", "2024-07-09T22:00", "relative"),
    ("9时许，火势得到控制。", None, "9时许", "XXXX-XX-XXT09:00", "relative"),
    ("三点钟集合。", None, "三点钟", "XXXX-XX-XXT03:00", "relative"),
    ("本月初完成。", R, "本月初", "2024-07", "relative"),
    ("一个星期后出发。", R, "一个星期后", "2024-W29", "relative"),
    ("傍晚", None, None, None, None),
    ("2月30日", None, "2月30日", None, "absolute"),
    ("2023年2月29日", None, "2023年2月29日", None, "absolute"),
    ("2024年2月29日", None, "2024年2月29日", "2024-02-29", "absolute"),
    ("99999999天后", R, "99999999天后", None, "relative"),
    # --- ranges: ONE item with an ISO 8601 interval
    ("2022年至2024年，累计投入3亿元。", None, "2022年至2024年", "2022/2024", "range"),
    ("2023—2025年，累计投入3亿元。", None, "2023—2025年", "2023/2025", "range"),
    ("2021-2023年，累计投入3亿元。", None, "2021-2023年", "2021/2023", "range"),
    ("2022-2023学年", None, "2022-2023学年", "2022/2023", "range"),
    ("9月1日至3日举行。", None, "9月1日至3日", "XXXX-09-01/XXXX-09-03", "range"),
    ("5月8日至6月8日举行。", None, "5月8日至6月8日", "XXXX-05-08/XXXX-06-08", "range"),
    ("5月15日—16日举行。", None, "5月15日—16日", "XXXX-05-15/XXXX-05-16", "range"),
    ("5月20日-22日举行。", R, "5月20日-22日", "2024-05-20/2024-05-22", "range"),
    ("7月10日至8月20日，为期40天。", R, "7月10日至8月20日", "2024-07-10/2024-08-20", "range"),
    ("2023年5月4日至6日", None, "2023年5月4日至6日", "2023-05-04/2023-05-06", "range"),
    ("2024年3月至6月开展整治。", None, "2024年3月至6月", "2024-03/2024-06", "range"),
    ("1-5月，工业增加值增长8.2%。", R, "1-5月", "2024-01/2024-05", "range"),
    ("1月至5月，投资增长10%。", None, "1月至5月", "XXXX-01/XXXX-05", "range"),
    ("今年1-6月，投资增长。", R, "今年1-6月", "2024-01/2024-06", "range"),
    ("周一至周五开放。", None, "周一至周五", "XXXX-WXX-1/XXXX-WXX-5", "range"),
    ("14:00-16:00 开放", None, "14:00-16:00", "XXXX-XX-XXT14:00/XXXX-XX-XXT16:00", "range"),
    ("上午9时至11时开放", None, "上午9时至11时", "XXXX-XX-XXT09:00/XXXX-XX-XXT11:00", "range"),
    ("2019年5月至今，已接待游客。", R, "2019年5月至今", "2019-05/2024-07-09", "range"),
    ("2019年5月至今，已接待游客。", None, "2019年5月至今", "2019-05/..", "range"),
    ("去年至今", None, "去年至今", None, "range"),
    ("2020年至2022年间", None, "2020年至2022年", "2020/2022", "range"),
    ("去年11月到今年3月", R, "去年11月到今年3月", "2023-11/2024-03", "range"),
    ("2022年9月至2023年1月", None, "2022年9月至2023年1月", "2022-09/2023-01", "range"),
    ("2023年9月-12月", None, "2023年9月-12月", "2023-09/2023-12", "range"),
    ("上午8:30-11:30", None, "上午8:30-11:30", "XXXX-XX-XXT08:30/XXXX-XX-XXT11:30", "range"),
    ("前天9点到明天白天", R, "前天9点到明天白天", "2024-07-07T09:00/2024-07-10", "range"),
    ("上周一至周五", R, "上周一至周五", "2024-07-01/2024-07-05", "range"),
    ("周四下午三点到五点开会", R, "周四下午三点到五点", "2024-07-11T15:00/2024-07-11T17:00", "range"),
    ("本周日到下周日出差", R, "本周日到下周日", "2024-07-14/2024-07-21", "range"),
    ("下午2点至4点", None, "下午2点至4点", "XXXX-XX-XXT14:00/XXXX-XX-XXT16:00", "range"),
    # --- vague expressions
    ("近年来，万盛经开区着力打造先行区。", None, "近年来", None, "vague"),
    ("近日，学校举行主题班会。", None, "近日", None, "vague"),
    ("近日，学校举行主题班会。", R, "近日", "2024-07-09", "vague"),
    ("记者日前从区教委获悉。", R, "日前", "2024-07-09", "vague"),
    ("近期将开工。", None, "近期", None, "vague"),
    ("目前，全区有学校50所。", None, "目前", None, "vague"),
    ("今年5月底完成。", R, "今年5月底", "2024-05", "relative"),
    ("8月底前完成。", R, "8月底前", "2024-08", "absolute"),
    # a deadline more than half a year behind the reference is the next one; 前往 is no deadline
    ("确保3月底前完成造林任务。", "2023-12-28", "3月底前", "2024-03", "absolute"),
    ("3月底前往北京考察。", "2023-12-28", "3月底", "2023-03", "absolute"),
    ("目前，全区有学校50所。", R, "目前", "2024-07-09", "vague"),
    ("当前，教育改革进入深水区。", None, "当前", None, "vague"),
    ("当下，学生正在备考。", None, "当下", None, "vague"),
    ("一直以来，万盛坚持党建引领。", None, "一直以来", None, "vague"),
    ("长期以来，学校重视德育。", None, "长期以来", None, "vague"),
    ("过去一年，区政协举办沙龙。", None, "过去一年", None, "vague"),
    ("过去一年，区政协举办沙龙。", R, "过去一年", "2023-07-09/2024-07-09", "vague"),
    ("过去这一年 教育亮点多", None, "过去这一年", None, "vague"),
    ("过去1年，荣昌区政协举办沙龙。", None, "过去1年", None, "vague"),
    ("近三年来，累计培训教师1.2万人次。", R, "近三年来", "2021-07-09/2024-07-09", "vague"),
    ("最近三天气温升高。", R, "最近三天", "2024-07-06/2024-07-09", "vague"),
    ("未来五年内建成20所幼儿园。", R, "未来五年内", "2024-07-09/2029-07-09", "vague"),
    ("未来一周有雨。", R, "未来一周", "2024-07-09/2024-07-16", "vague"),
    ("这两天气温升高。", R, "这两天", None, "vague"),
    # --- frequencies
    ("每年召开联席会议。", None, "每年", None, "frequency"),
    ("每月主题党日必学内容", None, "每月", None, "frequency"),
    ("每周开展分享活动。", None, "每周", None, "frequency"),
    ("社会培训服务年均5000人次以上。", None, "年均", None, "frequency"),
    ("景区每晚上演灯光秀。", None, "每晚", None, "frequency"),
    ("医生连续工作十几个小时。", None, "十几个小时", "PT10H", "duration"),
    ("他在山区坚守了二十几年。", None, "二十几年", "P20Y", "duration"),
    ("每天开放8小时。", None, "每天", None, "frequency"),
    ("每两年举办一次。", None, "每两年", None, "frequency"),
    ("每季度通报一次。", None, "每季度", None, "frequency"),
    ("每周三下午开展社团活动。", None, "每周三下午", None, "frequency"),
    ("“我们每周三下午开展社团活动。”校长说。", None, "每周三下午", None, "frequency"),
    ("每周一至周五开放。", None, "每周一至周五", None, "frequency"),
    ("每年3月开展植树活动。", None, "每年3月", None, "frequency"),
    ("每周一次。", None, "每周", None, "frequency"),
    ("每天早上8点升旗。", None, "每天早上8点", None, "frequency"),
    ("日均接待200人次。", None, "日均", None, "frequency"),
    # --- offsets from another event
    ("去年5月，委员来走访。1个月后，大家共同商议。", None, "1个月后", None, "offset"),
    ("不久后，农家小院都亮堂了起来。", None, "不久后", None, "offset"),
    ("自协同履职以来，推动4项重大项目建设。", None, "自协同履职以来", None, "offset"),
    ("自从成立以来，协会发展迅速。", None, "自从成立以来", None, "offset"),
    ("当天下午，代表们分组讨论。", None, "当天下午", None, "offset"),
    ("次日上午，考察团前往万州区。", R, "次日上午", None, "offset"),
    ("次年，学校更名。", R, "次年", None, "offset"),
    ("自2020年以来，学校扩建。", None, "2020年", "2020", "absolute"),
    ("2020年以来，学校扩建。", None, "2020年", "2020", "absolute"),
    # --- durations
    ("学制3年。", None, "3年", "P3Y", "duration"),
    ("结束了一天的劳作", None, "一天", "P1D", "duration"),
    ("从事教育工作30余年。", None, "30余年", "P30Y", "duration"),
    ("至今已有68年的办学历史。", None, "68年", "P68Y", "duration"),
    ("为期40天。", None, "40天", "P40D", "duration"),
    ("为期三个月的专项整治", None, "三个月", "P3M", "duration"),
    ("两个多月", None, "两个多月", "P2M", "duration"),
    ("半年", None, "半年", "P6M", "duration"),
    ("一年半", None, "一年半", "P18M", "duration"),
    ("开放8小时。", None, "8小时", "PT8H", "duration"),
    ("历时2小时。", None, "2小时", "PT2H", "duration"),
    ("耗时30分钟。", None, "30分钟", "PT30M", "duration"),
    ("五年来，全区新改扩建学校45所。", None, "五年来", "P5Y", "duration"),
    ("十年来，我们取得了巨大成就。", None, "十年来", "P10Y", "duration"),
    ("十多年来坚持不懈。", None, "十多年来", "P10Y", "duration"),
    ("在建党102周年之际", None, "102周年", "P102Y", "duration"),
    ("预计工期180天。", None, "180天", "P180D", "duration"),
    ("拥有1500年历史。", None, "1500年", "P1500Y", "duration"),
    ("两周内完成。", None, "两周内", "P2W", "duration"),
    ("5个工作日内办结。", None, "5个工作日内", "P5D", "duration"),
    ("连续24年坚守讲台。", None, "24年", "P24Y", "duration"),
    ("用3至5年时间建成。", None, "3至5年", None, "duration"),
    ("来回两三个月。", None, "两三个月", None, "duration"),
    ("四五个小时", None, "四五个小时", None, "duration"),
    ("十七八年", None, "十七八年", None, "duration"),
    ("默默耕耘了三十余载。", None, "三十余载", "P30Y", "duration"),
    ("30年，弹指一挥间。", None, "30年", "P30Y", "duration"),
    ("三年半", None, "三年半", "P42M", "duration"),
    ("1个半月", None, "1个半月", "P1.5M", "duration"),
]

NOT_DATES = [
    ("“十四五”期间", "十四五"),
    ("重庆市“十四五”规划课题", "十四五"),
    ("打造委员进小院3.0版本", "3.0"),
    ("三年级学生李明获得一等奖。", "三年"),
    ("百年大计，教育为本。", "百年"),
    ("一年四季", "一年"),
    ("作品《通往美好明天》获奖", "明天"),
    ("在科技飞速发展的今天，", "今天"),
    ("会议指出，2024年是关键一年。", "一年"),
    ("体现在多个方面。", "现在"),
    ("比赛以3:2的比分结束。", "3:2"),
    ("一般公共预算收入达到12.3亿元。", "12.3"),
    ("学校现有在校生2000余名。", "2000"),
    ("方便大家夜晚出行。", "夜晚"),
    ("下午", "下午"),
    ("提出3点建议。", "3点"),
    ("有三点体会。", "三点"),
    ("学校四周绿树成荫。", "四周"),
    ("2335产业发展路径", "2335"),
    ("区委“6666”工作思路", "6666"),
    ("1+X证书制度试点专业6个", "1+X"),
    ("全市已建成“15分钟生活圈”120个。", "15分钟"),
    ("荣获全国五一劳动奖章", "五一"),
    ("被评为全国三八红旗手", "三八"),
    ("春天来了，教育的春天也来了。", "春天"),
    ("十五五规划", "十五"),
    ("下一步，我们将继续努力。", "下一步"),
    ("“以前要跑县里，现在在村里就能做。”他说。", "现在"),
    ("“十一五”规划", "十一"),
    ("正在进行", "正"),
    ("冬季运动会", "冬季"),
    ("这一年，学校迎来新变化。", "一年"),
    ("三天两头下雨。", "三天"),
    ("他今年32岁，年满18周岁。", "周"),
    ("连续第五年获此殊荣。", "五年"),
    ("2020.10万元", "2020"),
    ("曾经的荒山如今种上了核桃。", "如今"),
    ("如今，小院亮堂了起来。", "如今"),
    ("中心城区空气质量优良天数达331天，优良率为99.1%。", "331天"),
    ("社区主任王国庆介绍了情况。", "国庆"),
    ("据村民刘国庆说，路修好了。", "国庆"),
]


@pytest.mark.parametrize(("sentence", "reference", "text", "value", "kind"), ROWS)
def test_a_written_form_gives_its_text_value_and_kind(sentence, reference, text, value, kind):
    items = _dates(sentence, reference)
    if text is None:
        assert items == []
        return
    by_text = {item.text: item for item in items}
    assert text in by_text, f"found {[item.text for item in items]}"
    assert (by_text[text].value, by_text[text].kind) == (value, kind)


@pytest.mark.parametrize(("sentence", "fragment"), NOT_DATES)
def test_no_date_is_found_in(sentence, fragment):
    assert [item.text for item in _dates(sentence, R) if fragment in item.text] == []


def test_the_table_covers_at_least_150_rows_and_every_kind():
    assert len(ROWS) + len(NOT_DATES) >= 150
    assert {row[4] for row in ROWS} >= {"absolute", "relative", "vague", "duration", "range", "frequency", "offset"}


@pytest.mark.parametrize(
    ("sentence", "granularity", "approx"),
    [
        ("2022年8月", "month", False),
        ("2023年", "year", False),
        ("2023年10月15日", "day", False),
        ("2024-07-09 14:30", "time", False),
        ("上半年", "half", False),
        ("第一季度", "quarter", False),
        ("上周", "week", False),
        ("7月中旬", "month", True),
        ("9时许", "time", True),
        ("十多年来", "year", True),
    ],
)
def test_granularity_and_approximation(sentence, granularity, approx):
    (item,) = _dates(sentence, R)
    assert (item.granularity, item.approx) == (granularity, approx)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("2022年8月", "date.absolute.month"),
        ("2024-07-09", "date.absolute.numdate"),
        ("去年", "date.relative.year"),
        ("2022年至2024年", "date.range"),
        ("近年来", "date.vague.word"),
        ("每年", "date.frequency"),
        ("3年", "date.duration"),
        ("自协同履职以来", "date.offset.since"),
        ("两年前", "date.relative.count"),
    ],
)
def test_each_item_names_the_rule_that_made_it(sentence, rule):
    (item,) = _dates(sentence)
    assert item.rule == rule


def test_a_vague_offset_after_a_told_date_counts_from_that_event_not_from_today():
    story = _dates("去年5月，委员来走访。3天后，路灯装好了。", R)
    alone = _dates("3天后，路灯装好了。", R)
    assert [(item.text, item.kind, item.value) for item in story][-1] == ("3天后", "offset", None)
    assert [(item.text, item.kind, item.value) for item in alone] == [("3天后", "relative", "2024-07-12")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标题\n发布日期：2024-07-09\n正文", date(2024, 7, 9)),
        ("标题\n发布时间:2024年7月9日 10:30\n正文", date(2024, 7, 9)),
        ("本报讯（记者 王某）2024年7月9日，全市召开会议。", date(2024, 7, 9)),
        ("新华社北京2024年7月9日电 国务院召开会议。", date(2024, 7, 9)),
        ("某某日报 2024年7月9日 星期二\n标题", date(2024, 7, 9)),
        ("日期：二〇二四年七月九日", date(2024, 7, 9)),
        ("发布日期：２０２４－０７－０９", date(2024, 7, 9)),
        ("标题\n2024-07-09 10:30:15  来源：重庆日报\n正文", date(2024, 7, 9)),
        ("标题\n来源：重庆日报 | 2024年07月09日\n正文", date(2024, 7, 9)),
        ("标题\n2024年7月9日\n正文", date(2024, 7, 9)),
        ("2024年7月9日，全市召开会议。", None),
        ("正文写到2022年8月的事。", None),
        ("来自电商平台2023年5月1日的数据", None),
        ("发布日期：2024-02-30", None),
        ("", None),
    ],
)
def test_find_dateline(text, expected):
    assert find_dateline(text) == expected


def test_the_article_dateline_becomes_the_reference_date_of_the_pipeline():
    from extractor import extract_text

    doc = extract_text("标题\n\n发布日期：2024-07-09\n\n去年5月，委员来小院走访。")
    article = doc.articles[0]
    assert (article.reference_date, article.reference_date_origin) == ("2024-07-09", "article")
    assert [(item.text, item.value) for item in article.dates if item.text == "去年5月"] == [("去年5月", "2023-05")]


def test_the_vocabulary_is_data_a_user_folder_adds_and_removes_words(tmp_path):
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "time_vague.tsv").write_text("word\tkind\tunit\tresolves\n-当下\n眼前\tvague\t\tday\n", encoding="utf-8")
    lexicon = load_lexicon(folder)
    assert [item.text for item in _dates("当下，眼前", R, lexicon)] == ["眼前"]
    assert [item.text for item in _dates("当下，眼前", R)] == ["当下"]


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789年月日号时点分至到—-:：今去明上下本半季度周星期天每近来以自前后个多余〇一二三四五六七八九十两春节傍晚，。 \n（）")),
        max_size=40,
    ),
    st.sampled_from([None, "2024-07-09", "2024-01-01", "2024-12-31"]),
)
def test_any_text_gives_items_whose_offsets_slice_it(text, reference):
    for item in _dates(text, reference):
        assert text[item.start : item.end] == item.text
        assert item.text and item.text == item.text.strip("，。\n")
        DateItem.model_validate(item.model_dump())


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60), st.sampled_from([None, "2024-07-09"]))
def test_no_input_raises(text, reference):
    for item in _dates(text, reference):
        assert text[item.start : item.end] == item.text
    find_dateline(text)
