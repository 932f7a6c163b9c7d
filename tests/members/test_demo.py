"""The demo data holds the five cases of the news reports, and loading it twice changes nothing."""

from io import StringIO

from django.core.management import call_command

from council.models import Council
from members.models import Institution, Membership


def test_demo_loads_the_five_cases_once(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    counts = (Council.objects.count(), Institution.objects.count(), Membership.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Council.objects.count(), Institution.objects.count(), Membership.objects.count()) == counts
    assert "anyang-staff" in out.getvalue() and "council-demo-2024" in out.getvalue()

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
