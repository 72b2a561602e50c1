"""The deployment files say what the code does: the compose file, the Kubernetes manifests and
the Dockerfile are parsed and checked here (no container runtime needed); the image itself is
built only where a Docker daemon runs (tests/test_deploy_files.py::test_the_image_builds)."""

from __future__ import annotations

import inspect
import ipaddress
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import uvicorn.config
import yaml

from csms.cli import main as csms_cli
from csms.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
KUBERNETES_VERSION = "1.30.0"
SETTINGS = {f"CSMS_{name.upper()}" for name in Settings.model_fields}
# Variables the deployment sets for a library rather than for Settings, each with the library
# source that must read it (a library that stops reading it breaks the test).
LIBRARY_VARIABLES = {"FORWARDED_ALLOW_IPS": inspect.getsource(uvicorn.config)}
KNOWN_VARIABLES = SETTINGS | {
    name for name, source in LIBRARY_VARIABLES.items() if f'"{name}"' in source
}
# The paths the probes and the balancer ask for, as the app serves them.
APP_PATHS = {"/health", "/ready", "/metrics"}


def _compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())  # type: ignore[no-any-return]


def _manifests() -> list[dict[str, Any]]:
    """Every document under deploy/k8s/, the optional migration Job's folder included."""
    return [
        document
        for path in sorted((DEPLOY / "k8s").rglob("*.yaml"))
        for document in yaml.safe_load_all(path.read_text())
        if document
    ]


def _kinds() -> list[str]:
    return [f"{m['kind']}/{m['metadata']['name']}" for m in _manifests()]


def _cli_command(args: list[str]) -> bool:
    """Whether `csms ARGS...` names a command of the CLI (its leading words, options aside)."""
    command: Any = csms_cli
    for word in args:
        if word.startswith("-") or not hasattr(command, "commands"):
            break
        if word not in command.commands:
            return False
        command = command.commands[word]
    return not hasattr(command, "commands")  # a command, not a group left hanging


def test_compose_names_pinned_images_and_real_settings() -> None:
    compose = _compose()
    services = compose["services"]
    assert {"postgres", "node-a", "node-b", "haproxy"} <= set(services)
    for name, service in services.items():
        image = service["image"]
        repository, _, tag = image.rpartition(":")
        assert repository and tag and tag != "latest", (name, image)
        assert re.match(r"^\d", tag), (name, image)  # a version, not a moving name
    for name in ("node-a", "node-b"):
        environment = services[name]["environment"]
        unknown = set(environment) - KNOWN_VARIABLES
        assert not unknown, f"{name} sets variables nothing reads: {unknown}"
        for shared in ("CSMS_DATABASE_URL", "CSMS_KEY_PASSPHRASE", "CSMS_TOKEN_KEY"):
            assert shared in environment
        assert environment["CSMS_NODE_ID"] == name
        probe = " ".join(services[name]["healthcheck"]["test"])
        assert "/ready" in probe
    assert (
        services["node-a"]["environment"]["CSMS_TOKEN_KEY"]
        == (services["node-b"]["environment"]["CSMS_TOKEN_KEY"])
    )


def test_compose_nodes_believe_x_forwarded_for_from_haproxy_alone() -> None:
    """The nodes count failed logins per client address: X-Forwarded-For must be believed from
    haproxy (tests/test_behind_a_proxy.py shows why), and from nothing else."""
    compose = _compose()
    services = compose["services"]
    haproxy = ipaddress.ip_address(services["haproxy"]["networks"]["default"]["ipv4_address"])
    subnets = [
        ipaddress.ip_network(entry["subnet"])
        for entry in compose["networks"]["default"]["ipam"]["config"]
    ]
    assert any(haproxy in subnet for subnet in subnets)
    for name in ("node-a", "node-b"):
        trusted = services[name]["environment"]["FORWARDED_ALLOW_IPS"]
        assert [ipaddress.ip_address(a.strip()) for a in trusted.split(",")] == [haproxy]
    assert "option forwardfor" in (DEPLOY / "haproxy.cfg").read_text()


