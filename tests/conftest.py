"""Shared fixtures: the embedded test set-up, and personas with their roles.

Alice runs the Anyang council's secretariat, Carol is Anyang's city official, Bob is the contact
of Daerim University (which sits on the Anyang council). Dave runs the Busan council and Erin is
the contact of a Busan institution: they are the "other council" every role rule is tested against.
"""

import fcntl
import gc
import itertools
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from council.models import Council, CouncilRole, User
from council.permissions import forget_access
from members.models import Institution
from tests.council.factories import CouncilFactory, CouncilRoleFactory, UserFactory
from tests.members.factories import InstitutionContactFactory, InstitutionFactory, MembershipFactory
from tests.support import factories
from tests.support.browser import BROWSER_DISABLED_FEATURES, ContextPool
from tests.support.sessions import signed_in_client
from tests.support.stack import call_with_room

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# As the settings have them, before a database built without migrations hides them for its set-up.
MIGRATION_MODULES = dict(settings.MIGRATION_MODULES)


PDF = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n"


def embedded(media_root) -> dict:
    """Settings every test runs under, whatever the environment says: tasks in-process, static files
    unhashed, uploads in a temporary folder (no test writes into the developer's var/media)."""
    return {
        "MEDIA_ROOT": media_root,
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        # WhiteNoise would index every static file again for each test client's middleware; found on
        # request instead, they cost nothing to the tests that never ask for one.
        "WHITENOISE_AUTOREFRESH": True,
        "WHITENOISE_USE_FINDERS": True,
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        # Pages are cached only where a test says so (tests/council/test_page_cache.py): most tests
        # write and read inside one transaction, where the cache stands aside anyway.
        "PAGE_CACHE": False,
        "AXES_ENABLED": True,
        # The second factor is tested on its own (tests/council/test_two_factor.py); elsewhere the
        # tests log staff in directly.
        "TWO_FACTOR_REQUIRED": False,
        # A test's requests read the session without writing it, however long the test runs, so
        # query counts do not depend on the clock (tests/council/test_accounts.py sets a minute).
        "SESSION_IDLE_WRITE_SECONDS": 24 * 60 * 60,
        # Password hashing is deliberately slow; tests create many accounts and check none of its strength.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Sessions as production keeps them with Redis, whether or not the machine running the tests
        # has Redis: read from the cache, here the test process's own, and written through to the
        # database, so a page costs no query for its session. The embedded default without Redis
        # reads them from the database.
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
    }


@contextmanager
def eager_tasks():
    from council.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = eager


@pytest.fixture(scope="session")
def _media_roots(tmp_path_factory) -> Iterator[Path]:
    """A media folder for each test, under its process's temporary folder: named here, and made only
    when the test saves a file. Most tests upload nothing, and a temporary folder made for each cost
    about a millisecond (pytest numbers it by listing every folder made before it)."""
    base = tmp_path_factory.mktemp("media")
    return (base / str(number) for number in itertools.count())


@pytest.fixture(scope="session", autouse=True)
def _embedded_settings(_media_roots):
    """The embedded settings, set once for the whole run: each change of a setting makes Django reset
    what depends on it (storages, caches, hashers), which cost every test a millisecond."""
    from django.test import override_settings

    with override_settings(**embedded(next(_media_roots))):
        yield


@pytest.fixture(autouse=True)
def _embedded_services(request, settings, _media_roots):
    from django.core.cache import cache

    settings.MEDIA_ROOT = next(_media_roots)
    # The browser drives the portal as it runs in production, pages cached between its writes.
    settings.PAGE_CACHE = request.node.get_closest_marker("browser") is not None
    # Each test rolls its rows back, and ids and (frozen) times repeat: a cached figure from the
    # previous test must not answer for this one's data.
    cache.clear()
    with eager_tasks():
        yield


