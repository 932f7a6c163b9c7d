"""Who sees and changes best practices, difficulties and agreements, through the pages and the API.

A record outside what the user may see is a 404 (no hint that it exists); one they may see but not
change is a 403. Anyang is a published council, Busan is not.
"""

import pytest
from django.urls import reverse

from members.models import BestPractice, Difficulty
from tests.members.factories import AgreementFactory, BestPracticeFactory, DifficultyFactory


def _client(request, login, client, persona):
    if persona == "anonymous":
        return client
    return login(request.getfixturevalue(persona))


def _api(request, api, persona):
    return api(None if persona == "anonymous" else request.getfixturevalue(persona))


@pytest.fixture
def daerim_draft(anyang, daerim):
    return BestPracticeFactory(council=anyang, institution=daerim, title="대림대 초안 사례")


@pytest.fixture
def daerim_published(anyang, daerim):
    return BestPracticeFactory(council=anyang, institution=daerim, published=True, title="대림대 공개 사례")


@pytest.fixture
def busan_published(busan, pusan_univ):
    return BestPracticeFactory(
        council=busan, institution=pusan_univ, published=True, title="부산대 공개 사례"
    )


@pytest.fixture
def open_difficulty(anyang, daerim):
    return DifficultyFactory(council=anyang, institution=daerim, title="대림대 애로사항")


@pytest.fixture
def private_difficulty(anyang, daerim, office):
    return DifficultyFactory(
        council=anyang, institution=daerim, secretariat_only=True, assignee=office, title="사무국만 보는 애로"
    )


@pytest.fixture
def busan_difficulty(busan, pusan_univ):
    return DifficultyFactory(council=busan, institution=pusan_univ, title="부산 애로")


PERSONAS = ["alice", "carol", "bob", "sam", "olivia", "dave", "erin", "root", "stranger", "anonymous"]


# Best practices


@pytest.mark.parametrize(
    ("persona", "draft", "published", "other_council"),
    [
        ("alice", 200, 200, 404),
        ("carol", 404, 200, 404),
        ("bob", 200, 200, 404),
        ("sam", 404, 200, 404),
        ("dave", 404, 200, 200),
        ("erin", 404, 200, 200),
        ("root", 200, 200, 200),
        ("stranger", 404, 200, 404),
        ("anonymous", 404, 200, 404),
    ],
)
def test_best_practice_detail_by_role(
    request,
    login,
    client,
    api,
    daerim_draft,
    daerim_published,
    busan_published,
    persona,
    draft,
    published,
    other_council,
):
    """Drafts stay with their institution and the secretariat; published ones are as public as the council."""
    pages = _client(request, login, client, persona)
    for practice, status in (
        (daerim_draft, draft),
        (daerim_published, published),
        (busan_published, other_council),
    ):
        assert pages.get(reverse("best-practice-detail", args=[practice.pk])).status_code == status, practice
        assert _api(request, api, persona).get(f"/api/v1/best-practices/{practice.pk}/").status_code == status


def test_best_practice_gallery_lists_only_what_the_user_may_see(
    login, client, bob, sam, carol, daerim_draft, daerim_published, busan_published
):
    for user, visible, hidden in (
        (bob, {daerim_draft, daerim_published}, {busan_published}),
        (sam, {daerim_published}, {daerim_draft, busan_published}),
        (carol, {daerim_published}, {daerim_draft, busan_published}),
    ):
        page = login(user).get(reverse("best-practice-list"), {"council": ""}).content.decode()
        assert all(practice.title in page for practice in visible), user
        assert not any(practice.title in page for practice in hidden), user
    page = client.get(reverse("best-practice-list"), {"council": ""}).content.decode()
    assert daerim_published.title in page and daerim_draft.title not in page


@pytest.mark.parametrize(
    ("persona", "own_draft", "published"),
    [("alice", 200, 200), ("bob", 200, 403), ("sam", 404, 403), ("carol", 404, 403), ("dave", 404, 403)],
)
def test_editing_a_best_practice(
    request, login, daerim_draft, daerim_published, persona, own_draft, published
):
    """Contacts edit their own drafts; the secretariat corrects any practice of its council."""
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("best-practice-update", args=[daerim_draft.pk])).status_code == own_draft
    assert client.get(reverse("best-practice-update", args=[daerim_published.pk])).status_code == published


@pytest.mark.parametrize(("persona", "status"), [("alice", 302), ("bob", 403), ("carol", 404), ("dave", 404)])
def test_only_the_secretariat_reviews(request, login, anyang, daerim, persona, status):
    practice = BestPracticeFactory(council=anyang, institution=daerim, submitted=True)
    response = login(request.getfixturevalue(persona)).post(
        reverse("best-practice-review", args=[practice.pk]), {"decision": "publish"}
    )
    assert response.status_code == status
    practice.refresh_from_db()
    assert practice.is_published is (status == 302)


