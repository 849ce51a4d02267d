"""What sendtrack believes from an organisation's identity provider: plain rules, no framework.

- The ID token must come from the configured issuer and be meant for our client id.
- The email address counts only when the provider says it verified it.
- The provider's ``amr`` (authentication methods references, RFC 8176) counts as a second factor
  only when it names multi-factor sign-in or a factor held in the hand; a password alone does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# "mfa" and "mca" say outright that more than one factor or channel was used; "otp", "hwk" and "sc"
# name a one-time code, a hardware key or a smart card, which a provider asks for beyond a password.
# Text-message and telephone codes ("sms", "tel") are left out, as sendtrack's own second factor
# leaves them out (docs/decisions/0004-mfa-for-everyone-who-signs-in.md).
MFA_METHODS = frozenset({"mfa", "mca", "otp", "hwk", "sc"})

TRUE_WORDS = frozenset({"true", "1"})


def asserts_mfa(amr: object) -> bool:
    """True when the ID token's ``amr`` names a second factor (see ``MFA_METHODS``)."""
    if isinstance(amr, str):
        methods: Iterable[object] = [amr]
    elif isinstance(amr, list | tuple):
        methods = amr
    else:
        return False
    return any(isinstance(method, str) and method.strip().lower() in MFA_METHODS for method in methods)


def _is_true(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in TRUE_WORDS


def verified_email(claims: Mapping[str, object]) -> str | None:
    """The email address, lower case, when the provider vouches for it; otherwise None.

    ``email_verified`` is the standard claim; Microsoft Entra ID says the same with its optional
    ``xms_edov`` claim (the email's domain is verified by the tenant).
    """
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    if not (_is_true(claims.get("email_verified")) or _is_true(claims.get("xms_edov"))):
        return None
    return email.strip().lower()


def id_token_problem(payload: Mapping[str, object], *, issuer: str, client_id: str) -> str | None:
    """Why an ID token (already checked for signature, expiry and nonce) is not for us, or None."""
    if payload.get("iss") != issuer:
        return "the ID token comes from another issuer"
    audience = payload.get("aud")
    audiences = [audience] if isinstance(audience, str) else audience
    if not isinstance(audiences, list) or client_id not in audiences:
        return "the ID token is meant for another client"
    if len(audiences) > 1 and payload.get("azp") != client_id:
        return "the ID token was issued to another client"
    if not payload.get("sub"):
        return "the ID token names no subject"
    return None


def discovery_problem(document: Mapping[str, object], *, issuer: str) -> str | None:
    """Why a provider's discovery document cannot be used for this issuer, or None."""
    if document.get("issuer") != issuer:
        return "the provider's discovery document names another issuer"
    for endpoint in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(document.get(endpoint), str):
            return f"the provider's discovery document has no {endpoint}"
    return None
