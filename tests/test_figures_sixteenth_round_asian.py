"""Issue 18, sixteenth round, Japanese, Korean, Chinese and Kazakh: the classes of errors of the fifteenth blind set
(heldout15, now seen) and of the earlier sets in these languages, each decided once as a rule of the language and
tested with sentences quoted from their real paragraphs; beside each, what must stay no figure or no money."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


# Korean units after a spaced 만 before 명 make one count, as they do before 원.
KOREAN_SPACED_COMPOSITES = [
    ("영화진흥위원회 영화관입장권 통합전산망에 따르면 '신과함께'는 5일까지 누적관객수 1045만 1244 명을 기록했다.",
     [("1045만 1244", 10_451_244, None)]),
    ("‘7번방의 선물’은 지난 8~10일 전국 802개 스크린에서 130만 6246명(매출액점유율 37.1%)을 불러모았다. "
     "누적관객은 627만 9229명.",
     [("802", 802, None), ("130만 6246", 1_306_246, None), ("37.1%", 37.1, "%"), ("627만 9229", 6_279_229, None)]),
]


@pytest.mark.parametrize("text, expected", KOREAN_SPACED_COMPOSITES)
def test_korean_spaced_units_join_their_ten_thousands(text, expected):
    assert _figures(text) == expected


KOREAN_NO_FIGURES = [
    ("지난 주말(4~6일) ‘밀수’는", []),  # a range of days
    ("코미디 ‘7번방의 선물’이 ‘베를린’을 끌어내리고", []),  # a title whose number a word is glued to
    ("고흥군 재무과에 근무하던 46살 김 모 씨는 1순위로 선정된 업체를 부적절하게 배제하고 2순위 업체를",
     [("46", 46, None)]),  # ranks
    ("군은 3축 체계 구축을 위해 정찰위성 5기(2023년까지)", [("5", 5, None)]),  # the three-axis system is a name
    ("양사는 지난 2008년 3월11일 만나 계룡대·자운대의 관사 시설공사", []),  # met on 11 March: no span of days
    ("내년 1분기(1~3월) 전기요금이", []),
]


@pytest.mark.parametrize("text, expected", KOREAN_NO_FIGURES)
def test_korean_dates_ranks_and_names_are_no_figures(text, expected):
    assert _figures(text) == expected


def test_korean_article_of_a_law_is_no_trillion_and_a_range_of_multiples_shares_its_unit():
    text = "특가법 2조에 따라 2~5배의 벌금형을 선고하는 것이 마땅하다"
    assert _figures(text) == [("2", 2, "x"), ("5배", 5, "x")]


def test_korean_trillions_of_won_stay_money():
    assert _figures("매출 2조 원을 올렸다") == [("2조 원", 2e12, "KRW")]


KOREAN_COUNTS = [
    ("내년도 2023년 최저임금이 9,620원으로 결정되었습니다. 이는 전년대비 5% 인상 금액으로 주 5일 40시간 근무로 "
     "환산했을 때 월급은 2,010,580 원입니다.",
     [("9,620원", 9620, "KRW"), ("5%", 5, "%"), ("5", 5, None), ("40", 40, None),
      ("2,010,580 원", 2_010_580, "KRW")]),
    ("누적관객수는 190만4,767명으로 14일 연속 전체 박스오피스 정상 자리를 유지했다.",
     [("190만4,767", 1_904_767, None), ("14", 14, None)]),
    ("춘천지법은 평창군청 공무원 H(46)씨의 항소심에서 벌금 2천600만원을 선고했다",
     [("46", 46, None), ("2천600만원", 26_000_000, "KRW")]),  # an age before 씨
    ("15년 만에 靑 기관운영 감사", [("15", 15, None)]),  # a span at the very start of the text
    ("1인당 피해액은 2022년 1132만 원에서 지난해 1706만 원으로 50.7% 급증했다.",
     [("1", 1, None), ("1132만 원", 11_320_000, "KRW"), ("1706만 원", 17_060_000, "KRW"), ("50.7%", 50.7, "%")]),
]


@pytest.mark.parametrize("text, expected", KOREAN_COUNTS)
def test_korean_days_ages_and_per_units_count(text, expected):
    assert _figures(text) == expected


def test_korean_item_after_a_sentence_is_no_figure():
    text = ("2,000만 원의 추징을 명한 원심판결에는 위법이 있다. 2) 양형부당 원심이 피고인에게 선고한 형(벌금 1,000만 원)은 "
            "너무 무거워서 부당하다.")
    assert _figures(text) == [("2,000만 원", 20_000_000, "KRW"), ("1,000만 원", 10_000_000, "KRW")]


JAPANESE = [
    ("興行収入は１４２億円を超えた。同アカウントは８月、同月２１日までの７７日間で７８２万人動員し、興収１１０・１億円を"
     "突破したと報告していた。",
     [("１４２億円", 14_200_000_000, "JPY"), ("７７", 77, None), ("７８２万", 7_820_000, None),
      ("１１０・１億円", 11_010_000_000, "JPY")]),
    ("2023年度の最低賃金を全国平均で時給1002円に引き上げる目安額をまとめた。千円超えは初めて",
     [("1002円", 1002, "JPY"), ("千円", 1000, "JPY")]),
    ("12月28日(公開73日)に累計観客動員数は2404万9907人",
     [("73", 73, None), ("2404万9907", 24_049_907, None)]),
    ("先月20日の公開から12日間の数字で、興行収入11億2095万円を記録。", [("12", 12, None),
                                                  ("11億2095万円", 1_120_950_000, "JPY")]),
    ("33年もの年月をかけ、シリーズ全34話の累計動員数で1億人を超えた", [("33", 33, None), ("34", 34, None),
                                                    ("1億", 100_000_000, None)]),
    ("8月の完全失業率は前月比0.1ポイント悪化し、3.1%だった。", [("0.1ポイント", 0.1, "pp"), ("3.1%", 3.1, "%")]),
]


@pytest.mark.parametrize("text, expected", JAPANESE)
def test_japanese_decimal_points_days_and_points(text, expected):
    assert _figures(text) == expected


JAPANESE_NO_FIGURES = [
    ("「魔法少女まどか☆マギカ 新編」の2週目時点の数字", []),  # the second week: an ordinal
    ("日本の人口が1億2571万人だから約5人に1人は見ている計算!", [("1億2571万", 125_710_000, None)]),  # one in five
    ("年が明けたら静かになったようだけど、1/2-1/3の2日間で動員数42万5000人",
     [("2", 2, None), ("42万5000", 425_000, None)]),  # a range of days
    ("千円札", []),  # a banknote's name
    ("何千円もかかる", []),  # how many thousand yen: vague
]


@pytest.mark.parametrize("text, expected", JAPANESE_NO_FIGURES)
def test_japanese_ordinals_fractions_and_dates_are_no_figures(text, expected):
    assert _figures(text) == expected


def test_japanese_index_points_stay_counts():
    assert _figures("日経平均株価は前日比120ポイント上昇した。") == [("120", 120, None)]


CHINESE = [
    ("财政部发表新一年预算案。而去年实际的国防支出,就有四千八百多億,超出預算兩個百分點;",
     [("四千八百多億", 480_000_000_000, None), ("兩個百分點", 2, "pp")]),
    ("十一届全国人大五次会议今日举行新闻发布会,2012年中国国防费预算为6702.74亿元人民币",
     [("6702.74亿元人民币", 670_274_000_000, "CNY")]),  # sessions are ordinals
    ("第五名《长安三万里》票房也近18亿", [("18亿", 1_800_000_000, None)]),  # a title names a film
    ("截至2月5日,春节档上映新片总票房突破100亿元人民币,观影人次达到1.87亿,刷新中国影史春节档观影人次纪录。",
     [("100亿元人民币", 10_000_000_000, "CNY"), ("1.87亿", 187_000_000, None)]),  # admissions, no yuan
    ("2018年以城镇人口统计,年人均看电影2.15次。", [("2.15", 2.15, None)]),
    ("数额在10万元以上不满20万元,具有上述三种情形之一的",
     [("10万元", 100_000, "CNY"), ("20万元", 200_000, "CNY"), ("三", 3, None)]),
]


@pytest.mark.parametrize("text, expected", CHINESE)
def test_chinese_over_before_a_scale_points_sessions_titles_and_counts(text, expected):
    assert _figures(text) == expected


def test_chinese_items_and_listed_articles_are_no_figures():
    text = "市场监管总局根据反垄断法第四十八条、四十九条作出行政处罚决定。\n2、受贿金额达到一万元以上三万元以下的"
    assert _figures(text) == [("一万元", 10_000, "CNY"), ("三万元", 30_000, "CNY")]


def test_japanese_ordinal_rounds_stay_no_figures():
    assert _figures("第2次安倍内閣が発足した") == []


KAZAKH = [
    ("ең төменгі базалық зейнетақының мөлшерін ең төменгі күнкөріс деңгейінің 54-тен 70 процентіне, ал ең жоғары "
     "мөлшерін 100-ден 120 процентке дейін кезең-кезеңімен ұлғайтылатыны",
     [("54", 54, "%"), ("70 процентіне", 70, "%"), ("100", 100, "%"), ("120 процентке", 120, "%")]),
    ("Мәселен ең қымбат жанармай Өскеменде литрі 156 теңге. Ал Алматыда 151, Нұр-Сұлтанда 152 теңге.",
     [("156 теңге", 156, "KZT"), ("151", 151, "KZT"), ("152 теңге", 152, "KZT")]),
    ("ең арзан жанармай Венесуэлада. Литрі-9 теңге.", [("9 теңге", 9, "KZT")]),
    ("АИ-92 маркалы бензиннің ең жоғарғы бағасы - 148 теңге, ең төменгі бағасы-139 теңге.",
     [("148 теңге", 148, "KZT"), ("139 теңге", 139, "KZT")]),
    ("сұйытылған газдың бөлшек бағасын 81 теңгеден 1 литріне 78 теңгеге дейін төмендеді",
     [("81 теңгеден", 81, "KZT"), ("1", 1, None), ("78 теңгеге", 78, "KZT")]),  # a litre is no money
    ("шекара өткелегі маңында Қазақстанның 7 азаматын қолға түсірді", [("7", 7, None)]),
]


@pytest.mark.parametrize("text, expected", KAZAKH)
def test_kazakh_ranges_places_prices_and_litres(text, expected):
    assert _figures(text) == expected


KAZAKH_NO_FIGURES = [
    ("Бұл АИ-95 бензині", []),  # a fuel grade: a code's capitals before its dash
    ("Qala tūrǧyndarynyŋ ūsynysy 1 nauryzǵa deiın qabyldanady.", []),  # a date in the Latin alphabet of 2021
    # an anniversary after a name in the genitive, which is otherwise no name ("Қазақстанның 7 азаматын")
    ("қорғаныс министрлігі Жеңістің 80 жылдығына орай әскери шеру өткізетінін мәлімдеген болатын.", []),
]


@pytest.mark.parametrize("text, expected", KAZAKH_NO_FIGURES)
def test_kazakh_codes_and_dates_are_no_figures(text, expected):
    assert _figures(text) == expected


MORE_NO_FIGURES = [
    # the months of a year named before them in the genitive: a calendar period
    ("Өсім қазір де жалғасуда: 2023 жылдың 2 айында шамамен 1,8 млн адам ұшса",
     [("1,8 млн", 1_800_000, None)]),
    # a second fuel grade paired with the code before it
    ("Литрі - 980 теңге. Бұл АИ-95-пен 98-ді қоса есептегендегі орташа баға.", [("980 теңге", 980, "KZT")]),
    # a list of years of an era
    ("医薬品の調達額\n12億7657万余円(平成25、26両年度)", [("12億7657万余円", 1_276_570_000, "JPY")]),
    ("依決算法第廿五條，審計機關有權審核並修正決算。", []),  # article 25, 廿 being twenty
    ("경찰은 내일(20)\n김씨를 기소의견으로 검찰에 송치할\n예정입니다.", []),  # tomorrow, the 20th
    # cases named by their date
    ("成功破获“4.01特大婚恋交友诈骗”案,抓获违法犯罪嫌疑人510名。打掉涉及套路贷网黑、通讯网络诈骗、偷越国边境三类案别的"
     "“5.29”犯罪团伙,抓获犯罪嫌疑人61名。", [("510", 510, None), ("三", 3, None), ("61", 61, None)]),
]


@pytest.mark.parametrize("text, expected", MORE_NO_FIGURES)
def test_periods_grades_era_years_articles_and_dated_cases_are_no_figures(text, expected):
    assert _figures(text) == expected


def test_a_kazakh_number_after_a_code_with_a_currency_stays_money():
    assert _figures("АИ-92 және 150 теңге") == [("150 теңге", 150, "KZT")]


def test_a_quoted_rate_stays_a_rate():
    assert _figures("同比增长“3.5%”") == [("3.5%", 3.5, "%")]


def test_chinese_terms_of_office_count():
    assert _figures("兩任長達12年的審計長林慶隆於10月1日卸任") == [("兩", 2, None), ("12", 12, None)]


def test_a_latin_name_with_its_number_before_a_currency_stays_a_name():
    # the dash of "Литрі-9 теңге" is a pause in Cyrillic prose only
    assert _figures("The Covid-19 euro bonds") == []


JAPANESE_COUNTS_AND_RATES = [
    ("有料博物館、これは全体の館の五五%になっているんですが", [("五五%", 55, "%")]),  # numerals digit by digit
    ("国立博物館の施設は、全体として九館でありますが、そのうち六館が有料博物館になつております",
     [("九", 9, None), ("六", 6, None)]),
    ("国会の承諾を受ける手続を採っていない予備費の支出など8項目を掲記することが義務付けられている",
     [("8", 8, None)]),  # items, not a paragraph of an article
]


@pytest.mark.parametrize("text, expected", JAPANESE_COUNTS_AND_RATES)
def test_japanese_numerals_before_a_percent_sign_and_counters(text, expected):
    assert _figures(text) == expected


def test_korean_big_n_of_a_trade_is_a_name_but_vehicles_count():
    text = ("지난달 삼성화재·현대해상·DB손해보험·KB손해보험·메리츠화재 등 대형 5개 손보사의 자동차보험 손해율은 평균 85.1%를 "
            "기록했다. 5대 손보사 모두 손익분기점인 80%를 넘긴 손해율을 보였다.")
    assert _figures(text) == [("5", 5, None), ("85.1%", 85.1, "%"), ("80%", 80, "%")]
    assert _figures("새로 산 드론 4대에 각각") == [("4", 4, None)]


def test_the_first_of_a_list_of_months_is_a_month():
    assert _figures("이 사실도 지난해 9, 11월 두 차례 업체를 찾아가 보고서야") == [("두", 2, None)]
    assert _figures("2, 3일간 머물렀다") == [("2", 2, None), ("3", 3, None)]  # days counted stay counts


def test_an_item_number_spaced_before_a_japanese_line_is_no_figure():
    text = "1 奈良県知事は、奈良県宇陀土木事務所で実施された測量・調査等請負の各入札(25件中、24件)において"
    assert _figures(text) == [("25", 25, None), ("24", 24, None)]
    assert _figures("2 名男子被捕") == [("2", 2, None)]  # Hong Kong spaces its counters


def test_a_kazakh_day_joined_to_its_month_by_a_hyphen_is_a_date():
    assert _figures("2026-جىلعى 1-قاڭتاردان باستاپ") == []
