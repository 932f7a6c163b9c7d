from django.urls import path

from members.views import councils, institutions, memberships, people

urlpatterns = [
    path("councils/", councils.council_list, name="council-list"),
    path("councils/<slug:slug>/", councils.council_detail, name="council-detail"),
    path("institutions/", institutions.institution_list, name="institution-list"),
    path("institutions/new/", institutions.institution_create, name="institution-create"),
    path("institutions/import/", institutions.institution_import, name="institution-import"),
    path("institutions/template.xlsx", institutions.institution_template, name="institution-template"),
    path(
        "institutions/export.xlsx",
        institutions.institution_export,
        {"fmt": "xlsx"},
        name="institution-export",
    ),
    path(
        "institutions/export.csv",
        institutions.institution_export,
        {"fmt": "csv"},
        name="institution-export-csv",
    ),
    path("institutions/<int:pk>/", institutions.institution_detail, name="institution-detail"),
    path("institutions/<int:pk>/edit/", institutions.institution_update, name="institution-update"),
    path("institutions/<int:pk>/active/", institutions.institution_set_active, name="institution-set-active"),
    path("people/", people.person_list, name="person-list"),
    path("people/new/", people.person_create, name="person-create"),
    path("people/import/", people.person_import, name="person-import"),
    path("people/template.xlsx", people.person_template, name="person-template"),
    path("people/export.xlsx", people.person_export, {"fmt": "xlsx"}, name="person-export"),
    path("people/export.csv", people.person_export, {"fmt": "csv"}, name="person-export-csv"),
    path("people/<int:pk>/", people.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", people.person_update, name="person-update"),
    path("people/<int:pk>/active/", people.person_set_active, name="person-set-active"),
    path("people/<int:pk>/invite/", people.person_invite, name="person-invite"),
    path("memberships/", memberships.membership_list, name="membership-list"),
    path("memberships/new/", memberships.membership_create, name="membership-create"),
    path("memberships/<int:pk>/", memberships.membership_update, name="membership-update"),
    path("memberships/<int:pk>/end/", memberships.membership_end, name="membership-end"),
]