def test_haproxy_accepts_its_configuration() -> None:
    """haproxy's own parser (Debian's haproxy, installed by scripts/lib.sh): `haproxy -c`."""
    haproxy = shutil.which("haproxy")
    if haproxy is None:
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    checked = subprocess.run(
        [haproxy, "-c", "-f", str(DEPLOY / "haproxy.cfg")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Configuration file is valid" in checked.stdout + checked.stderr


def test_haproxy_passes_tls_through_and_checks_readiness() -> None:
    config = (DEPLOY / "haproxy.cfg").read_text()
    tls_frontend = config[config.index("\nfrontend ocpp_tls") :].split("\nbackend ")[0]
    tls_backend = config[config.index("\nbackend nodes_ocpp_tls") :]
    # TCP through: the node, not the balancer, checks the station's client certificate.
    assert "mode tcp" in tls_frontend and "mode tcp" in tls_backend
    assert config.count("option httpchk GET /ready") == 3
    ports = set(re.findall(r"server node-[ab] node-[ab]:(\d+)", config))
    assert ports == {"8000", "9000", "8443"}
    assert (DEPLOY / "haproxy.cfg").name in str(_compose()["services"]["haproxy"]["volumes"])


EXPECTED_MANIFESTS = [
    "Deployment/csms",
    "Job/csms-migrate",
    "PodDisruptionBudget/csms",
    "Secret/csms-shared",
    "Service/csms-http",
    "Service/csms-ocpp",
]


def test_the_kubernetes_manifests_are_the_expected_ones() -> None:
    assert sorted(_kinds()) == EXPECTED_MANIFESTS


@pytest.mark.parametrize("kind", EXPECTED_MANIFESTS)
def test_kubernetes_manifests_pass_the_schema(kind: str) -> None:
    manifest = _manifests()[_kinds().index(kind)]
    kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


def test_the_migration_job_runs_a_real_command_apart_from_the_nodes() -> None:
    manifests = {kind: m for kind, m in zip(_kinds(), _manifests(), strict=True)}
    job = manifests["Job/csms-migrate"]["spec"]["template"]
    deployment = manifests["Deployment/csms"]["spec"]
    container = job["spec"]["containers"][0]
    assert container["args"] == ["db", "upgrade"] and _cli_command(container["args"])
    node = deployment["template"]["spec"]["containers"][0]
    assert _cli_command(node["args"])
    assert container["image"] == node["image"]
    assert container["envFrom"] == node["envFrom"]  # the same shared Secret
    # Its pod is neither served by the Services nor counted by the PodDisruptionBudget.
    selector = deployment["selector"]["matchLabels"]
    assert not selector.items() <= job["metadata"]["labels"].items()
    assert job["spec"]["securityContext"]["runAsNonRoot"] is True


def test_the_deployment_probes_paths_the_app_serves() -> None:
    from csms.app import create_app

    deployment = next(m for m in _manifests() if m["kind"] == "Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    probes = {
        container[probe]["httpGet"]["path"]
        for probe in ("livenessProbe", "readinessProbe", "startupProbe")
    }
    assert probes == {"/health", "/ready"}
    assert callable(create_app)  # the app needs a container: its routes are read from source
    source = (ROOT / "csms" / "app.py").read_text()
    for path in probes | APP_PATHS:
        assert f'@app.get("{path}")' in source, path
    env = {e["name"] for e in container["env"]}
    assert env <= KNOWN_VARIABLES, env - KNOWN_VARIABLES
    assert "FORWARDED_ALLOW_IPS" in env
    secret = next(m for m in _manifests() if m["kind"] == "Secret")
    assert set(secret["stringData"]) <= SETTINGS
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_the_dockerfile_runs_csms_as_an_unprivileged_user() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1].split(":")[0] not in ("0", "root")
    for source in re.findall(r"^COPY (?!--from)(\S+)", dockerfile, re.MULTILINE):
        assert (ROOT / source).exists(), source
    assert 'ENTRYPOINT ["csms"]' in dockerfile


@pytest.mark.slow
def test_the_image_builds() -> None:
    """Only where a Docker daemon runs and already holds the base image: the suite never
    pulls from a registry of images (tests/test_image_contents.py covers the rest without)."""
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "info"], capture_output=True).returncode != 0:
        pytest.skip("no Docker daemon on this machine")
    bases = set(re.findall(r"^FROM (\S+)", (ROOT / "Dockerfile").read_text(), re.MULTILINE))
    for base in bases:
        inspected = subprocess.run([docker, "image", "inspect", base], capture_output=True)
        if inspected.returncode != 0:
            pytest.skip(f"base image {base} is not on this machine (docker pull {base})")
    subprocess.run(
        [docker, "build", "--pull=false", "-t", "uzpnc/csms:test", str(ROOT)], check=True
    )
    help_text = subprocess.run(
        [docker, "run", "--rm", "uzpnc/csms:test", "--help"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "serve" in help_text
    user = subprocess.run(
        [docker, "run", "--rm", "--entrypoint", "id", "uzpnc/csms:test", "-u"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert user.strip() == "10001"
