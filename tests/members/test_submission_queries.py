"""Submission lists, detail pages, figures, search and the API run a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import AgreementArea, BestPracticeDocument, DifficultyAttachment, DifficultyEvent
from tests.members.factories import (
    AgreementFactory,
    BestPracticeFactory,
    BestPracticeFigureFactory,
    DifficultyEventFactory,
    DifficultyFactory,
    InstitutionFactory,
    MembershipFactory,
)


def _grow(council, size: int, author) -> None:
    for _number in range(size):
        institution = InstitutionFactory(name=f"{InstitutionFactory._meta.model.objects.count()} 검색대학")
        MembershipFactory(council=council, institution=institution)
        practice = BestPracticeFactory(
            council=council, institution=institution, published=True, title="검색 사례"
        )
        practice.partners.add(InstitutionFactory())
        BestPracticeFigureFactory(practice=practice)
        BestPracticeDocument.objects.create(
            practice=practice,
            file="x.pdf",
            name="x.pdf",
            content_type="application/pdf",
            type_label="PDF",
            size=10,
        )
        difficulty = DifficultyFactory(
            council=council, institution=institution, assignee=institution, title="검색 애로"
        )
        for kind in ("raised", "assigned", "answer", "comment"):
            event = DifficultyEventFactory(
                difficulty=difficulty, kind=kind, author=author, author_institution=institution
            )
        DifficultyAttachment.objects.create(
            difficulty=difficulty,
            event=event,
            file="y.pdf",
            name="y.pdf",
            content_type="application/pdf",
            type_label="PDF",
            size=10,
        )
        agreement = AgreementFactory(
            council=council, title="검색 협약", parties=[institution, InstitutionFactory()]
        )
        agreement.best_practices.add(practice)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


PAGES = [
    reverse("best-practice-list") + "?council=",
    reverse("difficulty-list") + "?council=",
    reverse("agreement-list") + "?council=",
    reverse("difficulty-figures"),
    reverse("search") + "?q=검색",
    "/api/v1/best-practices/?page_size=100",
    "/api/v1/difficulties/?page_size=100",
    "/api/v1/agreements/?page_size=100",
    "/",
]


def test_lists_run_a_fixed_number_of_queries(login, alice, anyang):
    client = login(alice)
    _grow(anyang, 3, alice)
    small = {url: _count(client, url) for url in PAGES}
    _grow(anyang, 20, alice)
    assert {url: _count(client, url) for url in PAGES} == small


def test_contact_home_runs_a_fixed_number_of_queries(login, bob, anyang, daerim):
    client = login(bob)
    for _number in range(3):
        DifficultyFactory(council=anyang, institution=daerim)
        BestPracticeFactory(council=anyang, institution=daerim)
    small = _count(client, "/")
    for _number in range(20):
        DifficultyFactory(council=anyang, institution=daerim)
        BestPracticeFactory(council=anyang, institution=daerim)
    assert _count(client, "/") == small


def test_detail_pages_run_a_fixed_number_of_queries(login, alice, anyang, daerim):
    client = login(alice)
    practice = BestPracticeFactory(council=anyang, institution=daerim, published=True)
    difficulty = DifficultyFactory(council=anyang, institution=daerim)
    agreement = AgreementFactory(council=anyang)

    def add(times: int) -> None:
        for _number in range(times):
            practice.partners.add(InstitutionFactory())
            BestPracticeFigureFactory(practice=practice)
            BestPracticeDocument.objects.create(
                practice=practice,
                file="x.pdf",
                name="x.pdf",
                content_type="application/pdf",
                type_label="PDF",
                size=1,
            )
            event = DifficultyEventFactory(
                difficulty=difficulty, kind=DifficultyEvent.Kind.ANSWER, author=alice
            )
            DifficultyAttachment.objects.create(
                difficulty=difficulty,
                event=event,
                file="y",
                name="y.pdf",
                content_type="x",
                type_label="PDF",
                size=1,
            )
            agreement.parties.add(InstitutionFactory())
            linked = BestPracticeFactory(council=anyang, institution=daerim, published=True)
            agreement.best_practices.add(linked)
        AgreementArea.objects.get_or_create(agreement=agreement, area="talent")

    urls = [
        reverse("best-practice-detail", args=[practice.pk]),
        reverse("difficulty-detail", args=[difficulty.pk]),
        reverse("agreement-detail", args=[agreement.pk]),
        f"/api/v1/best-practices/{practice.pk}/",
        f"/api/v1/difficulties/{difficulty.pk}/",
        f"/api/v1/agreements/{agreement.pk}/",
    ]
    add(2)
    small = {url: _count(client, url) for url in urls}
    add(20)
    assert {url: _count(client, url) for url in urls} == small
