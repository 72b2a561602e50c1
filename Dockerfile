# The csms image: the `csms` command on Python 3.11, run as an unprivileged user.
# Build: docker build -t uzpnc/csms:0.1.0 .      Run: see deploy/compose.yaml, docs/deploy.md
# The entry point is `csms`: `docker run --rm uzpnc/csms:0.1.0 --help`, `... db upgrade`.
FROM python:3.11.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY auth ./auth
COPY certs ./certs
COPY contracts ./contracts
COPY csms ./csms
COPY iso15118 ./iso15118
COPY pki ./pki
COPY policies ./policies
# Wheels only where they exist (cryptography, psycopg, argon2, python-pkcs11 ship manylinux
# wheels), so the final image needs no compiler.
RUN python -m venv /opt/csms \
    && /opt/csms/bin/pip install --no-cache-dir --upgrade pip \
    && /opt/csms/bin/pip install --no-cache-dir .

FROM python:3.11.11-slim-bookworm
# A fixed uid, so Kubernetes' runAsNonRoot can check it and volumes can be owned by it.
RUN groupadd --system --gid 10001 csms \
    && useradd --system --uid 10001 --gid csms --home-dir /var/lib/csms --create-home csms
COPY --from=build /opt/csms /opt/csms
ENV PATH=/opt/csms/bin:$PATH \
    CSMS_DATA_DIR=/var/lib/csms \
    CSMS_MODE=production \
    PYTHONDONTWRITEBYTECODE=1
USER 10001:10001
WORKDIR /var/lib/csms
# HTTP (API, console, OCSP, /health, /ready, /metrics); OCPP ws:// (profile 1); OCPP wss://
# (profiles 2 and 3: the node checks client certificates itself, so TLS ends here).
EXPOSE 8000 9000 8443
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"]
ENTRYPOINT ["csms"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000", "--ocpp-port", "9000", "--tls-port", "8443"]
