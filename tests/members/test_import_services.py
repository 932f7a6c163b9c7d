"""A large import through the page on real services: gunicorn, Redis, a Celery worker, PostgreSQL.

The allowed maximum of 5,000 rows takes longer than gunicorn's 30 s worker timeout allows a
request; the page hands the file to the worker and shows its progress, so the upload answers at
once and the import completes. Skipped where the services cannot run; .ci/run provides them.
"""

import time
from io import BytesIO

import pytest
from django.db import connection
from openpyxl import Workbook
from playwright.sync_api import expect

from council.celery import app
from members.models import Institution
from tests.council.factories import PASSWORD
from tests.support.browser import log_in
from tests.support.services import CeleryWorker, GunicornServer, RedisServer, database_url, publish_to

pytestmark = [pytest.mark.services, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = 5000


@pytest.fixture
def served(django_db_blocker, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn and the worker share the test database: run on PostgreSQL, as .ci/run does")
    if not RedisServer.available():
        pytest.skip("redis-server is not installed (apt-get install redis-server); .ci/run installs it")
    with django_db_blocker.unblock():
        db_url = database_url(connection.settings_dict)
    redis = RedisServer().start()
    env = {
        "DATABASE_URL": db_url,
        "REDIS_URL": redis.url,
        "VAR_DIR": str(tmp_path),  # the uploaded file and the secret key, shared by web and worker
        "DEBUG": "1",  # static files from the source tree: no collectstatic in the test run
        "TWO_FACTOR_REQUIRED": "0",  # the second factor has its own tests
        "DJANGO_SETTINGS_MODULE": "council.settings",
    }
    worker = CeleryWorker(env).start()
    web = GunicornServer(env).start()
    previous = app.conf.broker_url
    publish_to(app, redis.url)
    yield web
    web.stop()
    worker.stop()
    redis.stop()
    publish_to(app, previous)


def _workbook(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["기관명", "기관 유형", "부문", "지역"])
    for number in range(rows):
        sheet.append([f"가져오기 시험기관 {number:04d}", "기타", "산업계", "경기 안양시"])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_largest_allowed_import_completes_through_the_page(
    served, new_context, alice, anyang, tmp_path, settings
):
    # The test accounts' passwords are hashed with the tests' fast hasher, which gunicorn does not know.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    alice.set_password(PASSWORD)
    alice.save(update_fields=["password"])
    upload = tmp_path / "institutions.xlsx"
    upload.write_bytes(_workbook(ROWS))
    page = new_context().new_page()
    log_in(page, served.url, "alice")
    page.goto(f"{served.url}/institutions/import/")
    page.get_by_label("스프레드시트").set_input_files(str(upload))
    started = time.monotonic()
    page.get_by_role("button", name="가져오기", exact=True).click()
    job = page.get_by_test_id("import-job")
    expect(job).to_be_visible()
    assert time.monotonic() - started < 30  # the upload is answered well within gunicorn's timeout
    expect(job).to_have_attribute("data-status", "done", timeout=300_000)
    expect(job).to_contain_text(f"기관 {ROWS}곳 추가")
    assert Institution.objects.filter(name__startswith="가져오기 시험기관").count() == ROWS
