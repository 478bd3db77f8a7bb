import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from problems.rendering import arguments_text, markdown_to_safe_html, value_text

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return mark_safe(markdown_to_safe_html(text))  # sanitised by nh3


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


@register.filter
def verdict_label(code: str) -> str:
    from problems.judge.verdicts import Verdict

    return Verdict(code).label if code in Verdict.values else code


@register.filter
def ms(seconds: float | None) -> str:
    return "" if seconds is None else f"{float(seconds) * 1000:.1f}"


@register.filter
def filesizeformat_kb(kb: int | None) -> str:
    if not kb:
        return ""
    return f"{kb / 1024:.1f} MB" if kb >= 1024 else f"{kb} KB"


@register.filter
def arguments(test_input: object, signature: str) -> str:
    """A test's input as the statement writes it: `nums = [3, 9], target = 8`."""
    return arguments_text(signature or "", test_input)


@register.filter
def tojson(value: object) -> str:
    return value_text(value)


@register.filter
def backticks(text: str) -> SafeString:
    """Escape `text`, then show `name` spans as <code> (the built feedback quotes names so)."""
    escaped = str(conditional_escape(text))
    return mark_safe(re.sub(r"`([^`<>]{1,120})`", r"<code>\1</code>", escaped))  # escaped first
