"""Personal details in the audit trail, readable only while the person's record exists (decision 0023).

A changed name, date of birth or any other personal detail goes into an audit row sealed (Fernet:
AES with an HMAC) with the person's own `AuditKey`. The history page opens it; once the person is
erased the key is gone, the value reads as `ERASED`, and the audit row itself was never changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from sendtrack.casework.models import AuditKey, Person

SEALED = "sealed"
ERASED = "Erased with the person's record"


def seal(person: Person, value: Any) -> Any:
    """`value` sealed with the person's key (made on first use); None stays None."""
    if value is None:
        return None
    key, _ = AuditKey.objects.get_or_create(person=person, defaults={"key": Fernet.generate_key().decode()})
    return {SEALED: Fernet(key.key.encode()).encrypt(json.dumps(value).encode()).decode()}


def is_sealed(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {SEALED}


def opener(person_id: int) -> Callable[[Any], Any]:
    """`unseal` for one person's values, reading their key once (when the first sealed value comes)."""
    keys: list[str | None] = []

    def open_value(value: Any) -> Any:
        if not is_sealed(value):
            return value
        if not keys:
            keys.append(AuditKey.objects.filter(person_id=person_id).values_list("key", flat=True).first())
        if keys[0] is None:
            return ERASED
        try:
            return json.loads(Fernet(keys[0].encode()).decrypt(value[SEALED].encode()))
        except InvalidToken:
            return ERASED

    return open_value


def unseal(person_id: int, value: Any) -> Any:
    """The value as written when `value` is sealed and the person's key remains; `ERASED` when the key
    is gone; any other value as it is."""
    return opener(person_id)(value)
