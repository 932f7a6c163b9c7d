"""The portal's own stylesheet parses cleanly: no stray declarations and no rule left open.

An unclosed block does not break the page outright: browsers that support CSS nesting read every
rule after it as nested inside it, so half the portal quietly loses its styles. The stylesheet is
written flat, so any nested rule is a mistake.

Every stylesheet the pages link, the vendored KRDS ones included, is one the browser can keep parsed
from one page to the next.
"""

import re
from pathlib import Path

import tinycss2
from django.conf import settings

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "portal.css"


def _problems(rules, where="") -> list[str]:
    problems = []
    for rule in rules:
        if rule.type == "error":
            problems.append(f"line {rule.source_line}: {rule.message}")
        elif rule.type == "qualified-rule":
            selector = tinycss2.serialize(rule.prelude).strip()
            for part in tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            ):
                if part.type == "error":
                    problems.append(f"line {part.source_line} in {selector!r}: {part.message}")
                elif part.type == "qualified-rule":
                    problems.append(f"line {part.source_line}: rule nested in {selector!r} (unclosed block?)")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword == "media":
            nested = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            problems += _problems(nested)
    return problems


def test_the_portal_stylesheet_has_no_parse_errors_or_open_blocks():
    rules = tinycss2.parse_stylesheet(STYLESHEET.read_text(), skip_comments=True, skip_whitespace=True)
    assert _problems(rules) == []
    assert len(rules) > 100


def test_every_linked_stylesheet_can_stay_parsed_from_page_to_page(client, db):
    """Chromium keeps a stylesheet parsed for the next page only if it imports none and does not open
    with @charset; otherwise it parses it again on every page (the pages are served as UTF-8 anyway).
    The KRDS tokens come before the component styles that use them, as KRDS's own import put them."""
    from django.contrib.staticfiles import finders

    page = client.get("/").content.decode()
    static = re.escape(settings.STATIC_URL)
    linked = re.findall(rf'<link rel="stylesheet" href="{static}([^"]+)"', page)
    assert linked.index("vendor/krds/css/token/krds_tokens.css") < linked.index(
        "vendor/krds/css/component/output.css"
    )
    for path in linked:
        rules = tinycss2.parse_stylesheet(Path(finders.find(path)).read_text(), skip_comments=True)
        at_rules = [rule.lower_at_keyword for rule in rules if rule.type == "at-rule"]
        assert "import" not in at_rules, path
        assert "charset" not in at_rules, path
