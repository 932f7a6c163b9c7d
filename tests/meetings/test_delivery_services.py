"""Notice delivery on real services: Redis, a Celery worker process and an SMTP sink.

Exactly one mail reaches each recipient of an announcement when the tasks run twice, when the
worker is killed in the middle of a batch, when Redis is down at the moment of announcing, and when
the mail server answers "try again later" for a long while (the worker's back-off runs on a scale
of seconds for minutes, so seven seconds stand for seven minutes).
CI (.ci/run) runs these on PostgreSQL; they are skipped where the services cannot run.
"""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from council.celery import app
from council.models import Dispatch, Notice
from meetings import services
from tests.council.factories import CouncilFactory, CouncilRoleFactory, UserFactory
from tests.members.factories import InstitutionFactory, MembershipFactory, PersonFactory
from tests.support.services import CeleryWorker, RedisServer, SmtpSink, database_url, publish_to, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

INVITEES = 30


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, tmp_path_factory):
    if connection.vendor != "postgresql":
        pytest.skip(
            "a Celery worker process must share the test database: run on PostgreSQL, as .ci/run does"
        )
    if not RedisServer.available():
        pytest.skip("redis-server is not installed (apt-get install redis-server); .ci/run installs it")
    with django_db_blocker.unblock():
        db_url = database_url(connection.settings_dict)
    redis = RedisServer().start()
    sink = SmtpSink().start()
    env = {
        "DATABASE_URL": db_url,
        "REDIS_URL": redis.url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "NOTICE_LEASE_SECONDS": "2",
        # Back-off on a scale of seconds for minutes: 1, 2, 4 … seconds, at most 60 apart.
        "NOTICE_RETRY_SECONDS": "1",
        "NOTICE_RETRY_MAX_SECONDS": "60",
        "VAR_DIR": str(tmp_path_factory.mktemp("worker-var")),
        "DJANGO_SETTINGS_MODULE": "council.settings",
    }
    worker = CeleryWorker(env).start()
    previous = (app.conf.broker_url, app.conf.task_always_eager)
    publish_to(app, redis.url)
    yield {"redis": redis, "sink": sink, "worker": worker}
    worker.stop()
    sink.stop()
    redis.stop()
    publish_to(app, previous[0])
    app.conf.task_always_eager = previous[1]


@pytest.fixture
def live(stack, settings):
    """Tasks go to Redis and run in the worker, as in production."""
    app.conf.task_always_eager = False
    settings.NOTICE_LEASE_SECONDS = 2
    stack["sink"].clear()
    yield stack
    app.conf.task_always_eager = True


@pytest.fixture
def meeting_to_announce(db):
    council = CouncilFactory()
    staff = UserFactory(username="secretariat")
    CouncilRoleFactory(user=staff, council=council)
    for number in range(INVITEES):
        institution = InstitutionFactory()
        person = PersonFactory(institution=institution, email=f"member{number}@example.org")
        MembershipFactory(council=council, institution=institution, person=person)
    start = timezone.now() + timedelta(days=10)
    meeting = services.meeting_create(
        actor=staff, council=council, starts_at=start, ends_at=start + timedelta(hours=2), venue="강당"
    )
    services.invitations_add_members(actor=staff, meeting=meeting)
    return staff, meeting


def _settle(sink: SmtpSink, expected: int, *, timeout: float = 90) -> None:
    wait_for(lambda: sink.count() >= expected, timeout=timeout, what=f"{expected} mails in the sink")
    time.sleep(2)  # anything sent twice would arrive now


def _assert_once_each(sink: SmtpSink) -> None:
    counts = Counter(sink.recipients())
    assert len(counts) == INVITEES
    assert set(counts.values()) == {1}, [address for address, count in counts.items() if count > 1]


