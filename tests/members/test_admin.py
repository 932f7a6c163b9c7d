"""The admin follows the portal's roles: staff see and change only their own councils' records."""

from django.urls import reverse

from tests.members.factories import PersonFactory


def _staff(user):
    user.is_staff = True
    user.save()
    return user


def test_staff_admin_lists_only_their_councils_institutions(login, alice, daerim, pusan_univ):
    page = login(_staff(alice)).get(reverse("admin:members_institution_changelist")).content.decode()
    assert daerim.name in page
    assert pusan_univ.name not in page


def test_staff_cannot_open_another_councils_record_in_the_admin(login, alice, pusan_univ):
    client = login(_staff(alice))
    response = client.get(reverse("admin:members_institution_change", args=[pusan_univ.pk]))
    assert response.status_code == 302  # the admin redirects to its index for objects outside the queryset


def test_staff_change_institutions_of_their_council_in_the_admin(login, alice, daerim):
    client = login(_staff(alice))
    url = reverse("admin:members_institution_change", args=[daerim.pk])
    assert client.get(url).status_code == 200
    person = PersonFactory(institution=daerim)
    assert client.get(reverse("admin:members_person_change", args=[person.pk])).status_code == 200


def test_officials_and_contacts_do_not_reach_the_admin(login, carol, bob):
    for user in (carol, bob):
        _staff(user)
        response = login(user).get(reverse("admin:members_institution_changelist"))
        assert response.status_code == 403


def test_site_admins_see_everything(login, root, daerim, pusan_univ):
    page = login(root).get(reverse("admin:members_institution_changelist")).content.decode()
    assert daerim.name in page and pusan_univ.name in page


def test_staff_admin_lists_only_their_councils_submissions(login, alice, anyang, busan, daerim, pusan_univ):
    from tests.members.factories import BestPracticeFactory, DifficultyFactory

    mine = DifficultyFactory(council=anyang, institution=daerim, title="안양 애로")
    DifficultyFactory(council=busan, institution=pusan_univ, title="부산 애로")
    BestPracticeFactory(council=busan, institution=pusan_univ, title="부산 초안")
    client = login(_staff(alice))
    page = client.get(reverse("admin:members_difficulty_changelist")).content.decode()
    assert mine.title in page and "부산 애로" not in page
    assert "부산 초안" not in client.get(reverse("admin:members_bestpractice_changelist")).content.decode()
    assert client.get(reverse("admin:members_difficulty_change", args=[mine.pk])).status_code == 200


def test_workflow_steps_are_not_started_from_the_admin(login, alice, anyang):
    client = login(_staff(alice))
    assert client.get(reverse("admin:members_difficulty_add")).status_code == 403
    assert client.get(reverse("admin:members_agreement_add")).status_code == 200


def test_closed_difficulties_are_read_only_in_the_admin_as_on_the_pages(login, alice, anyang, daerim):
    from tests.members.factories import DifficultyFactory

    closed = DifficultyFactory(council=anyang, institution=daerim, status="closed", title="닫힌 애로")
    url = reverse("admin:members_difficulty_change", args=[closed.pk])
    client = login(_staff(alice))
    assert client.get(url).status_code == 200  # still readable
    response = client.post(url, {"title": "고친 제목", "description": "바뀐 내용", "kind": "difficulty"})
    assert response.status_code == 403
    closed.refresh_from_db()
    assert closed.title == "닫힌 애로"
