"""Real services for integration tests and benchmarks: Redis, a Celery worker, an SMTP sink, PostgreSQL.

Each runs on a free loopback port and is stopped by its owner. Integration tests use them to check
what a mocked broker cannot show: that a notice reaches each recipient exactly once when tasks run
twice, when a worker is killed mid-batch, and when Redis is down at the moment of announcing.
"""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from email import message_from_bytes
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(
    condition: Callable[[], bool], *, timeout: float, interval: float = 0.05, what: str = "condition"
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    """A throwaway redis-server without persistence; it can be stopped and started again on its port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @staticmethod
    def available() -> bool:
        return shutil.which("redis-server") is not None

    def start(self) -> "RedisServer":
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), timeout=10, what="redis-server")
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        wait_for(lambda: not port_open(self.port), timeout=10, what="redis-server to stop")


class CeleryWorker:
    """`celery -A council worker` in its own process group, so it can be killed outright."""

    def __init__(self, env: dict[str, str], *, concurrency: int = 1) -> None:
        self.env = env
        self.concurrency = concurrency
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept open for the worker's lifetime
            prefix="celery-worker-", suffix=".log", delete=False
        )

    def start(self) -> "CeleryWorker":
        self.log.truncate(0)
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "council", "worker", "--loglevel=info",
                f"--concurrency={self.concurrency}", "--prefetch-multiplier=1",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
            ],
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(self._ready, timeout=60, interval=0.2, what="the Celery worker to be ready")
        return self

    def _ready(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"the Celery worker exited:\n{self.output()}")
        return b" ready." in Path(self.log.name).read_bytes()

    def output(self) -> str:
        return Path(self.log.name).read_bytes().decode(errors="replace")[-4000:]

    def kill(self) -> None:
        """SIGKILL the worker and its pool: no clean-up, no acknowledgement, as in a crash."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None


class GunicornServer:
    """The portal under gunicorn with its default worker timeout (30 s), as in production."""

    def __init__(self, env: dict[str, str], *, workers: int = 2) -> None:
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "GunicornServer":
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "council.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), "--log-level", "warning",
            ],
            cwd=ROOT,
            env={**os.environ, **self.env},
            start_new_session=True,
        )  # fmt: skip
        wait_for(lambda: port_open(self.port), timeout=60, interval=0.2, what="gunicorn")
        return self

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
            self.process = None


class _SinkHandler:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[tuple[list[str], bytes]] = []
        self.stall_at: int | None = None
        self.stalled = threading.Event()
        self.release = threading.Event()
        # A reply such as "451 4.3.2 try again later" given to every recipient while it is set.
        self.refuse_with: str | None = None
        self.refused = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.refuse_with is not None:
            with self.lock:
                self.refused += 1
            return self.refuse_with
        # Hold the next message before its content is sent, so a worker can be killed between two mails.
        if self.stall_at is not None and len(self.messages) >= self.stall_at and not self.stalled.is_set():
            self.stalled.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 Message accepted for delivery"


class SmtpSink:
    """An in-process SMTP server (aiosmtpd) that keeps every message it accepts."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.handler = _SinkHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> "SmtpSink":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.handler.release.set()
        self.controller.stop()

    def count(self) -> int:
        with self.handler.lock:
            return len(self.handler.messages)

    def recipients(self) -> list[str]:
        with self.handler.lock:
            return [address for rcpt_tos, _content in self.handler.messages for address in rcpt_tos]

    def subjects(self) -> list[str]:
        with self.handler.lock:
            contents = [content for _rcpt, content in self.handler.messages]
        return [str(message_from_bytes(content)["Subject"]) for content in contents]

    def raw_messages(self) -> list[tuple[list[str], bytes]]:
        with self.handler.lock:
            return list(self.handler.messages)

    def clear(self) -> None:
        with self.handler.lock:
            self.handler.messages.clear()
        self.handler.stall_at = None
        self.handler.refuse_with = None
        self.handler.refused = 0
        self.handler.stalled.clear()
        self.handler.release.clear()


def database_url(settings_dict: dict[str, Any]) -> str:
    """A DATABASE_URL for another process to reach the same PostgreSQL database."""
    user, password = settings_dict.get("USER") or "", settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


class PostgresServer:
    """A throwaway PostgreSQL cluster (initdb as the postgres user, as .ci/run does), for benchmarks."""

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        """`settings` are server parameters (e.g. shared_buffers) on top of the fast, unsafe defaults."""
        self.port = free_port()
        self.settings = {
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "200",
            **(settings or {}),
        }
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))
        if not bins:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = bins[-1]
        self.folder = Path(tempfile.mkdtemp(prefix="council-pg-"))
        self.folder.chmod(0o755)

    @property
    def url(self) -> str:
        return f"postgres://portal:portal@127.0.0.1:{self.port}/portal"

    def _as_postgres(self, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, stdout=subprocess.DEVNULL)

    def start(self) -> "PostgresServer":
        data = self.folder / "data"
        data.mkdir()
        shutil.chown(data, "postgres", "postgres")
        self._as_postgres(
            str(self.bin / "initdb"),
            "-D",
            str(data),
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "-U",
            "postgres",
        )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={data} "
            + " ".join(f"-c {name}={value}" for name, value in self.settings.items())
        )
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(data / "server.log"),
            "-w",
            "start",
            "-o",
            options,
        )
        for statement in (
            "CREATE ROLE portal LOGIN CREATEDB PASSWORD 'portal'",
            "CREATE DATABASE portal OWNER portal",
        ):
            self._as_postgres(
                "psql", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-c", statement
            )
        return self

    def stop(self) -> None:
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def publish_to(app: Any, broker_url: str) -> None:
    """Make this process publish Celery tasks to `broker_url`.

    Setting the URL is not enough: once any task has been applied (eager tasks included), Celery
    keeps a producer pool bound to the old broker, and closing the app does not drop it.
    """
    app.close()
    app.amqp._producer_pool = None
    app.conf.broker_url = broker_url
