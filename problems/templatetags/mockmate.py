from django import template
from django.utils.safestring import SafeString, mark_safe

from problems.rendering import markdown_to_safe_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return mark_safe(markdown_to_safe_html(text))  # noqa: S308 - sanitised by nh3


@register.simple_tag(takes_context=True)
def query_replace(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced (for filter links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    if "page" not in changes:
        query.pop("page", None)
    return "?" + query.urlencode() if query else "?"
