"""NBS 2021 digital-economy classification over GB/T 4754-2017 (framework-free).

- :mod:`.gbt4754`: the GB/T 4754-2017 table, code normalisation, lookup and search;
- :mod:`.nbs`: the NBS 2021 table as a replaceable, validated *edition*;
- :func:`classify_code`: an industry code → NBS categories;
- :func:`classify_text` / :func:`classify_texts`: business-scope text → candidates and categories;
- :func:`classify_enterprises`: the vectorised row classification the import uses.
"""

from hzdigital.classification.code import CategoryMatch, CodeClassification, classify_code
from hzdigital.classification.enterprises import ENTERPRISE_COLUMNS, classify_enterprises
from hzdigital.classification.gbt4754 import (
    IndustryCodeError,
    InvalidIndustryCode,
    UnknownIndustryCode,
    normalise_code,
)
from hzdigital.classification.nbs import (
    EditionError,
    NbsEdition,
    active_edition,
    load_edition,
    validate_edition,
)
from hzdigital.classification.text import (
    TextCandidate,
    TextCategory,
    TextClassification,
    classify_text,
    classify_texts,
)

__all__ = [
    "ENTERPRISE_COLUMNS",
    "CategoryMatch",
    "CodeClassification",
    "EditionError",
    "IndustryCodeError",
    "InvalidIndustryCode",
    "NbsEdition",
    "TextCandidate",
    "TextCategory",
    "TextClassification",
    "UnknownIndustryCode",
    "active_edition",
    "classify_code",
    "classify_enterprises",
    "classify_text",
    "classify_texts",
    "load_edition",
    "normalise_code",
    "validate_edition",
]
