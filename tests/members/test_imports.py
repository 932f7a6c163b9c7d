"""Spreadsheet import: every bad row is listed with its number and reason, and nothing is saved."""

import io
from functools import partial

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from members.directory.forms import InstitutionForm, PersonForm
from members.models import Institution, Person
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory


def xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("institutions.xlsx", buffer.getvalue())


HEADER = ["기관명", "기관 유형", "부문", "지역", "누리집", "사업자등록번호"]
PERSON_HEADER = ["이름", "직위", "기관명", "이메일"]


def test_a_valid_file_creates_and_updates_institutions(login, alice, anyang, daerim, import_file):
    upload = xlsx(
        [
            HEADER,
            ["㈜린온컴퍼니", "기업", "산업계", "경기 안양시", "https://linon.example", "124-81-00998"],
            [daerim.name, "대학(산학협력단)", "학계", "경기 안양시", "https://daelim.example", ""],
        ]
    )
    response = import_file(login(alice), reverse("institution-import"), upload)
    assert response.context["job"].status == "done"
    assert Institution.objects.get(name="㈜린온컴퍼니").registered_by == anyang
    daerim.refresh_from_db()
    assert daerim.website == "https://daelim.example"


def test_bad_rows_are_all_reported_and_nothing_is_saved(login, alice, anyang, daerim, import_file):
    upload = xlsx(
        [
            HEADER,
            ["㈜정상기업", "기업", "산업계", "경기 안양시", "", "124-81-00998"],
            ["", "기업", "산업계", "", "", ""],
            ["㈜틀린번호", "기업", "산업계", "", "", "124-81-00997"],
            ["이상한기관", "우주정거장", "산업계", "", "", ""],
            ["㈜정상기업", "기업", "산업계", "", "", "220-81-62517"],
            ["누리집기관", "기타", "산업계", "", "not-a-url", ""],
        ]
    )
    response = import_file(login(alice), reverse("institution-import"), upload)
    page = response.content.decode()
    assert response.status_code == 200
    assert Institution.objects.count() == 1  # only Daerim, from before
    errors = response.context["errors"]
    assert {error.row for error in errors} == {3, 4, 5, 6, 7}
    assert "우주정거장" in page
    assert "2행" in page or "row 2" in page.lower()  # the duplicate names the first row


def test_rows_for_another_councils_institution_are_refused(login, alice, anyang, pusan_univ, import_file):
    upload = xlsx([HEADER, [pusan_univ.name, "대학(산학협력단)", "학계", "부산", "", ""]])
    response = import_file(login(alice), reverse("institution-import"), upload)
    assert response.context["errors"][0].row == 2
    pusan_univ.refresh_from_db()
    assert pusan_univ.region != "부산"


def test_a_file_that_is_not_a_spreadsheet_is_refused(login, alice, anyang, import_file):
    upload = SimpleUploadedFile("institutions.xlsx", b"%PDF-1.7 not a workbook")
    response = import_file(login(alice), reverse("institution-import"), upload)
    assert "XLSX" in response.content.decode()
    assert Institution.objects.count() == 0


def test_people_import_matches_institutions_by_name(login, alice, anyang, daerim, import_file):
    content = (
        "이름,직위,기관명,이메일\n"
        "홍길동,팀장,대림대학교 산학협력단,hong@daerim.example\n"
        "김없음,팀장,없는기관,\n"
    )
    upload = SimpleUploadedFile("people.csv", content.encode("utf-8"))
    response = import_file(login(alice), reverse("person-import"), upload)
    assert [error.row for error in response.context["errors"]] == [3]
    assert Person.objects.count() == 0
    upload = SimpleUploadedFile(
        "people.csv", content.splitlines(True)[0].encode() + content.splitlines(True)[1].encode()
    )
    assert import_file(login(alice), reverse("person-import"), upload).context["job"].status == "done"
    assert Person.objects.get().institution == daerim


def test_the_template_round_trips(login, alice, anyang, import_file):
    client = login(alice)
    template = client.get(reverse("institution-template")).content
    sheet = load_workbook(io.BytesIO(template)).active
    assert sheet.cell(row=1, column=1).value.startswith("기관명")
    upload = SimpleUploadedFile("template.xlsx", template)
    assert import_file(client, reverse("institution-import"), upload).context["job"].status == "done"
    assert Institution.objects.filter(name="예시대학교 산학협력단").exists()


def test_import_is_for_the_secretariat(login, carol, bob, anyang):
    assert login(carol).get(reverse("institution-import")).status_code == 403
    assert login(bob).get(reverse("person-import")).status_code == 403


def _queries(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def _rejected_import(import_file, client, url: str, rows: list[list[object]]) -> None:
    response = import_file(client, url, xlsx(rows))
    assert response.context["job"].status == "rejected" and response.context["errors"]  # nothing saved


def test_checking_rows_looks_up_existing_records_and_permissions_once(
    login, alice, anyang, daerim, import_file
):
    """A row costs its form's validation and nothing more: lookups and permissions run once per file."""
    client = login(alice)
    for number in range(40):
        MembershipFactory(council=anyang, institution=InstitutionFactory(name=f"기존기관 {number}"))
        PersonFactory(name=f"기존인물 {number}", institution=daerim)
    institution = Institution.objects.get(name="기존기관 0")
    person = Person.objects.get(name="기존인물 0")
    form_queries = (
        _queries(
            lambda: InstitutionForm(
                data={"name": institution.name, "kind": "other", "sector": "industry"}, instance=institution
            ).is_valid()
        ),
        _queries(
            lambda: PersonForm(
                data={"name": person.name, "institution": daerim.pk},
                instance=person,
                institutions=Institution.objects.all(),
            ).is_valid()
        ),
    )
    counts = {}
    for size in (5, 40):
        institutions = [[f"기존기관 {n}", "기타", "산업계", "", "", ""] for n in range(size)]
        people = [[f"기존인물 {n}", "팀장", daerim.name, f"p{n}@example.org"] for n in range(size)]
        counts[size] = (
            _queries(
                partial(
                    _rejected_import,
                    import_file,
                    client,
                    reverse("institution-import"),
                    [HEADER, *institutions, ["", "기타", "산업계"]],
                )
            ),
            _queries(
                partial(
                    _rejected_import,
                    import_file,
                    client,
                    reverse("person-import"),
                    [PERSON_HEADER, *people, ["", "팀장", daerim.name]],
                )
            ),
        )
    for kind in (0, 1):
        assert counts[40][kind] - counts[5][kind] == 35 * form_queries[kind], (kind, counts, form_queries)


def test_the_people_import_follows_the_rule_for_people_not_institutions(
    login, dave, anyang, busan, pusan_univ, daerim, import_file
):
    """Dave runs Busan's secretariat; working in the published Anyang council he may add no institution
    there, but he may still add people to Busan's institutions, and only to those."""
    client = login(dave)
    client.post(reverse("council-switch"), {"council": anyang.pk})
    upload = xlsx([PERSON_HEADER, ["김부산", "연구원", pusan_univ.name, "kim@pusan.example"]])
    assert import_file(client, reverse("person-import"), upload).context["job"].status == "done"
    assert Person.objects.filter(name="김부산", institution=pusan_univ).exists()
    foreign = xlsx([PERSON_HEADER, ["이대림", "교수", daerim.name, ""]])
    page = import_file(client, reverse("person-import"), foreign).content.decode()
    assert "아무것도 저장하지 않았습니다" in page and daerim.name in page
    assert not Person.objects.filter(name="이대림").exists()
