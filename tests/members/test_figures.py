"""The difficulty figures are counted in the database, and the numbers are right on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members.difficulties.selectors import difficulty_figures
from tests.members.factories import DifficultyFactory

DAY = timedelta(days=1)


@pytest.fixture
def items(anyang, busan, daerim, school, pusan_univ):
    """Five items on Anyang with known times, and one on Busan that must not be counted."""
    start = timezone.now() - 30 * DAY

    def item(institution, category, status, answered=None, closed=None, **fields):
        return DifficultyFactory(
            council=fields.pop("council", anyang),
            institution=institution,
            category=category,
            status=status,
            created_at=start,
            first_answered_at=start + answered * DAY if answered is not None else None,
            closed_at=start + closed * DAY if closed is not None else None,
            **fields,
        )

    item(school, "employment", "resolved", answered=2, closed=6)
    item(school, "employment", "answered", answered=4)
    item(school, "employment", "received", answer_due=timezone.localdate() - DAY)
    item(daerim, "work_study", "closed", answered=1, closed=3, close_reason="중복")
    item(daerim, "work_study", "resolved", answered=3, closed=10)
    item(pusan_univ, "employment", "resolved", answered=50, closed=90, council=busan)


def test_counts_and_medians_by_category_and_institution_kind(anyang, items, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        figures = difficulty_figures(council=anyang)
    assert {row["key"]: row["count"] for row in figures.by_status} == {
        "received": 1,
        "in_review": 0,
        "answered": 1,
        "resolved": 2,
        "closed": 1,
    }
    assert figures.totals["total"] == 5 and figures.totals["open"] == 2 and figures.totals["overdue"] == 1
    assert figures.totals["median_first_answer"] == pytest.approx(2.5)
    assert figures.totals["median_resolution"] == pytest.approx(8.0)  # the closed item is left out

    by_category = {row.key: row for row in figures.by_category}
    assert set(by_category) == {"employment", "work_study"}
    employment, work_study = by_category["employment"], by_category["work_study"]
    assert (employment.total, employment.open) == (3, 2)
    assert employment.median_first_answer == pytest.approx(3.0)
    assert employment.median_resolution == pytest.approx(6.0)
    assert (work_study.total, work_study.open) == (2, 0)
    assert work_study.median_first_answer == pytest.approx(2.0)
    assert work_study.median_resolution == pytest.approx(10.0)

    by_kind = {row.key: row for row in figures.by_institution_kind}
    assert by_kind["high_school"].median_first_answer == pytest.approx(3.0)
    assert by_kind["university"].total == 2


def test_a_council_with_nothing_raised_has_no_medians(busan):
    figures = difficulty_figures(council=busan)
    assert figures.totals["total"] == 0
    assert figures.totals["median_first_answer"] is None
    assert figures.by_category == []


def test_the_figures_page_shows_a_chart_and_the_same_numbers_in_tables(login, carol, anyang, items):
    page = login(carol).get(reverse("difficulty-figures")).content.decode()
    assert 'id="status-chart"' in page and "chart.umd.min.js" in page and 'id="figures-data"' in page
    assert 'data-testid="category-table"' in page and 'data-testid="kind-table"' in page
    assert "취업·조기 취업" in page and "특성화고" in page
    assert ">2.5<" in page and ">8.0<" in page and ">10.0<" in page


def test_chart_scripts_carry_the_csp_nonce(login, carol, anyang, items):
    response = login(carol).get(reverse("difficulty-figures"))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert response.content.decode().count(f'nonce="{nonce}"') >= 2


def test_the_api_gives_the_same_figures(api, alice, anyang, items):
    data = api(alice).get("/api/v1/difficulties/figures/", {"council": anyang.pk}).json()
    assert data["totals"]["open"] == 2
    assert data["totals"]["median_resolution"] == pytest.approx(8.0)
    rows = {row["key"]: row for row in data["by_category"]}
    assert rows["employment"]["median_first_answer"] == pytest.approx(3.0)


def test_the_api_asks_which_council(api, alice, anyang):
    assert api(alice).get("/api/v1/difficulties/figures/").status_code == 400
