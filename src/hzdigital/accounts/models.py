"""Who is who: the org units of the plan's machinery and the role each user plays in one of them.

Section 4 of the plan names the leading group (领导小组) and its office, the member
departments, the district/county governments and the enterprises the plan supports. A user
belongs to exactly one unit (``Membership``) and plays one ``Role`` there; what a role may do is
spelled out as one property per capability on ``Role``, so access checks read as sentences
(``role.reviews_reports``) instead of comparing role names.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from hzdigital.lib.uscc import is_valid_uscc

# Messages people see: Chinese first, English after the slash.
DISTRICT_NEEDS_CODE = "区县政府必须填写行政区划代码 / A district government needs its division code"
ENTERPRISE_NEEDS_USCC = (
    "企业必须填写有效的统一社会信用代码 / An enterprise needs a valid USCC (GB 32100-2015)"
)
CODE_ONLY_FOR_DISTRICTS = (
    "只有区县政府有行政区划代码 / Only a district government carries a division code"
)


class OrgUnit(models.Model):
    """A unit of the plan's machinery: the leading group, a department, a district, an enterprise."""

    class Kind(models.TextChoices):
        LEADING_GROUP = "leading_group", "领导小组 leading group"
        OFFICE = "office", "领导小组办公室 leading-group office"
        DEPARTMENT = "department", "成员单位 member department"
        DISTRICT = "district", "区县(市)政府 district/county government"
        ENTERPRISE = "enterprise", "企业 enterprise"

    slug = models.SlugField(unique=True, help_text="Stable key used by seeds and tests")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name_zh = models.CharField(max_length=80)
    name_en = models.CharField(max_length=160, blank=True)
    # The plan's units are keyed by GB/T 2260 code (plan.Unit.code); the code, not a foreign
    # key, links a district government to them, so reloading the plan never orphans it.
    division_code = models.CharField(
        max_length=6, blank=True, help_text="GB/T 2260 code of the plan unit (districts only)"
    )
    uscc = models.CharField(max_length=18, blank=True, help_text="统一社会信用代码 (enterprises)")
    is_demo = models.BooleanField(
        default=False, help_text="Invented for the demo: not named by the plan text"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "组织单位 org unit"
        verbose_name_plural = "组织单位 org units"
        ordering = ["kind", "order", "name_zh"]

    def __str__(self) -> str:
        return self.name_zh

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == self.Kind.DISTRICT and not self.division_code:
            errors["division_code"] = DISTRICT_NEEDS_CODE
        if self.kind != self.Kind.DISTRICT and self.division_code:
            errors["division_code"] = CODE_ONLY_FOR_DISTRICTS
        if self.kind == self.Kind.ENTERPRISE and not is_valid_uscc(self.uscc):
            errors["uscc"] = ENTERPRISE_NEEDS_USCC
        if errors:
            raise ValidationError(errors)

    def plan_unit(self):  # -> plan.Unit | None; a read, so the import stays local
        """The plan's unit (active edition) this district government runs, if any."""
        if not self.division_code:
            return None
        from hzdigital.plan.models import Unit

        return Unit.objects.filter(edition__is_active=True, code=self.division_code).first()


class Role(models.TextChoices):
    """What a user does in the plan's machinery; one property per capability."""

    CITY_OFFICE = "city_office", "市领导小组办公室 city office"
    DEPARTMENT_OFFICER = "department_officer", "部门联络员 department officer"
    DISTRICT_OFFICER = "district_officer", "区县联络员 district officer"
    ENTERPRISE_USER = "enterprise_user", "企业用户 enterprise user"
    AUDITOR = "auditor", "审计/监督 auditor"
    PUBLIC = "public", "公众 public"

    @property
    def sees_all_units(self) -> bool:
        """Reads every unit's work points, tasks, reports and plans."""
        return self in (Role.CITY_OFFICE, Role.AUDITOR)

    @property
    def sees_own_unit(self) -> bool:
        """Reads what concerns the user's own unit (tasks led or shared, its reports)."""
        return self in (Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER, Role.ENTERPRISE_USER)

    @property
    def manages_work_points(self) -> bool:
        """Publishes the year's work points and breaks them into tasks."""
        return self == Role.CITY_OFFICE

    @property
    def reviews_reports(self) -> bool:
        """Accepts progress reports or returns them with a reason."""
        return self == Role.CITY_OFFICE

    @property
    def reports_progress(self) -> bool:
        """Submits progress reports (own unit's tasks; the city office may for any)."""
        return self in (Role.CITY_OFFICE, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER)

    @property
    def writes_implementation_plans(self) -> bool:
        """Writes 实施方案 (own unit's; the city office for any unit)."""
        return self in (Role.CITY_OFFICE, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER)

    @property
    def manages_own_district(self) -> bool:
        """Writes the own district's projects and enterprise records."""
        return self == Role.DISTRICT_OFFICER

    @property
    def manages_own_enterprise(self) -> bool:
        """Writes the own enterprise's records."""
        return self == Role.ENTERPRISE_USER

    @property
    def imports_enterprise_data(self) -> bool:
        """Loads enterprise records into the statistical warehouse (the whole city's rows)."""
        return self == Role.CITY_OFFICE

    @property
    def is_read_only(self) -> bool:
        """Writes nothing at all."""
        return self in (Role.AUDITOR, Role.PUBLIC)

    @property
    def sees_published_only(self) -> bool:
        """Sees only pages that are published to everyone."""
        return self == Role.PUBLIC

    @property
    def receives_task_notices(self) -> bool:
        """Gets deadline and behind-schedule reminders for the unit's tasks."""
        return self in (Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER)


# Which roles make sense in which kind of unit; a membership outside this table is refused.
ROLES_BY_UNIT_KIND: dict[str, frozenset[Role]] = {
    OrgUnit.Kind.LEADING_GROUP: frozenset({Role.CITY_OFFICE, Role.AUDITOR}),
    OrgUnit.Kind.OFFICE: frozenset({Role.CITY_OFFICE, Role.AUDITOR}),
    OrgUnit.Kind.DEPARTMENT: frozenset({Role.DEPARTMENT_OFFICER, Role.AUDITOR}),
    OrgUnit.Kind.DISTRICT: frozenset({Role.DISTRICT_OFFICER}),
    OrgUnit.Kind.ENTERPRISE: frozenset({Role.ENTERPRISE_USER}),
}
ROLE_DOES_NOT_FIT_UNIT = "角色“{role}”不适用于单位“{unit}” / Role {role} does not fit unit {unit}"


class Membership(models.Model):
    """A user's one unit and role. No membership means the public role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "成员 membership"
        verbose_name_plural = "成员 memberships"

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.role}"

    def clean(self) -> None:
        allowed = ROLES_BY_UNIT_KIND.get(self.unit.kind, frozenset()) if self.unit_id else None
        if allowed is not None and self.role not in allowed:
            message = ROLE_DOES_NOT_FIT_UNIT.format(role=self.role, unit=self.unit)
            raise ValidationError({"role": message})
