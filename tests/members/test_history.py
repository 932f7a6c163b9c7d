"""Change history of best practices and agreements, shown to the council's secretariat."""

from django.urls import reverse

from tests.members.factories import AgreementFactory, BestPracticeFactory, InstitutionFactory


def _history(client, url) -> str | None:
    page = client.get(url).content.decode()
    marker = 'data-testid="change-history"'
    return page[page.index(marker) :] if marker in page else None


def test_a_practice_shows_its_secretariat_who_corrected_what(
    factory_history, api, login, alice, bob, carol, anyang, daerim
):
    practice = BestPracticeFactory(council=anyang, institution=daerim, submitted=True)
    response = api(alice).patch(f"/api/v1/best-practices/{practice.pk}/", {"title": "오탈자를 고친 제목"})
    assert response.status_code == 200
    history = _history(login(alice), practice.get_absolute_url())
    assert history is not None and alice.get_full_name() in history and "사례명" in history
    assert _history(login(bob), practice.get_absolute_url()) is None, "contacts see the review trail"


def test_an_agreement_shows_its_changes_to_the_secretariat_only(
    factory_history, api, login, alice, carol, anyang, daerim
):
    agreement = AgreementFactory(council=anyang, parties=[daerim, InstitutionFactory()])
    response = api(alice).patch(f"/api/v1/agreements/{agreement.pk}/", {"signed_place": "시청 상황실"})
    assert response.status_code == 200
    history = _history(login(alice), reverse("agreement-detail", args=[agreement.pk]))
    assert history is not None and "체결 장소" in history
    assert _history(login(carol), reverse("agreement-detail", args=[agreement.pk])) is None
