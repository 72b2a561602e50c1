"""The command line's lists, run as an operator runs them (a real `csms` process against
PostgreSQL): every list searches, filters, sorts and pages through its service; `--json`
holds the rows the table shows; `--csv` holds every matching row, more than a page, with cells
a spreadsheet would run as formulas neutralised; a filter or sort field the list does not have
is one `error: … [list_request]` line and exit status 1.

The rows are made first through the services (stations, contracts, cars, certificates and
their audit rows) and, for what only stations report (sessions, security events), in their
tables; what each list should answer is worked out here from what was made, or counted in
SQL, never by the list code under test."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select

from auth.audit import AuditEvent
from auth.principal import Principal
from contracts.models import Contract, VehicleBinding
from csms.container import build_container
from csms.csv_export import cell
from csms.ocpp.db import SecurityEventRecord, TransactionRecord
from csms.settings import Settings
from pki.db import CertificateRecord
from tests.harness.postgres import PostgresServer
from tests.pki.helpers import make_csr

pytestmark = pytest.mark.postgres

ERROR = re.compile(r"^error: .+ \[list_request\]$")
FOOTER = re.compile(r"^rows (?:(?P<first>\d+)\u2013(?P<last>\d+)|0) of (?P<total>\d+) "
                    r"\(page (?P<page>\d+) of (?P<pages>\d+)\)$")  # fmt: skip
FORMULA = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_STATION = "=1+2"  # a valid OCPP identity (csms/ocpp/stations.py STATION_ID)
HOSTILE_TOKEN = "+998901234567"  # an idToken that looks like a phone number
HOSTILE_INFO = '=HYPERLINK("http://attacker.example/","details")'
STATIONS, SESSIONS, EVENTS, CONTRACTS, CERTIFICATES = 60, 70, 60, 55, 40
BASE = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
RELEASED = (1, 3, 5)


@dataclass(frozen=True)
class Made:
    env: dict[str, str]
    url: str
    emaids: dict[int, str]  # contract number → its eMAID


@pytest.fixture(scope="module")
def made(
    postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Made]:
    url = postgres_server.create_database()
    data = tmp_path_factory.mktemp("cli-lists")
    values = {
        "CSMS_DATABASE_URL": url,
        "CSMS_DATA_DIR": str(data / "var"),
        "CSMS_KEY_PASSPHRASE": "cli-lists-passphrase-not-secret",
        "CSMS_KEY_LABEL_PREFIX": f"l{uuid.uuid4().hex[:12]}",
        "CSMS_TOKEN_KEY": "k" * 16 + uuid.uuid4().hex,
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSMS_")} | values
    init = run(env, "pki", "init")
    assert init.returncode == 0, init.stderr
    container = build_container(
        Settings(
            data_dir=Path(values["CSMS_DATA_DIR"]),
            database_url=url,
            key_passphrase=values["CSMS_KEY_PASSPHRASE"],
            key_label_prefix=values["CSMS_KEY_LABEL_PREFIX"],
            token_key=values["CSMS_TOKEN_KEY"],
        )
    )
    try:
        emaids = _populate(container)
    finally:
        container.close()
    yield Made(env, url, emaids)
    postgres_server.drop_database(url.rsplit("/", 1)[1])


def _populate(container: Any) -> dict[int, str]:
    system = Principal.system("test")
    organization = container.settings.organization
    with container.transaction() as session:
        for name in ("Alpha Charge", "Beta Charge"):
            container.users.create_partner(session, system, name)
        for name in ("bob", "carol"):
            container.users.create_user(session, system, name, role="client", myid_only=True)
    with container.transaction() as session:
        for i in range(STATIONS):
            container.stations.create(
                session, system, f"LST-{i:03d}", security_profile=1 + i % 2,
                password=f"station-password-{i:03d}", partner=_partner(i),
            )  # fmt: skip
        container.stations.create(
            session, system, HOSTILE_STATION, security_profile=1,
            password="station-password-xxx", partner="Alpha Charge",
        )  # fmt: skip
        for i in range(SESSIONS):
            started = BASE - timedelta(hours=i)
            session.add(
                TransactionRecord(
                    station_id=HOSTILE_STATION if i == 0 else f"LST-{i % 10:03d}",
                    transaction_id=f"cli-tx-{i:04d}",
                    state="ended" if i % 2 == 0 else "updated",
                    started_at=started,
                    updated_at=started + timedelta(minutes=20),
                    ended_at=started + timedelta(minutes=20) if i % 2 == 0 else None,
                    evse_id=1,
                    id_token=HOSTILE_TOKEN if i == 1 else f"TOKEN{i:03d}",
                    meter_start_wh=5000.0,
                    meter_last_wh=5000.0 + i * 100,
                )
            )
        for i in range(EVENTS):
            session.add(
                SecurityEventRecord(
                    station_id=f"LST-{i % 4:03d}",
                    type="InvalidCsmsCertificate" if i % 3 == 0 else "SettingSystemTime",
                    tech_info=HOSTILE_INFO if i == 5 else f"detail {i}",
                    occurred_at=BASE - timedelta(minutes=i),
                    received_at=BASE - timedelta(minutes=i),
                )
            )
    emaids: dict[int, str] = {}
    with container.transaction() as session:
        for i in range(CONTRACTS):
            created = container.contracts.create(
                session, system, owner="bob" if i % 2 == 0 else "carol",
                pcid=f"WMILST{i:011d}", partner="Alpha Charge" if i % 5 == 0 else None,
            )  # fmt: skip
            emaids[i] = created.emaid
    with container.transaction() as session:
        for i in range(0, CONTRACTS, 7):
            container.contracts.terminate(session, system, emaids[i])
        for i in RELEASED:  # carol's cars given to bob: carol's contracts let them go
            container.contracts.transfer_car(session, system, f"WMILST{i:011d}", "bob")
    with container.transaction() as session:
        for i in range(CERTIFICATES):
            csr = make_csr(cn=f"UZ*UPC*E{i}*1", o=organization)
            container.pki.issue_from_csr(session, system, csr, "secc")
    return emaids


def _partner(i: int) -> str:
    return "Alpha Charge" if i % 2 == 0 else "Beta Charge"


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csms", *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@dataclass(frozen=True)
class Table:
    header: str
    lines: list[str]
    footer: re.Match[str]

    def first_words(self) -> list[str]:
        return [line.split()[0] for line in self.lines]


def table(made: Made, *args: str) -> Table:
    done = run(made.env, *args)
    assert done.returncode == 0, done.stderr
    header, *lines, last = done.stdout.splitlines()
    footer = FOOTER.match(last)
    assert footer is not None, last
    assert "(UTC)" in header, header
    return Table(header, lines, footer)


def json_rows(made: Made, *args: str) -> tuple[list[dict[str, Any]], re.Match[str]]:
    done = run(made.env, *args, "--json")
    assert done.returncode == 0, done.stderr
    footer = FOOTER.match(done.stderr.strip())
    assert footer is not None, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()], footer


def csv_rows(made: Made, *args: str) -> list[dict[str, str]]:
    done = run(made.env, *args, "--csv")
    assert done.returncode == 0, done.stderr
    assert not done.stderr, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout, newline="")))


def refused(made: Made, *args: str) -> None:
    done = run(made.env, *args)
    assert done.returncode == 1, done.stdout
    assert ERROR.match(done.stderr.strip()) and done.stderr.count("\n") == 1, done.stderr
    assert not done.stdout, done.stdout


def no_formula(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA), row


def in_sql(made: Made, query: Any) -> list[Any]:
    engine = create_engine(made.url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(query))
    finally:
        engine.dispose()


def test_the_shared_csv_cell_neutralises_formulas() -> None:
    assert [cell(v) for v in ("=1+2", "+99", "-3", "@SUM(A1)", "\tx", "\rx")] == [
        "'=1+2", "'+99", "'-3", "'@SUM(A1)", "'\tx", "'\rx",
    ]  # fmt: skip
    assert cell(None) == "" and cell("plain") == "plain" and cell(7) == "7"
    assert cell(BASE) == "2026-11-20T12:00:00+00:00"


def test_station_list(made: Made) -> None:
    ids = sorted([f"LST-{i:03d}" for i in range(STATIONS)] + [HOSTILE_STATION])
    first = table(made, "station", "list")
    assert first.header.split()[:2] == ["station", "profile"]
    assert first.first_words() == ids[:50]
    assert first.footer.groupdict() == {
        "first": "1", "last": "50", "total": str(len(ids)), "page": "1", "pages": "2",
    }  # fmt: skip
    beta = sorted((f"LST-{i:03d}" for i in range(STATIONS) if i % 2), reverse=True)
    asked = ("station", "list", "--filter", "partner=Beta Charge", "--sort", "id",
             "--order", "desc", "--per-page", "10", "--page", "2")  # fmt: skip
    shown = table(made, *asked)
    assert shown.first_words() == beta[10:20]
    assert shown.footer["first"] == "11" and shown.footer["total"] == str(len(beta))
    rows, footer = json_rows(made, *asked)
    assert [r["id"] for r in rows] == beta[10:20] and footer.group(0) == shown.footer.group(0)
    assert all(r["partner"] == "Beta Charge" and r["securityProfile"] == 2 for r in rows)
    searched, _ = json_rows(made, "station", "list", "--search", "lst-01", "--per-page", "200")
    assert sorted(r["id"] for r in searched) == [f"LST-{i:03d}" for i in range(10, 20)]
    # --limit, the older name of --per-page, still works
    assert len(table(made, "station", "list", "--limit", "7").lines) == 7
    every = csv_rows(made, "station", "list")
    assert sorted(r["id"].removeprefix("'") for r in every) == ids  # more than a page
    assert "'" + HOSTILE_STATION in [r["id"] for r in every]
    assert list(every[0]) == ["id", "securityProfile", "enabled", "partner", "ocppVersion",
                              "bootStatus", "lastBootAt", "lastSeenAt", "connected"]  # fmt: skip
    no_formula(every)
    refused(made, "station", "list", "--filter", "colour=red")
    refused(made, "station", "list", "--sort", "password")


def test_session_list(made: Made) -> None:
    newest_first = [f"cli-tx-{i:04d}" for i in range(SESSIONS)]  # i hours before BASE
    shown = table(made, "session", "list", "--per-page", "20", "--page", "2")
    assert shown.header.split()[:2] == ["station", "session"]
    assert [line.split()[1] for line in shown.lines] == newest_first[20:40]
    assert shown.footer.groupdict() == {
        "first": "21", "last": "40", "total": str(SESSIONS), "page": "2", "pages": "4",
    }  # fmt: skip
    at_three = sorted(range(3, SESSIONS, 10), key=lambda i: i * 100)  # by energy, ascending
    asked = ("session", "list", "--filter", "station_id=LST-003", "--sort", "energy_wh",
             "--order", "asc")  # fmt: skip
    rows, footer = json_rows(made, *asked)
    assert [r["transactionId"] for r in rows] == [f"cli-tx-{i:04d}" for i in at_three]
    assert [r["energyWh"] for r in rows] == [i * 100.0 for i in at_three]
    assert footer["total"] == str(len(at_three))
    assert [line.split()[1] for line in table(made, *asked).lines] == [
        r["transactionId"] for r in rows
    ]
    ended, _ = json_rows(made, "session", "list", "--filter", "state=ended",
                         "--search", "TOKEN06")  # fmt: skip
    assert [r["transactionId"] for r in ended] == [f"cli-tx-{i:04d}" for i in (60, 62, 64, 66, 68)]
    every = csv_rows(made, "session", "list")
    assert [r["transactionId"] for r in every] == newest_first  # more than a page, in order
    assert every[0]["stationId"] == "'" + HOSTILE_STATION
    assert every[1]["idToken"] == "'" + HOSTILE_TOKEN
    no_formula(every)
    refused(made, "session", "list", "--filter", "state=paused")
    refused(made, "session", "list", "--sort", "since")  # a filter, not a sort field


def test_station_events(made: Made) -> None:
    shown = table(made, "station", "events")
    assert shown.header.split()[:3] == ["when", "(UTC)", "station"]
    assert shown.footer.groupdict() == {
        "first": "1", "last": "50", "total": str(EVENTS), "page": "1", "pages": "2",
    }  # fmt: skip
    wanted = [i for i in range(EVENTS) if i % 12 == 0]  # type InvalidCsms… at LST-000
    rows, footer = json_rows(made, "station", "events", "--filter", "station_id=LST-000",
                             "--filter", "type=InvalidCsmsCertificate")  # fmt: skip
    assert [r["techInfo"] for r in rows] == [f"detail {i}" for i in wanted]  # newest first
    assert footer["total"] == str(len(wanted))
    oldest, _ = json_rows(made, "station", "events", "--search", "detail 4",
                          "--order", "asc", "--per-page", "3")  # fmt: skip
    assert [r["techInfo"] for r in oldest] == ["detail 49", "detail 48", "detail 47"]
    every = csv_rows(made, "station", "events")
    assert len(every) == EVENTS  # more than a page
    assert [r["techInfo"] for r in every if r["techInfo"].startswith("'")] == ["'" + HOSTILE_INFO]
    no_formula(every)
    refused(made, "station", "events", "--filter", "since=last tuesday")
    refused(made, "station", "events", "--sort", "tech_info")


def test_audit(made: Made) -> None:
    total = in_sql(made, select(func.count()).select_from(AuditEvent))[0][0]
    created = in_sql(
        made,
        select(AuditEvent.details)
        .where(AuditEvent.action == "station.created")
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()),
    )
    assert len(created) == STATIONS + 1
    shown = table(made, "audit")
    assert shown.header.split()[:3] == ["at", "(UTC)", "actor"]
    assert shown.footer["total"] == str(total) and len(shown.lines) == 50
    rows, footer = json_rows(made, "audit", "--filter", "action=station.", "--per-page", "10",
                             "--page", "2")  # fmt: skip
    assert [r["details"] for r in rows] == [d for (d,) in created[10:20]]
    assert {r["action"] for r in rows} == {"station.created"}
    assert footer["total"] == str(len(created)) and footer["page"] == "2"
    # --limit, the older name of --per-page, still works (with JSON lines as before)
    older, _ = json_rows(made, "audit", "--limit", "3")
    assert len(older) == 3 and {"at", "actor", "action", "details"} <= set(older[0])
    terminations = in_sql(
        made, select(func.count()).where(AuditEvent.action == "contract.terminated")
    )[0][0]
    terminated, _ = json_rows(made, "audit", "--search", "contract.terminated")
    assert len(terminated) == terminations == len(range(0, CONTRACTS, 7))
    every = csv_rows(made, "audit")
    assert len(every) == total > 50
    no_formula(every)
    refused(made, "audit", "--filter", "station=LST-001")
    refused(made, "audit", "--sort", "details")


def test_contract_list(made: Made) -> None:
    carol = sorted(made.emaids[i] for i in range(CONTRACTS) if i % 2)
    asked = ("contract", "list", "--owner", "carol", "--sort", "emaid", "--per-page", "10",
             "--page", "2")  # fmt: skip
    shown = table(made, *asked)
    assert shown.header.split()[:2] == ["eMAID", "status"]
    assert shown.first_words() == carol[10:20]
    rows, footer = json_rows(made, *asked)
    assert [r["emaid"] for r in rows] == carol[10:20] and footer["total"] == str(len(carol))
    assert all(r["owner"] == "carol" and len(r["pcids"]) == 1 for r in rows)
    terminated, _ = json_rows(made, "contract", "list", "--filter", "status=terminated")
    expected = {made.emaids[i] for i in range(0, CONTRACTS, 7)}
    assert {r["emaid"] for r in terminated} == expected
    alpha = table(made, "contract", "list", "--search", "alpha charge")
    assert set(alpha.first_words()) == {made.emaids[i] for i in range(0, CONTRACTS, 5)}
    by_car, _ = json_rows(made, "contract", "list", "--pcid", "WMILST00000000012")
    assert [r["emaid"] for r in by_car] == [made.emaids[12]]
    every = csv_rows(made, "contract", "list")
    assert sorted(r["emaid"] for r in every) == sorted(made.emaids.values())  # > a page
    no_formula(every)
    refused(made, "contract", "list", "--filter", "owner")
    refused(made, "contract", "list", "--sort", "pcid")


def test_car_list(made: Made) -> None:
    cars = in_sql(
        made,
        select(VehicleBinding.pcid, VehicleBinding.status, Contract.owner).join(
            Contract, Contract.id == VehicleBinding.contract_id
        ),
    )
    assert len(cars) == CONTRACTS
    pending = table(made, "car", "list")  # by default the claims to decide: none here
    assert pending.lines == [] and pending.footer["total"] == "0"
    bobs = sorted(p for p, _s, owner in cars if owner == "bob")
    asked = ("car", "list", "--status", "all", "--filter", "owner=bob", "--sort", "pcid",
             "--per-page", "5", "--page", "3")  # fmt: skip
    rows, footer = json_rows(made, *asked)
    assert [r["pcid"] for r in rows] == bobs[10:15] and footer["total"] == str(len(bobs))
    assert table(made, *asked).first_words() == bobs[10:15]
    released = sorted(p for p, status, _o in cars if status == "released")
    assert released == [f"WMILST{i:011d}" for i in RELEASED]
    shown, _ = json_rows(made, "car", "list", "--filter", "status=released", "--sort", "pcid")
    assert [r["pcid"] for r in shown] == released
    every = csv_rows(made, "car", "list", "--status", "all")
    assert sorted(r["pcid"] for r in every) == sorted(p for p, _s, _o in cars)  # > a page
    no_formula(every)
    refused(made, "car", "list", "--filter", "is_default=maybe")
    refused(made, "car", "list", "--status", "all", "--sort", "partner")


def test_certificate_list(made: Made) -> None:
    total = in_sql(made, select(func.count()).select_from(CertificateRecord))[0][0]
    secc = [
        s for (s,) in in_sql(
            made,
            select(CertificateRecord.serial_hex)
            .where(CertificateRecord.profile == "secc")
            .order_by(CertificateRecord.serial_hex),
        )
    ]  # fmt: skip
    assert len(secc) == CERTIFICATES and total > 50
    asked = ("pki", "list", "--certificates", "--filter", "profile=secc", "--sort", "serial",
             "--order", "asc", "--per-page", "10", "--page", "3")  # fmt: skip
    shown = table(made, *asked)
    assert shown.header.split()[:2] == ["serial", "profile"]
    assert shown.first_words() == secc[20:30]
    rows, footer = json_rows(made, *asked)
    assert [r["serial"] for r in rows] == secc[20:30] and footer["pages"] == "4"
    found, _ = json_rows(made, "pki", "list", "--certificates", "--search", "upc*e1*")
    assert len(found) == 1 and "CN=UZ*UPC*E1*1" in found[0]["subject"]  # not E10…E19
    every = csv_rows(made, "pki", "list", "--certificates")
    assert len(every) == total  # more than a page
    assert sum(r["profile"] == "secc" for r in every) == CERTIFICATES
    no_formula(every)
    refused(made, "pki", "list", "--certificates", "--filter", "status=valid")
    refused(made, "pki", "list", "--certificates", "--sort", "expires_before")
