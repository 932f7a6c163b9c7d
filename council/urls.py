"""Root URL configuration: pages of each app, the API under /api/v1/, its schema and docs, admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from council.accounts import two_factor
from council.accounts.reset import PasswordResetView
from council.api.schema import PublishedSchemaGenerator
from council.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/two-factor/setup/", two_factor.two_factor_setup, name="two-factor-setup"),
    path("accounts/two-factor/", two_factor.two_factor_verify, name="two-factor-verify"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/email/<str:token>/", views.email_change_confirm, name="email-change-confirm"),
    path("language/", views.language_switch, name="language-switch"),
    path("council/switch/", views.council_switch, name="council-switch"),
    path("notifications/", views.notice_list, name="notice-list"),
    path("notifications/read-all/", views.notices_mark_all_read, name="notice-read-all"),
    path("notifications/<int:pk>/", views.notice_open, name="notice-open"),
    path("search/", views.search, name="search"),
    path("deliveries/<int:pk>/", views.dispatch_detail, name="dispatch-detail"),
    path("deliveries/<int:pk>/retry/", views.dispatch_retry, name="dispatch-retry"),
    path("imports/<int:pk>/", views.import_job, name="import-job"),
    path("deliveries/notices/<int:pk>/retry/", views.notice_retry, name="notice-retry"),
    path("deliveries/notices/<int:pk>/reached/", views.notice_reached, name="notice-reached"),
    path("", include("members.urls")),
    path("", include("meetings.urls")),
    path("", include("plans.urls")),
    path("", include("annual.urls")),
    path("api/v1/", include(("council.api_urls", "api"), namespace="api")),
    path(
        "api/schema/", SpectacularAPIView.as_view(generator_class=PublishedSchemaGenerator), name="api-schema"
    ),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler403 = "council.web.errors.permission_denied"
handler404 = "council.web.errors.page_not_found"
handler500 = "council.web.errors.server_error"
