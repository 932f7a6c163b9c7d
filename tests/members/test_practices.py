"""Best practices as contacts and the secretariat use them: write, submit, review, publish, attach."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members.models import BestPractice, BestPracticeDocument
from members.practices import services
from tests.members.factories import BestPracticeFactory, BestPracticeFigureFactory

SCRIPT = "<script>alert(1)</script>"


def _form(**changes):
    data = {
        "title": "대학-기업 공동 단기 집중 프로그램",
        "category": "employment",
        "summary": "관내 기업과 함께 설계한 단기 집중 교육으로 취업을 연계했습니다.",
        "problem": "기업은 인력을 구하기 어려웠습니다.",
        "actions": "기업 수요를 반영해 8주 과정을 함께 운영했습니다.",
        "results": "수료생 일부가 관내 기업에 취업했습니다.",
        "other_partners": "관내 기업 5개사",
        "period_start": "2024-03-01",
        "period_end": "2024-08-31",
        "figures-TOTAL_FORMS": "3",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "6",
        "figures-0-label": "취업 연계",
        "figures-0-value": "12",
        "figures-0-unit": "명",
        "figures-1-label": "참여 기업",
        "figures-1-value": "5",
        "figures-1-unit": "개사",
    }
    data.update(changes)
    return data


def test_contact_writes_a_practice_with_figures_and_files_and_submits_it(
    login, bob, anyang, daerim, school, pdf
):
    response = login(bob).post(
        reverse("best-practice-create"),
        _form(
            institution=daerim.pk,
            partners=[school.pk],
            documents=[pdf("발표.pdf"), pdf("사진.pdf")],
            submit="1",
        ),
    )
    practice = BestPractice.objects.get()
    assert response["Location"] == reverse("best-practice-detail", args=[practice.pk])
    assert practice.status == BestPractice.Status.SUBMITTED and practice.review_round == 1
    assert practice.council == anyang and practice.institution == daerim and practice.created_by == bob
    assert list(practice.partners.all()) == [school]
    assert [(f.label, int(f.value), f.unit) for f in practice.figures.all()] == [
        ("취업 연계", 12, "명"),
        ("참여 기업", 5, "개사"),
    ]
    assert sorted(practice.documents.values_list("name", flat=True)) == ["발표.pdf", "사진.pdf"]
    assert practice.documents.first().type_label == "PDF"


def test_saving_a_draft_keeps_it_with_the_institution(login, bob, anyang, daerim):
    login(bob).post(reverse("best-practice-create"), _form(institution=daerim.pk, save="1"))
    assert BestPractice.objects.get().status == BestPractice.Status.DRAFT


def test_missing_fields_are_explained_in_korean_and_nothing_is_saved(login, bob, anyang, daerim, pdf):
    response = login(bob).post(
        reverse("best-practice-create"),
        _form(institution=daerim.pk, title="", summary="", documents=[pdf()], **{"figures-0-value": "많음"}),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "필수 항목입니다" in page
    assert "숫자를 입력하세요" in page
    assert not BestPractice.objects.exists() and not BestPracticeDocument.objects.exists()


def test_missing_fields_are_explained_in_english_too(login, bob, anyang, daerim):
    bob.language = "en"
    bob.save()
    response = login(bob).post(reverse("best-practice-create"), _form(institution=daerim.pk, results=""))
    assert "This field is required." in response.content.decode()


def test_a_period_that_ends_before_it_starts_is_refused(login, bob, anyang, daerim):
    response = login(bob).post(
        reverse("best-practice-create"),
        _form(institution=daerim.pk, period_start="2024-09-01", period_end="2024-01-01"),
    )
    assert "기간의 종료일이 시작일보다 빠를 수 없습니다" in response.content.decode()
    assert not BestPractice.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.pdf", b"<html><script>alert(1)</script></html>", "허용된 문서가 아닙니다"),
        ("renamed.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "허용된 문서가 아닙니다"),
        ("big.pdf", b"%PDF-" + b"0" * 4096, "최대"),
    ],
)
def test_uploads_are_checked_by_content_and_size(
    login, bob, anyang, daerim, pdf, settings, name, content, message
):
    settings.PORTAL_UPLOAD_MAX_BYTES = 2048
    response = login(bob).post(
        reverse("best-practice-create"), _form(institution=daerim.pk, documents=[pdf(name, content)])
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BestPractice.objects.exists()


def test_script_in_every_text_field_renders_inert(login, client, alice, anyang, daerim):
    practice = services.best_practice_create(
        actor=alice,
        council=anyang,
        institution=daerim,
        title=SCRIPT,
        category="other",
        summary=SCRIPT,
        problem=SCRIPT,
        actions=SCRIPT,
        results=SCRIPT,
        other_partners=SCRIPT,
        figures=[{"label": SCRIPT, "value": 1, "unit": "<b>"}],
    )
    services.best_practice_submit(actor=alice, practice=practice)
    services.best_practice_review(actor=alice, practice=practice, publish=True, comment=SCRIPT)
    for page in (
        client.get(reverse("best-practice-detail", args=[practice.pk])).content.decode(),
        client.get(reverse("best-practice-list"), {"council": ""}).content.decode(),
        login(alice).get(reverse("search"), {"q": "script"}).content.decode(),
    ):
        assert SCRIPT not in page and "<b>" not in page
        assert "&lt;script&gt;" in page


def test_the_secretariat_returns_with_a_comment_and_then_publishes(login, alice, bob, anyang, daerim):
    practice = BestPracticeFactory(council=anyang, institution=daerim, submitted=True)
    staff = login(alice)
    url = reverse("best-practice-review", args=[practice.pk])
    response = staff.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 400
    assert "게시하기 전에 고칠 점을 적어 주세요" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == BestPractice.Status.SUBMITTED

    staff.post(url, {"decision": "return", "comment": "성과 수치를 추가해 주세요."})
    practice.refresh_from_db()
    assert practice.status == BestPractice.Status.RETURNED
    page = login(bob).get(reverse("best-practice-detail", args=[practice.pk])).content.decode()
    assert "성과 수치를 추가해 주세요." in page

    login(bob).post(reverse("best-practice-submit", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == BestPractice.Status.SUBMITTED and practice.review_round == 2
    staff.post(url, {"decision": "publish"})
    practice.refresh_from_db()
    assert practice.is_published and practice.published_at is not None


def test_contacts_cannot_edit_once_submitted_but_the_secretariat_can(login, alice, bob, anyang, daerim):
    practice = BestPracticeFactory(council=anyang, institution=daerim, submitted=True)
    assert login(bob).get(reverse("best-practice-update", args=[practice.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.best_practice_update(actor=bob, practice=practice, title="바꿈")
    services.best_practice_update(actor=alice, practice=practice, title="오타 수정")
    practice.refresh_from_db()
    assert practice.title == "오타 수정" and practice.status == BestPractice.Status.SUBMITTED


def test_the_form_offers_submitting_only_what_may_be_submitted(login, alice, bob, anyang, daerim):
    draft = BestPracticeFactory(council=anyang, institution=daerim)
    submitted = BestPracticeFactory(council=anyang, institution=daerim, submitted=True)
    staff = login(alice)
    draft_form = staff.get(reverse("best-practice-update", args=[draft.pk])).content.decode()
    assert 'name="submit"' in draft_form and "초안 저장" in draft_form
    correcting = staff.get(reverse("best-practice-update", args=[submitted.pk])).content.decode()
    assert 'name="submit"' not in correcting, "a submitted practice is reviewed, not submitted again"
    assert 'name="submit"' in login(bob).get(reverse("best-practice-create")).content.decode()


def test_a_bad_figure_leaves_nothing_half_saved(alice, anyang, daerim):
    with pytest.raises(ValidationError) as error:
        services.best_practice_create(
            actor=alice,
            council=anyang,
            institution=daerim,
            title="수치 오류",
            category="other",
            summary="요약",
            problem="문제",
            actions="한 일",
            results="결과",
            figures=[{"label": "좋음", "value": "1"}, {"label": "나쁨", "value": "많이"}],
        )
    assert "figures" in error.value.message_dict
    assert not BestPractice.objects.exists()


def test_only_drafts_are_deleted(login, bob, anyang, daerim):
    draft = BestPracticeFactory(council=anyang, institution=daerim)
    submitted = BestPracticeFactory(council=anyang, institution=daerim, submitted=True)
    client = login(bob)
    assert client.post(reverse("best-practice-delete", args=[submitted.pk])).status_code == 403
    assert client.post(reverse("best-practice-delete", args=[draft.pk])).status_code == 302
    assert list(BestPractice.objects.all()) == [submitted]


def test_attachments_are_downloaded_only_by_those_who_see_the_practice(
    login, client, alice, bob, sam, anyang, daerim, pdf
):
    practice = BestPracticeFactory(council=anyang, institution=daerim)
    login(bob).post(
        reverse("best-practice-document-upload", args=[practice.pk]), {"file": pdf("결과보고서.pdf")}
    )
    document = practice.documents.get()
    url = reverse("best-practice-document", args=[practice.pk, document.pk])
    response = login(alice).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert login(sam).get(url).status_code == 404
    assert client.get(url).status_code == 404
    practice.status = BestPractice.Status.PUBLISHED
    practice.save()
    assert client.get(url).status_code == 200  # Anyang publishes its council


def test_the_detail_page_lists_files_with_type_and_size(login, bob, anyang, daerim, pdf):
    practice = BestPracticeFactory(council=anyang, institution=daerim)
    services.best_practice_attach(actor=bob, practice=practice, upload=pdf("결과보고서.pdf"))
    page = login(bob).get(reverse("best-practice-detail", args=[practice.pk])).content.decode()
    assert "결과보고서.pdf" in page and "PDF" in page and "바이트" in page


def test_the_gallery_filters_and_searches(login, client, alice, bob, anyang, daerim, school):
    mine = BestPracticeFactory(
        council=anyang, institution=daerim, published=True, title="반도체 부트캠프", category="curriculum"
    )
    other = BestPracticeFactory(
        council=anyang, institution=school, published=True, title="일학습병행 운영", category="field_training"
    )
    BestPracticeFigureFactory(practice=mine, label="수료생", value=30, unit="명")
    page = client.get(reverse("best-practice-list"), {"category": "curriculum"}).content.decode()
    assert mine.title in page and other.title not in page and "수료생" in page
    page = client.get(reverse("best-practice-list"), {"q": "일학습"}).content.decode()
    assert other.title in page and mine.title not in page
    page = login(bob).get(reverse("best-practice-list"), {"mine": "true"}).content.decode()
    assert mine.title in page and other.title not in page
    partial = client.get(
        reverse("best-practice-list"), {"q": "반도체"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert mine.title in partial and "<header" not in partial


def test_the_gallery_says_when_there_is_nothing_yet(client, anyang):
    assert "아직 우수사례가 없습니다" in client.get(reverse("best-practice-list")).content.decode()


def test_the_secretariat_withdraws_a_published_practice_with_a_reason(login, alice, anyang, daerim):
    practice = BestPracticeFactory(council=anyang, institution=daerim, published=True)
    client = login(alice)
    response = client.post(reverse("best-practice-unpublish", args=[practice.pk]), {"comment": ""})
    assert response.status_code == 400
    client.post(
        reverse("best-practice-unpublish", args=[practice.pk]), {"comment": "개인정보가 포함되어 있습니다."}
    )
    practice.refresh_from_db()
    assert practice.status == BestPractice.Status.RETURNED and practice.review_round == 2


def test_the_timeline_and_the_api_keep_every_review_step(login, api, alice, bob, carol, anyang, daerim):
    practice = BestPracticeFactory(council=anyang, institution=daerim)
    services.best_practice_submit(actor=bob, practice=practice)
    services.best_practice_review(
        actor=alice, practice=practice, publish=False, comment="성과 수치를 추가해 주세요."
    )
    services.best_practice_submit(actor=bob, practice=practice)
    services.best_practice_review(actor=alice, practice=practice, publish=True)
    url = reverse("best-practice-detail", args=[practice.pk])
    page = login(bob).get(url).content.decode()
    timeline = page.split('id="progress-title"')[1].split("</section>")[0]
    for text in ("작성", "제출(1차)", "성과 수치를 추가해 주세요.", "제출(2차)", "공개"):
        assert text in timeline, text
    assert timeline.index("성과 수치를 추가해 주세요.") < timeline.index("(2차)")
    data = api(bob).get(f"/api/v1/best-practices/{practice.pk}/").json()
    assert [(step["kind"], step["round"]) for step in data["review_trail"]] == [
        ("submitted", 1),
        ("returned", 1),
        ("submitted", 2),
        ("published", 2),
    ]
    assert data["review_trail"][1]["comment"] == "성과 수치를 추가해 주세요."
    # The published practice is public; the exchange between secretariat and institution is not.
    visitor = api(None).get(f"/api/v1/best-practices/{practice.pk}/").json()
    assert visitor["review_trail"][1]["comment"] is None
    assert "성과 수치를 추가해 주세요." not in login(carol).get(url).content.decode()
