"""Every form control can be seen and has a name, and the main pages pass axe, for every role.

With the demo councils loaded, each role's pages are opened in Chromium (every disclosure opened, so
forms folded away are checked too). A control fails if it is smaller than 16 px and hidden without a
visible KRDS replacement drawn from its label, or if it has no accessible name; a page fails on a
repeated element id, or on any serious or critical axe-core violation. Whoever asks their system
for less motion gets pages that neither scroll smoothly nor animate (WCAG 2.3.3), and a link to a
section shows its heading below the sticky header, not under it (WCAG 2.4.11), with or without script.
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

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core"

# Runs in the page: every problem with a control or an id, as text.
CONTROL_CHECK = (Path(__file__).resolve().parents[1] / "support" / "check_controls.js").read_text()


@pytest.fixture
def axe_url(settings, live_server) -> str:
    """axe-core, served by the test server with the static files: the browser then keeps it in its
    cache, compiled, for every page that runs it, where a script sent with each page would be parsed
    and compiled again each time."""
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("axe-core", AXE)]
    return f"{live_server.url}{settings.STATIC_URL}axe-core/axe.min.js"


# axe fetches and parses every stylesheet of the page again before it runs, for one rule only
# (css-orientation-lock), which it counts as experimental and does not run; the media it also loads
# first are kept, for the rule on sound that plays by itself.
AXE_OPTIONS = "{resultTypes: ['violations'], preload: {assets: ['media']}}"


def _axe(page: Page, axe_url: str) -> list[str]:
    page.add_script_tag(url=axe_url)
    violations = page.evaluate(
        f"async () => (await axe.run(document, {AXE_OPTIONS})).violations"
        ".filter((v) => v.impact === 'serious' || v.impact === 'critical')"
        ".map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)"
    )
    return list(violations)


def _check(page: Page, base: str, paths: list[str], *, main: int, axe_url: str) -> list[str]:
    """Controls and ids on every page; axe on the role's first `main` pages, the ones it lives on."""
    problems = []
    for position, path in enumerate(paths):
        response = page.goto(base + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        found = page.evaluate(CONTROL_CHECK)
        if position < main:
            found += _axe(page, axe_url)
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


# Each role's pages, its main pages first (axe runs on those, the first MAIN of them); the rest are
# its forms. None is the visitor, who is not signed in.
PAGES = {
    None: [
        "/",
        "/meetings/",
        "/meetings/{held}/",
        "/meetings/{coming}/",
        "{answer}",
        "/practices/",
        "/councils/",
        "/councils/anyang/",
        "/plans/{plan}/progress/",
        "/search/?q=취업",
        "/accounts/login/",
        "/accounts/password_reset/",
    ],
    "anyang-staff": [
        "/",
        "/meetings/",
        "/meetings/{coming}/",
        "/difficulties/{difficulty}/",
        "/institutions/",
        "/meetings/new/",
        "/meetings/{held}/",
        "/meetings/{coming}/edit/",
        "/meetings/{coming}/agenda/{item}/",
        "/meetings/{coming}/agenda/{item}/documents/",
        "/meetings/{coming}/agenda/",
        "/meetings/{held}/actions/",
        "/meetings/{coming}/attendance/",
        "/meetings/{held}/minutes/",
        "/meetings/actions/",
        "/meetings/propose/difficulty/{difficulty}/",
        "/difficulties/",
        "/difficulties/new/",
        "/difficulties/figures/",
        "/practices/",
        "/practices/{practice}/",
        "/practices/new/",
        "/agreements/",
        "/agreements/new/",
        "/institutions/{institution}/",
        "/institutions/new/",
        "/institutions/import/",
        "/people/",
        "/people/{person}/",
        "/people/new/",
        "/memberships/",
        "/memberships/new/",
        "/accounts/profile/",
        "/meetings/calendar/",
        "/notifications/",
    ],
    "busan-staff": [
        "/plans/{plan}/",
        "/projects/{project}/",
        "/plans/",
        "/plans/{plan}/edit/",
        "/plans/{plan}/dashboard/",
        "/plans/{plan}/rounds/",
        "/plans/{plan}/import/",
        "/plans/{plan}/projects/new/",
        "/projects/{project}/edit/",
        "/projects/{project}/budget/",
        "/projects/{project}/participants/",
        "/projects/{project}/links/",
        "/projects/{project}/kpis/new/",
        "/projects/",
        "/reports/",
    ],
    "busan-official": ["/", "/plans/{plan}/dashboard/", "/reports/{report}/"],
    "pnu": ["/", "/reports/{pnu_report}/"],
    "daerim": [
        "/",
        "/meetings/{coming}/",
        "/practices/new/",
        "/difficulties/new/",
        "/difficulties/{difficulty}/",
        "/accounts/profile/",
    ],
}
MAIN = {None: 6, "anyang-staff": 5, "busan-staff": 2, "busan-official": 3, "pnu": 2, "daerim": 3}


# One test per role, so that the roles' pages are checked side by side by the suite's workers.
@pytest.mark.parametrize("username", list(PAGES), ids=lambda username: username or "visitor")
def test_every_roles_pages_have_visible_labelled_controls_and_pass_axe(
    live_server, new_context, demo_committed, axe_url, username
):
    base = live_server.url
    ids = _ids()
    page = new_context(bypass_csp=True).new_page()
    if username:
        page.context.add_cookies(session_cookies(base, username))
    paths = [path.format(**ids) for path in PAGES[username]]
    assert _check(page, base, paths, main=MAIN[username], axe_url=axe_url) == []


def _motion(page: Page) -> tuple[str, float]:
    """How the page scrolls to an anchor, and the longest transition of a KRDS button, in seconds."""
    scroll = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
    durations = page.locator(".krds-btn").first.evaluate(
        "button => getComputedStyle(button).transitionDuration"
    )
    return scroll, max(float(duration.strip().removesuffix("s")) for duration in durations.split(","))


def test_whoever_asks_for_less_motion_gets_pages_that_do_not_move(live_server, new_context):
    page = new_context().new_page()
    page.emulate_media(reduced_motion="no-preference")
    page.goto(f"{live_server.url}/accounts/login/")
    scroll, transition = _motion(page)
    assert scroll == "smooth" and transition >= 0.1, "KRDS animates for everyone else"

    page.emulate_media(reduced_motion="reduce")
    scroll, transition = _motion(page)
    assert scroll == "auto" and transition < 0.001


@pytest.mark.parametrize(
    ("viewport", "script"),
    [
        ({"width": 1280, "height": 720}, True),
        ({"width": 390, "height": 844}, True),
        ({"width": 390, "height": 844}, False),
    ],
    ids=["desktop", "phone", "phone-without-script"],
)
def test_a_link_to_a_section_shows_its_heading_below_the_sticky_header(
    live_server, new_context, demo_committed, viewport, script
):
    held = Meeting.objects.get(council__slug="anyang", year=2024, number=1)
    page = new_context(viewport=viewport, java_script_enabled=script).new_page()
    page.goto(f"{live_server.url}/meetings/{held.pk}/#agenda")
    header = page.locator("#krds-header").bounding_box()
    heading = page.locator("#agenda-title").bounding_box()
    assert header is not None and heading is not None
    assert page.evaluate("scrollY") > 0, "the page scrolled to the section"
    assert header["y"] + header["height"] <= heading["y"] < header["y"] + header["height"] + 40
