from django.urls import path

from sendtrack.accounts import oidc_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("invite-user/", views.invite_user, name="invite-user"),
    path("accept-invitation/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("switch-organisation/", views.switch_organisation, name="switch-organisation"),
    path("mfa/setup/", views.mfa_setup, name="mfa-setup"),
    path("mfa/verify/", views.mfa_verify, name="mfa-verify"),
    path("mfa/backup-codes/", views.mfa_backup_codes, name="mfa-backup-codes"),
    path("sign-in/with/<slug:slug>/", oidc_views.StartProviderSignIn.as_view(), name="provider-sign-in"),
    path("sign-in/return/", oidc_views.ProviderSignInCallback.as_view(), name="provider-sign-in-return"),
]

# Open without signing in: the way to an organisation's identity provider and back.
PUBLIC_URL_NAMES = frozenset({"accounts:provider-sign-in", "accounts:provider-sign-in-return"})
