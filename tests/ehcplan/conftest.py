"""Plans are written for Lily Brown's case of the casework tests (clock fixed at 16 March 2026)."""

from tests.casework.conftest import (  # noqa: F401 - shared fixtures
    child_case,
    child_obj,
    family_link,
    fixed_clock,
    uninvolved_case,
)