@pytest.fixture(scope="session")
def django_db_use_migrations(request) -> bool:
    """Whether the test database is built by running every migration.

    On PostgreSQL (CI) it is: that proves the migrations build the schema the code expects. The
    embedded SQLite database is built from the models instead, in a second rather than ten per
    test worker; test_models_and_migrations_agree keeps the two the same, and the data migrations
    only change rows, which a new database does not have.
    """
    from django.db import connection

    return connection.vendor != "sqlite" and not request.config.getvalue("nomigrations")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_use_migrations):
    """A database built from the models is recorded as migrated, as `migrate` would leave it, and
    the migrations are visible again to what reads them (backups, makemigrations --check).

    On the embedded database a copy of it as built is kept (`EmptyDatabase`), and a test that
    commits (transaction=True) is undone by copying it back: Django's `flush` deletes every row
    and then creates the content types and permissions again, about 50 ms a test, where the copy
    takes one. The rows, ids and content types are those every other test starts from."""
    if django_db_use_migrations:
        yield
        return
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder
    from django.test import TransactionTestCase

    settings.MIGRATION_MODULES = MIGRATION_MODULES
    with django_db_blocker.unblock():
        recorder = MigrationRecorder(connection)
        recorder.ensure_schema()
        graph = MigrationLoader(connection, ignore_no_migrations=True).graph
        recorder.migration_qs.bulk_create(
            [recorder.Migration(app=app, name=name) for app, name in graph.nodes]
        )
        connection.ensure_connection()
        EmptyDatabase.database = _copy(connection.connection)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            TransactionTestCase, "_fixture_teardown", lambda test_case: EmptyDatabase.restore(connection)
        )
        yield
    EmptyDatabase.database.close()


class EmptyDatabase:
    """The embedded test database as built, before any test wrote to it (kept by django_db_setup)."""

    database: sqlite3.Connection

    @classmethod
    def restore(cls, connection) -> None:
        """Every table as it was built, outside any transaction."""
        _copy_into(connection, cls.database)


def _demo_load(media_root) -> str:
    """Load the demo councils as `make demo` does, with tasks in-process; what the command printed."""
    from django.core.management import call_command
    from django.test import override_settings

    out = StringIO()
    with override_settings(**embedded(media_root)), eager_tasks():
        call_command("load_demo", stdout=out)
    return out.getvalue()


def _copy(source: sqlite3.Connection, target: str | Path = ":memory:") -> sqlite3.Connection:
    """A whole copy of the SQLite database `source`, through its online backup: in memory unless a
    file is named."""
    copy = sqlite3.connect(target)
    source.backup(copy)
    return copy


def _copy_into(connection, source: sqlite3.Connection) -> None:
    """The Django connection's database replaced by a whole copy of `source` (online backup)."""
    connection.ensure_connection()
    source.backup(connection.connection)


