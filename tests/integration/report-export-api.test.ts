import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../shared/log';
import { startWebHost, type WebHost } from '../../src-main/web/host';
import { MAX_REPORT_EXPORT_BODY } from '../../shared/export/contract';
import { FIXTURE_GROUPS, FULL, addEditHistory, generateReport, withMunicipalityData } from '../fixtures/report/generate';
import { pdfText, run } from './report-export-support';

/** The contract's export.report through the browser-mode host, over real HTTP. */
describe('export.report', () => {
  let host: WebHost;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fokuswerk-export-api-'));

  beforeAll(async () => {
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
    host = await startWebHost({ port: 0, dataDir: path.join(dir, 'data'), rendererDir, reportYear: 2026, logger: createLogger(() => undefined) });
  });

  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (body: unknown) => fetch(`${host.url}/api/export.report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const state = Buffer.from(Y.encodeStateAsUpdate(generateReport(2026))).toString('base64');

  it('renders the report state the renderer sends as digital edition and as PDF', async () => {
    const html = await call({ year: 2026, format: 'html', state, groups: FIXTURE_GROUPS });
    expect(html.status).toBe(200);
    const result = (await html.json()) as { fileName: string; mime: string; base64: string };
    expect(result.fileName).toBe('Fokusbericht-2026.html');
    expect(Buffer.from(result.base64, 'base64').toString('utf8')).toContain('Empfehlung 1:');

    const pdf = await call({ year: 2026, format: 'pdf', state, groups: FIXTURE_GROUPS });
    expect(pdf.status).toBe(200);
    const file = path.join(dir, 'api.pdf');
    writeFileSync(file, Buffer.from(((await pdf.json()) as { base64: string }).base64, 'base64'));
    expect((await run('pdfinfo', [file])).stdout).toMatch(/Tagged:\s+yes/);
    expect(await pdfText(file)).toContain('Empfehlung 1:');
  }, 90_000);

  it('exports a report of the real size with its edit history (over the 1 MiB other calls may send); over its own bound it is refused with 413', async () => {
    const report = addEditHistory(withMunicipalityData(generateReport(2026, FULL)), 5_000);
    const big = Buffer.from(Y.encodeStateAsUpdate(report)).toString('base64');
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const res = await call({ year: 2026, format: 'html', state: big, groups: FIXTURE_GROUPS });
    expect(res.status).toBe(200);
    const html = Buffer.from(((await res.json()) as { base64: string }).base64, 'base64').toString('utf8');
    expect(html).toContain('Empfehlung 60:');
    expect(html).toContain('Amt 5');

    // Every other call keeps the 1 MiB bound …
    const other = await fetch(`${host.url}/api/indicators.vintages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tableCode: 'x'.repeat(1024 * 1024 + 1) }) });
    expect(other.status).toBe(413);
    // … and the export its own, refused before the body is read.
    const over = await fetch(`${host.url}/api/export.report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"year":2026,"format":"html","groups":[],"state":"${'A'.repeat(MAX_REPORT_EXPORT_BODY)}"}` });
    expect(over.status).toBe(413);
    expect(((await over.json()) as { message: string }).message).toContain('zu groß');
    // The host still answers afterwards.
    expect((await fetch(`${host.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('refuses a state that is not a Yjs update and an unknown format', async () => {
    const garbage = await call({ year: 2026, format: 'html', state: Buffer.from('kein yjs').toString('base64'), groups: [] });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { message: string }).message).toContain('nicht lesbar');
    const odt = await call({ year: 2026, format: 'odt', state, groups: [] });
    expect(odt.status).toBe(400);
  }, 30_000);
});
