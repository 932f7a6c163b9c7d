"""The one DRF router of the API, /api/v1/."""

from rest_framework.routers import DefaultRouter

from council.api.views import CouncilViewSet
from members.api import views as members_api

router = DefaultRouter()
router.register("councils", CouncilViewSet, basename="council")
router.register("institutions", members_api.InstitutionViewSet, basename="institution")
router.register("people", members_api.PersonViewSet, basename="person")
router.register("memberships", members_api.MembershipViewSet, basename="membership")
router.register("best-practices", members_api.BestPracticeViewSet, basename="best-practice")
router.register("difficulties", members_api.DifficultyViewSet, basename="difficulty")
router.register("agreements", members_api.AgreementViewSet, basename="agreement")

urlpatterns = router.urls