@dataclass
class DemoCopy:
    """The embedded test database as it is with the demo loaded, kept in memory.

    Loading the demo takes seconds; copying a database of its size takes milliseconds. The run loads
    it once: the first test process that needs it loads it and leaves a copy in a folder the run's
    processes share (`shared`), the others read that copy. Each process copies it in for every
    module or test that reads the demo, through SQLite's online backup, so every one of them starts
    from the same rows, ids and uploads.
    """

    loaded: sqlite3.Connection
    media_root: Path
    output: str

    @classmethod
    def take(cls, connection, media_root: Path) -> "DemoCopy":
        output = _demo_load(media_root)
        connection.ensure_connection()
        copy = cls(_copy(connection.connection), media_root, output)
        EmptyDatabase.restore(connection)
        return copy

    @classmethod
    def shared(cls, connection, folder: Path) -> "DemoCopy":
        """The demo as the run's first process to need it loaded it into `folder`, where the other
        processes read it; the first takes the lock, loads it and writes it there."""
        folder.mkdir(exist_ok=True)
        database, output = folder / "demo.sqlite3", folder / "output.txt"
        with open(folder / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not database.exists():
                copy = cls.take(connection, folder / "media")
                written = folder / "demo.sqlite3.part"
                _copy(copy.loaded, written).close()
                output.write_text(copy.output)
                written.rename(database)
                return copy
        with closing(sqlite3.connect(database)) as file:
            loaded = _copy(file)
        return cls(loaded, folder / "media", output.read_text())

    def restore(self, connection, media_root: Path | None = None) -> None:
        """The demo's rows into the test database (outside any transaction), its uploads into media_root."""
        _copy_into(connection, self.loaded)
        if media_root is not None:
            shutil.copytree(self.media_root, media_root, dirs_exist_ok=True)


@pytest.fixture(scope="session")
def demo_copy(django_db_setup, django_db_blocker, tmp_path_factory) -> DemoCopy | None:
    """The demo, loaded once per run, on the embedded database (None on PostgreSQL)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    with django_db_blocker.unblock():
        if "PYTEST_XDIST_WORKER" not in os.environ:
            return DemoCopy.take(connection, tmp_path_factory.mktemp("demo-media"))
        # The workers' temporary folders sit side by side in the run's own.
        return DemoCopy.shared(connection, tmp_path_factory.getbasetemp().parent / "demo")


@pytest.fixture(scope="module")
def demo(demo_copy, django_db_blocker, tmp_path_factory) -> str:
    """The demo councils for a module whose tests only read them; what loading them printed.

    Loading takes seconds, so a module of demo tests shares one load, and each test's own changes
    are rolled back on top of it. On the embedded database the rows are copied in from the process's
    one load and cleared after the module. On PostgreSQL, as Django's TestCase does for its class
    data, the load stays in a transaction that is rolled back after the module.
    """
    from django.db import connection, transaction

    with django_db_blocker.unblock():
        if demo_copy is not None:
            demo_copy.restore(connection)
            try:
                yield demo_copy.output
            finally:
                EmptyDatabase.restore(connection)
            return
        block = transaction.atomic()
        block.__enter__()
        try:
            yield _demo_load(tmp_path_factory.mktemp("demo-media"))
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


@pytest.fixture
def demo_committed(transactional_db, demo_copy, settings) -> None:
    """The demo councils committed, for a test that serves them to a browser or to another process;
    its uploads are in the test's MEDIA_ROOT. The test's end empties the database as usual."""
    from django.db import connection

    if demo_copy is not None:
        demo_copy.restore(connection, Path(settings.MEDIA_ROOT))
    else:
        _demo_load(settings.MEDIA_ROOT)


@pytest.fixture
def anyang(db) -> Council:
    return CouncilFactory(
        name="안양시 산학관 협력 협의회", short_name="안양 산학관", slug="anyang", is_public=True
    )


@pytest.fixture
def busan(db) -> Council:
    return CouncilFactory(name="부산광역시 지산학협력 협의회", short_name="부산 지산학", slug="busan")


@pytest.fixture
def daerim(anyang) -> Institution:
    institution = InstitutionFactory(name="대림대학교 산학협력단")
    MembershipFactory(council=anyang, institution=institution)
    return institution


@pytest.fixture
def pusan_univ(busan) -> Institution:
    institution = InstitutionFactory(name="부산대학교 산학협력단")
    MembershipFactory(council=busan, institution=institution)
    return institution


@pytest.fixture
def alice(anyang) -> User:
    user = UserFactory(username="alice", name="김앨리스")
    CouncilRoleFactory(user=user, council=anyang, kind=CouncilRole.Kind.SECRETARIAT)
    return user


@pytest.fixture
def carol(anyang) -> User:
    user = UserFactory(username="carol", name="최캐럴")
    CouncilRoleFactory(user=user, council=anyang, kind=CouncilRole.Kind.OFFICIAL)
    return user


@pytest.fixture
def bob(daerim) -> User:
    user = UserFactory(username="bob", name="박밥")
    InstitutionContactFactory(user=user, institution=daerim)
    return user


@pytest.fixture
def dave(busan) -> User:
    user = UserFactory(username="dave", name="정데이브")
    CouncilRoleFactory(user=user, council=busan, kind=CouncilRole.Kind.SECRETARIAT)
    return user


@pytest.fixture
def erin(pusan_univ) -> User:
    user = UserFactory(username="erin", name="윤에린")
    InstitutionContactFactory(user=user, institution=pusan_univ)
    return user


@pytest.fixture
def root(db) -> User:
    return UserFactory(username="root", name="관리자", is_superuser=True, is_staff=True)


@pytest.fixture
def stranger(db) -> User:
    """Logged in, but with no role anywhere."""
    return UserFactory(username="stranger")


@pytest.fixture
def login():
    """login(user) -> a test client logged in as that user."""

    def make(user: User) -> Client:
        forget_access(user)
        return signed_in_client(user)

    return make


@pytest.fixture
def factory_history(monkeypatch):
    """Rows made by factories get their audit history row, as every save in the portal does (see
    tests.support.factories.ModelFactory); for tests about the history of those rows."""
    monkeypatch.setattr(factories, "WRITE_HISTORY", True)


@pytest.fixture
def pdf():
    """pdf(name, content) -> an uploaded PDF, as a browser would send it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name: str = "발표자료.pdf", content: bytes = PDF) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return make


@pytest.fixture
def api():
    """api(user) -> a DRF test client authenticated as that user (None: anonymous)."""
    from rest_framework.test import APIClient

    def make(user: User | None = None) -> APIClient:
        client = APIClient()
        if user is not None:
            forget_access(user)
            client.force_authenticate(user)
        return client

    return make


