"""The `markdown` filter: `{{ article.body|markdown }}` renders sanitised Markdown."""

from django import template

from wsco.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown", is_safe=True)
def markdown_filter(text) -> str:
    """Render `text` as Markdown, keeping only the allow-listed HTML."""
    return render_markdown(text)
