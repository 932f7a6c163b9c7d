"""Korean particles follow the word before them, in pages, mails and messages."""

import pytest
from django.urls import reverse

from council.korean import with_particles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("평촌경영고등학교이(가) 제출했습니다.", "평촌경영고등학교가 제출했습니다."),
        ("사업 1-1-01이(가) 이미 있습니다.", "사업 1-1-01이 이미 있습니다."),
        ("사업 1-1-02이(가) 이미 있습니다.", "사업 1-1-02가 이미 있습니다."),
        ("서울산업진흥원(SBA)을(를) 뺐습니다.", "서울산업진흥원(SBA)을 뺐습니다."),
        ("“반도체 과정”을(를) 공개했습니다.", "“반도체 과정”을 공개했습니다."),
        ("<strong>대림대학교</strong>은(는)", "<strong>대림대학교</strong>는"),
        ("&quot;검토 중&quot;(으)로 바꿨습니다", "&quot;검토 중&quot;으로 바꿨습니다"),
        ("서울(으)로, 부산(으)로", "서울로, 부산으로"),
        ("a@b.org(으)로 보냈습니다", "a@b.org로 보냈습니다"),
        ("URL을(를)", "URL을"),
        ("— 이(가)", "— 이(가)"),  # nothing to decide by: left double
        ("No particles (here).", "No particles (here)."),
    ],
)
def test_the_form_follows_the_word(text, expected):
    assert with_particles(text) == expected


def test_pages_and_messages_choose_the_particle(login, alice, anyang):
    from tests.members.factories import InstitutionFactory, MembershipFactory

    school = InstitutionFactory(name="평촌경영고등학교", kind="high_school")
    MembershipFactory(council=anyang, institution=school)
    client = login(alice)
    response = client.post(reverse("institution-set-active", args=[school.pk]), {"active": "0"}, follow=True)
    page = response.content.decode()
    assert "평촌경영고등학교를 비활성화했습니다" in page and "을(를)" not in page
