"""Markdown for text people write in the portal (minutes, descriptions), rendered safe.

Raw HTML in the source is not interpreted, and the output is sanitised again with an allow-list,
so script in embedded content can never run.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _demoted_heading(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    """Headings written in the text sit below the page's own title: # becomes h2, ## h3, and so on."""
    token = tokens[idx]
    level = min(int(token.tag[1]) + 1, 6)
    token.tag = f"h{level}"
    return self.renderToken(tokens, idx, options, env)


_renderer.add_render_rule("heading_open", _demoted_heading)
_renderer.add_render_rule("heading_close", _demoted_heading)

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}


def render_markdown(text: str) -> SafeString:
    """Markdown source as sanitised HTML; links leave the portal with rel=noopener."""
    html = _renderer.render(text or "")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
