"""Unified social credit code (统一社会信用代码), GB 32100-2015.

An 18-character code laid out as:

- position 1: registration authority (登记管理部门码), e.g. ``9`` 工商 (market regulation);
- position 2: organisation type under that authority (机构类别码), e.g. ``91`` 企业;
- positions 3-8: administrative division of the registering authority (GB/T 2260);
- positions 9-17: the subject identifier (主体标识码, the former organisation code, GB 11714);
- position 18: check character.

The character set is 0-9 and the capitals without I, O, S, V, Z (31 characters). The check
character is ``31 - (sum(value_i * weight_i) mod 31)``, with 31 written as ``0``; the weights
are ``3**i mod 31``.

>>> is_valid_uscc("91350100M000100Y43")
True
>>> make_uscc("91350100M000100Y4")
'91350100M000100Y43'
>>> is_valid_uscc("91350100M000100Y44")
False
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

USCC_LENGTH = 18
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_MODULUS = len(USCC_CHARSET)  # 31
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CHAR_VALUE = {ch: value for value, ch in enumerate(USCC_CHARSET)}

# Registration authorities and their organisation types. GB 32100-2015 itself defines 1, 5, 9
# and Y; the others were assigned later by the national coordinating office and appear on real
# certificates, so they are accepted too.
REGISTRATION_AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "群众团体", "9": "其他"}),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),  # fmt: skip
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地代表机构", "9": "其他"},
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "农村集体经济组织", "2": "农民专业合作社", "9": "其他"}),
    "Y": ("其他", {"1": "其他"}),
}


def _weighted_sum(body17: str) -> int:
    return sum(CHAR_VALUE[ch] * weight for ch, weight in zip(body17, USCC_WEIGHTS, strict=True))


def check_character(body17: str) -> str:
    """The check character for the first 17 characters (already uppercase and in the charset)."""
    remainder = (USCC_MODULUS - _weighted_sum(body17) % USCC_MODULUS) % USCC_MODULUS
    return USCC_CHARSET[remainder]


def normalise_uscc(code: str) -> str:
    """Trim and uppercase: clerks type lowercase and copy codes with stray spaces."""
    return code.strip().upper()


def is_valid_uscc(code: object) -> bool:
    """True when ``code`` is 18 characters from the GB 32100 set with a correct check character.

    This is the reference implementation; the vectorised check in the warehouse is tested
    against it. Lowercase is accepted (it is normalised first).
    """
    if not isinstance(code, str):
        return False
    code = normalise_uscc(code)
    if len(code) != USCC_LENGTH or any(ch not in CHAR_VALUE for ch in code):
        return False
    return check_character(code[:17]) == code[17]


def make_uscc(body17: str) -> str:
    """Append the check character to a 17-character body.

    Raises ``ValueError`` when the body has the wrong length or characters outside the set.
    """
    body = normalise_uscc(body17)
    if len(body) != 17 or any(ch not in CHAR_VALUE for ch in body):
        raise ValueError(f"USCC body must be 17 characters of {USCC_CHARSET!r}: {body17!r}")
    return body + check_character(body)


@dataclass(frozen=True)
class UsccParts:
    """A valid code split along the standard's positions."""

    code: str
    authority_code: str  # position 1
    authority_name: str | None  # None when the authority code is not assigned
    type_code: str  # position 2
    type_name: str | None  # None when the type is not assigned under that authority
    division_code: str  # positions 3-8: the registering authority's division (GB/T 2260)
    subject_id: str  # positions 9-17: former organisation code
    check: str  # position 18


def parse_uscc(code: str) -> UsccParts:
    """Split a valid code into its parts; raises ``ValueError`` for an invalid one.

    >>> parse_uscc(make_uscc("91330106MA2H0Q123")).type_name
    '企业'
    """
    normalised = normalise_uscc(code)
    if not is_valid_uscc(normalised):
        raise ValueError(f"not a valid GB 32100-2015 code: {code!r}")
    authority = REGISTRATION_AUTHORITIES.get(normalised[0])
    return UsccParts(
        code=normalised,
        authority_code=normalised[0],
        authority_name=authority[0] if authority else None,
        type_code=normalised[1],
        type_name=authority[1].get(normalised[1]) if authority else None,
        division_code=normalised[2:8],
        subject_id=normalised[8:17],
        check=normalised[17],
    )


# Byte → character value in the USCC charset, -1 for any other byte (UTF-8 multibyte included).
_CHAR_VALUE_OF_BYTE = np.full(256, -1, dtype=np.int8)
for _value, _char in enumerate(USCC_CHARSET):
    _CHAR_VALUE_OF_BYTE[ord(_char)] = _value
# float32 is exact here: the largest weighted sum is 30 × 30 × 17, far below 2**24.
_WEIGHTS = np.array(USCC_WEIGHTS, dtype=np.float32)


def uscc_checks(codes: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """(well_formed, check_holds), one boolean per code, for codes already trimmed and
    uppercased; NULL codes are neither.

    ``well_formed``: 18 characters of the GB 32100 charset, which, the charset being ASCII, is
    18 bytes each in the charset. ``check_holds``: well formed and the 18th character is the
    check character of the first 17 (:func:`is_valid_uscc` is the reference; the tests
    compare the two). The importer's fast path: one numpy pass over the column's bytes.
    """
    if isinstance(codes, pa.ChunkedArray):
        codes = codes.combine_chunks()
    codes = codes.cast(pa.string())
    well_formed = np.zeros(len(codes), dtype=bool)
    holds = np.zeros(len(codes), dtype=bool)
    lengths = pc.fill_null(pc.binary_length(codes), 0).to_numpy(zero_copy_only=False)
    positions = np.flatnonzero(lengths == USCC_LENGTH)
    if not len(positions):
        return well_formed, holds
    if len(positions) < len(codes):
        codes = codes.take(pa.array(positions))
    # Every code left is 18 bytes, so their bytes are one contiguous (n, 18) matrix.
    start = np.frombuffer(codes.buffers()[1], dtype=np.int32)[codes.offset]
    data = np.frombuffer(codes.buffers()[2], dtype=np.uint8)
    matrix = data[start : start + USCC_LENGTH * len(positions)].reshape(-1, USCC_LENGTH)
    values = _CHAR_VALUE_OF_BYTE[matrix]
    in_charset = values.min(axis=1) >= 0
    sums = (values[:, : USCC_LENGTH - 1].astype(np.float32) @ _WEIGHTS).astype(np.int64)
    expected = (USCC_MODULUS - sums % USCC_MODULUS) % USCC_MODULUS
    well_formed[positions] = in_charset
    holds[positions] = in_charset & (values[:, USCC_LENGTH - 1] == expected)
    return well_formed, holds
