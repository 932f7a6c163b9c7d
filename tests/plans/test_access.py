"""Each role against its own and another council or institution, through the pages and the API.

Outside what a user may see is a 404; what they may see but not change is a 403. Dave runs Busan's
secretariat, Fay is Busan's official, Erin acts for Pusan National University (lead of `led`,
participant in `joined`, nothing in `other`); Alice, Carol and Bob belong to Anyang.
"""

import pytest
from django.urls import reverse

from plans.models import Plan, ProgressReport

PERSONAS = ["dave", "fay", "erin", "alice", "carol", "bob", "stranger", "root"]


def _client(request, login, persona):
    return login(request.getfixturevalue(persona))


# Plans


@pytest.mark.parametrize(
    ("persona", "approved", "draft"),
    [
        ("dave", 200, 200),
        ("fay", 200, 200),
        ("erin", 200, 404),  # seated on Busan and leading a project: the approved plan only
        ("alice", 404, 404),
        ("carol", 404, 404),
        ("bob", 404, 404),
        ("stranger", 404, 404),
        ("root", 200, 200),
    ],
)
def test_plan_pages_by_role(request, login, busan_plan, persona, approved, draft):
    from tests.plans.factories import PlanFactory

    draft_plan = PlanFactory(council=busan_plan.plan.council)
    client = _client(request, login, persona)
    for name in ("plan-detail", "plan-dashboard", "plan-export"):
        assert client.get(reverse(name, args=[busan_plan.plan.pk])).status_code == approved, name
        assert client.get(reverse(name, args=[draft_plan.pk])).status_code == draft, name


@pytest.mark.parametrize(
    ("persona", "status"),
    [("dave", 200), ("fay", 403), ("erin", 403), ("alice", 404), ("stranger", 404), ("root", 200)],
)
def test_only_the_secretariat_changes_the_plan(request, login, busan_plan, persona, status):
    client = _client(request, login, persona)
    plan = busan_plan.plan
    for url in (
        reverse("plan-update", args=[plan.pk]),
        reverse("plan-revise", args=[plan.pk]),
        reverse("plan-import", args=[plan.pk]),
        reverse("strategy-create", args=[plan.pk]),
        reverse("project-create", args=[plan.pk]),
        reverse("project-budget", args=[busan_plan.led.pk]),
        reverse("project-links", args=[busan_plan.led.pk]),
    ):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize(("persona", "status"), [("dave", 200), ("fay", 200), ("erin", 403), ("alice", 404)])
def test_rounds_page_is_for_staff_and_officials(request, login, busan_plan, persona, status):
    assert (
        _client(request, login, persona).get(reverse("plan-rounds", args=[busan_plan.plan.pk])).status_code
        == status
    )


def test_only_staff_open_rounds(login, busan_plan, fay, dave):
    data = {"year": "2023", "period": "2", "due_on": "2030-01-15"}
    assert login(fay).post(reverse("plan-rounds", args=[busan_plan.plan.pk]), data).status_code == 403
    assert login(dave).post(reverse("plan-rounds", args=[busan_plan.plan.pk]), data).status_code == 302
    assert busan_plan.plan.rounds.count() == 2


def test_the_public_progress_page_needs_an_approved_plan_of_a_published_council(
    client, anyang_plan, busan_plan
):
    assert client.get(reverse("plan-progress", args=[anyang_plan.pk])).status_code == 200
    assert client.get(reverse("plan-progress", args=[busan_plan.plan.pk])).status_code == 404  # not published
    anyang_plan.status = Plan.Status.DRAFT
    anyang_plan.save()
    assert client.get(reverse("plan-progress", args=[anyang_plan.pk])).status_code == 404
    assert client.get(reverse("plan-detail", args=[busan_plan.plan.pk])).status_code == 302  # to log in
    anyang_plan.status = Plan.Status.APPROVED
    anyang_plan.save()
    home = client.get("/").content.decode()
    assert reverse("plan-progress", args=[anyang_plan.pk]) in home
    assert reverse("plan-progress", args=[busan_plan.plan.pk]) not in home


# Reports: drafts are the project's own business


