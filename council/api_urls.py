"""The one DRF router of the API, /api/v1/."""

from rest_framework.routers import DefaultRouter

from council.api.views import CouncilViewSet
from members.api import views as members_api

router = DefaultRouter()
router.register("councils", CouncilViewSet, basename="council")
router.register("institutions", members_api.InstitutionViewSet, basename="institution")
router.register("people", members_api.PersonViewSet, basename="person")
router.register("memberships", members_api.MembershipViewSet, basename="membership")

urlpatterns = router.urls
