"""The locked install (issue 19): the locks satisfy ``pyproject.toml``, hold nothing it does
not need, agree with each other, and are what this environment runs.

``requirements/dev.txt`` (``make test``) and ``requirements/run.txt`` (``make run``, the
Docker image) are written by ``make lock`` from ``pyproject.toml`` and
``requirements/build.in``; every pin carries its hashes and is installed with
``pip install --require-hashes``.
"""

from __future__ import annotations

import importlib.metadata as md
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).parents[1]
LOCKS = ROOT / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Pin:
    name: str
    version: Version
    marker: Marker | None
    hashes: int

    def applies(self, extra: str = "") -> bool:
        return self.marker is None or self.marker.evaluate({"extra": extra})


def read_lock(path: Path) -> list[Pin]:
    """The pins of a lock: one per ``name==version [; marker]`` with its hashes."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    pins = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        hashes = len(re.findall(r"--hash=sha256:[0-9a-f]{64}", line))
        spec = re.sub(r"--hash=\S+", "", line).strip()
        req = Requirement(spec)
        (clause,) = req.specifier
        assert clause.operator == "==", f"{path.name}: {spec} is not an exact pin"
        pins.append(Pin(canonicalize_name(req.name), Version(clause.version), req.marker, hashes))
    return pins


def here(pins: list[Pin]) -> dict[str, Version]:
    """The pins that apply to this interpreter and platform."""
    chosen: dict[str, Version] = {}
    for pin in pins:
        if pin.applies():
            assert pin.name not in chosen, f"two pins of {pin.name} apply here"
            chosen[pin.name] = pin.version
    return chosen


def build_requirements() -> list[Requirement]:
    lines = (LOCKS / "build.in").read_text(encoding="utf-8").splitlines()
    return [Requirement(x) for x in lines if x.strip() and not x.startswith("#")]


def top_level(dev: bool) -> list[Requirement]:
    names = PYPROJECT["project"]["dependencies"]
    if dev:
        names = names + PYPROJECT["project"]["optional-dependencies"]["dev"]
    return [Requirement(x) for x in names] + build_requirements()


def closure(roots: list[Requirement]) -> set[str]:
    """Every distribution the roots need here, from the installed packages' metadata."""
    needed: set[str] = set()
    todo = [r for r in roots if r.marker is None or r.marker.evaluate()]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        extras = req.extras
        key = name
        if key in needed and not extras:
            continue
        needed.add(key)
        for line in md.requires(name) or []:
            sub = Requirement(line)
            wanted = sub.marker is None or any(
                sub.marker.evaluate({"extra": extra}) for extra in (extras or {""})
            )
            if wanted and (canonicalize_name(sub.name) not in needed or sub.extras):
                todo.append(sub)
    return needed


LOCK_FILES = {"dev": LOCKS / "dev.txt", "run": LOCKS / "run.txt"}


@pytest.mark.parametrize("which", ["dev", "run"])
def test_every_pin_is_exact_and_hashed(which: str) -> None:
    pins = read_lock(LOCK_FILES[which])
    assert len(pins) > 50
    unhashed = [p.name for p in pins if p.hashes == 0]
    assert not unhashed, f"{which}: pins without a hash: {unhashed}"


@pytest.mark.parametrize("which", ["dev", "run"])
def test_the_lock_satisfies_pyproject(which: str) -> None:
    """Every requirement of ``pyproject.toml`` (and of ``build.in``) has a pin in the
    lock that its range allows: a raised lower bound without ``make lock`` fails here."""
    pins = here(read_lock(LOCK_FILES[which]))
    wrong = []
    for req in top_level(which == "dev"):
        if req.marker is not None and not req.marker.evaluate():
            continue
        version = pins.get(canonicalize_name(req.name))
        if version is None or not req.specifier.contains(version, prereleases=True):
            wrong.append(f"{req} (locked: {version})")
    assert not wrong, f"{which}: run `make lock`: {wrong}"


@pytest.mark.parametrize("which", ["dev", "run"])
def test_the_lock_holds_nothing_pyproject_does_not_need(which: str) -> None:
    """The other way round: every pin that applies here is needed by a requirement of
    ``pyproject.toml`` (directly or through a dependency), so a dependency dropped from
    ``pyproject.toml`` without ``make lock`` fails here."""
    pins = here(read_lock(LOCK_FILES[which]))
    needed = closure(top_level(which == "dev"))
    assert set(pins) == needed, (
        f"{which}: in the lock only: {sorted(set(pins) - needed)}; "
        f"needed but not locked: {sorted(needed - set(pins))}"
    )


def test_the_run_lock_is_the_dev_lock_for_what_they_share() -> None:
    """``make run`` and the Docker image run the versions ``make test`` saw green."""
    dev = {(p.name, p.marker and str(p.marker)): p.version for p in read_lock(LOCK_FILES["dev"])}
    run = {(p.name, p.marker and str(p.marker)): p.version for p in read_lock(LOCK_FILES["run"])}
    differ = {k: (v, dev.get(k)) for k, v in run.items() if dev.get(k) != v}
    assert not differ, f"run.txt pins other versions than dev.txt: {differ}"


def test_this_environment_is_the_dev_lock() -> None:
    """What ``pip freeze --all`` of the test venv shows equals the dev lock: every pin
    installed at its version, nothing else but Grenswerk itself."""
    installed = {
        canonicalize_name(d.metadata["Name"]): Version(d.version) for d in md.distributions()
    }
    installed.pop("grenswerk", None)
    locked = here(read_lock(LOCK_FILES["dev"]))
    differ = {
        name: (installed.get(name), locked.get(name))
        for name in set(installed) | set(locked)
        if installed.get(name) != locked.get(name)
    }
    assert not differ, f"the venv is not the lock (installed, locked): {differ}"


def test_the_installers_install_from_the_locks() -> None:
    """The Makefile and the Dockerfile install with ``--require-hashes`` from the locks,
    and build Grenswerk with the locked backend (no build isolation)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes" in makefile and "--no-build-isolation" in makefile
    assert "RUN_LOCK := requirements/run.txt" in makefile
    assert "DEV_LOCK := requirements/dev.txt" in makefile
    assert "--require-hashes" in dockerfile and "requirements/run.txt" in dockerfile
    assert "--no-build-isolation" in dockerfile
    assert not re.search(r"pip install[^\n]*--upgrade pip", makefile + dockerfile)
