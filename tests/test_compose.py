"""The compose file and Dockerfile (no Docker engine runs here, so they are read)."""

from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

ROOT = Path(__file__).parents[1]
POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_neo4j_service() -> None:
    neo4j = compose()["services"]["neo4j"]
    env = neo4j["environment"]
    # OpenGDS comes from the image (neo4j.Dockerfile, below), at the tests' version, not
    # from the image's download at start-up (whatever version is newest then)
    assert "NEO4J_PLUGINS" not in env
    assert env["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")  # from .env, no default
    volumes = {v.split(":")[1] for v in neo4j["volumes"]}
    assert volumes == {"/data", "/logs"}
    assert {v.split(":")[0] for v in neo4j["volumes"]} <= set(compose()["volumes"])
    assert "test" in neo4j["healthcheck"]
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])


def test_api_service_waits_for_neo4j_and_uses_it() -> None:
    api = compose()["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = api["environment"]
    assert env["GRENSWERK_STORE"] == "neo4j"
    assert env["GRENSWERK_NEO4J_URI"] == "neo4j://neo4j:7687"
    assert env["GRENSWERK_ENVIRONMENT"] == "production"
    assert "${GRENSWERK_SECRET_KEY" in env["GRENSWERK_SECRET_KEY"]
    assert "test" in api["healthcheck"]


def test_dockerfile_runs_as_non_root_with_a_healthcheck() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    users = [line.split()[1] for line in text.splitlines() if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in text
    assert '"serve"' in text


def test_env_example_names_what_compose_needs() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in ("NEO4J_PASSWORD", "GRENSWERK_SECRET_KEY"):
        assert f"{name}=" in example


def _dockerfile_env() -> dict[str, str]:
    """The ``ENV`` settings of the Dockerfile (``ENV A=1 B=2`` and ``ENV A 1``)."""
    env: dict[str, str] = {}
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        words = shlex.split(line)
        if not words or words[0] != "ENV":
            continue
        if "=" in words[1]:
            env.update(word.split("=", 1) for word in words[1:])  # type: ignore[misc]
        else:
            env[words[1]] = " ".join(words[2:])
    return env


def _mounts(service: dict) -> dict[str, str]:  # type: ignore[type-arg]
    """Container path → source of every volume of a service (short and long syntax)."""
    mounts = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source", ""), volume["target"]
        mounts[PurePosixPath(target).as_posix()] = source
    return mounts


def _on_a_volume(path: str, service: dict) -> bool:  # type: ignore[type-arg]
    named = set(compose().get("volumes") or {})
    target = PurePosixPath(path)
    for mount, source in _mounts(service).items():
        inside = target == PurePosixPath(mount) or PurePosixPath(mount) in target.parents
        if inside and (source in named or source.startswith(("/", "./", "../"))):
            return True
    return False


def test_what_the_api_writes_is_on_a_volume() -> None:
    """Keys (and the SQLite store) live in GRENSWERK_DATA_DIR: a rebuilt container must
    find them again, so that directory is a volume of the api service."""
    api = compose()["services"]["api"]
    data_dir = api.get("environment", {}).get("GRENSWERK_DATA_DIR") or _dockerfile_env().get(
        "GRENSWERK_DATA_DIR"
    )
    assert data_dir, "GRENSWERK_DATA_DIR is set neither in the compose file nor the Dockerfile"
    assert PurePosixPath(data_dir).is_absolute(), data_dir  # relative: depends on WORKDIR
    assert _on_a_volume(data_dir, api), f"{data_dir} (GRENSWERK_DATA_DIR) is on no volume"


def test_the_data_dir_is_made_by_the_service_user() -> None:
    """A fresh named volume takes the owner of the directory it is mounted on; if the
    image has no such directory, Docker makes it for root and the API cannot write."""
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    last_user = max(i for i, line in enumerate(lines) if line.startswith("USER "))
    made = [
        line
        for line in lines[last_user:]
        if line.startswith("RUN ") and "mkdir" in line and "GRENSWERK_DATA_DIR" in line
    ]
    assert made, "no `RUN mkdir -p $GRENSWERK_DATA_DIR` after the last USER line"


# -- the Neo4j and OpenGDS of `make test` are the ones compose runs (issue 20, point 6) ---


def pom_versions() -> dict[str, str]:
    properties = ET.parse(ROOT / "tests/neo4j/pom.xml").getroot().find("m:properties", POM_NS)
    assert properties is not None
    return {
        "NEO4J_VERSION": properties.findtext("m:neo4j.version", namespaces=POM_NS) or "",
        "GDS_VERSION": properties.findtext("m:gds.version", namespaces=POM_NS) or "",
    }


def neo4j_service() -> dict[str, Any]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    service: dict[str, Any] = compose["services"]["neo4j"]
    return service


def test_the_pom_pins_exact_versions() -> None:
    versions = pom_versions()
    assert re.fullmatch(r"5\.26\.\d+", versions["NEO4J_VERSION"]), versions
    assert re.fullmatch(r"2\.13\.\d+", versions["GDS_VERSION"]), versions


def test_compose_builds_the_versions_of_the_tests() -> None:
    service = neo4j_service()
    build = service["build"]
    assert build["dockerfile"] == "neo4j.Dockerfile" and build["context"] == "."
    assert build["args"] == pom_versions()
    versions = pom_versions()
    assert service["image"] == (
        f"grenswerk-neo4j:{versions['NEO4J_VERSION']}-gds-{versions['GDS_VERSION']}"
    )
    # GDS's procedures run unrestricted, as on the tests' server (Launcher.java)
    assert service["environment"]["NEO4J_dbms_security_procedures_unrestricted"] == "gds.*"


def test_the_dockerfile_takes_the_image_and_the_jars_from_those_versions() -> None:
    text = (ROOT / "neo4j.Dockerfile").read_text(encoding="utf-8")
    defaults = dict(re.findall(r"^ARG (\w+)=(\S+)$", text, flags=re.M))
    assert defaults == pom_versions()
    assert "FROM neo4j:${NEO4J_VERSION}-community" in text
    # the jars come through the tests' pom, with the versions given to the build
    assert "COPY tests/neo4j/pom.xml ./pom.xml" in text
    assert '-Dneo4j.version="$NEO4J_VERSION" -Dgds.version="$GDS_VERSION"' in text
    assert 'proc-"$GDS_VERSION".jar' in text
    # the build context leaves out the tests' own jars (hundreds of MB)
    assert "tests/neo4j/target" in (ROOT / ".dockerignore").read_text(encoding="utf-8")
