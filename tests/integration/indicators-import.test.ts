import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_CHUNK_BYTES } from '../../shared/indicators/import';
import { createLogger } from '../../shared/log';
import { startWebHost, type WebHost } from '../../src-main/web/host';
import { writeLargeGenesisFile } from '../fixtures/large-genesis';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NEWER = readFileSync(path.join(ROOT, 'tests/fixtures/indicators/12411-01-01-5_stand-2018.csv'));
const FULL = path.resolve(ROOT, '../shared/data/genesis/12411-01-01-5.csv');

/** The import dialog's calls against the browser-mode host over real HTTP: chunked upload, atomic import, vintages. */
describe('importing a statistics file through the contract', () => {
  let host: WebHost;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fokuswerk-import-'));

  beforeAll(async () => {
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
    host = await startWebHost({ port: 0, dataDir: path.join(dir, 'data'), rendererDir, reportYear: 2026, logger: createLogger(() => undefined) });
  });

  afterAll(async () => {
    await host.close();
  });

  async function call<T>(channel: string, body: unknown): Promise<{ status: number; body: T }> {
    const r = await fetch(`${host.url}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as T };
  }

  /** Uploads like the dialog does: begin, chunks of at most MAX_IMPORT_CHUNK_BYTES, finish. */
  async function upload(bytes: Buffer, fileName: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const begin = await call<{ uploadId: string }>('indicators.importBegin', { fileName, size: bytes.length });
    expect(begin.status).toBe(200);
    for (let offset = 0; offset < bytes.length; offset += MAX_IMPORT_CHUNK_BYTES) {
      const data = bytes.subarray(offset, offset + MAX_IMPORT_CHUNK_BYTES).toString('base64');
      const chunk = await call<{ received: number }>('indicators.importChunk', { uploadId: begin.body.uploadId, offset, data });
      expect(chunk.status).toBe(200);
    }
    return call('indicators.importFinish', { uploadId: begin.body.uploadId });
  }

  const elmshorn = (stands?: Record<string, string>) =>
    call<{ values: { value: number }[]; source: { stand: string } }>('indicators.query', {
      indicatorId: 'bevoelkerung-insgesamt',
      regions: ['01056015'],
      periods: ['2015-12-31'],
      ...(stands ? { stands } : {}),
    });

  it('rejects a broken file naming line and reason, and changes nothing', async () => {
    const lines = NEWER.toString('utf-8').split('\n');
    const broken = Buffer.from([...lines.slice(0, 24), '01056015;        Elmshorn;viele;1;2', ...lines.slice(25)].join('\n'));
    const r = await upload(broken, 'kaputt.csv');
    expect(r.status).toBe(400);
    expect(r.body['message']).toMatch(/kaputt\.csv, Zeile 25: Erwartet 26 Felder.*kaputt\.csv, line 25: expected 26 fields/);
    expect((await call<unknown[]>('indicators.vintages', { tableCode: '12411-01-01-5' })).body).toHaveLength(1);
    expect((await elmshorn()).body.values[0]?.value).toBe(48684);
  });

  it('imports a newer vintage that becomes current, while the old one stays queryable', async () => {
    const r = await upload(NEWER, '12411-01-01-5_stand-2018.csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'imported', stand: '2018-03-01T09:00:00', current: true, values: 1248 });
    const vintages = await call<{ stand: string; current: boolean }[]>('indicators.vintages', { tableCode: '12411-01-01-5' });
    expect(vintages.body.map((v) => [v.stand, v.current])).toEqual([
      ['2018-03-01T09:00:00', true],
      ['2017-10-10T11:01:03', false],
    ]);
    expect((await elmshorn()).body.values[0]?.value).toBe(48702);
    expect((await elmshorn({ '12411-01-01-5': '2017-10-10T11:01:03' })).body.values[0]?.value).toBe(48684);
    // The same file again changes nothing.
    expect((await upload(NEWER, 'again.csv')).body['status']).toBe('unchanged');
  });

  it('refuses chunks out of order and files larger than announced', async () => {
    const begin = await call<{ uploadId: string }>('indicators.importBegin', { fileName: 'a.csv', size: 4 });
    const wrong = await call<{ message: string }>('indicators.importChunk', { uploadId: begin.body.uploadId, offset: 2, data: 'AAAA' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('Teil bei Byte 2 erwartet 0');
    const big = await call<{ message: string }>('indicators.importChunk', { uploadId: begin.body.uploadId, offset: 0, data: Buffer.alloc(8).toString('base64') });
    expect(big.body.message).toContain('Mehr Daten als angekündigt');
    expect((await call('indicators.importFinish', { uploadId: begin.body.uploadId })).status).toBe(404);
  });

  it('cancels a running import: importFinish reports it and nothing changes; cancelling again or an unknown upload is a no-op', async () => {
    const file = path.join(dir, 'gross.csv');
    writeLargeGenesisFile(file, 6 * 1024 * 1024, '05.05.2019 / 10:00:00');
    const bytes = readFileSync(file);
    const hashesBefore = (await call<{ hashes: string[] }>('indicators.importedFiles', {})).body.hashes;
    const begin = await call<{ uploadId: string }>('indicators.importBegin', { fileName: 'gross.csv', size: bytes.length });
    const uploadId = begin.body.uploadId;
    for (let offset = 0; offset < bytes.length; offset += MAX_IMPORT_CHUNK_BYTES) {
      await call('indicators.importChunk', { uploadId, offset, data: bytes.subarray(offset, offset + MAX_IMPORT_CHUNK_BYTES).toString('base64') });
    }
    const finish = call<{ message: string }>('indicators.importFinish', { uploadId });
    // Whether the cancel arrives before or during the import, the import must not happen.
    const cancel = await call<{ cancelled: boolean }>('indicators.importCancel', { uploadId });
    expect(cancel).toEqual({ status: 200, body: { cancelled: true } });
    const finished = await finish;
    expect(finished.status).toBe(400);
    expect(finished.body.message).toMatch(/^Import abgebrochen – nichts wurde geändert\. \/ import cancelled – nothing was changed\.$/);
    expect((await call<{ hashes: string[] }>('indicators.importedFiles', {})).body.hashes).toEqual(hashesBefore);
    expect((await call<{ stand: string }[]>('indicators.vintages', { tableCode: '12411-01-01-5' })).body.map((v) => v.stand)).not.toContain('2019-05-05T10:00:00');
    expect((await call('indicators.importCancel', { uploadId })).body).toEqual({ cancelled: false });
    expect((await call('indicators.importCancel', { uploadId: 'unbekannt' })).body).toEqual({ cancelled: false });
  }, 120_000);

  it.skipIf(!existsSync(FULL))('imports a full GENESIS export (about 2 MB, several chunks)', async () => {
    const r = await upload(readFileSync(FULL), '12411-01-01-5.csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'merged', regions: 14493 });
  });
});
