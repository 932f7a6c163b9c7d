"""Portal search finds plans (by their own, their strategies' and tasks' titles) and key projects,
under the same visibility as the plan pages."""

from django.urls import reverse

from plans.models import Plan


def test_search_finds_projects_and_plans_by_strategy_and_task(login, fay, busan_plan):
    client = login(fay)
    page = client.get(reverse("search"), {"q": "워털루"}).content.decode()
    assert "워털루형 코업 프로그램" in page
    assert reverse("project-detail", args=[busan_plan.led.pk]) in page
    task = busan_plan.plan.tasks.get()
    page = client.get(reverse("search"), {"q": task.title}).content.decode()
    assert busan_plan.plan.get_absolute_url() in page
    more = client.get(reverse("project-list"), {"q": "워털루"}).content.decode()
    assert "워털루형 코업 프로그램" in more  # the list behind "see all" agrees


def test_search_does_not_reveal_a_plan_the_user_may_not_open(login, bob, fay, busan_plan):
    Plan.objects.filter(pk=busan_plan.plan.pk).update(status=Plan.Status.DRAFT)
    assert "워털루형" not in login(bob).get(reverse("search"), {"q": "워털루"}).content.decode()
    assert "워털루형" in login(fay).get(reverse("search"), {"q": "워털루"}).content.decode()
