"""Size profiles: how value added, employees and R&D follow from revenue, by kind of industry.

Figures are rounded, plausible ratios for Chinese enterprises of each kind (value-added rates
from input-output tables are roughly 20-25% for electronics manufacturing, 35-45% for software
and IT services, under 10% for trade). They are assumptions for synthetic data, not statistics;
the calibration rescales core value added to the published totals anyway, so these ratios only
shape the spread between enterprises.
"""

from __future__ import annotations

from dataclasses import dataclass

from hzdigital.demo import reference


@dataclass(frozen=True)
class SizeProfile:
    value_added_share: float  # value added / revenue
    revenue_per_employee_wan_yuan: float  # 万元 per person
    rd_intensity: float  # R&D expense / revenue, among enterprises that report R&D
    rd_reporting_share: float  # share of enterprises with any R&D expense


PROFILE_BY_CORE_MAJOR: dict[str, SizeProfile] = {
    "01": SizeProfile(0.22, 150.0, 0.05, 0.85),  # 数字产品制造业
    "02": SizeProfile(0.08, 400.0, 0.005, 0.25),  # 数字产品服务业 (trade, rental, repair)
    "03": SizeProfile(0.40, 120.0, 0.10, 0.90),  # 数字技术应用业
    "04": SizeProfile(0.30, 200.0, 0.04, 0.60),  # 数字要素驱动业
}
PROFILE_BY_SECTION: dict[str, SizeProfile] = {
    "A": SizeProfile(0.40, 40.0, 0.01, 0.10),
    "C": SizeProfile(0.22, 110.0, 0.03, 0.60),
    "E": SizeProfile(0.25, 90.0, 0.01, 0.20),
    "F": SizeProfile(0.08, 450.0, 0.003, 0.10),
    "G": SizeProfile(0.30, 80.0, 0.005, 0.10),
    "H": SizeProfile(0.35, 25.0, 0.0, 0.0),
    "K": SizeProfile(0.30, 300.0, 0.0, 0.0),
    "L": SizeProfile(0.35, 70.0, 0.01, 0.15),
    "M": SizeProfile(0.45, 60.0, 0.08, 0.70),
    "Q": SizeProfile(0.45, 35.0, 0.02, 0.20),
    "R": SizeProfile(0.40, 60.0, 0.01, 0.15),
}
DEFAULT_PROFILE = SizeProfile(0.35, 60.0, 0.01, 0.15)


def profile_of(class_code: str) -> SizeProfile:
    core = reference.core_full_classes().get(class_code)
    if core is not None:
        return PROFILE_BY_CORE_MAJOR[core.major_code]
    section = reference.industry_classes()[class_code].section
    return PROFILE_BY_SECTION.get(section, DEFAULT_PROFILE)