@pytest.mark.parametrize(
    ("persona", "status"), [("alice", 200), ("bob", 200), ("sam", 200), ("carol", 403), ("stranger", 403)]
)
def test_writing_a_best_practice_is_for_contacts_and_the_secretariat(
    request, login, anyang, daerim, school, persona, status
):
    assert login(request.getfixturevalue(persona)).get(reverse("best-practice-create")).status_code == status


@pytest.mark.parametrize("persona", ["alice", "bob", "sam", "olivia", "carol", "dave", "stranger"])
def test_writing_a_practice_and_raising_a_difficulty_follow_one_rule(
    request, login, anyang, daerim, school, persona
):
    client = login(request.getfixturevalue(persona))
    practice = client.get(reverse("best-practice-create"))
    difficulty = client.get(reverse("difficulty-create"))
    assert practice.status_code == difficulty.status_code
    if practice.status_code == 200:
        assert list(practice.context["form"].fields["institution"].queryset) == list(
            difficulty.context["form"].fields["institution"].queryset
        )


@pytest.mark.parametrize(
    ("persona", "status"), [("bob", 201), ("alice", 201), ("carol", 403), ("erin", 400), ("anonymous", 401)]
)
def test_api_best_practice_creation_by_role(request, api, anyang, daerim, persona, status):
    """Erin cannot even name Daerim: it is not among the institutions she may see."""
    response = _api(request, api, persona).post(
        "/api/v1/best-practices/",
        {
            "council": anyang.pk,
            "institution": daerim.pk,
            "title": "API 사례",
            "category": "curriculum",
            "summary": "요약",
            "problem": "문제",
            "actions": "한 일",
            "results": "결과",
        },
        format="json",
    )
    assert response.status_code == status, response.content
    assert BestPractice.objects.filter(title="API 사례").exists() is (status == 201)


def test_api_contacts_cannot_submit_for_another_institution(api, bob, anyang, daerim, school):
    response = api(bob).post(
        "/api/v1/best-practices/",
        {
            "council": anyang.pk,
            "institution": school.pk,
            "title": "남의 사례",
            "category": "other",
            "summary": "요약",
            "problem": "문제",
            "actions": "한 일",
            "results": "결과",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "institution" in response.json()
    assert not BestPractice.objects.filter(title="남의 사례").exists()


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("bob", 403), ("carol", 404), ("dave", 404)])
def test_api_review_by_role(request, api, anyang, daerim, persona, status):
    practice = BestPracticeFactory(council=anyang, institution=daerim, submitted=True)
    response = _api(request, api, persona).post(
        f"/api/v1/best-practices/{practice.pk}/review/", {"decision": "publish"}, format="json"
    )
    assert response.status_code == status


# Difficulties


@pytest.mark.parametrize(
    ("persona", "shared", "private", "other_council"),
    [
        ("alice", 200, 200, 404),
        ("carol", 200, 404, 404),
        ("bob", 200, 200, 404),
        ("sam", 200, 404, 404),
        ("olivia", 200, 200, 404),
        ("dave", 404, 404, 200),
        ("erin", 404, 404, 200),
        ("root", 200, 200, 200),
        ("stranger", 404, 404, 404),
    ],
)
def test_difficulty_detail_by_role(
    request,
    login,
    api,
    olivia,
    open_difficulty,
    private_difficulty,
    busan_difficulty,
    persona,
    shared,
    private,
    other_council,
):
    """ "Secretariat only" hides an item from the council's other readers, not from whoever must answer it."""
    pages = login(request.getfixturevalue(persona))
    client = _api(request, api, persona)
    for difficulty, status in (
        (open_difficulty, shared),
        (private_difficulty, private),
        (busan_difficulty, other_council),
    ):
        assert pages.get(reverse("difficulty-detail", args=[difficulty.pk])).status_code == status, difficulty
        assert client.get(f"/api/v1/difficulties/{difficulty.pk}/").status_code == status, difficulty


