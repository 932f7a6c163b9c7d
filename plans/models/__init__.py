"""Models of the plans app, split by topic: the plan hierarchy, projects, budgets, KPIs, progress reports."""

from plans.models.budgets import BudgetLine, FundingSource
from plans.models.indicators import Indicator, IndicatorActual, IndicatorTarget
from plans.models.plans import Plan, PlanTask, PlanVersion, Strategy
from plans.models.projects import Participation, Project, ProjectActionLink, ProjectDecisionLink
from plans.models.reports import (
    ProgressReport,
    ReportActionAnswer,
    ReportContribution,
    ReportExecution,
    ReportingRound,
)

__all__ = [
    "BudgetLine",
    "FundingSource",
    "Indicator",
    "IndicatorActual",
    "IndicatorTarget",
    "Participation",
    "Plan",
    "PlanTask",
    "PlanVersion",
    "ProgressReport",
    "Project",
    "ProjectActionLink",
    "ProjectDecisionLink",
    "ReportActionAnswer",
    "ReportContribution",
    "ReportExecution",
    "ReportingRound",
    "Strategy",
]
