"""Generic word lists the entity rules lean on: surnames, transliteration characters, suffixes.

These are general knowledge about Chinese names and organisations, not lists of entities: the
rules decide from the shape of a word, jieba's tags and its context, these lists only help.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """Word lists are written as space-separated strings: compact and easy to read."""
    return tuple(text.split())


# The most frequent Chinese surnames (about 99% of the population) and common compound ones.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封官习"
)
COMPOUND_SURNAMES = frozenset(
    words(
        "万俟 上官 东方 令狐 公孙 南宫 司徒 司马 呼延 夏侯 宇文 尉迟 慕容 "
        "欧阳 澹台 独孤 皇甫 端木 西门 诸葛 轩辕 长孙"
    )
)

# Characters typical of transliterated foreign names and places (阿列克谢, 约翰内斯堡).
TRANSLIT = frozenset(
    "阿埃艾爱安奥巴拜班邦贝本比彼波伯博布查达戴丹道德登迪蒂杜敦多厄恩尔法菲费芬佛夫弗福盖冈"
    "戈格根贡古圭哈海汉豪赫亨洪胡霍基吉加贾杰捷卡凯坎康考柯科克肯库夸奎拉莱赖兰朗劳勒雷蕾里"
    "利莉列林琳隆卢鲁路伦罗洛马迈麦曼梅门蒙米密明莫姆穆纳娜奈南内尼涅努诺欧帕派潘佩皮普齐奇"
    "乔切钦萨塞赛桑瑟森沙舍什施斯苏索塔泰坦汤特提图托瓦万威维韦温沃乌西希锡谢辛休雅亚扬耶伊"
    "因英尤约泽扎詹兹茨日堡延顿娃契宁柏霍蒂克侬琼丘慕黑京若猜宾芭保迦玛丽翰佐瑙热坚奔叶松"
    "罕默瑞莎娅妮薇茜芙黛琪鲍彭蓬舒斐珀蒲卓宰恰楚悉珊丝赞祖孜哲叙卜凯勃朵蕊苔桑"
)

# Titles and roles that stand right before or after a person's name.
PERSON_TITLES = tuple(
    words(
        "总书记 书记 国家主席 主席 副主席 总统 副总统 总理 副总理 首相 国务卿 "
        "部长 副部长 局长 副局长 厅长 处长 省长 副省长 市长 副市长 县长 区长 "
        "镇长 村长 主任 副主任 董事长 副董事长 总裁 副总裁 总经理 副总经理 经理 "
        "院长 副院长 校长 副校长 所长 会长 副会长 理事长 秘书长 主编 社长 行长 "
        "大使 领事 教授 副教授 院士 研究员 博士 医生 医师 护士 教练 主教练 "
        "队长 导演 演员 作家 诗人 画家 歌手 记者 通讯员 编辑 摄影 先生 女士 "
        "夫人 同志 老师 科学家 专家 工程师 创始人 负责人 发言人 代表 委员 议员 "
        "法官 检察官 律师 将军 司令 政委 选手 运动员 首席执行官 CEO 总监 "
        "组长 班长 厂长 站长 馆长 团长 总干事 干事"
    )
)
# Positions that end a model's "organisation" and belong to a person: 中共中央政治局常委.
POSITION_WORDS = tuple(
    words("常委 常务委员 党组书记 党组成员 成员 新闻发言人 特使 特别代表 常驻代表 首席代表 会员")
)
SPEECH_VERBS = tuple(
    words(
        "表示 说 指出 认为 强调 介绍 告诉 称 透露 谈到 回忆 称赞 坦言 感慨 "
        "解释 建议 呼吁 提出 宣布 等人 一行 同志 先生 女士"
    )
)
PLACE_CUES_BEFORE = tuple(words("在 于 到 赴 抵达 来自 前往 访问 位于 飞往 途经"))
# An organisation's name ends in one of these (longest first when matching).
ORG_SUFFIXES = tuple(
    sorted(
        set(
            words(
                "委员会办公室 证券交易所 研究中心 委员会 管委会 常委会 研究院 研究所 "
                "科学院 工程院 联合会 基金会 检察院 办公室 实验室 电视台 俱乐部 理事会 "
                "办事处 大使馆 领事馆 组委会 研究会 促进会 联合体 工作室 出版社 通讯社 "
                "气象台 天文台 设计院 医学院 集团军 合作社 联合国 共同体 交易所 大学 学院 公司 集团 "
                "协会 学会 商会 银行 法院 总局 中心 医院 中学 小学 联盟 组织 电台 "
                "报社 使馆 议会 国会 分局 支行 分行 总会 日报 晚报 剧院 党委 县委 "
                "市委 省委 部队 舰队 公社 科委 部 局 厅 署 委 党 队 厂 社 报 所 "
                "代表团 中央 科协 残联 工会 海军 陆军 空军 编队 集训队 工作组 领导小组 "
                "管理处 杂志 周刊 杂志社 "
                "署 司 军"
            )
        ),
        key=len,
        reverse=True,
    )
)
# Suffixes too generic to make an organisation on their own: they need a proper name before them.
WEAK_ORG_SUFFIXES = frozenset(
    words(
        "党 军 厂 厅 司 处 委 局 所 报 社 署 部 队 院 中心 总会 组织 "
        "联盟 共同体 实验室 工作室 联合体 代表团 中央 海军 陆军 空军 编队 工作组 领导小组 "
        "管理处 杂志 周刊 工会"
    )
)
# Longest first: 阿里巴巴集团控股有限公司 → 阿里巴巴.
LEGAL_FORMS = words(
    "集团控股有限公司 集团股份有限公司 控股有限公司 股份有限公司 有限责任公司 集团有限公司 "
    "有限公司 控股集团 集团公司 集团"
)
# Buildings and sites are places (人民大会堂, 首都体育馆), even when jieba calls them organisations.
BUILDING_SUFFIXES = words(
    "大会堂 会堂 大厦 广场 体育场 体育馆 体育中心 机场 火车站 车站 码头 大桥 纪念馆 故宫 宫"
)

EVENT_SUFFIXES = tuple(
    sorted(
        set(
            words(
                "交易会 研讨会 博览会 展览会 展销会 洽谈会 运动会 奥运会 亚运会 世博会 "
                "进博会 服贸会 广交会 高交会 文博会 锦标赛 世界杯 电影节 艺术节 文化节 "
                "冬奥会 残奥会 全运会 亚冬会 青奥会 "
                "音乐节 发布会 座谈会 交流会 推介会 对话会 挑战赛 论坛 大会 峰会 年会 "
                "联赛 会议 会展 展会 大赛 节 赛 周"
            )
        ),
        key=len,
        reverse=True,
    )
)
WEAK_EVENT_SUFFIXES = frozenset(words("周 节 赛 会展 会议 大会 大赛 展会"))
# Words that read as "international"/"national" and so make an organisation's name specific.
SCOPE_WORDS = frozenset(words("世界 中华 中央 亚洲 全国 全球 国家 国际 欧洲"))
PLACE_SUFFIXES = tuple(
    words(
        "特别行政区 自治区 自治州 自治县 省 市 县 区 州 镇 乡 村 岛 山 江 "
        "河 湖 湾 港 峡 半岛 群岛 高原 盆地 平原 大陆 洲 国"
    )
)

# Common words that jieba's dictionary or HMM tags as names or places. Kept short and generic.
NOT_NAMES = frozenset(
    words(
        "中央 企业 先生 全国 医院 单位 国家 地区 地方 城市 大学 学校 小姐 "
        "总部 政府 本报 本社 机构 老总 部门 高校 党中央 科研院所 联合体 国务院各部委"
    )
)

# Verb-like words that commonly stand inside company names (启迪控股股份有限公司).
COMPANY_VERBS = frozenset(words("传媒 创新 发展 实业 建设 开发 投资 控股 置业"))
# One-character country abbreviations (中美, 访华, 俄总统) and the country each stands for.
COUNTRY_ABBREVIATIONS = {
    "中": "中国",
    "华": "中国",
    "美": "美国",
    "俄": "俄罗斯",
    "日": "日本",
    "韩": "韩国",
    "朝": "朝鲜",
    "英": "英国",
    "法": "法国",
    "德": "德国",
    "意": "意大利",
    "印": "印度",
    "澳": "澳大利亚",
    "加": "加拿大",
    "荷": "荷兰",
    "越": "越南",
    "泰": "泰国",
    "菲": "菲律宾",
    "巴": "巴基斯坦",
    "以": "以色列",
    "欧": "欧洲",
    "亚": "亚洲",
    "非": "非洲",
    "港": "香港",
    "新": "新加坡",
    "马": "马来西亚",
    "墨": "墨西哥",
    "埃": "埃及",
    "蒙": "蒙古",
    "葡": "葡萄牙",
    "叙": "叙利亚",
    "土": "土耳其",
    "乌": "乌克兰",
    "哈": "哈萨克斯坦",
    "伊": "伊朗",
    "阿": "阿根廷",
    "罗": "罗马尼亚",
    "沙": "沙特阿拉伯",
    "京": "北京",
    "沪": "上海",
    "津": "天津",
    "渝": "重庆",
    "台": "台湾",
}
# One-character names of China's provinces (京津冀, 青藏, 江淮 ...), for what the tagger marks.
PROVINCE_ABBREVIATIONS = {
    "京": "北京",
    "津": "天津",
    "沪": "上海",
    "渝": "重庆",
    "冀": "河北",
    "晋": "山西",
    "辽": "辽宁",
    "吉": "吉林",
    "黑": "黑龙江",
    "苏": "江苏",
    "浙": "浙江",
    "皖": "安徽",
    "闽": "福建",
    "赣": "江西",
    "鲁": "山东",
    "豫": "河南",
    "鄂": "湖北",
    "湘": "湖南",
    "粤": "广东",
    "桂": "广西",
    "琼": "海南",
    "川": "四川",
    "蜀": "四川",
    "黔": "贵州",
    "滇": "云南",
    "藏": "西藏",
    "陕": "陕西",
    "甘": "甘肃",
    "陇": "甘肃",
    "青": "青海",
    "宁": "宁夏",
    "疆": "新疆",
    "港": "香港",
    "澳": "澳门",
    "台": "台湾",
}
# Words of a news dateline (新华社北京5月7日电, 本报讯): never part of a name.
DATELINE_WORDS = frozenset(words("电 讯 报道 日电 本报 记者 本报讯 新华社讯"))
# Last characters of common nouns that jieba tags as names (纪念章, 安全性, 雷阵雨, 高新区).
NOT_NAME_ENDINGS = frozenset(
    "章性化区县村市省镇乡州车赛雨器机站厂所队会部局院室馆场园路街港们证杯感法风内庙湖档岛制树和"
)
# Organisations named by one common word, and words that follow a place inside one jieba word.
STANDALONE_ORGS = frozenset(words("党委 内阁 县委 国会 市委 省委 议会 众议院 参议院"))
PLACE_HOLDER_SUFFIXES = tuple(words("政府 总统 总理 首相 地区 流域 人民 军队 方面 方 城"))
# Characters of generic geographic nouns (海洋, 山区, 海峡, 两国): a word made only of these is
# a common noun, not a place name.
GENERIC_GEO_CHARS = frozenset(
    "山水海洋江河湖区港峡桥地沿岸平原高关城乡村田林野岛洲湾口路街道市县镇省国东南西北上下内外"
    "大小两各本我该全邻外异祖列强边远近郊乡野"
)
# Characters after a number that make it a year, a date or a count in the Chinese text, not
# the version in a Latin name before it: IASP 2025年世界大会, Istanbul 5人参加.
COUNT_UNITS = frozenset("年月日号人名位个家次场届岁")
MEASURE_CHARS = frozenset("深广高力维温角速程密强长宽厚精难限尺态风湿热亮浓纯硬")
# A word W is a place when jieba's dictionary knows W市, W人, W大学 ...
PLACE_EVIDENCE_SUFFIXES = words("市 省 州 县 人 港 机场 大学 地区 队 语 议会 国会")
# Endings of transliterated country and city names (塞尔维亚, 哈萨克斯坦, 乌克兰, 约翰内斯堡).
TRANSLIT_PLACE_ENDINGS = words("亚 斯坦 兰 堡 坡 维亚 尼亚 利亚 拉克 斯克 茨克 格勒")

# Set phrases made of place-like words that jieba's dictionary does not list as phrases (or
# cuts apart): no place in them is a place.
GEO_IDIOMS = frozenset(
    words(
        "绿水青山 青山绿水 金山银山 青山常在 山清水秀 五湖四海 大江南北 长城内外 天南海北 "
        "天南地北 江山如画 锦绣河山 万水千山 千山万水 山南海北 五洲四海 四海为家 名山大川 "
        "黄河之水 江河湖海 东南西北 四面八方 漂洋过海 长江后浪"
    )
)
