"""The deployment files say what the code does: the compose file, the Kubernetes manifests and
the Dockerfile are parsed and checked here (no container runtime needed); the image itself is
built only where a Docker daemon runs (tests/test_deploy_files.py::test_the_image_builds)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from csms.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
KUBERNETES_VERSION = "1.30.0"
SETTINGS = {f"CSMS_{name.upper()}" for name in Settings.model_fields}
# The paths the probes and the balancer ask for, as the app serves them.
APP_PATHS = {"/health", "/ready", "/metrics"}


def _compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())  # type: ignore[no-any-return]


def _manifests() -> list[dict[str, Any]]:
    return [
        document
        for path in sorted((DEPLOY / "k8s").glob("*.yaml"))
        for document in yaml.safe_load_all(path.read_text())
        if document
    ]


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
        unknown = {key for key in environment if key.startswith("CSMS_")} - SETTINGS
        assert not unknown, f"{name} sets settings the product does not read: {unknown}"
        for shared in ("CSMS_DATABASE_URL", "CSMS_KEY_PASSPHRASE", "CSMS_TOKEN_KEY"):
            assert shared in environment
        assert environment["CSMS_NODE_ID"] == name
        probe = " ".join(services[name]["healthcheck"]["test"])
        assert "/ready" in probe
    assert (
        services["node-a"]["environment"]["CSMS_TOKEN_KEY"]
        == (services["node-b"]["environment"]["CSMS_TOKEN_KEY"])
    )


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


@pytest.mark.parametrize("index", range(5))
def test_kubernetes_manifests_pass_the_schema(index: int) -> None:
    manifests = _manifests()
    assert len(manifests) == 5  # Secret, Deployment, two Services, PodDisruptionBudget
    kubernetes_validate.validate(manifests[index], KUBERNETES_VERSION, strict=True)


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
    assert env <= SETTINGS, env - SETTINGS
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
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "info"], capture_output=True).returncode != 0:
        pytest.skip("no Docker daemon on this machine")
    subprocess.run([docker, "build", "-t", "uzpnc/csms:test", str(ROOT)], check=True)
    help_text = subprocess.run(
        [docker, "run", "--rm", "uzpnc/csms:test", "--help"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "serve" in help_text
