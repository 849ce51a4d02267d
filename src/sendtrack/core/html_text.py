"""Escaping for HTML written in Python (table rows of the busiest pages).

`escaped` gives what Django's `conditional_escape` gives (a value with `__html__` as it says,
anything else as text with `& < > " '` escaped) without its lazy-text wrapper, which cost more than
the escaping itself at several hundred cells a page. Most cells (names, references, dates) have
nothing to escape, and looking for the five characters is quicker than replacing them.
"""

from __future__ import annotations

import html


def escaped(value: object) -> str:
    if hasattr(value, "__html__"):
        return str(value.__html__())
    text = str(value)
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text)
    return text
