from django import template

register = template.Library()


@register.filter
def status_count(unit_progress, status) -> int:
    """Tasks of a unit in one status (templates cannot call methods with arguments)."""
    return unit_progress.count(status)


@register.simple_tag
def unread_notice_count(user) -> int:
    """The header's badge: the signed-in user's unread reminders (0 for visitors)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    from hzdigital.supervision.models import Notice

    return Notice.objects.filter(recipient=user, read_at=None).count()


@register.filter(name="choice_label")
def choice_label(label: str) -> str:
    """``{{ stage.label|choice_label }}``: "谋划 planning" → 谋划, or planning on English pages."""
    from hzdigital.supervision.leading_panels import choice_label as in_page_language

    return in_page_language(label)


@register.filter(name="one_language")
def one_language(message: str) -> str:
    """``{{ notice.message|one_language }}``: the page language's half of "中文 / English"."""
    from hzdigital.supervision.forms import in_page_language

    return in_page_language(message)


@register.simple_tag
def role_of_user(user):
    """``{% role_of_user user as role %}``: the user's Role, so a page shows only the links the
    role may follow (``role.sees_all_units`` …); the views still check every request."""
    from hzdigital.accounts.access import role_of

    return role_of(user)
