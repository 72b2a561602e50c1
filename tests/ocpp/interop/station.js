// An independent OCPP 2.0.1 station: ocpp-rpc in strict mode, which validates every message
// it sends and receives against the official OCA JSON schemas. Driven by
// tests/ocpp/test_interop_ocpp_rpc.py; reads a JSON scenario from argv[2], writes a JSON
// report to stdout. Any schema violation makes the call (or our handler) fail, and is reported.
'use strict';
const fs = require('fs');
const { RPCClient, createValidator } = require('ocpp-rpc');

// ocpp-rpc 2.2.1 looks its strict-mode schemas up as `urn:<Action>.req` / `.conf`, but the
// OCA 2.1 schemas it bundles are named `urn:<Action>Request` / `Response`, so its own 2.1
// strict mode finds none. The same schemas, renamed to what the client looks up, are passed
// as its documented custom validator for the subprotocol (the content is untouched).
function ocpp21Validator() {
    const schemas = require('ocpp-rpc/lib/schemas/ocpp2_1.json').map((schema) => {
        const id = schema.$id
            .replace(/Request$/, '.req')
            .replace(/Response$/, '.conf');
        return { ...schema, $id: id };
    });
    return createValidator('ocpp2.1', schemas);
}

async function main() {
    const scenario = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
    const report = { steps: {}, badMessages: [], errors: [], certificateSigned: [] };
    // Security profiles 2 and 3: Node's own TLS stack checks the CSMS certificate against the
    // V2G root (and the host name), and presents the station's client certificate if given.
    const wsOpts = {};
    if (scenario.tls) {
        wsOpts.ca = fs.readFileSync(scenario.tls.ca);
        if (scenario.tls.cert) {
            wsOpts.cert = fs.readFileSync(scenario.tls.cert);
            wsOpts.key = fs.readFileSync(scenario.tls.key);
        }
    }
    const client = new RPCClient({
        endpoint: scenario.endpoint,
        identity: scenario.identity,
        password: scenario.password || undefined,
        wsOpts,
        protocols: [scenario.protocol || 'ocpp2.0.1'],
        strictMode: true,
        strictModeValidators: scenario.protocol === 'ocpp2.1' ? [ocpp21Validator()] : [],
        reconnect: false,
        callTimeoutMs: 15000,
    });
    client.on('badMessage', ({ error }) => report.badMessages.push(String(error && error.message)));

    let signedResolve;
    const signed = new Promise((resolve) => { signedResolve = resolve; });
    let secondResolve;
    const second = new Promise((resolve) => { secondResolve = resolve; });
    client.handle('CertificateSigned', ({ params }) => {
        report.certificateSigned.push(params);
        signedResolve(params);
        if (report.certificateSigned.length === 2) secondResolve(params);
        return { status: 'Accepted' };
    });

    async function step(name, action, params) {
        try {
            report.steps[name] = { ok: true, response: await client.call(action, params) };
        } catch (err) {
            report.steps[name] = { ok: false, error: `${err.rpcErrorCode || err.name}: ${err.message}` };
        }
    }

    await client.connect();
    report.protocol = client.protocol;
    if (scenario.tls) {
        const socket = client._ws && client._ws._socket;
        report.tlsVersion = socket && socket.getProtocol ? socket.getProtocol() : null;
    }
    await step('boot', 'BootNotification', {
        reason: 'PowerUp',
        chargingStation: { model: 'Interop-1', vendorName: 'ocpp-rpc' },
    });
    await step('heartbeat', 'Heartbeat', {});
    if (scenario.strictProbe) {
        // Must fail in the client itself: shows its strict mode is really checking.
        await step('strict_probe', 'Heartbeat', { notInTheSchema: true });
    }
    await step('status', 'StatusNotification', {
        timestamp: new Date().toISOString(), connectorStatus: 'Available', evseId: 1, connectorId: 1,
    });
    await step('sign', 'SignCertificate', { csr: scenario.csr, certificateType: 'ChargingStationCertificate' });
    const timer = new Promise((_, reject) => setTimeout(() => reject(new Error('no CertificateSigned')), 15000));
    try { await Promise.race([signed, timer]); } catch (err) { report.errors.push(err.message); }
    await step('ev_certificate', 'Get15118EVCertificate', {
        iso15118SchemaVersion: scenario.evSchema || 'urn:iso:15118:2:2013:MsgDef', action: 'Install', exiRequest: scenario.exiRequest,
    });
    await step('certificate_status', 'GetCertificateStatus', { ocspRequestData: scenario.ocspRequestData });
    await step('authorize_chain', 'Authorize', {
        idToken: { idToken: scenario.emaid, type: 'eMAID' }, certificate: scenario.contractChain,
    });
    await step('authorize_hash', 'Authorize', {
        idToken: { idToken: scenario.emaid, type: 'eMAID' },
        iso15118CertificateHashData: scenario.hashData,
    });
    await step('security_event', 'SecurityEventNotification', {
        type: 'StartupOfTheDevice', timestamp: new Date().toISOString(),
    });
    if (scenario.session) {
        // A charging session with meter values (2.0.1 / 2.1 TransactionEvent).
        const meter = (wh) => [{ timestamp: new Date().toISOString(),
            sampledValue: [{ value: wh, measurand: 'Energy.Active.Import.Register' }] }];
        await step('tx_started', 'TransactionEvent', {
            eventType: 'Started', timestamp: new Date().toISOString(), triggerReason: 'CablePluggedIn',
            seqNo: 0, transactionInfo: { transactionId: scenario.session }, evse: { id: 1, connectorId: 1 },
            meterValue: meter(1000),
        });
        await step('tx_ended', 'TransactionEvent', {
            eventType: 'Ended', timestamp: new Date().toISOString(), triggerReason: 'EVDeparted',
            seqNo: 1, transactionInfo: { transactionId: scenario.session, stoppedReason: 'EVDisconnected' },
            evse: { id: 1, connectorId: 1 }, meterValue: meter(9000),
        });
    }
    if (scenario.chainStatusRequests) {
        // OCPP 2.1 GetCertificateChainStatus.
        await step('chain_status', 'GetCertificateChainStatus', {
            certificateStatusRequests: scenario.chainStatusRequests,
        });
    }
    if (scenario.v2g20Csr) {
        // OCPP 2.1: the ISO 15118-20 SECC certificate, with a requestId to come back.
        await step('sign_v2g20', 'SignCertificate', {
            csr: scenario.v2g20Csr, certificateType: 'V2G20Certificate', requestId: 2021,
        });
        const timer = new Promise((_, reject) => setTimeout(() => reject(new Error('no V2G20 CertificateSigned')), 15000));
        try { await Promise.race([second, timer]); } catch (err) { report.errors.push(err.message); }
    }
    await client.close({ code: 1000 });
    process.stdout.write(JSON.stringify(report));
}

main().catch((err) => {
    process.stdout.write(JSON.stringify({ fatal: String(err && err.stack || err) }));
    process.exitCode = 1;
});
