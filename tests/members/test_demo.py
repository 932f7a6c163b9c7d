"""The demo's directory and submissions hold the five cases of the news reports."""

from council.models import Council
from members.models import Institution, Membership


def test_demo_holds_the_councils_and_seats_of_the_reports(demo, db):
    working = Council.objects.get(slug="asv-working")
    assert working.parent == Council.objects.get(slug="asv")

    busan = Membership.objects.filter(council__slug="busan")
    assert busan.count() == 16  # fifteen appointed members and the mayor as chair
    assert (
        busan.filter(route=Membership.Route.EX_OFFICIO, role=Membership.Role.CHAIR).get().person.name
        == "박형준"
    )
    appointed = busan.exclude(route=Membership.Route.EX_OFFICIO)
    assert appointed.count() == 15
    assert set(appointed.values_list("route", flat=True)) == {"public_recruitment", "recommendation"}

    anyang = Membership.objects.filter(council__slug="anyang")
    assert anyang.filter(institution__kind="university").values("institution").distinct().count() == 7
    assert anyang.filter(institution__kind="high_school").count() == 6
    assert anyang.filter(institution__kind="firm").count() == 2
    assert Membership.objects.filter(council__slug="asv", role="member").count() == 9
    ewha = {"서울산업진흥원(SBA)", "이화여자대학교의료원", "이화여자대학교 산학협력단"}
    assert ewha <= set(Institution.objects.values_list("name", flat=True))


def test_demo_holds_the_submissions_of_the_reports(demo, db):
    from datetime import date

    from members.demo.submissions import DAERIM_PRACTICE_TITLE
    from members.models import Agreement, BestPractice, Difficulty, DifficultyEvent

    daerim = BestPractice.objects.get(title=DAERIM_PRACTICE_TITLE)
    assert daerim.council.slug == "anyang" and daerim.is_published
    assert daerim.institution.name == "대림대학교 산학협력단"

    anyang = Difficulty.objects.filter(council__slug="anyang")
    assert set(anyang.values_list("institution__kind", flat=True)) == {"high_school"}
    statuses = set(anyang.values_list("status", flat=True))
    assert {"resolved", "answered"} <= statuses and statuses & {"received", "in_review"}
    answered_by = set(
        DifficultyEvent.objects.filter(kind="answer").values_list(
            "author_institution__name", "author__username"
        )
    )
    assert ("경기도안양과천교육지원청", None) in answered_by and (None, "anyang-staff") in answered_by

    sba = Agreement.objects.get(council__slug="seoul-bio")
    assert sba.signed_on == date(2024, 5, 22) and sba.signed_place == "이화여대서울병원 대강당"
    assert set(sba.parties.values_list("name", flat=True)) == {
        "서울산업진흥원(SBA)",
        "이화여자대학교의료원",
        "이화여자대학교 산학협력단",
    }
    assert set(sba.areas.values_list("area", flat=True)) == {
        "joint_rnd",
        "facilities",
        "information",
        "talent",
    }
    incheon = Agreement.objects.get(council__slug="incheon-smart")
    assert incheon.signed_on == date(2021, 5, 20) and incheon.parties.count() == 3
    assert incheon.best_practices.get().is_published
