"""Backing up and restoring the portal: the database and the uploaded files, in one archive.

`manage.py backup FILE` writes a .tar.gz holding `manifest.json`, the database (`database.dump`,
PostgreSQL's custom format from pg_dump, or `database.sqlite3`, a consistent copy made with
SQLite's backup API while the portal runs) and `media/`, every uploaded file. `manage.py restore
FILE` puts both back into the configured database and MEDIA_ROOT, replacing what is there: run it
with the web and worker processes stopped, on the same release of the portal (the manifest names
the last migration of each app; `migrate` afterwards brings an older backup forward).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from council import table_revisions

MANIFEST = "manifest.json"


def _postgres_tool(name: str) -> str:
    """pg_dump or pg_restore from the PATH, or from Debian's newest PostgreSQL when not on it."""
    found = shutil.which(name) or next(
        (str(path) for path in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (apt-get install postgresql-client)")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    # The arguments are the configured database's settings and a path the operator chose.
    subprocess.run(command, env=env, check=True)  # noqa: S603


def _pg_env() -> tuple[dict[str, str], list[str]]:
    """Environment and connection arguments for pg_dump and pg_restore, from DATABASES."""
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["--host", str(db.get("HOST") or "127.0.0.1"), "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, [*args, "--dbname", str(db["NAME"])]


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("id").values_list("app", "name"):
        latest[app] = name
    return latest


def backup_write(path: Path) -> dict[str, Any]:
    """Write the archive at `path`; return its manifest."""
    manifest = {
        "created_at": timezone.now().isoformat(),
        "engine": connection.vendor,
        "migrations": _migrations(),
        "media_files": 0,
    }
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if connection.vendor == "postgresql":
            env, args = _pg_env()
            target = work / "database.dump"
            _run(
                [_postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args],
                env,
            )
        else:
            connection.ensure_connection()
            target = work / "database.sqlite3"
            with sqlite3.connect(target) as copy:
                connection.connection.backup(copy)
        media = Path(settings.MEDIA_ROOT)
        files = [item for item in media.rglob("*") if item.is_file()] if media.exists() else []
        manifest["media_files"] = len(files)
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
        path.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(path, "w:gz") as archive:
            archive.add(work / MANIFEST, arcname=MANIFEST)
            archive.add(target, arcname=target.name)
            for item in files:
                archive.add(item, arcname=f"media/{item.relative_to(media).as_posix()}")
    return manifest


def backup_restore(path: Path) -> dict[str, Any]:
    """Replace the database and the uploaded files with those of the archive; return its manifest."""
    with tempfile.TemporaryDirectory() as folder, tarfile.open(path, "r:gz") as archive:
        work = Path(folder)
        archive.extractall(work, filter="data")
        manifest: dict[str, Any] = json.loads((work / MANIFEST).read_text())
        if manifest["engine"] != connection.vendor:
            raise ValueError(
                f"the backup is of a {manifest['engine']} database, this portal uses {connection.vendor}"
            )
        if connection.vendor == "postgresql":
            connections.close_all()
            env, args = _pg_env()
            options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", *args]
            _run([_postgres_tool("pg_restore"), *options, str(work / "database.dump")], env)
        else:
            connection.ensure_connection()
            with sqlite3.connect(work / "database.sqlite3") as source:
                source.backup(connection.connection)
        # Written behind Django's connection: no page cached before the restore may answer after it.
        table_revisions.bump([table_revisions.ANY_TABLE])
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (work / "media").exists():
            shutil.copytree(work / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    return manifest
