"""The pages anyone may open without signing in. Every other page asks for sign-in (and a second factor).

Apps with public pages export their own `PUBLIC_URL_NAMES` from their urls module (or from a
`public` module beside it); an app that has none, or is not there yet, adds nothing.
`PUBLIC_URL_NAMES` here is the whole set, read when first asked for.
"""

from __future__ import annotations

import functools
import importlib

CORE_PUBLIC_URL_NAMES = frozenset(
    {
        "healthz",
        "readyz",
        "accounts:sign-in",
        "accounts:signed-out",
        "accounts:accept-invitation",
        "core:accessibility",
        "core:privacy",
        "api:openapi-json",
        "api:openapi-view",
    }
)

APPS_WITH_PUBLIC_PAGES = (
    "sendtrack.improvement.urls",
    "sendtrack.improvement.public",
    "sendtrack.portal.urls",
    "sendtrack.portal.public",
    "sendtrack.accounts.urls",
)


@functools.cache
def public_url_names() -> frozenset[str]:
    names = set(CORE_PUBLIC_URL_NAMES)
    for module_name in APPS_WITH_PUBLIC_PAGES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise  # the module exists but is broken: say so rather than hide its pages
            continue
        names.update(getattr(module, "PUBLIC_URL_NAMES", ()))
    return frozenset(names)


def __getattr__(name: str) -> frozenset[str]:
    if name == "PUBLIC_URL_NAMES":
        return public_url_names()
    raise AttributeError(name)
