"""Validating a SEN2 return against the project's own XML Schema (src/sendtrack/interchange/data/sen2.xsd)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

import sendtrack.interchange

SCHEMA_FILE = Path(sendtrack.interchange.__file__).parent / "data" / "sen2.xsd"


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


def assert_valid(root: etree._Element) -> None:
    checker = schema()
    if not checker.validate(root):
        errors = [f"line {e.line}: {e.message}" for e in list(checker.error_log)[:5]]
        raise AssertionError("The return does not match the schema: " + "; ".join(errors))