@pytest.mark.parametrize(
    ("persona", "led", "joined", "other"),
    [
        ("dave", 200, 200, 200),
        ("fay", 200, 200, 200),
        ("erin", 200, 200, 404),
        ("alice", 404, 404, 404),
        ("carol", 404, 404, 404),
        ("bob", 404, 404, 404),
        ("stranger", 404, 404, 404),
        ("root", 200, 200, 200),
    ],
)
def test_report_pages_by_role(request, login, busan_plan, persona, led, joined, other):
    client = _client(request, login, persona)
    assert client.get(reverse("report-detail", args=[busan_plan.led_report.pk])).status_code == led
    assert client.get(reverse("report-detail", args=[busan_plan.joined_report.pk])).status_code == joined
    assert client.get(reverse("report-detail", args=[busan_plan.other_report.pk])).status_code == other


def test_accepted_reports_are_read_by_the_councils_members(login, busan_plan, erin):
    report = busan_plan.other_report
    report.status = ProgressReport.Status.ACCEPTED
    report.save()
    assert login(erin).get(reverse("report-detail", args=[report.pk])).status_code == 200


@pytest.mark.parametrize(
    ("persona", "led", "joined"),
    [("erin", 200, 403), ("dave", 403, 403), ("fay", 403, 403), ("alice", 404, 404), ("root", 200, 200)],
)
def test_only_the_lead_fills_in_the_report(request, login, busan_plan, persona, led, joined):
    client = _client(request, login, persona)
    assert client.get(reverse("report-edit", args=[busan_plan.led_report.pk])).status_code == led
    assert client.get(reverse("report-edit", args=[busan_plan.joined_report.pk])).status_code == joined


@pytest.mark.parametrize(
    ("persona", "status", "result"),
    [
        ("fay", 302, "accepted"),
        ("dave", 403, "submitted"),
        ("erin", 403, "submitted"),
        ("alice", 404, "submitted"),
    ],
)
def test_officials_review_reports(request, login, busan_plan, persona, status, result):
    report = busan_plan.led_report
    report.status = ProgressReport.Status.SUBMITTED
    report.save()
    response = _client(request, login, persona).post(
        reverse("report-review", args=[report.pk]), {"decision": "accept"}
    )
    assert response.status_code == status
    report.refresh_from_db()
    assert report.status == result


def test_participants_add_their_part_on_the_page(login, busan_plan, erin, pusan_univ):
    report = busan_plan.joined_report
    page = login(erin).get(reverse("report-detail", args=[report.pk])).content.decode()
    assert f'action="{reverse("report-contribute", args=[report.pk, pusan_univ.pk])}"' in page
    response = login(erin).post(
        reverse("report-contribute", args=[report.pk, pusan_univ.pk]),
        {f"part{pusan_univ.pk}-text": "공유 교과목 3개를 운영했다."},
    )
    assert response.status_code == 302
    assert report.contributions.get().institution == pusan_univ


def test_a_site_administrator_adds_a_participants_part_on_the_page_as_the_service_allows(
    login, busan_plan, root, pusan_univ
):
    report = busan_plan.joined_report
    page = login(root).get(reverse("report-detail", args=[report.pk])).content.decode()
    assert f'action="{reverse("report-contribute", args=[report.pk, pusan_univ.pk])}"' in page
    response = login(root).post(
        reverse("report-contribute", args=[report.pk, pusan_univ.pk]),
        {f"part{pusan_univ.pk}-text": "사무국이 대신 입력했다."},
    )
    assert response.status_code == 302
    assert report.contributions.get().institution == pusan_univ


