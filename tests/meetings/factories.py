from datetime import timedelta

import factory
from django.utils import timezone

from meetings.models import ActionItem, AgendaItem, Invitation, Meeting
from tests.council.factories import CouncilFactory
from tests.members.factories import InstitutionFactory
from tests.support.factories import ModelFactory


class MeetingFactory(ModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    year = factory.LazyAttribute(lambda meeting: timezone.localtime(meeting.starts_at).year)
    number = factory.Sequence(lambda n: n + 1)
    kind = Meeting.Kind.REGULAR
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))
    venue = "안양창업지원센터 강당"


class AgendaItemFactory(ModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"안건 {n}")
    kind = AgendaItem.Kind.REPORT
    minutes_allotted = 15


class InvitationFactory(ModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    institution = factory.SubFactory(InstitutionFactory)
    name = factory.LazyAttribute(
        lambda invitation: invitation.institution.name if invitation.institution else "손님"
    )
    counts_for_quorum = True


class ActionItemFactory(ModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    council = factory.LazyAttribute(lambda action: action.meeting.council)
    title = factory.Sequence(lambda n: f"후속조치 {n}")
    assignee = factory.SubFactory(InstitutionFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
