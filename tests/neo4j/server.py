"""A real Neo4j 5 server as a child process (issue 20): the test suite's and `make neo4j`'s.

``Launcher.java`` embeds Neo4j Community 5.26 with Bolt on 127.0.0.1, authentication on
and the open-source Graph Data Science procedures; ``make neo4j-deps`` puts its jars in
``tests/neo4j/target/lib`` (classpath) and ``target/plugins`` (GDS's procedures).

The server stops when :meth:`Neo4jServer.stop` is called, and also when the process that
started it ends, whatever ended it: the launcher stops when its standard input closes.

``python -m tests.neo4j.server DATA_DIR`` runs one in the foreground (``make neo4j``) and
prints the settings that point Grenswerk at it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
TARGET = HERE / "target"
LIB = TARGET / "lib"
PLUGINS = TARGET / "plugins"
LAUNCHER = HERE / "Launcher.java"
READY = "READY "
#: how long a start may take before it counts as failed: a cold JVM compiles the launcher,
#: and on a machine shared by several test runs (load 20 on 2 cores) a start took 3 min
START_TIMEOUT_S = float(os.environ.get("GRENSWERK_TEST_NEO4J_START_S", "600"))


class ServerNotStarted(RuntimeError):
    """The server could not be started; the message is one line that says why."""


def missing() -> str | None:
    """Why a server cannot be started here, in one line, or None."""
    if shutil.which("java") is None:
        return (
            "Java is not installed (Neo4j needs Java 17): apt-get install openjdk-17-jre-headless"
        )
    if not LIB.is_dir() or not any(LIB.glob("neo4j-5.*.jar")):
        return f"Neo4j's jars are not in {LIB}: run `make neo4j-deps` (needs Maven)"
    return None


@dataclass
class Neo4jServer:
    """One running server; ``uri``, ``user`` and ``password`` connect to it."""

    data: Path
    heap: str = "1g"
    pagecache: str = "256m"
    port: int = 0
    password: str = field(default_factory=lambda: "gw-" + secrets.token_urlsafe(18))
    user: str = "neo4j"
    uri: str = ""
    process: subprocess.Popen[str] | None = None
    log: list[str] = field(default_factory=list)
    #: further Neo4j settings (``db.memory.transaction.max``: ``16m``), read at each start
    config: dict[str, str] = field(default_factory=dict)

    def command(self) -> list[str]:
        return [
            "java",
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            "-XX:-OmitStackTraceInFastThrow",
            # the flags Neo4j's own start script passes (it reads buffers and unsafe memory)
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dfile.encoding=UTF-8",
            "-cp",
            f"{LIB}/*",
            str(LAUNCHER),
            "--data",
            str(self.data),
            "--plugins",
            str(PLUGINS),
            "--port",
            str(self.port),
            "--pagecache",
            self.pagecache,
            *(
                arg
                for name, value in self.config.items()
                for arg in ("--config", f"{name}={value}")
            ),
        ]

    def start(self) -> Neo4jServer:
        """Start the server and wait for its ready line (and for Bolt to answer)."""
        why = missing()
        if why:
            raise ServerNotStarted(why)
        self.data.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "NEO4J_PASSWORD": self.password}
        self.log = []
        self.process = subprocess.Popen(
            self.command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        ready = threading.Event()

        def read(stream: object) -> None:
            assert self.process is not None and self.process.stdout is not None
            for line in self.process.stdout:
                self.log.append(line.rstrip("\n"))
                if line.startswith(READY):
                    self.uri = line[len(READY) :].strip()
                    ready.set()
            ready.set()

        threading.Thread(target=read, args=(None,), daemon=True).start()
        if not ready.wait(START_TIMEOUT_S) or not self.uri:
            self.kill()
            tail = " | ".join(line for line in self.log[-5:] if line.strip())[-400:]
            raise ServerNotStarted(f"Neo4j did not start within {START_TIMEOUT_S:.0f} s: {tail}")
        # a restart on the same folder keeps its port, so the store's driver can reconnect
        self.port = int(self.uri.rsplit(":", 1)[1])
        return self

    def stop(self, timeout: float = 60.0) -> None:
        """Stop cleanly (SIGTERM: the launcher shuts Neo4j down and exits)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._close()

    def kill(self) -> None:
        """kill -9: no shutdown, no flush; the data folder is left as a crash leaves it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._close()

    def _close(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        self.process = None

    def restart(self) -> Neo4jServer:
        """Start again on the same data folder, port and password."""
        return self.start()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None


def main(argv: list[str]) -> int:
    """``make neo4j``: a server with its data in the given folder, until Ctrl-C."""
    if len(argv) != 1:
        print("usage: python -m tests.neo4j.server DATA_DIR", file=sys.stderr)
        return 2
    data = Path(argv[0]).resolve()
    secret = data / "password"
    data.mkdir(parents=True, exist_ok=True)
    if secret.exists():
        password = secret.read_text(encoding="utf-8").strip()
    else:
        password = "gw-" + secrets.token_urlsafe(18)
        secret.write_text(password + "\n", encoding="utf-8")
        secret.chmod(0o600)
    server = Neo4jServer(data / "neo4j", port=int(os.environ.get("NEO4J_PORT", "7687")))
    server.password = password
    server.heap = os.environ.get("NEO4J_HEAP", "2g")
    server.pagecache = os.environ.get("NEO4J_PAGECACHE", "512m")
    try:
        server.start()
    except ServerNotStarted as exc:
        print(f"make neo4j: {exc}", file=sys.stderr)
        return 1
    print(f"Neo4j 5 (Community, with Graph Data Science) is running at {server.uri}.")
    print("In another shell, point Grenswerk at it with these settings:\n")
    print("  export GRENSWERK_STORE=neo4j")
    print(f"  export GRENSWERK_NEO4J_URI={server.uri}")
    print("  export GRENSWERK_NEO4J_USER=neo4j")
    print(f"  export GRENSWERK_NEO4J_PASSWORD='{password}'   # also in {secret}")
    print("  .venv/bin/grenswerk demo && .venv/bin/grenswerk serve\n")
    print("Ctrl-C stops the server; its data stays in", data / "neo4j", flush=True)
    try:
        while server.process is not None and server.process.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
