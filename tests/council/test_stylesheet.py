"""The portal's own stylesheet parses cleanly: no stray declarations and no rule left open.

An unclosed block does not break the page outright: browsers that support CSS nesting read every
rule after it as nested inside it, so half the portal quietly loses its styles. The stylesheet is
written flat, so any nested rule is a mistake.
"""

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