def test_the_report_page_looks_up_the_users_participations_once(login, busan_plan, erin):
    """Erin's institution joins the project: her parts and the evidence links rest on one lookup."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(erin)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("report-detail", args=[busan_plan.joined_report.pk])).status_code == 200
    lookups = [query["sql"] for query in queries if query["sql"].startswith('SELECT "plans_participation"')]
    assert len(lookups) == 1, lookups


# API


@pytest.mark.parametrize(
    ("persona", "led", "joined", "other"),
    [("dave", 200, 200, 200), ("fay", 200, 200, 200), ("erin", 200, 200, 404), ("alice", 404, 404, 404)],
)
def test_api_reports_by_role(request, api, busan_plan, persona, led, joined, other):
    client = api(request.getfixturevalue(persona))
    assert client.get(f"/api/v1/progress-reports/{busan_plan.led_report.pk}/").status_code == led
    assert client.get(f"/api/v1/progress-reports/{busan_plan.joined_report.pk}/").status_code == joined
    assert client.get(f"/api/v1/progress-reports/{busan_plan.other_report.pk}/").status_code == other


@pytest.mark.parametrize(
    ("persona", "led", "joined"),
    [("erin", 200, 403), ("dave", 403, 403), ("fay", 403, 403), ("alice", 404, 404)],
)
def test_api_only_the_lead_writes_the_report(request, api, busan_plan, persona, led, joined):
    client = api(request.getfixturevalue(persona))
    body = {"narrative": "코업 1기 운영", "percent_done": 25}
    assert (
        client.patch(f"/api/v1/progress-reports/{busan_plan.led_report.pk}/", body, format="json").status_code
        == led
    )
    assert (
        client.patch(
            f"/api/v1/progress-reports/{busan_plan.joined_report.pk}/", body, format="json"
        ).status_code
        == joined
    )


@pytest.mark.parametrize(("persona", "status"), [("fay", 200), ("dave", 403), ("erin", 403), ("alice", 404)])
def test_api_officials_return_reports_with_a_comment(request, api, busan_plan, persona, status):
    report = busan_plan.led_report
    report.status = ProgressReport.Status.SUBMITTED
    report.save()
    response = api(request.getfixturevalue(persona)).post(
        f"/api/v1/progress-reports/{report.pk}/return/", {"comment": "증빙 보완"}, format="json"
    )
    assert response.status_code == status
    if status == 200:
        assert response.json()["status"] == "returned" and response.json()["review_comment"] == "증빙 보완"


@pytest.mark.parametrize(
    ("persona", "plan", "summary", "line"),
    [
        ("dave", 200, 200, 201),
        ("fay", 200, 200, 403),
        ("erin", 200, 200, 403),
        ("alice", 404, 404, 400),  # cannot even name the project: it is not among her choices
        ("root", 200, 200, 201),
    ],
)
def test_api_plans_and_budget_lines_by_role(request, api, busan_revision, persona, plan, summary, line):
    busan_plan = busan_revision
    client = api(request.getfixturevalue(persona))
    assert client.get(f"/api/v1/plans/{busan_plan.plan.pk}/").status_code == plan
    assert client.get(f"/api/v1/plans/{busan_plan.plan.pk}/summary/").status_code == summary
    response = client.post(
        "/api/v1/budget-lines/",
        {"project": busan_plan.led.pk, "year": 2024, "source": "national", "planned": 500_000_000},
        format="json",
    )
    assert response.status_code == line, response.content


def test_api_lists_are_scoped_before_they_are_filtered(api, busan_plan, anyang_plan, alice, erin):
    assert [row["id"] for row in api(alice).get("/api/v1/plans/").json()["results"]] == [anyang_plan.pk]
    codes = {row["project"] for row in api(erin).get("/api/v1/progress-reports/").json()["results"]}
    assert codes == {busan_plan.led.pk, busan_plan.joined.pk}
    assert api(alice).get("/api/v1/projects/", {"plan": busan_plan.plan.pk}).json()["count"] == 0


def test_api_needs_a_login(api, anyang_plan):
    assert api().get("/api/v1/plans/").status_code in (401, 403)
    assert api().get(f"/api/v1/plans/{anyang_plan.pk}/summary/").status_code in (401, 403)


def test_plan_tabs_link_to_the_public_page_only_when_it_opens(login, root, anyang_plan):
    """An inactive council's plan has no public page, so its tabs do not offer one (only a site
    administrator still reads an inactive council's plan)."""
    client = login(root)
    public = reverse("plan-progress", args=[anyang_plan.pk])
    tabs = [reverse(name, args=[anyang_plan.pk]) for name in ("plan-detail", "plan-dashboard", "plan-rounds")]
    for url in tabs:
        assert public in client.get(url).content.decode(), url
    council = anyang_plan.council
    council.is_active = False
    council.save()
    assert client.get(public).status_code == 404
    for url in tabs:
        response = client.get(url)
        assert response.status_code == 200, url
        assert public not in response.content.decode(), url
