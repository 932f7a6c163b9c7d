"""The portal-wide search: one box, every kind grouped, and only what the user may open.

Matching ignores spacing (Korean is written both 조기취업 and 조기 취업); on PostgreSQL pg_trgm also
tolerates typos and ranks title hits first. The suite runs on both databases, so the PostgreSQL-only
behaviour is tested where it applies.
"""

import pytest
from django.db import connection
from django.urls import reverse

from council import search
from council.search import SearchHit, SearchProvider, SearchResults, register_search_provider
from members.models import Difficulty
from tests.council.factories import UserFactory
from tests.members.factories import (
    AgreementFactory,
    BestPracticeFactory,
    DifficultyFactory,
    InstitutionContactFactory,
    InstitutionFactory,
    MembershipFactory,
    PersonFactory,
)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm runs on PostgreSQL only"
)


@pytest.fixture
def sam(anyang):
    """The contact of a school on the Anyang council: a reader of Anyang, not of Daerim's drafts."""
    school = InstitutionFactory(name="평촌경영고등학교", kind="high_school")
    MembershipFactory(council=anyang, institution=school)
    user = UserFactory(username="sam")
    InstitutionContactFactory(user=user, institution=school)
    return user


@pytest.fixture
def records(anyang, busan, daerim, pusan_univ):
    return {
        "practice": BestPracticeFactory(
            council=anyang, institution=daerim, published=True, title="일학습병행 기업 연계 사례"
        ),
        "draft": BestPracticeFactory(council=anyang, institution=daerim, title="일학습병행 초안 사례"),
        "difficulty": DifficultyFactory(
            council=anyang,
            institution=daerim,
            title="일학습병행 참여 기업 발굴",
            description="학교가 직접 찾기 어렵습니다.",
        ),
        "private": DifficultyFactory(
            council=anyang, institution=daerim, title="일학습병행 비공개 건의", secretariat_only=True
        ),
        "agreement": AgreementFactory(
            council=anyang, title="일학습병행 지원 업무협약", parties=[daerim, pusan_univ]
        ),
        "busan": BestPracticeFactory(
            council=busan, institution=pusan_univ, published=True, title="일학습병행 부산 사례"
        ),
    }


def _titles(response) -> str:
    return response.content.decode()


def test_results_are_grouped_by_kind_and_scoped_to_the_user(login, alice, records):
    page = _titles(login(alice).get(reverse("search"), {"q": "일학습병행"}))
    for key in ("practice", "draft", "difficulty", "private", "agreement"):
        assert (records[key].title) in page, key
    assert records["busan"].title not in page
    for label in ("우수사례", "애로·건의", "협약"):
        assert f">{label} <" in page or f"{label} <span" in page


def test_other_institutions_and_visitors_see_less(login, client, carol, sam, records):
    page = _titles(login(sam).get(reverse("search"), {"q": "일학습병행"}))
    assert records["practice"].title in page and records["difficulty"].title in page
    assert records["draft"].title not in page and records["private"].title not in page
    page = _titles(client.get(reverse("search"), {"q": "일학습병행"}))
    assert records["practice"].title in page and records["agreement"].title in page
    assert records["difficulty"].title not in page and records["draft"].title not in page


def test_institutions_are_found_within_the_directory_the_user_sees(login, alice, daerim, pusan_univ):
    page = _titles(login(alice).get(reverse("search"), {"q": "산학협력단"}))
    assert daerim.name in page and pusan_univ.name not in page


def test_spacing_does_not_decide_a_match(login, alice, anyang, daerim):
    difficulty = DifficultyFactory(
        council=anyang, institution=daerim, title="조기 취업 학생의 학사 운영 기준"
    )
    for query in ("조기취업", "조기 취업", "학사운영 기준"):
        assert difficulty.title in _titles(login(alice).get(reverse("search"), {"q": query})), query
    assert difficulty.title in _titles(login(alice).get(reverse("difficulty-list"), {"q": "조기취업"}))