def test_difficulties_are_never_public(client, api, open_difficulty):
    response = client.get(reverse("difficulty-detail", args=[open_difficulty.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert api().get("/api/v1/difficulties/").status_code == 401


def test_difficulty_list_is_scoped_before_it_is_filtered(
    login, api, sam, carol, open_difficulty, private_difficulty, busan_difficulty
):
    page = login(sam).get(reverse("difficulty-list"), {"council": "", "q": "애로"}).content.decode()
    assert open_difficulty.title in page
    assert private_difficulty.title not in page and busan_difficulty.title not in page
    titles = {
        row["title"] for row in api(carol).get("/api/v1/difficulties/", {"q": "애로"}).json()["results"]
    }
    assert titles == {open_difficulty.title}


@pytest.mark.parametrize(
    ("persona", "assign", "answer", "comment"),
    [
        ("alice", 302, 302, 403),
        ("bob", 403, 403, 302),
        ("olivia", 403, 302, 403),
        ("carol", 403, 403, 403),
        ("sam", 403, 403, 403),
        ("dave", 404, 404, 404),
    ],
)
def test_difficulty_steps_by_role(
    request, login, olivia, office, open_difficulty, persona, assign, answer, comment
):
    """The secretariat assigns; it and the assigned institution answer; the raising institution comments."""
    open_difficulty.assignee = office
    open_difficulty.save()
    client = login(request.getfixturevalue(persona))
    pk = open_difficulty.pk
    due = "2099-12-31"
    assert (
        client.post(
            reverse("difficulty-assign", args=[pk]), {"assignee": office.pk, "answer_due": due}
        ).status_code
        == assign
    )
    assert client.post(reverse("difficulty-answer", args=[pk]), {"body": "답변입니다"}).status_code == answer
    assert client.post(reverse("difficulty-comment", args=[pk]), {"body": "추가 질문"}).status_code == comment


@pytest.mark.parametrize(
    ("persona", "status"), [("alice", 200), ("bob", 403), ("olivia", 403), ("carol", 403)]
)
def test_api_assign_by_role(request, api, olivia, office, open_difficulty, persona, status):
    response = _api(request, api, persona).post(
        f"/api/v1/difficulties/{open_difficulty.pk}/assign/",
        {"assignee": office.pk, "answer_due": "2099-12-31"},
        format="json",
    )
    assert response.status_code == status, response.content
    open_difficulty.refresh_from_db()
    assert (open_difficulty.assignee == office) is (status == 200)


@pytest.mark.parametrize(
    ("persona", "status"), [("bob", 201), ("sam", 400), ("carol", 403), ("erin", 400), ("anonymous", 401)]
)
def test_api_raising_by_role(request, api, anyang, daerim, sam, persona, status):
    """Sam may raise difficulties, but only for his own school; Erin cannot name Daerim at all."""
    response = _api(request, api, persona).post(
        "/api/v1/difficulties/",
        {
            "council": anyang.pk,
            "institution": daerim.pk,
            "kind": "suggestion",
            "category": "employment",
            "title": "API 건의",
            "description": "내용",
        },
        format="json",
    )
    assert response.status_code == status, response.content
    assert Difficulty.objects.filter(title="API 건의").exists() is (status == 201)


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("carol", 200), ("bob", 403), ("dave", 403)])
def test_figures_are_for_the_secretariat_and_officials(
    request, login, api, anyang, open_difficulty, persona, status
):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("difficulty-figures"), {"council": anyang.pk}).status_code == status
    response = _api(request, api, persona).get("/api/v1/difficulties/figures/", {"council": anyang.pk})
    assert response.status_code == status


def test_figures_of_an_unpublished_council_are_not_found_by_outsiders(login, alice, busan):
    assert login(alice).get(reverse("difficulty-figures"), {"council": busan.pk}).status_code == 404


# Agreements


@pytest.mark.parametrize(
    ("persona", "published", "private", "edit_published"),
    [
        ("alice", 200, 404, 200),
        ("carol", 200, 404, 403),
        ("bob", 200, 200, 403),
        ("dave", 200, 200, 403),
        ("erin", 200, 200, 403),
        ("stranger", 200, 404, 403),
    ],
)
def test_agreements_by_role(
    request, login, anyang, busan, daerim, pusan_univ, persona, published, private, edit_published
):
    """Agreements of a published council are public; a party's contacts read theirs; only staff edit."""
    public = AgreementFactory(council=anyang)
    closed = AgreementFactory(council=busan, parties=[pusan_univ, daerim])
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("agreement-detail", args=[public.pk])).status_code == published
    assert client.get(reverse("agreement-detail", args=[closed.pk])).status_code == private
    assert client.get(reverse("agreement-update", args=[public.pk])).status_code == edit_published


def test_visitors_read_published_councils_agreements_only(client, api, anyang, busan):
    public = AgreementFactory(council=anyang)
    closed = AgreementFactory(council=busan)
    assert client.get(reverse("agreement-detail", args=[public.pk])).status_code == 200
    assert client.get(reverse("agreement-detail", args=[closed.pk])).status_code == 404
    ids = {row["id"] for row in api().get("/api/v1/agreements/").json()["results"]}
    assert ids == {public.pk}


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("carol", 403), ("bob", 403), ("dave", 403)])
def test_api_agreement_update_by_role(request, api, anyang, persona, status):
    agreement = AgreementFactory(council=anyang)
    response = _api(request, api, persona).patch(
        f"/api/v1/agreements/{agreement.pk}/", {"signed_place": "안양창업지원센터 강당"}, format="json"
    )
    assert response.status_code == status, response.content
