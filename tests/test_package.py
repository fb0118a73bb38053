"""The installed package, as users and Docker get it: a wheel in a fresh virtualenv.

The other tests see the editable install, which reads templates and data from the
source tree; this one builds a wheel from exactly what the Dockerfile copies, installs
it into a new virtualenv (the dependencies come from the running environment through a
``.pth`` line, so nothing is downloaded; the wheel is built with the locked build backend, as the
Dockerfile builds it), runs ``grenswerk demo``, ``keys create`` and ``serve`` from that
virtualenv in a directory outside the repository, and opens the API's map, the pages
and ``/docs``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).parents[1]
PACKAGES = ("api", "graph", "importers", "visualizations", "cli")

pytestmark = pytest.mark.slow


def dockerfile_copies() -> list[str]:
    """The paths the Dockerfile copies into the image (its ``COPY`` sources)."""
    sources: list[str] = []
    for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        if not line.startswith("COPY "):
            continue
        words = shlex.split(line)
        if not any(w.startswith("--from") for w in words):
            sources.extend(words[1:-1])
    return sources


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{shlex.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def build_wheel(tmp: Path) -> Path:
    """A wheel built (as ``pip install .`` builds it) from a copy of the image's files,
    so no build output lands in the repository."""
    src = tmp / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in dockerfile_copies():
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, src / name)
    dist = tmp / "dist"
    # built with the locked backend of requirements/ (no build isolation), as the
    # Dockerfile builds it
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    run([*pip_wheel, "-w", str(dist), str(src)], tmp)
    (wheel,) = dist.glob("grenswerk-*.whl")
    return wheel


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A virtualenv with the wheel installed; its dependencies are those of the running
    environment (a ``.pth`` line, which does not run that environment's own ``.pth``
    files, so the editable install of the source tree stays out)."""
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    run([*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)], tmp)
    site = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp
        ).strip()
    )
    here = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site / "zz_dependencies.pth").write_text("".join(f"{path}\n" for path in here))
    return venv


def data_files() -> set[str]:
    """Every file in the packages' folders that is not Python: what the code reads."""
    return {
        path.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for path in (ROOT / package).rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str], Path]]:
    wheel = build_wheel(tmp_path)
    venv = fresh_venv(tmp_path, wheel)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRENSWERK_", "PYTHON"))}
    env["GRENSWERK_DATA_DIR"] = str(tmp_path / "data")
    yield venv, env, wheel


def test_the_installed_wheel_serves_maps_pages_and_docs(
    installed: tuple[Path, dict[str, str], Path], tmp_path: Path
) -> None:
    venv, env, wheel = installed
    with zipfile.ZipFile(wheel) as archive:
        missing = data_files() - set(archive.namelist())
    assert not missing, f"not in the wheel: {sorted(missing)}"
    work = tmp_path / "elsewhere"  # not the repository: the source tree is not on sys.path
    work.mkdir()
    python, grenswerk = str(venv / "bin" / "python"), str(venv / "bin" / "grenswerk")
    where = run(
        [python, "-c", f"import {', '.join(PACKAGES)}; print({PACKAGES[0]}.__file__)"], work, env
    )
    assert Path(where.strip()).is_relative_to(venv), where  # the wheel's code, not the tree's
    run([grenswerk, "demo"], work, env)  # the demo's CSV files are package data
    key = run([grenswerk, "keys", "create", "--all", "--role", "admin"], work, env).strip()
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [grenswerk, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            wait_until_up(client, server, tmp_path / "serve.log")
            check_every_page(client, key)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def wait_until_up(client: httpx.Client, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(encoding="utf-8")
        try:
            if client.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    pytest.fail("grenswerk serve did not answer /health:\n" + log.read_text(encoding="utf-8"))


def check_every_page(client: httpx.Client, key: str) -> None:
    bearer = {"Authorization": f"Bearer {key}"}
    found = client.get("/api/workspaces/demo/map", params={"download": "true"}, headers=bearer)
    assert found.status_code == 200, found.text[-2000:]
    assert "vis.Network" in found.text  # pyvis's vis-network and our map.js, inlined
    assert "grenswerkMap" in found.text
    form = client.get("/login").text
    token = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    login = client.post(
        "/login",
        data={"key": key, "next": "/w/demo", "csrf_token": token},
        follow_redirects=False,
    )
    assert login.status_code == 303, login.text
    for path in (
        "/w/demo",
        "/w/demo/node/petra-van-beveren",
        "/w/demo/paths",
        "/docs",
        "/redoc",
        "/static/grenswerk.css",
        "/static/vis/vis-network.min.js",
        "/static/maps/map.js",
        "/static/docs/swagger-ui-bundle.js",
        "/static/docs-init.js",
    ):
        page = client.get(path)
        assert page.status_code == 200, f"{path}: {page.status_code} {page.text[-2000:]}"
