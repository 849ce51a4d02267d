"""Casework's records for the trust tests: Lily Brown's case in Northbridge and the rest of the cast.

Test modules import these fixtures by name (pytest finds fixtures imported into a module).
"""

from tests.casework.conftest import (  # noqa: F401
    case_elsewhere,
    child_case,
    child_obj,
    family_link,
    fixed_clock,
    import_objects,
    uninvolved_case,
)
