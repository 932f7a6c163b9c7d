import factory

from council.models import Council, CouncilRole, Dispatch, Notice, User
from tests.support.factories import ModelFactory

PASSWORD = "correct horse battery staple"


class UserFactory(ModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Faker("name", locale="ko_KR")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    language = "ko"
    password = factory.django.Password(PASSWORD)


class CouncilFactory(ModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"시험 협의회 {n}")
    short_name = factory.Sequence(lambda n: f"시험{n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    region = "경기 안양시"


class CouncilRoleFactory(ModelFactory):
    class Meta:
        model = CouncilRole

    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)
    kind = CouncilRole.Kind.SECRETARIAT


class DispatchFactory(ModelFactory):
    class Meta:
        model = Dispatch

    kind = "membership.term_ending"
    subject_key = factory.Sequence(lambda n: f"members.membership:{n}")
    council = factory.SubFactory(CouncilFactory)


class NoticeFactory(ModelFactory):
    class Meta:
        model = Notice

    dispatch = factory.SubFactory(DispatchFactory)
    recipient_key = factory.Sequence(lambda n: f"mail:member{n}@example.org")
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    title = "임기 만료 안내"
