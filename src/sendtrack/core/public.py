"""The pages anyone may open without signing in. Every other page asks for sign-in.

Apps with public pages export their own `PUBLIC_URL_NAMES` from their urls module.
"""

from __future__ import annotations

import importlib

CORE_PUBLIC_URL_NAMES = frozenset(
    {
        "healthz",
        "accounts:sign-in",
        "accounts:signed-out",
        "accounts:accept-invitation",
        "core:accessibility",
        "core:privacy",
        "api:openapi-json",
        "api:openapi-view",
    }
)

APPS_WITH_PUBLIC_PAGES = ("sendtrack.improvement.urls", "sendtrack.portal.urls", "sendtrack.accounts.urls")


def public_url_names() -> frozenset[str]:
    names = set(CORE_PUBLIC_URL_NAMES)
    for module_name in APPS_WITH_PUBLIC_PAGES:
        module = importlib.import_module(module_name)
        names.update(getattr(module, "PUBLIC_URL_NAMES", ()))
    return frozenset(names)
