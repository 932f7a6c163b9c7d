"""`make backup` and `make restore`: the demo's database and uploaded files come back as they were.

On SQLite locally; on PostgreSQL in CI, through pg_dump and pg_restore.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from council.models import User
from council.table_revisions import ANY_TABLE, revisions


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_database_and_the_uploaded_files(demo_committed, tmp_path):
    upload = Path(settings.MEDIA_ROOT) / "meetings" / "document" / "회의자료.pdf"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"%PDF-1.7 agenda pack")
    before = _counts()
    assert before["council.User"] > 5 and before["meetings.Meeting"] > 0
    archive = tmp_path / "portal.tar.gz"
    out = StringIO()
    call_command("backup", str(archive), stdout=out)
    stored = sum(
        1 for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()
    )  # the demo's and this one
    assert archive.exists() and f"{stored} files" in out.getvalue()

    call_command("flush", interactive=False, verbosity=0)
    upload.unlink()
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("written after the backup")
    assert not User.objects.exists()

    written = revisions([])[ANY_TABLE]
    call_command("restore", str(archive), stdout=StringIO())
    assert _counts() == before
    # pg_restore writes behind Django's connection: every cached page is old from now on.
    assert revisions([])[ANY_TABLE] != written
    assert upload.read_bytes() == b"%PDF-1.7 agenda pack"
    assert not (Path(settings.MEDIA_ROOT) / "stray.txt").exists()
    assert User.objects.get(username="anyang-staff").check_password("council-demo-2024")


def test_a_missing_archive_is_a_clear_error(tmp_path, db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No such file"):
        call_command("restore", str(tmp_path / "none.tar.gz"), stdout=StringIO())