@postgres_only
def test_trigrams_tolerate_a_typo_and_rank_title_hits_first(login, alice, anyang, daerim):
    in_text = DifficultyFactory(
        council=anyang, institution=daerim, title="정기 협의 자리", description="일학습병행 운영을 위한 협의"
    )
    in_title = DifficultyFactory(council=anyang, institution=daerim, title="일학습병행 참여 기업 발굴")
    page = _titles(login(alice).get(reverse("search"), {"q": "일학습병헹"}))
    assert in_title.title in page
    page = _titles(login(alice).get(reverse("search"), {"q": "일학습병행"}))
    assert page.index(in_title.title) < page.index(in_text.title)


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
def test_search_uses_the_trigram_indexes(db):
    from council.search import TextFields, text_match
    from members.difficulties.filters import DIFFICULTY_TEXT
    from members.directory.filters import PERSON_TEXT_WITH_EMAIL
    from members.models import Person

    # Unordered: the newest-first index would otherwise serve the order, the match its filter.
    plan = _plan(text_match(Difficulty.objects.order_by(), TextFields(("title", "description")), "조기취업"))
    assert "difficulty_title_trgm" in plan and "difficulty_title_compact_trgm" in plan
    # Fields behind a relation are matched on their own table's indexes too, not row by row of a join.
    plan = _plan(text_match(Difficulty.objects.order_by(), DIFFICULTY_TEXT, "조기취업"))
    assert "difficulty_description_trgm" in plan and "difficulty_title_compact_trgm" in plan, plan
    # Every searched column of the directory has its indexes, people's included.
    plan = _plan(text_match(Person.objects.order_by(), PERSON_TEXT_WITH_EMAIL, "김철수"))
    for index in ("person_name_trgm", "person_title_compact_trgm", "person_email_trgm"):
        assert index in plan, (index, plan)


def test_short_and_empty_queries(login, alice, records):
    client = login(alice)
    assert "2글자 이상 입력하세요" in _titles(client.get(reverse("search"), {"q": "일"}))
    page = _titles(client.get(reverse("search")))
    assert "검색 결과" not in page and 'name="q"' in page


def test_nothing_found_says_so(login, alice, records):
    assert "결과가 없습니다" in _titles(login(alice).get(reverse("search"), {"q": "반도체 부트캠프"}))


def test_a_two_syllable_query_finds_what_contains_it_newest_first(login, alice, anyang, daerim):
    from datetime import timedelta

    from django.utils import timezone

    older = DifficultyFactory(council=anyang, institution=daerim, title="조기 취업 연계")
    older.created_at = timezone.now() - timedelta(days=3)
    older.save(update_fields=["created_at"])
    newer = DifficultyFactory(council=anyang, institution=daerim, title="현장 의견", description="취업 지원")
    DifficultyFactory(council=anyang, institution=daerim, title="장비 노후")
    page = _titles(login(alice).get(reverse("search"), {"q": "취업"}))
    assert "장비 노후" not in page
    assert page.index(newer.title) < page.index(older.title)


def test_many_hits_link_to_the_full_list(login, alice, anyang, daerim):
    for number in range(7):
        DifficultyFactory(council=anyang, institution=daerim, title=f"현장실습 안전 {number}")
    page = _titles(login(alice).get(reverse("search"), {"q": "현장실습"}))
    assert "7건 모두 보기" in page
    assert reverse("difficulty-list") + "?q=%ED%98%84%EC%9E%A5%EC%8B%A4%EC%8A%B5&amp;council=" in page


def test_every_page_has_the_search_box(client, login, alice, anyang):
    for page in (_titles(client.get("/")), _titles(login(alice).get(reverse("institution-list")))):
        assert 'aria-label="포털 통합검색"' in page and f'action="{reverse("search")}"' in page


def test_other_apps_add_their_own_kind(login, alice, monkeypatch):
    """The meetings app registers a provider the same way; it is shown in menu order."""
    monkeypatch.setattr(search, "_providers", dict(search._providers))
    register_search_provider(
        SearchProvider(
            key="meetings",
            label="회의",
            order=10,
            search=lambda user, query, limit: SearchResults(
                hits=[SearchHit(title="2024년 제1차 회의", url="/meetings/1/", meta=["안양 산학관"])], total=1
            ),
        )
    )
    page = _titles(login(alice).get(reverse("search"), {"q": "회의"}))
    assert "2024년 제1차 회의" in page and 'href="/meetings/1/"' in page


