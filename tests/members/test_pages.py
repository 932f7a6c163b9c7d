"""The member directory pages as the secretariat uses them: add, edit, validate, filter, export."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from members.models import Institution, Membership, Person
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory


def test_staff_adds_an_institution_registered_to_their_council(login, alice, anyang):
    response = login(alice).post(
        reverse("institution-create"),
        {
            "name": "㈜새기업",
            "kind": "firm",
            "sector": "industry",
            "business_registration_number": "1248100998",
        },
    )
    institution = Institution.objects.get(name="㈜새기업")
    assert response["Location"] == reverse("institution-detail", args=[institution.pk])
    assert institution.registered_by == anyang
    assert institution.business_registration_number == "124-81-00998"
    assert institution.history.count() == 1  # audited


def test_bad_input_is_explained_in_korean_and_nothing_is_saved(login, alice, anyang, daerim):
    response = login(alice).post(
        reverse("institution-create"),
        {
            "name": daerim.name,
            "kind": "firm",
            "sector": "industry",
            "business_registration_number": "124-81-00997",
            "website": "not a url",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "이미 등록된 기관 이름입니다" in page
    assert "검증 숫자" in page or "유효하지 않" in page
    assert "올바른 URL" in page or "유효한 URL" in page
    assert Institution.objects.count() == 1


def test_firms_need_a_business_registration_number(login, alice, anyang):
    response = login(alice).post(
        reverse("institution-create"), {"name": "㈜번호없음", "kind": "firm", "sector": "industry"}
    )
    assert "사업자등록번호" in response.content.decode()
    assert not Institution.objects.filter(name="㈜번호없음").exists()


def test_html_in_names_is_shown_as_text(login, alice, anyang):
    login(alice).post(
        reverse("institution-create"),
        {"name": "<script>alert(1)</script>", "kind": "other", "sector": "industry"},
    )
    institution = Institution.objects.get()
    page = login(alice).get(reverse("institution-detail", args=[institution.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_search_and_filters_narrow_the_list(login, alice, anyang, daerim):
    school = InstitutionFactory(name="평촌경영고등학교", kind="high_school")
    MembershipFactory(council=anyang, institution=school)
    client = login(alice)
    page = client.get(reverse("institution-list"), {"q": "평촌"}).content.decode()
    assert school.name in page and daerim.name not in page
    page = client.get(reverse("institution-list"), {"kind": "university"}).content.decode()
    assert daerim.name in page and school.name not in page


def test_htmx_requests_get_only_the_results(login, alice, daerim):
    response = login(alice).get(reverse("institution-list"), {"q": "대림"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert daerim.name in page
    assert "<header" not in page and "portal-filter" not in page


def test_invalid_filter_values_show_no_rows_rather_than_failing(login, alice, daerim):
    response = login(alice).get(reverse("institution-list"), {"council": "abc"})
    assert response.status_code == 200


def test_export_follows_the_filters(login, alice, anyang, daerim):
    InstitutionFactory(name="다른기관")
    content = login(alice).get(reverse("institution-export"), {"q": "대림"}).content
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.cell(row=2, column=1).value == daerim.name
    assert sheet.max_row == 2
    csv = login(alice).get(reverse("institution-export-csv")).content.decode("utf-8-sig")
    assert daerim.name in csv and "다른기관" not in csv


def test_institution_page_shows_people_and_seats(login, alice, anyang, daerim):
    person = PersonFactory(institution=daerim, name="이양창")
    page = login(alice).get(reverse("institution-detail", args=[daerim.pk])).content.decode()
    assert person.name in page and anyang.name in page


def test_terms_ending_within_60_days_are_flagged(login, alice, anyang, daerim):
    seat = Membership.objects.get(institution=daerim)
    seat.term_end = timezone.localdate() + timedelta(days=59)
    seat.save()
    page = login(alice).get(reverse("membership-list")).content.decode()
    assert "60일 이내 만료" in page
    page = login(alice).get(reverse("membership-list"), {"ending_soon": "true"}).content.decode()
    assert daerim.name in page


def test_staff_adds_and_ends_a_seat(login, alice, anyang):
    institution = InstitutionFactory(registered_by=anyang)
    client = login(alice)
    response = client.post(
        reverse("membership-create"),
        {
            "institution": institution.pk,
            "role": "member",
            "route": "public_recruitment",
            "term_start": "2025-01-01",
            "term_end": "2026-12-31",
        },
    )
    assert response.status_code == 302
    seat = Membership.objects.get(institution=institution)
    client.post(reverse("membership-end", args=[seat.pk]), {"term_end": "2025-06-30"})
    seat.refresh_from_db()
    assert str(seat.term_end) == "2025-06-30"
    assert seat.history.count() == 2
    page = client.get(reverse("membership-update", args=[seat.pk])).content.decode()
    assert "2025.06.30" in page  # the history is shown


def test_a_seat_needs_a_holder_and_a_sane_term(login, alice, anyang):
    client = login(alice)
    response = client.post(reverse("membership-create"), {"role": "member", "route": "recommendation"})
    assert "기관, 사람, 또는 둘 다" in response.content.decode()
    institution = InstitutionFactory(registered_by=anyang)
    response = client.post(
        reverse("membership-create"),
        {
            "institution": institution.pk,
            "role": "member",
            "route": "recommendation",
            "term_start": "2026-01-01",
            "term_end": "2025-01-01",
        },
    )
    assert "임기 종료일이 시작일보다 빠를 수 없습니다" in response.content.decode()
    assert Membership.objects.filter(institution=institution).count() == 0


def test_overlapping_terms_for_the_same_holder_are_refused(login, alice, anyang, daerim):
    response = login(alice).post(
        reverse("membership-create"), {"institution": daerim.pk, "role": "member", "route": "recommendation"}
    )
    assert "겹치는 임기" in response.content.decode()


def test_staff_invites_a_person_who_then_sets_a_password(
    login, alice, daerim, client, django_capture_on_commit_callbacks
):
    from django.core import mail

    person = PersonFactory(institution=daerim, email="new.contact@daerim.example", name="정신입")
    with django_capture_on_commit_callbacks(execute=True):
        login(alice).post(reverse("person-invite", args=[person.pk]))
    person.refresh_from_db()
    assert person.user is not None
    assert person.user.institution_contacts.get().institution == daerim
    body = mail.outbox[0].body
    path = next(line for line in body.splitlines() if "/accounts/reset/" in line).split("8000", 1)[-1].strip()
    path = path[path.index("/accounts/reset/") :]
    form = client.get(path, follow=True)
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "council-2026-new", "new_password2": "council-2026-new"}
    )
    assert response.status_code == 302
    client.logout()
    response = client.post(
        reverse("login"), {"username": "new.contact@daerim.example", "password": "council-2026-new"}
    )
    assert response.status_code == 302


def test_people_list_and_deactivation(factory_history, login, alice, daerim):
    person = PersonFactory(institution=daerim, name="박퇴직")
    client = login(alice)
    assert person.name in client.get(reverse("person-list")).content.decode()
    client.post(reverse("person-set-active", args=[person.pk]), {"active": "0"})
    person.refresh_from_db()
    assert not person.is_active
    assert Person.history.filter(id=person.pk).count() == 2
