"""Every form control can be seen and has a name, and the main pages pass axe, for every role.

With the demo councils loaded, each role's pages are opened in Chromium (every disclosure opened, so
forms folded away are checked too). A control fails if it is smaller than 16 px and hidden without a
visible KRDS replacement drawn from its label, or if it has no accessible name; a page fails on a
repeated element id, or on any serious or critical axe-core violation.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from meetings.links import answer_path
from meetings.models import AgendaItem, Meeting
from members.models import BestPractice, Difficulty, Institution, Person
from plans.models import Plan, ProgressReport, Project
from tests.support.browser import session_cookies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Runs in the page: every problem with a control or an id, as text.
CONTROL_CHECK = (Path(__file__).resolve().parents[1] / "support" / "check_controls.js").read_text()


def _axe(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter((v) => v.impact === 'serious' || v.impact === 'critical')"
        ".map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)"
    )
    return list(violations)


def _check(page: Page, base: str, paths: list[str], *, main: int) -> list[str]:
    """Controls and ids on every page; axe on the role's first `main` pages, the ones it lives on."""
    problems = []
    for position, path in enumerate(paths):
        response = page.goto(base + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        found = page.evaluate(CONTROL_CHECK)
        if position < main:
            found += _axe(page)
        problems += [f"{path}: {problem}" for problem in found]
    return problems


def _ids():
    anyang_meeting = Meeting.objects.get(council__slug="anyang", year=2024, number=1)
    coming = Meeting.objects.filter(council__slug="anyang", status=Meeting.Status.ANNOUNCED).first()
    busan_plan = Plan.objects.get(council__slug="busan")
    project = Project.objects.filter(plan=busan_plan).order_by("code").first()
    return {
        "held": anyang_meeting.pk,
        "coming": coming.pk,
        "item": AgendaItem.objects.filter(meeting=coming).first().pk,
        "answer": answer_path(coming.invitations.exclude(institution=None).first(), "accepted"),
        "difficulty": Difficulty.objects.filter(council__slug="anyang").first().pk,
        "practice": BestPractice.objects.filter(council__slug="anyang").first().pk,
        "institution": Institution.objects.get(name="대림대학교 산학협력단").pk,
        "person": Person.objects.filter(institution__name="대림대학교 산학협력단").first().pk,
        "plan": busan_plan.pk,
        "project": project.pk,
        "report": ProgressReport.objects.filter(
            round__plan=busan_plan, status=ProgressReport.Status.SUBMITTED
        )
        .first()
        .pk,
        "pnu_report": ProgressReport.objects.filter(
            round__plan=busan_plan, project__lead_institution__name="부산대학교 산학협력단"
        )
        .order_by("-round__starts_on")
        .first()
        .pk,
    }


def test_every_roles_pages_have_visible_labelled_controls_and_pass_axe(live_server, browser, demo_committed):
    base = live_server.url
    ids = _ids()
    problems = []
    visitor = browser.new_context(bypass_csp=True).new_page()
    problems += _check(
        visitor,
        base,
        [
            "/",
            "/meetings/",
            f"/meetings/{ids['held']}/",
            f"/meetings/{ids['coming']}/",
            ids["answer"],
            "/practices/",
            "/councils/",
            "/councils/anyang/",
            f"/plans/{ids['plan']}/progress/",
            "/search/?q=취업",
            "/accounts/login/",
            "/accounts/password_reset/",
        ],
        main=6,
    )
    roles = {
        "anyang-staff": [
            "/",
            "/meetings/",
            f"/meetings/{ids['coming']}/",
            f"/difficulties/{ids['difficulty']}/",
            "/institutions/",
            "/meetings/new/",
            f"/meetings/{ids['held']}/",
            f"/meetings/{ids['coming']}/edit/",
            f"/meetings/{ids['coming']}/agenda/{ids['item']}/",
            f"/meetings/{ids['coming']}/agenda/{ids['item']}/documents/",
            f"/meetings/{ids['coming']}/agenda/",
            f"/meetings/{ids['held']}/actions/",
            f"/meetings/{ids['coming']}/attendance/",
            f"/meetings/{ids['held']}/minutes/",
            "/meetings/actions/",
            f"/meetings/propose/difficulty/{ids['difficulty']}/",
            "/difficulties/",
            "/difficulties/new/",
            "/difficulties/figures/",
            "/practices/",
            f"/practices/{ids['practice']}/",
            "/practices/new/",
            "/agreements/",
            "/agreements/new/",
            f"/institutions/{ids['institution']}/",
            "/institutions/new/",
            "/institutions/import/",
            "/people/",
            f"/people/{ids['person']}/",
            "/people/new/",
            "/memberships/",
            "/memberships/new/",
            "/accounts/profile/",
            "/meetings/calendar/",
            "/notifications/",
        ],
        "busan-staff": [
            f"/plans/{ids['plan']}/",
            f"/projects/{ids['project']}/",
            "/plans/",
            f"/plans/{ids['plan']}/edit/",
            f"/plans/{ids['plan']}/dashboard/",
            f"/plans/{ids['plan']}/rounds/",
            f"/plans/{ids['plan']}/import/",
            f"/plans/{ids['plan']}/projects/new/",
            f"/projects/{ids['project']}/edit/",
            f"/projects/{ids['project']}/budget/",
            f"/projects/{ids['project']}/participants/",
            f"/projects/{ids['project']}/links/",
            f"/projects/{ids['project']}/kpis/new/",
            "/projects/",
            "/reports/",
        ],
        "busan-official": [
            "/",
            f"/plans/{ids['plan']}/dashboard/",
            f"/reports/{ids['report']}/",
        ],
        "pnu": ["/", f"/reports/{ids['pnu_report']}/"],
        "daerim": [
            "/",
            f"/meetings/{ids['coming']}/",
            "/practices/new/",
            "/difficulties/new/",
            f"/difficulties/{ids['difficulty']}/",
            "/accounts/profile/",
        ],
    }
    # Each role's main pages come first in its list; the rest are its forms.
    main = {"anyang-staff": 5, "busan-staff": 2, "busan-official": 3, "pnu": 2, "daerim": 3}
    for username, paths in roles.items():
        signed_in = browser.new_context(bypass_csp=True).new_page()
        signed_in.context.add_cookies(session_cookies(base, username))
        problems += [
            f"{username} {problem}" for problem in _check(signed_in, base, paths, main=main[username])
        ]
    assert problems == []
