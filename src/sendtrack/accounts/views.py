from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendtrack.accounts import services
from sendtrack.accounts.forms import InviteForm, SetPasswordForm, SignInForm
from sendtrack.accounts.middleware import SIGNED_IN_AT_KEY
from sendtrack.accounts.models import INVITING_ROLES, Invitation
from sendtrack.accounts.selectors import ACTIVE_MEMBERSHIP_SESSION_KEY, active_membership, current_memberships

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
        return context


class SignOutView(LogoutView):
    http_method_names = ["post", "options"]


def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


@login_required
def invite_user(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request)
    if membership is None or membership.role not in INVITING_ROLES:
        raise Http404
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite_user(organisation=membership.organisation, by=request.user, **form.cleaned_data)
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
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SIGNED_IN_AT_KEY] = time.time()
        return redirect("core:home")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation})


@login_required
@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("membership", "")
    for membership in current_memberships(request.user):  # type: ignore[arg-type]
        if str(membership.pk) == wanted:
            request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
            break
    return redirect("core:home")
