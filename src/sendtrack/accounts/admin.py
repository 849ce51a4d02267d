import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse

from sendtrack.accounts.access import may_use_admin_site
from sendtrack.accounts.forms import IdentityProviderForm
from sendtrack.accounts.models import (
    IdentityProvider,
    Invitation,
    LocalArea,
    Membership,
    Organisation,
    User,
)
from sendtrack.accounts.oidc import ProviderUnavailable, client_secret


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


@admin.register(LocalArea)
class LocalAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "local_area", "urn"]
    list_filter = ["kind", "local_area"]
    search_fields = ["name", "urn"]


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    """An organisation's OpenID Connect sign-in; docs/deploy.md shows a Microsoft Entra ID example."""

    form = IdentityProviderForm
    list_display = ["__str__", "issuer", "client_id", "enabled", "secret_is_set"]
    list_filter = ["enabled"]
    readonly_fields = ["secret_is_set", "return_address"]
    # The form's settings, what they lead to, then the switch that turns the provider on.
    fields = [
        *(name for name in IdentityProviderForm.Meta.fields if name != "enabled"),
        *readonly_fields,
        "enabled",
    ]

    @admin.display(description="redirect URI to register with the provider")
    def return_address(self, provider: IdentityProvider) -> str:
        return f"{settings.SITE_URL}{reverse('accounts:provider-sign-in-return')}"

    @admin.display(description="secret found in the environment", boolean=True)
    def secret_is_set(self, provider: IdentityProvider) -> bool:
        if not provider.client_secret_variable:
            return False
        try:
            client_secret(provider)
        except ProviderUnavailable:
            return False
        return True


admin.site.register(Invitation)
admin.site.site_header = "sendtrack administration"


def _administrators_only(request: HttpRequest) -> bool:
    return may_use_admin_site(request.user)


def _admin_sign_in(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """Signed-in non-administrators get a polite refusal; others sign in through the service."""
    if request.user.is_authenticated:
        return render(request, "errors/403.html", status=403)
    return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))


_django_admin_view = admin.site.admin_view


def _admin_view(view: Callable[..., HttpResponse], cacheable: bool = False) -> Callable[..., HttpResponse]:
    """Send anonymous visitors straight to the service's sign-in page, not the admin's own."""
    inner = _django_admin_view(view, cacheable)

    @functools.wraps(inner)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        return inner(request, *args, **kwargs)

    return guarded


admin.site.has_permission = _administrators_only  # type: ignore[method-assign]
admin.site.login = _admin_sign_in  # type: ignore[method-assign,assignment]
admin.site.admin_view = _admin_view  # type: ignore[method-assign]