# Debian's headless shell draws the same pages as the full browser (the same Blink, at the same
# version) for less than two thirds of its CPU; the full browser stands in where it is missing.
CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session", autouse=True)
def _patient_expectations():
    """Browser assertions poll until they hold; on a busy CI machine a page or an htmx fragment
    can take longer than Playwright's default 5 s, so they poll for up to 20 s."""
    from playwright.sync_api import expect

    expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def _context_pool(browser, live_server):
    """The pool, closed before the test server stops (it is set up after it): the contexts' kept-alive
    connections end first, and the server's threads for them with them (see ContextPool.close)."""
    pool = ContextPool(browser)
    yield pool
    pool.close()


@pytest.fixture
def new_context(new_context, _context_pool, browser_context_args, pytestconfig):
    """Contexts as pytest-playwright makes them, lent from the test process's pool (see ContextPool)
    unless traces, screenshots or videos are asked for: those are pytest-playwright's, per context."""
    if any(pytestconfig.getoption(option) != "off" for option in ("--tracing", "--screenshot", "--video")):
        yield new_context
        return
    yield lambda **options: _context_pool.new_context(**{**browser_context_args, **options})
    _context_pool.take_back()


@pytest.fixture
def cold_context(browser, browser_context_args):
    """cold_context() -> a context of the test's own, never lent, so with an empty HTTP cache; closed
    with the test, as pytest-playwright closes its contexts."""
    contexts = []

    def make(**options):
        context = browser.new_context(**{**browser_context_args, **options})
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            # Chromium keeps only the last --disable-features it is given: this one repeats
            # Playwright's list and adds to it (see BROWSER_DISABLED_FEATURES).
            "--disable-features=" + ",".join(BROWSER_DISABLED_FEATURES),
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every context asks for reduced motion, as a user may: pages then scroll to an anchor and open
    menus at once, and a click does not wait for its button to stop moving. The portal's own
    behaviour under both settings is checked in tests/council/test_accessibility_browser.py."""
    return {**browser_context_args, "reduced_motion": "reduce"}


def pytest_collection_modifyitems(config, items):
    """The browser tests run first, then the rest; in each group, the tests that read the demo councils
    come last, otherwise in the order they were collected.

    `--dist worksteal` hands each worker an equal share of the collected order and lets an idle
    worker take half of what a busy one has left. With the long browser tests at the front, they go to
    one worker, which alone starts Chromium and reads the demo, and the run ends on short tests that
    share out evenly, instead of on a browser test while the other worker waits. The first browser
    test that reads the demo loads it for the run (DemoCopy.shared), which takes seconds: the other
    worker's demo tests come at the end of its share, so it does not wait for that load with nothing
    to do."""
    # Every fixture that reads the demo (`demo`, `demo_committed`) asks for demo_copy, so a test's
    # fixture closure names it whichever of them the test uses.
    items[:] = sorted(
        items,
        key=lambda item: ("browser" not in item.keywords, "demo_copy" in getattr(item, "fixturenames", ())),
    )
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(
        reason="Chromium is not installed (apt-get install chromium-headless-shell); .ci/run installs it"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """Each test (set-up, call and teardown) runs with room on the frame stack: on the interpreters
    here, a test of pages would otherwise map and unmap memory hundreds of times (tests/support/stack.py).
    What follows is pytest's own protocol, reporting included."""
    from _pytest.runner import runtestprotocol

    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    call_with_room(runtestprotocol, item, nextitem=nextitem)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def pytest_collection_finish(session):
    """What a worker holds once the tests are collected (Django, the modules, the test items) lives
    until it exits: frozen, the garbage collector stops walking it at every full collection.

    Full collections then wait for a hundred collections of the middle generation instead of ten:
    each still walks all that the tests have left alive since (caches, compiled templates, the
    browser's objects), about a tenth of a second, and came about ten times per worker for almost no
    garbage. The young generations are collected as usual."""
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 100)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """After pytest's last collection (which reports exceptions raised in finalizers), the whole heap
    is frozen: the interpreter's exit then frees it without walking it for cycles again and again,
    which took about a second per process."""
    gc.freeze()


@pytest.fixture
def import_file(django_capture_on_commit_callbacks):
    """Post a spreadsheet to an import page as the browser does and open the job page it leads to.

    Tasks run in-process, so the job has finished by then: the page shows what was imported, every
    refused row, or the file's problem. A refused upload (a bad form) answers the import page itself.
    """

    def post(client: Client, url: str, upload, **data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"file": upload, **data})
        if response.status_code != 302:
            return response
        return client.get(response["Location"])

    return post
