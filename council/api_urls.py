"""The one DRF router of the API, /api/v1/."""

from rest_framework.routers import DefaultRouter

from council.api.views import CouncilViewSet
from meetings.api import views as meetings_api
from members.agreements.api import AgreementViewSet
from members.difficulties.api import DifficultyViewSet
from members.directory.api import InstitutionViewSet, MembershipViewSet, PersonViewSet
from members.practices.api import BestPracticeViewSet
from plans.api import views as plans_api

router = DefaultRouter()
router.register("councils", CouncilViewSet, basename="council")
router.register("institutions", InstitutionViewSet, basename="institution")
router.register("people", PersonViewSet, basename="person")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("best-practices", BestPracticeViewSet, basename="best-practice")
router.register("difficulties", DifficultyViewSet, basename="difficulty")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("meetings", meetings_api.MeetingViewSet, basename="meeting")
router.register("agenda-items", meetings_api.AgendaItemViewSet, basename="agenda-item")
router.register("invitations", meetings_api.InvitationViewSet, basename="invitation")
router.register("action-items", meetings_api.ActionItemViewSet, basename="action-item")
router.register("plans", plans_api.PlanViewSet, basename="plan")
router.register("strategies", plans_api.StrategyViewSet, basename="strategy")
router.register("plan-tasks", plans_api.PlanTaskViewSet, basename="plan-task")
router.register("projects", plans_api.ProjectViewSet, basename="project")
router.register("budget-lines", plans_api.BudgetLineViewSet, basename="budget-line")
router.register("indicators", plans_api.IndicatorViewSet, basename="indicator")
router.register("progress-reports", plans_api.ProgressReportViewSet, basename="progress-report")

urlpatterns = router.urls