def test_search_text_is_escaped(login, alice):
    page = _titles(login(alice).get(reverse("search"), {"q": "<script>alert(1)</script>"}))
    assert "<script>alert(1)</script>" not in page


def test_the_search_and_the_lists_match_the_same_text(login, alice, anyang, daerim):
    partner = InstitutionFactory(name="한빛정밀 주식회사")
    MembershipFactory(council=anyang, institution=partner)
    practice = BestPracticeFactory(
        council=anyang,
        institution=daerim,
        published=True,
        title="현장실습 연계 사례",
        other_partners="경기테크노파크",
    )
    practice.partners.add(partner)
    difficulty = DifficultyFactory(
        council=anyang, institution=daerim, assignee=partner, title="장비 공동활용 건의"
    )
    client = login(alice)
    for query, title, list_url in (
        ("경기테크노파크", practice.title, reverse("best-practice-list")),
        ("한빛정밀주식회사", practice.title, reverse("best-practice-list")),
        ("한빛정밀", difficulty.title, reverse("difficulty-list")),
    ):
        assert title in _titles(client.get(reverse("search"), {"q": query})), query
        assert title in _titles(client.get(list_url, {"q": query, "council": ""})), query


def test_directory_and_council_lists_ignore_spacing_like_the_search(login, alice, anyang, daerim):
    person = PersonFactory(institution=daerim, name="이산학")
    client = login(alice)
    assert daerim.name in _titles(client.get(reverse("search"), {"q": "대림대학교산학협력단"}))
    assert daerim.name in _titles(client.get(reverse("institution-list"), {"q": "대림대학교산학협력단"}))
    assert person.name in _titles(client.get(reverse("person-list"), {"q": "대림대학교산학협력단"}))
    assert anyang.name in _titles(client.get(reverse("council-list"), {"q": "안양시산학관"}))


def test_a_word_followed_by_a_particle_is_found(login, alice, anyang, daerim):
    practice = BestPracticeFactory(
        council=anyang, institution=daerim, published=True, title="반도체 공정 실습 과정"
    )
    for query in ("반도체를", "반도체 공정을", "실습과정으로"):
        assert practice.title in _titles(login(alice).get(reverse("search"), {"q": query})), query
    assert search.without_particles("반도체를 AI와") == "반도체 AI"
    assert search.without_particles("자가 진단") == "자가 진단"  # one syllable is not a word


def test_people_decisions_and_actions_are_found_within_what_the_user_sees(
    login, alice, sam, anyang, busan, daerim
):
    from meetings.models import AgendaItem
    from tests.meetings.factories import ActionItemFactory, AgendaItemFactory, MeetingFactory

    person = PersonFactory(name="홍길동", title="산학협력단장", institution=daerim)
    MembershipFactory(council=anyang, institution=daerim, person=person)
    outsider = PersonFactory(name="홍길순", institution=InstitutionFactory(name="부산 기업"))
    meeting = MeetingFactory(council=anyang, status="held")
    item = AgendaItemFactory(
        meeting=meeting,
        title="현장실습 지원 방안",
        kind=AgendaItem.Kind.DELIBERATION,
        decision=AgendaItem.Decision.APPROVED,
        decision_text="2025년 시범 운영 후 확대",
    )
    action = ActionItemFactory(meeting=meeting, assignee=daerim, title="시범 운영 계획 수립")
    busan_action = ActionItemFactory(meeting=MeetingFactory(council=busan), title="시범 운영 예산 검토")

    staff = _titles(login(alice).get(reverse("search"), {"q": "홍길동"}))
    assert person.name in staff and outsider.name not in staff
    found = login(alice).get(reverse("search"), {"q": "시범 운영을"}).content.decode()
    assert item.title in found and action.title in found and busan_action.title not in found
    # A contact of another Anyang institution reads Anyang's decisions, but its people's details stay theirs.
    assert item.title in login(sam).get(reverse("search"), {"q": "시범 운영"}).content.decode()
