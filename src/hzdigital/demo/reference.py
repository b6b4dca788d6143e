"""Reference tables the generator samples from: classes, NBS categories, districts, key industries.

Everything here is read from the shipped data (``hzdigital/data``), never from the warehouse or
Django, so the generator runs anywhere. The generator calibrates against the *shipped* NBS 2021
reconstruction; an edition loaded later with ``hzdigital classification load`` may class some
codes differently, and then the calibrated totals hold only for the shipped edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from hzdigital.lib.divisions import county_divisions

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
GBT_CSV = DATA_DIR / "gbt4754_2017_industry_classification.csv"
NBS_CSV = DATA_DIR / "nbs_digital_economy_2021_reconstructed.csv"
PUBLISHED_CSV = DATA_DIR / "published_statistics.csv"

CORE_MAJORS = ("01", "02", "03", "04")  # 数字经济核心产业

# Key industries named in the plan (专栏13) -> the full NBS-core GB/T 4754 classes that make them
# up. Only full (non-*) classes are listed, so every enterprise drawn for a key industry is core
# under the classification rules without relying on its business-scope text.
KEY_INDUSTRY_CLASSES: dict[str, tuple[str, ...]] = {
    "信息软件": ("6511", "6512", "6513", "6519", "6531"),
    "大数据": ("6450", "6550", "6560"),
    "新家居": ("3874", "3969"),
    "直播电商": ("5292", "6432"),
    "集成电路": ("6520", "3973", "3562", "3985"),
    "集成电路设计": ("6520",),
    "集成电路制造": ("3973", "3562", "3985"),
    "电竞数娱": ("6422", "6572", "8730"),
    "云计算": ("6550", "6410", "6450"),
    "数字金融": ("6930", "6940", "6637"),
    "数字安防": ("3939", "7272", "3915"),
    "物联网": ("6532", "3983"),
    "通信设备制造": ("3921", "3922"),
    "电子商务": ("5292", "5193", "6431", "6432"),
    "跨境电商": ("5193", "5292"),
    "工业软件": ("6512", "6513"),
    "电子信息制造": ("3911", "3912", "3913", "3976", "3982"),
    "工业大数据": ("6450", "6431"),
    "人工智能": ("6513", "6519", "3964"),
    "5G": ("3921", "6312"),
    "关键基础软件": ("6511", "6512"),
    "工业互联网": ("6431", "6532"),
    "数据智能服务": ("6450", "6560"),
    "智能装备": ("3491", "3492", "4011", "3914"),
    "数字城市": ("6531", "6434"),
    "智能诊疗": ("6513", "3964"),
    "光电通信": ("3976", "3832", "3833"),
    "磁性材料": ("3985",),
    "数据中心": ("6550",),
    "智能无人飞行器制造": ("3963",),
    "电子专用材料制造": ("3985",),
    "电子信息机电制造": ("3563", "3824"),
    "智能制造": ("4011", "3491", "3492"),
}

# Fallback when data/plan.yaml is absent: each district's key industries as 专栏13 of the plan
# names them (seed-excerpt lines 8-20), reduced to the names in KEY_INDUSTRY_CLASSES.
DISTRICT_KEY_INDUSTRIES: dict[str, tuple[str, ...]] = {
    "330102": ("信息软件", "大数据", "新家居", "直播电商"),  # 上城区
    "330105": ("集成电路设计", "大数据", "电竞数娱"),  # 拱墅区
    "330106": ("云计算", "大数据", "数字金融"),  # 西湖区
    "330108": (  # 滨江区
        "数字安防",
        "物联网",
        "通信设备制造",
        "电子商务",
        "工业软件",
        "大数据",
        "集成电路",
    ),  # fmt: skip
    "330109": ("电子信息制造", "工业大数据", "人工智能"),  # 萧山区
    "330110": ("人工智能", "5G", "物联网", "关键基础软件"),  # 余杭区
    "330113": ("工业互联网", "集成电路", "数据智能服务", "智能装备", "数字城市", "智能诊疗"),
    "330114": ("集成电路制造", "智能装备", "跨境电商", "物联网"),  # 钱塘区
    "330111": ("电子信息制造", "光电通信", "数字安防", "集成电路"),  # 富阳区
    "330112": ("集成电路",),  # 临安区
    "330122": ("数字安防", "磁性材料"),  # 桐庐县
    "330127": ("电子信息制造", "数据中心"),  # 淳安县
    "330182": (  # 建德市
        "智能制造",
        "通信设备制造",
        "智能无人飞行器制造",
        "电子专用材料制造",
        "电子信息机电制造",
        "信息软件",
    ),  # fmt: skip
}

# How much more likely a key-industry class is than another core class in the same district.
# An assumption: designated industries dominate a district's digital economy without being all
# of it (滨江's published core is mostly its designated industries).
KEY_INDUSTRY_BOOST = 6.0

# Relative frequency of enterprises by core class, before the district boost. Software, system
# integration, e-commerce and IT-product wholesale are by far the most common registrations in
# Hangzhou's digital economy; every other full core class has weight 1.
CORE_CLASS_BASE_WEIGHT: dict[str, float] = {
    "6513": 10.0, "6531": 6.0, "6560": 4.0, "6599": 3.0, "6519": 3.0, "6512": 2.0,
    "5292": 6.0, "5193": 3.0, "5176": 5.0, "5177": 2.0, "6432": 2.0, "6431": 2.0,
    "6532": 3.0, "6450": 3.0, "6550": 2.0, "6540": 2.0, "6520": 2.0, "3982": 2.0,
    "7251": 2.0, "8730": 2.0, "6572": 2.0,
}  # fmt: skip

# GB/T 4754 divisions (2 digits) from which non-digital enterprises are drawn, with weights that
# mimic Hangzhou's registered enterprise mix (manufacturing, trade, construction, business
# services). An assumption, documented in the calibration report's notes.
NON_DIGITAL_DIVISION_WEIGHT: dict[str, float] = {
    "17": 3.0, "18": 2.0, "26": 2.0, "29": 2.0, "33": 2.0, "34": 3.0, "35": 3.0, "36": 2.0,
    "38": 2.0, "47": 2.0, "48": 1.0, "50": 2.0, "51": 6.0, "52": 5.0, "54": 2.0, "59": 1.0,
    "61": 1.0, "62": 2.0, "70": 2.0, "72": 4.0, "73": 1.0, "74": 2.0, "75": 2.0, "84": 1.0,
}  # fmt: skip

# 05 数字化效率提升业 sub-categories an enterprise can register for, with the GB/T divisions
# where such enterprises sit (from the reconstruction's notes) and the scope phrase naming the
# activity: the NBS sub-category name itself, which the text classifier recognises (plain
# "智能制造" is not recognised, so 050204 keeps its full name). Government-only categories
# (0508) are left out: they are not enterprises.
EFFICIENCY_SUBCATEGORIES: dict[str, tuple[tuple[str, ...], str]] = {
    "050201": (("34", "35"), "数字化通用、专用设备制造"),
    "050202": (("36", "37"), "数字化运输设备制造"),
    "050203": (("38", "40"), "数字化电气机械、器材和仪器仪表制造"),
    "050204": (("17", "18", "26", "29", "33"), "其他智能制造"),
    "050302": (("54",), "智能道路运输"),
    "050401": (("59",), "智慧仓储"),
    "050402": (("60",), "智慧配送"),
    "050601": (("51",), "数字化批发"),
    "050602": (("52",), "数字化零售"),
    "050603": (("61",), "数字化住宿"),
    "050604": (("62",), "数字化餐饮"),
    "050606": (("72",), "数字化商务服务"),
    "050702": (("84",), "智慧医疗"),
    "050903": (("47", "48", "50"), "数字化建筑业"),
    "050905": (("74",), "专业技术服务业数字化"),
}


@dataclass(frozen=True)
class IndustryClass:
    code: str  # GB/T 4754-2017 class, 4 digits
    name: str
    section: str  # 门类 letter
    division: str  # 大类, 2 digits


@dataclass(frozen=True)
class CoreClass:
    code: str  # GB/T 4754-2017 class
    name: str  # GB/T name
    sub_code: str  # NBS 2021 sub-category, 6 digits
    sub_name: str
    major_code: str  # 01-04


@cache
def industry_classes() -> dict[str, IndustryClass]:
    """Every GB/T 4754-2017 class (小类) by code."""
    table = pd.read_csv(GBT_CSV, dtype=str, keep_default_na=False)
    classes = table[table["level"] == "class"]
    return {
        row.code: IndustryClass(row.code, row.name, row.section, row.division)
        for row in classes.itertuples(index=False)
    }


@cache
def nbs_rows() -> pd.DataFrame:
    """The shipped NBS 2021 reconstruction, rows with a GB/T class only."""
    table = pd.read_csv(NBS_CSV, dtype=str, keep_default_na=False)
    return table[table["gbt4754_code"] != ""].reset_index(drop=True)


@cache
def core_full_classes() -> dict[str, CoreClass]:
    """GB/T classes that map fully (no ``*``) to an NBS core sub-category (majors 01-04)."""
    rows = nbs_rows()
    full = rows[(rows["partial"] == "0") & rows["major_code"].isin(CORE_MAJORS)]
    return {
        row.gbt4754_code: CoreClass(
            row.gbt4754_code, row.gbt4754_name, row.sub_code, row.sub_name, row.major_code
        )
        for row in full.itertuples(index=False)
    }


@cache
def partial_classes() -> tuple[str, ...]:
    """GB/T classes the NBS table marks ``*``: digital only where the scope says so."""
    rows = nbs_rows()
    return tuple(sorted(set(rows.loc[rows["partial"] == "1", "gbt4754_code"])))


@cache
def non_digital_classes() -> dict[str, tuple[str, ...]]:
    """Classes of each GB/T division (2 digits) that the NBS table does not name at all."""
    named = set(nbs_rows()["gbt4754_code"])
    by_division: dict[str, list[str]] = {}
    for cls in industry_classes().values():
        if cls.code not in named:
            by_division.setdefault(cls.division, []).append(cls.code)
    return {division: tuple(sorted(codes)) for division, codes in by_division.items()}


def district_codes() -> tuple[str, ...]:
    """The 13 county-level units under 330100, in code order."""
    return tuple(division.code for division in county_divisions())


def district_names() -> dict[str, str]:
    return {division.code: division.name for division in county_divisions()}


@cache
def district_key_industries() -> dict[str, tuple[str, ...]]:
    """Key industries by district: from data/plan.yaml when it names them, else 专栏13 above."""
    from hzdigital.demo.plan_file import key_industries_from_plan

    from_plan = key_industries_from_plan()
    return {code: from_plan.get(code) or DISTRICT_KEY_INDUSTRIES[code] for code in district_codes()}


@cache
def key_classes_of(district_code: str) -> frozenset[str]:
    """The full core classes behind a district's key industries.

    The plan's mapping table decides where it maps a name; the registry above fills the rest.
    Partial (*) and non-digital classes in a mapping are dropped: a key-industry enterprise
    drawn here must be core by its class alone.
    """
    from hzdigital.demo.plan_file import industry_classes_from_plan

    mapped = industry_classes_from_plan()
    codes: set[str] = set()
    for industry in district_key_industries()[district_code]:
        codes.update(mapped.get(industry) or KEY_INDUSTRY_CLASSES.get(industry, ()))
    return frozenset(codes) & frozenset(core_full_classes())