def test_running_every_task_twice_sends_each_mail_once(live, meeting_to_announce):
    staff, meeting = meeting_to_announce
    services.meeting_announce(actor=staff, meeting=meeting)
    sink = live["sink"]
    _settle(sink, INVITEES)
    dispatch = Dispatch.objects.get(subject_key=f"meetings.meeting:{meeting.pk}")
    ids = list(dispatch.notices.values_list("id", flat=True))
    for _run in range(2):
        app.tasks["council.tasks.expand_dispatch"].delay(dispatch.pk)
        app.tasks["council.tasks.deliver_notices"].delay(ids)
        app.tasks["council.tasks.sweep_notices"].delay()
    time.sleep(3)
    _assert_once_each(sink)
    assert set(dispatch.notices.values_list("status", flat=True)) == {Notice.Status.SENT}


def test_a_worker_killed_mid_batch_leaves_no_mail_lost_or_doubled(live, meeting_to_announce):
    staff, meeting = meeting_to_announce
    sink, worker = live["sink"], live["worker"]
    sink.handler.stall_at = 10
    services.meeting_announce(actor=staff, meeting=meeting)
    assert sink.handler.stalled.wait(60), worker.output()
    worker.kill()  # holding a claimed batch: 10 sent, the rest reserved for it
    sink.handler.release.set()
    assert sink.count() == 10
    worker.start()
    time.sleep(2.5)  # the dead worker's reservation expires
    app.tasks["council.tasks.sweep_notices"].delay()  # what beat does every minute
    _settle(sink, INVITEES)
    _assert_once_each(sink)
    retried = Notice.objects.filter(
        dispatch__subject_key=f"meetings.meeting:{meeting.pk}", attempts__gt=1
    ).count()
    assert retried == INVITEES - 10


def test_announcing_while_redis_is_down_succeeds_and_the_sweep_delivers(live, meeting_to_announce):
    staff, meeting = meeting_to_announce
    sink, redis = live["sink"], live["redis"]
    redis.stop()
    started = time.monotonic()
    announced = services.meeting_announce(actor=staff, meeting=meeting)
    assert time.monotonic() - started < 5  # fails fast instead of hanging the request
    assert announced.status == "announced"
    dispatch = Dispatch.objects.get(subject_key=f"meetings.meeting:{meeting.pk}")
    assert dispatch.expanded_at is None
    redis.start()
    app.close()  # drop the connections that saw Redis go away
    time.sleep(2.5)  # the sweep leaves a dispatch younger than the lease to a task it presumes queued
    wait_for(lambda: _enqueue_sweep(), timeout=30, interval=1, what="Redis to accept the sweep")
    _settle(sink, INVITEES)
    _assert_once_each(sink)


def _enqueue_sweep() -> bool:
    try:
        app.tasks["council.tasks.sweep_notices"].delay()
    except Exception:
        app.close()
        return False
    return True


def test_a_long_temporary_refusal_delays_every_notice_and_loses_none(live, meeting_to_announce):
    """451 for "seven minutes", then the server recovers: each member gets the invitation once."""
    staff, meeting = meeting_to_announce
    sink = live["sink"]
    sink.handler.refuse_with = "451 4.3.2 System busy, try again later"
    services.meeting_announce(actor=staff, meeting=meeting)
    dispatch = Dispatch.objects.get(subject_key=f"meetings.meeting:{meeting.pk}")
    outage_ends = time.monotonic() + 7
    while time.monotonic() < outage_ends:
        _enqueue_sweep()  # what beat does every minute
        time.sleep(1)
    assert sink.count() == 0 and sink.handler.refused >= INVITEES
    assert not dispatch.notices.filter(status=Notice.Status.FAILED).exists()
    sink.handler.refuse_with = None
    deadline = time.monotonic() + 90
    while sink.count() < INVITEES and time.monotonic() < deadline:
        _enqueue_sweep()
        time.sleep(1)
    _settle(sink, INVITEES)
    _assert_once_each(sink)
    statuses = set(dispatch.notices.values_list("status", flat=True))
    assert statuses == {Notice.Status.SENT}
    assert dispatch.notices.filter(attempts__gt=1).count() == INVITEES
