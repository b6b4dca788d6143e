from django import template

register = template.Library()


@register.filter
def status_count(unit_progress, status) -> int:
    """Tasks of a unit in one status (templates cannot call methods with arguments)."""
    return unit_progress.count(status)
