"""Spreadsheet imports handed to a worker: the job page, its progress, and jobs a worker lost."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone

from council.files import imports
from council.models import ImportJob
from members.models import Institution


@pytest.fixture
def job(alice, anyang):
    queued = ImportJob(
        kind="members.institutions",
        owner=alice,
        council=anyang,
        file_name="기관.csv",
        page_url="/institutions/import/",
    )
    content = "기관명,기관 유형,부문\n㈜잃어버린기업,기타,산업계\n"
    queued.file.save("기관.csv", ContentFile(content.encode("utf-8")), save=False)
    queued.save()
    return queued


def test_only_the_owner_follows_an_import(client, job, carol, dave):
    for other in (carol, dave):
        client.force_login(other)
        assert client.get(f"/imports/{job.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/imports/{job.pk}/").status_code == 302  # to the login page


def test_a_running_import_shows_its_progress_and_asks_for_it_again(client, alice, job):
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, started_at=timezone.now())
    imports.ProgressReporter(job.pk)("checking", 1200, 5000)
    client.force_login(alice)
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "행 검사 중: 5000행 중 1200행" in page
    assert 'value="24"' in page and 'hx-trigger="every 1s"' in page
    fragment = client.get(f"/imports/{job.pk}/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and 'data-status="running"' in fragment.content.decode()


def test_a_finished_import_stops_asking_and_says_what_came_of_it(
    client, alice, job, django_capture_on_commit_callbacks
):
    imports.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and Institution.objects.filter(name="㈜잃어버린기업").exists()
    assert not job.file  # the upload is not kept once imported
    client.force_login(alice)
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "가져오기 완료: 기관 1곳 추가" in page and "hx-trigger" not in page
    imports.import_job_run(job_id=job.pk)  # a second task for the same job does nothing
    assert Institution.objects.filter(name="㈜잃어버린기업").count() == 1


def test_the_sweep_queues_lost_jobs_again_and_closes_those_whose_worker_died(job, alice, anyang):
    assert imports.import_jobs_sweep() == 0  # just queued: its task is presumably waiting
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=3))
    assert imports.import_jobs_sweep() == 1  # runs in-process here
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE

    stuck = ImportJob.objects.create(
        kind="members.institutions",
        owner=alice,
        council=anyang,
        file_name="큰파일.xlsx",
        page_url="/institutions/import/",
        status=ImportJob.Status.RUNNING,
        started_at=timezone.now() - timedelta(hours=1),
    )
    cache.set(imports.progress_key(stuck.pk), {"phase": "saving", "done": 10, "total": 20})
    assert imports.import_jobs_sweep() == 1
    stuck.refresh_from_db()
    assert stuck.status == ImportJob.Status.FAILED
    assert "중단" in stuck.errors[0]["message"]
    assert cache.get(imports.progress_key(stuck.pk)) is None


def test_an_unexpected_error_fails_the_job_with_a_message_and_saves_nothing(job, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("members.directory.services.institution_create", broken)
    imports.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "다시 시도" in job.errors[0]["message"]
    assert not Institution.objects.filter(name="㈜잃어버린기업").exists()
