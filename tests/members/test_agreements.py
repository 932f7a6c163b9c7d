"""Agreements as the secretariat records them: parties, areas, validity, documents and results."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Agreement
from tests.members.factories import AgreementFactory, BestPracticeFactory, InstitutionFactory

SCRIPT = "<script>alert(1)</script>"


def _form(**changes):
    data = {
        "title": "스마트제조 고급인력 양성사업 업무협약",
        "areas": ["talent", "joint_rnd"],
        "signed_on": "2021-05-20",
        "signed_place": "인천광역시청",
        "summary": "스마트제조 인력양성 교육과정 개발",
    }
    data.update(changes)
    return data


def test_the_secretariat_records_an_agreement_with_a_document(login, alice, anyang, daerim, school, pdf):
    practice = BestPracticeFactory(council=anyang, institution=daerim, published=True)
    response = login(alice).post(
        reverse("agreement-create"),
        _form(parties=[daerim.pk, school.pk], best_practices=[practice.pk], documents=[pdf("협약서.pdf")]),
    )
    agreement = Agreement.objects.get()
    assert response["Location"] == reverse("agreement-detail", args=[agreement.pk])
    assert set(agreement.parties.all()) == {daerim, school}
    assert sorted(agreement.areas.values_list("area", flat=True)) == ["joint_rnd", "talent"]
    assert list(agreement.best_practices.all()) == [practice]
    assert agreement.documents.get().name == "협약서.pdf" and agreement.created_by == alice
    page = login(alice).get(reverse("agreement-detail", args=[agreement.pk])).content.decode()
    assert practice.title in page and "협약서.pdf" in page and "인재 양성 및 취업 연계" in page


def test_an_agreement_needs_two_parties_an_area_and_a_sane_period(login, alice, anyang, daerim):
    response = login(alice).post(
        reverse("agreement-create"),
        _form(parties=[daerim.pk], areas=[], valid_from="2024-01-01", valid_until="2023-01-01"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "두 개 이상의 기관" in page
    assert "필수 항목입니다" in page
    assert "협약 종료일이 효력 발생일보다 빠를 수 없습니다" in page
    assert not Agreement.objects.exists()


def test_only_published_practices_of_the_same_council_are_linked(
    api, alice, anyang, busan, daerim, school, pusan_univ
):
    draft = BestPracticeFactory(council=anyang, institution=daerim)
    response = api(alice).post(
        "/api/v1/agreements/",
        {
            "council": anyang.pk,
            "title": "협약",
            "parties": [daerim.pk, school.pk],
            "areas": ["information"],
            "signed_on": "2024-05-22",
            "best_practices": [draft.pk],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "best_practices" in response.json()
    assert not Agreement.objects.exists()


def test_script_is_inert_on_agreement_pages(login, client, alice, anyang):
    agreement = AgreementFactory(council=anyang, title=SCRIPT, signed_place=SCRIPT, summary=SCRIPT)
    for page in (
        client.get(reverse("agreement-detail", args=[agreement.pk])).content.decode(),
        client.get(reverse("agreement-list")).content.decode(),
    ):
        assert SCRIPT not in page and "&lt;script&gt;" in page


def test_the_list_filters_by_area_and_validity(client, anyang, daerim, school):
    today = timezone.localdate()
    current = AgreementFactory(
        council=anyang, title="유효한 협약", areas=["talent"], valid_until=today + timedelta(days=400)
    )
    expired = AgreementFactory(
        council=anyang, title="끝난 협약", areas=["facilities"], valid_until=today - timedelta(days=1)
    )
    page = client.get(reverse("agreement-list"), {"area": "facilities"}).content.decode()
    assert expired.title in page and current.title not in page
    page = client.get(reverse("agreement-list"), {"in_force": "true"}).content.decode()
    assert current.title in page and expired.title not in page
    page = client.get(reverse("agreement-list"), {"q": daerim.name[:4]}).content.decode()  # by a party's name
    assert "협약" in page


def test_agreements_ending_soon_are_flagged(client, anyang):
    AgreementFactory(council=anyang, valid_until=timezone.localdate() + timedelta(days=30))
    assert "60일 이내 만료" in client.get(reverse("agreement-list")).content.decode()


@pytest.mark.parametrize(
    ("valid_from", "valid_until", "in_force"),
    [(None, None, True), (None, date(2020, 1, 1), False), (date(2099, 1, 1), None, False)],
)
def test_in_force_follows_the_period(anyang, valid_from, valid_until, in_force):
    agreement = AgreementFactory(council=anyang, valid_from=valid_from, valid_until=valid_until)
    assert agreement.in_force is in_force


def test_documents_are_attached_and_removed_by_the_secretariat(login, alice, carol, anyang, pdf):
    agreement = AgreementFactory(council=anyang)
    client = login(alice)
    client.post(reverse("agreement-document-upload", args=[agreement.pk]), {"file": pdf("보도자료.pdf")})
    document = agreement.documents.get()
    delete = reverse("agreement-document-delete", args=[agreement.pk, document.pk])
    assert login(carol).post(delete).status_code == 403
    assert client.post(delete).status_code == 302
    assert not agreement.documents.exists()


def test_a_party_outside_the_directory_cannot_be_named(api, alice, anyang, daerim, pusan_univ):
    response = api(alice).post(
        "/api/v1/agreements/",
        {
            "council": anyang.pk,
            "title": "협약",
            "parties": [daerim.pk, pusan_univ.pk],
            "areas": ["information"],
            "signed_on": "2024-05-22",
        },
        format="json",
    )
    assert response.status_code == 400 and "parties" in response.json()


def test_recording_through_the_api(api, alice, anyang, daerim, school):
    other = InstitutionFactory(registered_by=anyang)
    response = api(alice).post(
        "/api/v1/agreements/",
        {
            "council": anyang.pk,
            "title": "API 협약",
            "parties": [daerim.pk, school.pk, other.pk],
            "areas": ["information", "talent"],
            "signed_on": "2024-05-22",
            "valid_until": "2026-05-21",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert sorted(data["areas"]) == ["information", "talent"] and len(data["party_names"]) == 3
    response = api(alice).get("/api/v1/agreements/", {"area": "talent", "council": anyang.pk})
    assert [row["title"] for row in response.json()["results"]] == ["API 협약"]


def test_changing_linked_practices_through_the_api_answers_with_the_new_list(
    api, alice, anyang, daerim, school
):
    first = BestPracticeFactory(council=anyang, institution=daerim, published=True)
    second = BestPracticeFactory(council=anyang, institution=school, published=True)
    response = api(alice).post(
        "/api/v1/agreements/",
        {
            "council": anyang.pk,
            "title": "실적 연계 협약",
            "parties": [daerim.pk, school.pk],
            "areas": ["talent"],
            "signed_on": "2024-05-22",
            "best_practices": [first.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["best_practices"] == [first.pk]
    url = f"/api/v1/agreements/{response.json()['id']}/"
    response = api(alice).patch(url, {"best_practices": [second.pk]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["best_practices"] == [second.pk]
    assert api(alice).get(url).json()["best_practices"] == [second.pk]


def test_the_validity_queries_and_the_agreement_flags_agree(anyang):
    today = timezone.localdate()
    days = [None, today - timedelta(days=1), today, today + timedelta(days=30), today + timedelta(days=90)]
    agreements = [
        AgreementFactory(
            council=anyang, signed_on=today - timedelta(days=10), valid_from=start, valid_until=end
        )
        for start in days
        for end in days
        if start is None or end is None or start <= end
    ]
    in_force = set(Agreement.objects.in_force_on(today))
    assert in_force == {agreement for agreement in agreements if agreement.in_force_on(today)} and in_force
    ending = set(Agreement.objects.ending_within(today, 60))
    assert ending == {agreement for agreement in agreements if agreement.ends_soon} and ending
