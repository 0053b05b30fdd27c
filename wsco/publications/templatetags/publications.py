"""Template tags other pages use to show publications (the home page's recent posts)."""

from django import template

from wsco.publications import access, queries

register = template.Library()


@register.inclusion_tag("publications/_recent_posts.html")
def recent_posts(limit: int = 3) -> dict:
    """Render the latest news posts; nothing at all when there are none."""
    return {"posts": queries.recent_posts(limit)}


@register.filter
def is_editor(user) -> bool:
    """Say whether `user` is an editor (for showing the editors' links)."""
    return access.is_editor(user)
