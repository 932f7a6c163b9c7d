"""A plan project records the agreements it builds on; the agreement lists it among its results."""

from django.urls import reverse

from tests.members.factories import AgreementFactory


def _links(project):
    return reverse("project-links", args=[project.pk])


def test_the_secretariat_links_an_agreement_and_both_pages_show_it(
    login, dave, erin, busan, busan_plan, pusan_univ
):
    agreement = AgreementFactory(council=busan, title="지산학 인재 양성 업무협약", parties=[pusan_univ])
    client = login(dave)
    assert agreement.title in client.get(_links(busan_plan.led)).content.decode()

    response = client.post(_links(busan_plan.led), {"agreement": agreement.pk})
    assert response["Location"] == _links(busan_plan.led)
    assert list(busan_plan.led.agreements.all()) == [agreement]

    project_page = login(erin).get(busan_plan.led.get_absolute_url()).content.decode()
    assert agreement.get_absolute_url() in project_page
    agreement_page = login(erin).get(agreement.get_absolute_url()).content.decode()
    assert busan_plan.led.get_absolute_url() in agreement_page
    api = login(erin).get(f"/api/v1/projects/{busan_plan.led.pk}/").json()
    assert api["agreements"] == [agreement.pk]

    client.post(_links(busan_plan.led), {"unlink_agreement": agreement.pk})
    assert not busan_plan.led.agreements.exists()


def test_only_agreements_of_the_plans_council_are_linked(login, dave, anyang, busan_plan, daerim):
    elsewhere = AgreementFactory(council=anyang, parties=[daerim])
    client = login(dave)
    response = client.post(_links(busan_plan.led), {"agreement": elsewhere.pk})
    assert response.status_code == 200
    assert "선택하신 항목이 선택 가능한 항목에 없습니다" in response.content.decode()
    assert not busan_plan.led.agreements.exists()
    for junk in ("abc", "", str(elsewhere.pk)):
        assert client.post(_links(busan_plan.led), {"unlink_agreement": junk}).status_code == 404


def test_officials_and_lead_contacts_cannot_link(login, fay, erin, busan, busan_plan, pusan_univ):
    agreement = AgreementFactory(council=busan, parties=[pusan_univ])
    for user in (fay, erin):
        assert login(user).post(_links(busan_plan.led), {"agreement": agreement.pk}).status_code == 403
    assert not busan_plan.led.agreements.exists()


def test_the_agreement_shows_only_projects_the_reader_may_see(
    login, client, alice, busan, busan_plan, pusan_univ
):
    agreement = AgreementFactory(council=busan, parties=[pusan_univ])
    busan_plan.led.agreements.add(agreement)
    busan.is_public = True
    busan.save(update_fields=["is_public"])
    visitor = client.get(agreement.get_absolute_url())
    assert visitor.status_code == 200, "a published council's agreements are public"
    assert busan_plan.led.get_absolute_url() not in visitor.content.decode(), "plans are for members"
    assert login(alice).get(busan_plan.led.get_absolute_url()).status_code == 404
