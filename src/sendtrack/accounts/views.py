from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from sendtrack.accounts import mfa, services
from sendtrack.accounts.backends import PASSWORD_BACKEND
from sendtrack.accounts.forms import (
    TOO_MANY_CODE_TRIES,
    WRONG_CODE,
    WRONG_CODE_OR_BACKUP_CODE,
    ConfirmAuthenticatorForm,
    InviteForm,
    SetPasswordForm,
    SignInForm,
    VerifyCodeForm,
)
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.middleware import SIGNED_IN_AT_KEY
from sendtrack.accounts.models import INVITING_ROLES, Invitation
from sendtrack.accounts.selectors import (
    ACTIVE_MEMBERSHIP_SESSION_KEY,
    active_membership,
    current_memberships,
    sign_in_providers,
)

INVITATION_SALT = "sendtrack.invitation"
INVITATION_MAX_AGE = 7 * 24 * 60 * 60


class SignInView(LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:
        response = super().form_valid(form)
        self.request.session[SIGNED_IN_AT_KEY] = time.time()
        return response

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["expired"] = self.request.GET.get("expired") == "1"
        context["providers"] = sign_in_providers()
        return context


class SignOutView(LogoutView):
    http_method_names = ["post", "options"]


def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


@login_required
def invite_user(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = active_membership(request)
    if membership is None or membership.role not in INVITING_ROLES:
        raise Http404
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite_user(
            organisation=membership.organisation, by=request.user, **form.cleaned_data
        )
        token = signing.dumps(invitation.pk, salt=INVITATION_SALT)
        link = request.build_absolute_uri(reverse("accounts:accept-invitation", args=[token]))
        messages.success(request, f"{invitation.full_name} has been invited. Send them this link: {link}")
        return redirect("accounts:invite-user")
    return render(request, "accounts/invite_user.html", {"form": form, "membership": membership})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return render(request, "accounts/invitation_invalid.html", status=404)
    invitation = get_object_or_404(Invitation, pk=pk, accepted_at__isnull=True)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(invitation=invitation, password=form.cleaned_data["password1"])
        login(request, user, backend=PASSWORD_BACKEND)
        request.session[SIGNED_IN_AT_KEY] = time.time()
        return redirect("core:home")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation})


@login_required
@require_POST
def switch_organisation(request: AuthenticatedHttpRequest) -> HttpResponse:
    wanted = request.POST.get("membership", "")
    for membership in current_memberships(request.user):
        if str(membership.pk) == wanted:
            request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
            break
    return redirect("core:home")


def _next_page(request: HttpRequest) -> str:
    """Where to go after the second factor: the page first asked for, if it is on this site."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url("core:home")


def _with_next(name: str, request: HttpRequest) -> str:
    from urllib.parse import urlencode

    return f"{reverse(name)}?{urlencode({'next': _next_page(request)})}"


def _is_verified(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


@login_required
def mfa_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the QR code (or type the secret), then enter its first code."""
    if mfa.has_confirmed_device(request.user):
        if _is_verified(request):
            return redirect(_next_page(request))
        return redirect(_with_next("accounts:mfa-verify", request))
    device = mfa.pending_authenticator(request.user)
    form = ConfirmAuthenticatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", TOO_MANY_CODE_TRIES)
        else:
            codes = mfa.confirm_authenticator(request=request, device=device, code=form.cleaned_data["code"])
            if codes is not None:
                context = {"codes": codes, "next": _next_page(request), "just_set_up": True}
                return render(request, "accounts/mfa_backup_codes.html", context)
            form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr_code": mfa.qr_code_svg(device),
        "secret": mfa.secret_in_text(device),
        "next": _next_page(request),
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def mfa_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The second step of sign-in: a code from the app or a backup code."""
    if not mfa.has_confirmed_device(request.user):
        return redirect(_with_next("accounts:mfa-setup", request))
    if _is_verified(request):
        return redirect(_next_page(request))
    form = VerifyCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = mfa.verify_second_factor(request=request, code=form.cleaned_data["code"])
        if result == mfa.VerifyResult.VERIFIED:
            return redirect(_next_page(request))
        too_many = result == mfa.VerifyResult.TOO_MANY_TRIES
        form.add_error("code", TOO_MANY_CODE_TRIES if too_many else WRONG_CODE_OR_BACKUP_CODE)
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next_page(request)})


@login_required
def mfa_backup_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How many backup codes are left, and a button to replace them all with a new set."""
    if request.method == "POST":
        codes = mfa.replace_backup_codes(user=request.user)
        context = {"codes": codes, "next": resolve_url("core:home")}
        return render(request, "accounts/mfa_backup_codes.html", context)
    left = mfa.backup_codes_left(request.user)
    return render(request, "accounts/mfa_backup_codes.html", {"codes_left": left})
