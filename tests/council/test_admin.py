"""The Django admin is for site administrators only: no other account reads or writes through it.

Every admin page of every registered model is requested by each secretariat account of the demo
(and by an official and a contact), against another council's records and their own: list, add,
change, history and delete, reading and posting. None gets further than the admin's login page and
nothing changes. The site administrator opens every list.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from council.models import User

OTHER_ROLES = ["anyang-official", "daerim"]


def _admin_pages(model, obj):
    """(method, url name, args) of every admin page of a model, those of one object included."""
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    pages = [("get", f"{prefix}_changelist", []), ("get", f"{prefix}_add", []), ("post", f"{prefix}_add", [])]
    if obj is not None:
        pages += [("get", f"{prefix}_{view}", [obj.pk]) for view in ("change", "history", "delete")]
        pages += [("post", f"{prefix}_{view}", [obj.pk]) for view in ("change", "delete")]
    return pages


def _registered():
    return [(model, model._default_manager.order_by("-pk").first()) for model in admin.site._registry]


@pytest.mark.parametrize("username", ["anyang-staff", "busan-staff", "asv-staff", "sba-staff", *OTHER_ROLES])
def test_no_account_but_the_site_administrators_gets_past_the_admin_login(demo, db, client, username):
    user = User.objects.get(username=username)
    user.is_staff = True  # even with Django's staff flag set
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    counts = {model: model._default_manager.count() for model in apps.get_models()}
    login = reverse("admin:login")
    assert client.get(reverse("admin:index")).url.startswith(login)
    checked = 0
    for model, obj in _registered():
        for method, name, args in _admin_pages(model, obj):
            try:
                url = reverse(name, args=args)
            except NoReverseMatch:
                continue
            response = getattr(client, method)(
                url, {"post": "yes", "name": "바뀐 이름", "title": "바뀐 제목"}
            )
            assert response.status_code == 302 and response.url.startswith(login), (username, method, url)
            checked += 1
    assert checked > 100
    assert {model: model._default_manager.count() for model in apps.get_models()} == counts


def test_the_site_administrator_opens_every_admin_list(demo, db, client):
    client.force_login(User.objects.get(username="admin"))
    for model, _obj in _registered():
        response = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        assert response.status_code == 200, model


def test_the_administration_link_is_shown_to_site_administrators_only(demo, db, client):
    client.force_login(User.objects.get(username="anyang-staff"))
    assert reverse("admin:index") not in client.get(reverse("home")).content.decode()
    client.force_login(User.objects.get(username="admin"))
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()


def test_locked_records_are_read_only_in_the_admin_for_site_administrators_too(demo, db, client):
    from meetings.models import Meeting, Minutes
    from plans.models import BudgetLine

    client.force_login(User.objects.get(username="admin"))
    minutes = Minutes.objects.filter(status=Minutes.Status.APPROVED).first()
    held = Meeting.objects.exclude(status__in=Meeting.OPEN_STATUSES).first()
    line = BudgetLine.objects.filter(project__plan__status="approved").first()
    for obj in (minutes, held, line):
        assert obj is not None
        prefix = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
        page = client.get(reverse(f"{prefix}_change", args=[obj.pk]))
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode(), obj  # view only
        assert client.post(reverse(f"{prefix}_change", args=[obj.pk]), {"planned": 1}).status_code == 403
        assert client.post(reverse(f"{prefix}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
        assert type(obj).objects.filter(pk=obj.pk).exists()
    line.refresh_from_db()
    assert line.planned != 1
