// An independent OCPP 1.6J station: ocpp-rpc in strict mode (protocol ocpp1.6), which
// validates every message it sends and receives against its bundled 1.6 schemas, the security
// whitepaper's messages included. Driven by tests/ocpp/test_interop_ocpp_rpc_16_21.py; reads
// a JSON scenario from argv[2], writes a JSON report to stdout.
//
// Plug & Charge goes through DataTransfer (vendorId org.openchargealliance.iso15118pnc) with
// the OCPP 2.0.1 payload as a JSON string in `data`, as the OCA application note says.
'use strict';
const fs = require('fs');
const { RPCClient } = require('ocpp-rpc');

const PNC = 'org.openchargealliance.iso15118pnc';

async function main() {
    const scenario = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
    const report = { steps: {}, badMessages: [], errors: [], certificateSigned: [], wrapped: [] };
    const client = new RPCClient({
        endpoint: scenario.endpoint,
        identity: scenario.identity,
        password: scenario.password || undefined,
        protocols: ['ocpp1.6'],
        strictMode: true,
        reconnect: false,
        callTimeoutMs: 15000,
    });
    client.on('badMessage', ({ error }) => report.badMessages.push(String(error && error.message)));

    let signedResolve;
    const signed = new Promise((resolve) => { signedResolve = resolve; });
    client.handle('CertificateSigned', ({ params }) => {
        report.certificateSigned.push(params);
        signedResolve(params);
        return { status: 'Accepted' };
    });
    let wrappedResolve;
    const wrapped = new Promise((resolve) => { wrappedResolve = resolve; });
    client.handle('DataTransfer', ({ params }) => {
        if (params.vendorId !== PNC) return { status: 'UnknownVendorId' };
        const inner = JSON.parse(params.data);
        report.wrapped.push({ messageId: params.messageId, inner });
        if (params.messageId === 'CertificateSigned') wrappedResolve(inner);
        return { status: 'Accepted', data: JSON.stringify({ status: 'Accepted' }) };
    });

    async function step(name, action, params) {
        try {
            report.steps[name] = { ok: true, response: await client.call(action, params) };
        } catch (err) {
            report.steps[name] = { ok: false, error: `${err.rpcErrorCode || err.name}: ${err.message}` };
        }
    }
    async function pnc(name, messageId, inner) {
        await step(name, 'DataTransfer', { vendorId: PNC, messageId, data: JSON.stringify(inner) });
        const answer = report.steps[name];
        if (answer.ok && typeof answer.response.data === 'string') {
            try { answer.inner = JSON.parse(answer.response.data); } catch (err) { answer.inner = null; }
        }
    }
    function within(promise, what) {
        const timer = new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${what}`)), 15000));
        return Promise.race([promise, timer]).catch((err) => report.errors.push(err.message));
    }

    await client.connect();
    report.protocol = client.protocol;
    const now = () => new Date().toISOString();
    await step('boot', 'BootNotification', { chargePointVendor: 'ocpp-rpc', chargePointModel: 'Interop-16' });
    await step('heartbeat', 'Heartbeat', {});
    await step('status', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing', timestamp: now() });
    await step('authorize', 'Authorize', { idTag: 'RPC16-TAG' });
    await step('start', 'StartTransaction', { connectorId: 1, idTag: 'RPC16-TAG', meterStart: 100, timestamp: now() });
    const tx = report.steps.start.ok ? report.steps.start.response.transactionId : 0;
    await step('meter', 'MeterValues', {
        connectorId: 1, transactionId: tx,
        meterValue: [{ timestamp: now(), sampledValue: [{ value: '2100', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
    });
    await step('stop', 'StopTransaction', {
        transactionId: tx, meterStop: 5100, timestamp: now(), reason: 'Local',
        transactionData: [{ timestamp: now(), sampledValue: [{ value: '4.0', measurand: 'Energy.Active.Import.Register', unit: 'kWh' }] }],
    });
    await step('security_event', 'SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp: now() });
    // The whitepaper's SignCertificate: a charge point certificate, first-class CertificateSigned.
    await step('sign', 'SignCertificate', { csr: scenario.csr });
    await within(signed, 'CertificateSigned');
    // Plug & Charge through the DataTransfer envelope.
    await pnc('sign_v2g', 'SignCertificate', { csr: scenario.v2gCsr, certificateType: 'V2GCertificate' });
    await within(wrapped, 'wrapped CertificateSigned');
    await pnc('ev_certificate', 'Get15118EVCertificate', {
        iso15118SchemaVersion: 'urn:iso:15118:2:2013:MsgDef', action: 'Install', exiRequest: scenario.exiRequest,
    });
    await pnc('certificate_status', 'GetCertificateStatus', { ocspRequestData: scenario.ocspRequestData });
    await pnc('authorize_chain', 'Authorize', {
        idToken: { idToken: scenario.emaid, type: 'eMAID' }, certificate: scenario.contractChain,
    });
    await pnc('authorize_hash', 'Authorize', {
        idToken: { idToken: scenario.emaid, type: 'eMAID' }, iso15118CertificateHashData: scenario.hashData,
    });
    await step('unknown_vendor', 'DataTransfer', { vendorId: 'com.example', messageId: 'x', data: 'y' });
    await step('not_json', 'DataTransfer', { vendorId: PNC, messageId: 'Authorize', data: 'plain text' });
    await client.close({ code: 1000 });
    process.stdout.write(JSON.stringify(report));
}

main().catch((err) => {
    process.stdout.write(JSON.stringify({ fatal: String(err && err.stack || err) }));
    process.exitCode = 1;
});
