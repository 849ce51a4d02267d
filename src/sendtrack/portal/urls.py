from django.urls import include, path

from sendtrack.portal.views import family, public, staff

app_name = "portal"

# Pages anyone may open without signing in (see accounts/public.py).
PUBLIC_URL_NAMES = frozenset(
    {
        "portal:accept-family-invitation",
        "portal:public-areas",
        "portal:public-area",
    }
)

family_case_pages = [
    path("", family.family_case, name="family-case"),
    path("draft-plan/", family.respond_to_draft, name="respond-to-draft"),
    path("plan/", family.family_plan, name="family-plan"),
    path("plan.pdf", family.family_plan_pdf, name="family-plan-pdf"),
    path("draft-plan/sent/", family.draft_response_sent, name="draft-response-sent"),
    path("draft-plan/document/", family.draft_plan_document, name="draft-plan-document"),
    path("documents/<int:document_id>/", family.family_document, name="family-document"),
    path("survey/<int:survey_id>/", family.answer_survey, name="answer-survey"),
]

urlpatterns = [
    path("family/", family.family_home, name="family-home"),
    path("family/accept-invitation/<str:token>/", family.accept_invitation, name="accept-family-invitation"),
    path("family/<str:case_ref>/", include(family_case_pages)),
    path("family-access/surveys/", staff.survey_results, name="survey-results"),
    path("family-access/<str:case_ref>/", staff.family_access, name="family-access"),
    path("family-access/<str:case_ref>/invite/", staff.invite_family_member, name="invite-family-member"),
    path("public/", public.public_areas, name="public-areas"),
    path("public/<str:area_code>/", public.public_area, name="public-area"),
]
