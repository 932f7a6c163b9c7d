"""The members and meetings of a nation, for the list pages of bench/run.py: 10,000 institutions with a
contact person each, 5,000 meetings of 20 invitees, 20,000 difficulties, and one meeting of 100 agenda
items to which 2,000 seats are invited.

Loaded by bench/prepare.py after bench/load.py's plans, into the same councils. The secretariat
account `bench-staff` works in every council, as a region's or a ministry's office running all of
them would: its lists hold everything, so their cost shows whether it follows the page or the nation.
"""

import random
from datetime import UTC, datetime, timedelta

from django.db import connection

from council.models import Council, CouncilRole, User
from meetings.models import AgendaItem, Invitation, Meeting
from members.models import Difficulty, Institution, Membership, Person

INSTITUTIONS = 10_000
MEETINGS = 5_000
DIFFICULTIES = 20_000
BIG_AGENDA = 100
BIG_INVITATIONS = 2_000
INVITED = 20  # to each of the other meetings
PASSWORD = "bench-only-password"  # noqa: S105 - a throwaway database
WORDS = ("취업", "현장실습", "장비", "교육과정", "인력", "연구", "창업", "지역")


def load_lists(*, seed: int = 2024) -> dict[str, int]:
    rng = random.Random(seed)
    councils = list(Council.objects.order_by("id"))
    first = councils[0]
    staff = User(username="bench-staff", name="벤치 사무국", email="staff@bench.example")
    staff.set_password(PASSWORD)
    staff.save()
    CouncilRole.objects.bulk_create(
        [CouncilRole(user=staff, council=council, kind=CouncilRole.Kind.SECRETARIAT) for council in councils]
    )
    existing = Institution.objects.count()
    institutions = Institution.objects.bulk_create(
        [
            Institution(
                name=f"{WORDS[n % len(WORDS)]} 협력기관 {n:05d}",
                kind=("university", "company", "public")[n % 3],
                sector=("academia", "industry", "government")[n % 3],
                region="경기 안양시",
            )
            for n in range(existing, INSTITUTIONS)
        ],
        batch_size=5000,
    )
    # A contact person for every institution, bench/load.py's 200 included.
    Person.objects.bulk_create(
        [
            Person(name=f"담당자 {n:05d}", institution=institution, email=f"person{n}@bench.example")
            for n, institution in enumerate(Institution.objects.exclude(id__in=[i.pk for i in institutions]))
        ]
    )
    people = Person.objects.bulk_create(
        [
            Person(name=f"담당자 {n:05d}", institution=institution, email=f"person{n}@bench.example")
            for n, institution in enumerate(institutions, start=existing)
        ],
        batch_size=5000,
    )
    # The first council seats 2,000 of them, to be invited to its big meeting; the others one council each.
    seated = Membership.objects.bulk_create(
        [
            Membership(
                council=first if n < BIG_INVITATIONS else councils[1 + n % (len(councils) - 1)],
                institution=institution,
                person=person,
                route="recommendation",
                role="member",
            )
            for n, (institution, person) in enumerate(zip(institutions, people, strict=True))
        ],
        batch_size=5000,
    )
    members_of: dict[int, list[Membership]] = {}
    for membership in seated:
        members_of.setdefault(membership.council_id, []).append(membership)

    start = datetime(2021, 1, 1, 1, tzinfo=UTC)
    meetings = []
    for n in range(MEETINGS):
        council = councils[n % len(councils)]
        when = start + timedelta(days=(n // len(councils)) * 15)
        status = (
            Meeting.Status.MINUTES_APPROVED
            if when < datetime(2025, 1, 1, tzinfo=UTC)
            else Meeting.Status.ANNOUNCED
        )
        meetings.append(
            Meeting(
                council=council,
                year=when.year,
                number=n // len(councils) + 1,
                title=f"{council.short_name} {WORDS[n % len(WORDS)]} 협의회의 {n}",
                kind=Meeting.Kind.REGULAR,
                status=status,
                starts_at=when,
                ends_at=when + timedelta(hours=2),
                venue="시청 회의실",
                announced_at=when - timedelta(days=14),
            )
        )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=5000)
    big = max((meeting for meeting in meetings if meeting.council_id == first.pk), key=lambda m: m.starts_at)
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=big, title=f"{WORDS[n % len(WORDS)]} 안건 {n + 1}", order=n + 1)
            for n in range(BIG_AGENDA)
        ]
    )
    responses = list(Invitation.Response.values)
    # The big meeting invites 2,000 seats of the first council; every other meeting 20 of its own
    # council's, so that the lists' per-meeting figures are read from a table of realistic shape.
    Invitation.objects.bulk_create(
        [
            Invitation(
                meeting=meeting,
                membership=membership,
                institution_id=membership.institution_id,
                person_id=membership.person_id,
                name=f"담당자 {membership.pk:05d}",
                email=f"person{membership.pk}@bench.example",
                counts_for_quorum=True,
                response=responses[(meeting.pk + n) % len(responses)],
            )
            for meeting in meetings
            for n, membership in enumerate(
                members_of[meeting.council_id][: BIG_INVITATIONS if meeting.pk == big.pk else INVITED]
            )
        ],
        batch_size=5000,
    )
    difficulties = []
    for n in range(DIFFICULTIES):
        council = councils[n % len(councils)]
        membership = rng.choice(members_of[council.pk])
        assert membership.institution_id is not None  # every seat above is an institution's
        difficulties.append(
            Difficulty(
                council=council,
                institution_id=membership.institution_id,
                kind=Difficulty.Kind.DIFFICULTY,
                category=Difficulty.Category.values[n % len(Difficulty.Category.values)],
                title=f"{WORDS[n % len(WORDS)]} 관련 애로사항 {n}",
                description="현장에서 겪는 어려움을 적었습니다. " * 5,
                status=Difficulty.Status.values[n % len(Difficulty.Status.values)],
                created_at=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=n),
            )
        )
    Difficulty.objects.bulk_create(difficulties, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "institutions": Institution.objects.count(),
        "people": Person.objects.count(),
        "meetings": len(meetings),
        "invitations": Invitation.objects.count(),
        "difficulties": len(difficulties),
        "big meeting": big.pk,
    }
