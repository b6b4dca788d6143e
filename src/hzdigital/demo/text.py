"""Enterprise names and business scopes (经营范围) for synthetic records.

Scopes are built once per (class, kind) from the class name and a few generic phrases, in the
style registration authorities print them, and then picked by index: a million rows share a
few thousand strings. Every name starts with ``SYNTHETIC_NAME_MARKER`` so synthetic data can
never be mistaken for a real register.

Only core enterprises carry digital phrases. Non-digital and partial-class enterprises get
plain phrases, so a partial (*) class stays "partial, unresolved" under the classification
rules and the calibrated core totals hold exactly; 05-type enterprises name exactly one
digitalisation activity (the 05 sub-category name).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hzdigital.demo import reference

SYNTHETIC_NAME_MARKER = "（合成）"
NAME_CITY = "杭州"
NAME_SUFFIX = "有限公司"
SCOPE_PREFIX = "一般项目："
SCOPE_SUFFIX = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。"
SCOPE_VARIANTS = 3  # templates per (class, kind)

# Characters for 字号 (trade names): auspicious and tech-flavoured, as Hangzhou firms choose.
TRADE_NAME_CHARS = (
    "云数智恒达鼎华信联创新科汇博远宏安泰瑞祥晟嘉宇星海天启明光卓越凯融通"
    "慧聚和丰盛源景润德正易睿捷思沃拓锐峰岚钱湖江临越杭禾青蓝"
)

# Industry word in the name, by GB/T division; by section when the division is not listed.
NAME_WORD_BY_DIVISION: dict[str, tuple[str, ...]] = {
    "39": ("电子科技", "通信技术", "微电子"),
    "65": ("信息技术", "软件", "数据科技", "智能科技"),
    "64": ("网络科技", "互联网科技", "数字科技"),
    "63": ("通信", "信息网络"),
    "51": ("贸易", "商贸", "供应链"),
    "52": ("商贸", "电子商务"),
    "34": ("机械", "智能装备"),
    "35": ("设备", "机电"),
    "38": ("电气", "电器"),
    "87": ("文化传媒", "影视"),
    "86": ("出版", "文化"),
    "72": ("企业管理", "商务服务"),
}
NAME_WORD_BY_SECTION: dict[str, tuple[str, ...]] = {
    "C": ("实业", "制造", "工业"),
    "E": ("建设工程", "建筑"),
    "F": ("贸易", "商贸"),
    "G": ("物流", "运输"),
    "H": ("餐饮管理", "酒店管理"),
    "I": ("科技", "信息技术"),
    "J": ("金融服务", "支付科技"),
    "K": ("置业", "物业管理"),
    "L": ("咨询", "商务服务"),
    "M": ("技术服务", "科技"),
    "Q": ("医疗管理", "健康科技"),
    "R": ("文化传媒", "文化"),
}
DEFAULT_NAME_WORDS = ("实业", "服务")

DIGITAL_PHRASES = (
    "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
    "软件开发",
    "信息系统集成服务",
    "信息技术咨询服务",
    "数据处理和存储支持服务",
    "网络技术服务",
    "计算机软硬件及辅助设备零售",
    "物联网技术服务",
    "人工智能应用软件开发",
)
PLAIN_PHRASES = (
    "货物进出口",
    "国内贸易代理",
    "企业管理咨询",
    "市场营销策划",
    "会议及展览服务",
    "五金产品批发",
    "日用百货销售",
    "机械设备租赁",
    "办公用品销售",
    "包装服务",
    "普通货物仓储服务（不含危险化学品等需许可审批的项目）",
)


def _activity(class_name: str) -> str:
    """A class name as a scope item: drop the catch-all "其他" and "未列明" words."""
    return class_name.replace("其他未列明", "").removeprefix("其他").replace("未列明", "")


def _scope(items: list[str]) -> str:
    return SCOPE_PREFIX + "；".join(items) + SCOPE_SUFFIX


def build_scope_templates(
    class_codes: list[str],
    kinds: list[str],
    efficiency_phrases: list[str],
    rng: np.random.Generator,
) -> list[list[str]]:
    """For each (class, kind, 05 phrase) combination: ``SCOPE_VARIANTS`` scope strings.

    ``kind`` is core, efficiency, partial or plain; ``efficiency_phrases`` holds the 05
    activity for efficiency combinations and "" otherwise.
    """
    classes = reference.industry_classes()
    core = reference.core_full_classes()
    templates: list[list[str]] = []
    for code, kind, phrase in zip(class_codes, kinds, efficiency_phrases, strict=True):
        main = [_activity(classes[code].name)]
        if kind == "core" and core[code].sub_name != classes[code].name:
            main.append(_activity(core[code].sub_name))
        if kind == "efficiency":
            main.append(phrase)
        # A generic phrase equal to the class's own activity would repeat it in the scope.
        pool = [p for p in (DIGITAL_PHRASES if kind == "core" else PLAIN_PHRASES) if p not in main]
        variants = []
        for _ in range(SCOPE_VARIANTS):
            extra = rng.choice(len(pool), size=int(rng.integers(1, 4)), replace=False)
            variants.append(_scope(main + [pool[i] for i in sorted(extra)]))
        templates.append(variants)
    return templates


def name_words(class_codes: np.ndarray) -> list[tuple[str, ...]]:
    classes = reference.industry_classes()
    words = []
    for code in class_codes:
        cls = classes[code]
        words.append(
            NAME_WORD_BY_DIVISION.get(cls.division)
            or NAME_WORD_BY_SECTION.get(cls.section)
            or DEFAULT_NAME_WORDS
        )
    return words


def enterprise_names(
    class_id: np.ndarray, class_codes: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """A unique synthetic name per enterprise: marker + 杭州 + 字号 + industry word + 有限公司.

    ``class_id`` indexes ``class_codes``; the word table is built per class, not per enterprise.
    """
    count = len(class_id)
    chars = np.array(list(TRADE_NAME_CHARS))
    trade = chars[rng.integers(0, len(chars), size=(count, 3))]
    trade_names = np.ascontiguousarray(trade).view("<U3").reshape(count)
    pools = name_words(class_codes)
    width = max(len(pool) for pool in pools)
    # A (class, pick) table; a pool shorter than ``width`` repeats its words cyclically.
    table = np.array([[pool[i % len(pool)] for i in range(width)] for pool in pools])
    sizes = np.array([len(pool) for pool in pools])
    pick = (rng.random(count) * sizes[class_id]).astype(np.int64)
    words = table[class_id, pick]
    prefix = SYNTHETIC_NAME_MARKER + NAME_CITY
    names = np.char.add(np.char.add(prefix, trade_names), np.char.add(words, NAME_SUFFIX))
    # A registry refuses a second identical name in a city: a repeated name gets a fourth
    # 字号 character (random, so repeat until none is left; a few rounds at most).
    names = names.astype(object)
    repeated = np.flatnonzero(pd.Series(names).duplicated().to_numpy())
    while len(repeated):
        extra = chars[rng.integers(0, len(chars), size=len(repeated))]
        names[repeated] = [
            f"{prefix}{t}{x}{w}{NAME_SUFFIX}"
            for t, x, w in zip(trade_names[repeated], extra, words[repeated], strict=True)
        ]
        repeated = np.flatnonzero(pd.Series(names).duplicated().to_numpy())
    return names
