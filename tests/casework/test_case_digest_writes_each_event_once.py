"""The digest of a case file and its events' JSON are written in one pass (`hashed_with_event_texts`):
the digest must be the one `content_hash` gives, or every case imported before would look changed."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sendtrack.interchange.case_files import content_hash, hashed_with_event_texts

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
scalar = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | text | st.floats(allow_nan=False)
value = st.recursive(
    scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)
event = st.dictionaries(text, value, max_size=6)
case = st.fixed_dictionaries(
    {"case_ref": text, "events": st.lists(event, max_size=5)},
    optional={"person": st.dictionaries(text, value, max_size=4), "zz": value, "a": value},
)


@given(case)
def test_the_digest_is_content_hash_and_each_text_is_its_event(obj: dict) -> None:
    digest, texts = hashed_with_event_texts(obj)

    assert digest == content_hash(obj)
    assert texts is not None
    assert [json.loads(t) for t in texts] == obj["events"]


def test_a_case_whose_events_are_not_a_list_is_hashed_whole() -> None:
    obj = {"case_ref": "EHC-1", "events": "none"}

    assert hashed_with_event_texts(obj) == (content_hash(obj), None)


def test_key_order_does_not_change_the_digest() -> None:
    first = {"case_ref": "EHC-1", "person": {"b": 1, "a": 2}, "events": [{"type": "x", "date": "2026-01-05"}]}
    second = {
        "events": [{"date": "2026-01-05", "type": "x"}],
        "person": {"a": 2, "b": 1},
        "case_ref": "EHC-1",
    }

    assert hashed_with_event_texts(first)[0] == hashed_with_event_texts(second)[0] == content_hash(first)
