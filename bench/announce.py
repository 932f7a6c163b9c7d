"""Benchmark: announcing a meeting to 20 and to 2,000 invitees.

Measures (1) the announce request, which must not grow with the number of invitees, since it
only records one dispatch; (2) delivery of every mail through a real Celery worker over SMTP to a
local sink, in mails per second; (3) the ceiling: a plain smtplib loop sending the same messages
over one connection to the same sink.

    make bench-announce                          # starts a throwaway PostgreSQL (root, Debian's postgresql)
    DATABASE_URL=postgres://... make bench-announce   # or uses yours; database council_bench is recreated

Needs redis-server on the PATH. Prints a table; nothing is written to the project.
"""

import os
import smtplib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.database import bench_database  # noqa: E402 - the project root must be importable first
from tests.support.services import CeleryWorker, RedisServer, SmtpSink, wait_for  # noqa: E402

SIZES = (20, 2000)
REPEATS = 3


def main() -> None:
    with bench_database() as db_url:
        rows, profile = _measure(db_url)
    _report(rows, profile)


def _measure(db_url: str) -> tuple[list[dict[str, float]], dict[str, float]]:
    redis = RedisServer().start()
    sink = SmtpSink().start()
    var_dir = Path(tempfile.mkdtemp(prefix="council-bench-"))
    env = {
        "DATABASE_URL": db_url,
        "REDIS_URL": redis.url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "VAR_DIR": str(var_dir),
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "council.settings",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    worker = None
    try:
        print("Migrating …", flush=True)
        call_command("migrate", verbosity=0)
        worker = CeleryWorker(env, concurrency=os.cpu_count() or 1).start()
        _run(5, sink, label="warm-up")  # first requests load templates and open connections
        rows = [_run(size, sink) for size in SIZES]
        return rows, _where_the_time_goes(sink)
    finally:
        if worker is not None:
            worker.stop()
        sink.stop()
        redis.stop()


def _setup(size: int, label: str) -> tuple[object, list[object]]:
    from datetime import timedelta

    from django.utils import timezone

    from council.models import Council, CouncilRole, User
    from meetings import services
    from members.models import Institution, Membership, Person

    council = Council.objects.create(
        name=f"벤치마크 협의회 {label}", short_name=f"벤치 {label}", slug=f"bench-{label}"
    )
    staff = User.objects.create(username=f"staff-{label}", email=f"staff-{label}@example.org")
    CouncilRole.objects.create(user=staff, council=council, kind=CouncilRole.Kind.SECRETARIAT)
    institutions = Institution.objects.bulk_create(
        Institution(name=f"기관 {label}-{number}", kind="firm", sector="industry") for number in range(size)
    )
    people = Person.objects.bulk_create(
        Person(name=f"위원 {number}", institution=institution, email=f"m{number}@{label}.example.org")
        for number, institution in enumerate(institutions)
    )
    Membership.objects.bulk_create(
        Membership(council=council, institution=institution, person=person, route="recommendation")
        for institution, person in zip(institutions, people, strict=True)
    )
    meetings = []
    for repeat in range(REPEATS):
        start = timezone.now() + timedelta(days=10 + repeat)
        meeting = services.meeting_create(
            actor=staff, council=council, starts_at=start, ends_at=start + timedelta(hours=2), venue="강당"
        )
        services.agenda_item_add(actor=staff, meeting=meeting, title="우수사례 발표", kind="presentation")
        services.invitations_add_members(actor=staff, meeting=meeting)
        meetings.append(meeting)
    return staff, meetings


def _run(size: int, sink: SmtpSink, label: str = "") -> dict[str, float]:
    from django.test import Client
    from django.urls import reverse

    print(f"Announcing to {size} invitees, {REPEATS} times …", flush=True)
    staff, meetings = _setup(size, label or str(size))
    client = Client()
    client.force_login(staff)
    timings = []
    sink.clear()
    started = time.monotonic()
    for meeting in meetings:
        begin = time.perf_counter()
        response = client.post(reverse("meeting-announce", args=[meeting.pk]))
        timings.append(time.perf_counter() - begin)
        assert response.status_code == 302, response.status_code
    expected = size * REPEATS
    wait_for(lambda: sink.count() >= expected, timeout=600, interval=0.2, what=f"{expected} mails")
    delivered_in = time.monotonic() - started
    time.sleep(1)
    assert sink.count() == expected, f"{sink.count()} mails for {expected} notices"
    ceiling = _smtplib_ceiling(sink)
    return {
        "size": size,
        "announce_median_ms": statistics.median(timings) * 1000,
        "announce_max_ms": max(timings) * 1000,
        "mails": expected,
        "portal_per_s": expected / delivered_in,
        "smtplib_per_s": ceiling,
    }


def _where_the_time_goes(sink: SmtpSink, size: int = 500) -> dict[str, float]:
    """Deliver one announcement in this process, timing each step of a mail: milliseconds per mail."""
    from django.core.mail.backends.smtp import EmailBackend

    from council.celery import app
    from council.models import Dispatch
    from council.notices import compose, mail, outbox
    from meetings import links, services

    spent = dict.fromkeys(("compose", "sign", "MIME", "send", "record"), 0.0)

    def timed(step: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            begin = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[step] += time.perf_counter() - begin

        return wrapper

    staff, meetings = _setup(size, "profile")
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.conf.broker_url, broker = "memory://", app.conf.broker_url
    originals = [
        (compose.Composer, "render", compose.Composer.render),
        (links, "answer_token", links.answer_token),
        (mail, "mime_bytes", mail.mime_bytes),
        (EmailBackend, "send_messages", EmailBackend.send_messages),
        (outbox, "_mark_sent", outbox._mark_sent),
    ]
    try:
        for (owner, name, function), step in zip(originals, spent, strict=True):
            setattr(owner, name, timed(step, function))
        services.meeting_announce(actor=staff, meeting=meetings[0])
        dispatch = Dispatch.objects.get(subject_key=f"meetings.meeting:{meetings[0].pk}")
        sent = sum(
            outbox.notices_deliver(notice_ids=batch)
            for batch in outbox.dispatch_expand(dispatch_id=dispatch.pk)
        )
    finally:
        for owner, name, function in originals:
            setattr(owner, name, function)
        app.conf.task_always_eager, app.conf.broker_url = eager, broker
        sink.clear()
    # Signing happens while composing; compose is shown without it.
    spent["compose"] -= spent["sign"]
    return {step: seconds / sent * 1000 for step, seconds in spent.items()}


def _smtplib_ceiling(sink: SmtpSink) -> float:
    """The same messages, sent by a bare smtplib loop over one connection."""
    messages = sink.raw_messages()
    sink.clear()
    begin = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", sink.port) as smtp:
        for recipients, content in messages:
            smtp.sendmail("noreply@council.localhost", recipients, content)
    elapsed = time.perf_counter() - begin
    sink.clear()
    return len(messages) / elapsed


def _report(rows: list[dict[str, float]], profile: dict[str, float]) -> None:
    processes = os.cpu_count()
    print()
    print(f"Announcing a meeting (PostgreSQL, Redis, a {processes}-process Celery worker, local SMTP sink)")
    header = ("invitees", "announce median", "announce max", "mails", "portal mails/s", "smtplib mails/s")
    print(f"{header[0]:>9} {header[1]:>16} {header[2]:>13} {header[3]:>7} {header[4]:>15} {header[5]:>16}")
    for row in rows:
        print(
            f"{row['size']:>9} {row['announce_median_ms']:>13.1f} ms {row['announce_max_ms']:>10.1f} ms "
            f"{row['mails']:>7} {row['portal_per_s']:>15.0f} {row['smtplib_per_s']:>16.0f}"
        )
    if profile:
        print("\nWhere a mail's time goes (one process, ms per mail):")
        print("  ".join(f"{step} {ms:.2f}" for step, ms in profile.items()))
    small, large = rows[0], rows[-1]
    ratio = large["announce_median_ms"] / small["announce_median_ms"]
    sizes = f"{large['size']:.0f} vs {small['size']:.0f} invitees"
    print(f"\nAnnounce request time, {sizes}: x{ratio:.2f} (flat: it does not grow with the invitees)")


if __name__ == "__main__":
    main()
