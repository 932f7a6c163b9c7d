"""A visitor chooses a council on the landing page and then sees it; the menu leads to the progress of
published plans, never to a draft."""

from django.urls import reverse

from plans.models import Plan
from tests.plans.factories import PlanFactory


def test_a_visitor_chooses_a_council_and_finds_its_published_plans(client, anyang, busan, busan_plan):
    busan.is_public = True
    busan.save(update_fields=["is_public"])
    draft = PlanFactory(council=busan, title="아직 초안인 계획")
    home = client.get(reverse("home")).content.decode()
    assert 'data-testid="public-councils"' in home and busan.name in home
    chosen = client.post(
        reverse("council-switch"), {"council": busan.pk, "next": reverse("council-detail", args=[busan.slug])}
    )
    assert chosen.url == reverse("council-detail", args=[busan.slug])
    page = client.get(chosen.url).content.decode()
    assert f'href="{reverse("plan-list")}"' in page  # the menu shows the plans to visitors
    plans = client.get(reverse("plan-list")).content.decode()
    assert busan_plan.plan.title in plans and reverse("plan-progress", args=[busan_plan.plan.pk]) in plans
    assert draft.title not in plans
    assert client.get(reverse("plan-detail", args=[busan_plan.plan.pk])).status_code == 302  # log in first
    assert Plan.objects.filter(pk=busan_plan.plan.pk, status__in=Plan.APPROVED_STATUSES).exists()
