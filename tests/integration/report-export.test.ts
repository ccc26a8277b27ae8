import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readReportForExport } from '../../shared/docs/report';
import { reportDocName } from '../../shared/sync/doc-names';
import { connectClient, startAuthServer, tempDir, waitFor, type AuthTestServer } from '../../sync-server/test-support';
import { writeReportDataDir } from '../fixtures/report/data-dir';
import { FIXTURE_GROUPS } from '../fixtures/report/generate';
import { pdfOutline, pdfText, run, runExportCli } from './report-export-support';

const YEAR = 2026;
/** PNGs of the rendered pages are kept here for people to look at (tests/.artifacts is ignored by git). */
const ARTIFACTS = join(import.meta.dirname, '..', '.artifacts', 'report-export');

let data: { dir: string; remove: () => void };
let out: { dir: string; remove: () => void };
let titles: string[];
let chapters: string[];

beforeAll(async () => {
  data = tempDir('fokuswerk-report-data-');
  out = tempDir('fokuswerk-report-out-');
  mkdirSync(ARTIFACTS, { recursive: true });
  const report = await writeReportDataDir(data.dir, YEAR);
  const model = readReportForExport(report, YEAR, { groups: FIXTURE_GROUPS });
  titles = model.parts.flatMap((p) => p.chapters).flatMap((c) => c.recommendations).map((r) => r.title);
  chapters = model.parts.flatMap((p) => p.chapters).map((c) => `${c.number} ${c.title}`);
});

afterAll(() => {
  data.remove();
  out.remove();
});

const normalise = (text: string): string => text.replace(/\s+/g, ' ');

describe('npm run export (data directory)', () => {
  it('prints a tagged A4 PDF with outline, TOC page numbers, every recommendation and the attribution', async () => {
    const file = join(out.dir, 'bericht.pdf');
    const result = await runExportCli(['--year', String(YEAR), '--format', 'pdf', '--out', file, '--data', data.dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const info = (await run('pdfinfo', [file])).stdout;
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(10);
    const text = normalise(await pdfText(file));
    for (const title of titles) {
      expect(text).toContain(title);
    }
    expect(text).toContain('Statistische Ämter des Bundes und der Länder');
    expect(text).toContain('Stand 20.11.2026 · Version 1.0');
    expect(text).toContain('Hinweis: Der Vorschlag zu dieser Empfehlung wurde inzwischen gelöscht');
    expect(text).toMatch(new RegExp(`Seite 5 von ${pages}`));

    const outline = await pdfOutline(file);
    for (const chapter of chapters) {
      expect(outline.map((o) => o.title)).toContain(chapter);
    }
    // The table of contents names the page each chapter really starts on.
    const tocPages = normalise((await pdfText(file, 2)) + (await pdfText(file, 3)));
    for (const chapter of ['1.1 Vorwort', '3.1 Bevölkerung und Bevölkerungsentwicklung', '5.1 Wohnen']) {
      const page = outline.find((o) => o.title === chapter)?.page;
      expect(page).toBeGreaterThan(2);
      expect(tocPages).toMatch(new RegExp(`${chapter.replace('.', '\\.')}[ .]*${page} `));
      expect(normalise(await pdfText(file, page))).toContain(chapter);
    }

    const chartPage = outline.find((o) => o.title === '1.1 Vorwort')?.page ?? 4;
    for (const [name, page] of [['cover', 1], ['toc', 2], ['chart', chartPage]] as const) {
      await run('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, join(ARTIFACTS, `pdf-${name}`)]);
      expect(statSync(join(ARTIFACTS, `pdf-${name}.png`)).size).toBeGreaterThan(5_000);
    }
    expect(normalise(await pdfText(file, chartPage))).toContain('Abbildung 1');
  }, 120_000);

  it('writes a DOCX that LibreOffice opens, with heading styles, a TOC field, images with alt text and every recommendation in order', async () => {
    const file = join(out.dir, 'bericht.docx');
    const result = await runExportCli(['--year', String(YEAR), '--format', 'docx', '--out', file, '--data', data.dir]);
    expect(result.code).toBe(0);
    const xml = (await run('unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
    for (const style of ['Heading1', 'Heading2', 'Heading3']) {
      expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    }
    expect(xml).toMatch(/<w:instrText[^>]*>\s*TOC \\h \\o &quot;1-3&quot;/);
    expect(xml).toMatch(/<wp:docPr [^>]*descr="Liniendiagramm: /);
    // Every chart is a real PNG (drawn on a canvas at 2×), one per figure.
    const media = (await run('unzip', ['-l', file])).stdout.match(/word\/media\/\S+\.png/g) ?? [];
    expect(media.length).toBe((xml.match(/<wp:docPr /g) ?? []).length);
    const png = await run('unzip', ['-p', file, media[0] ?? ''], { encoding: 'latin1' });
    expect(png.stdout.slice(1, 4)).toBe('PNG');
    expect((await run('unzip', ['-p', file, 'word/footnotes.xml'])).stdout).toContain('Bevölkerungsstand');

    const lo = join(out.dir, 'lo');
    await run('soffice', ['--headless', `-env:UserInstallation=file://${join(out.dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', lo, file], { timeout: 120_000 });
    const text = normalise(await pdfText(join(lo, 'bericht.pdf')));
    let at = -1;
    for (const title of titles) {
      const next = text.indexOf(title, at + 1);
      expect(next, title).toBeGreaterThan(at);
      at = next;
    }
    expect(text).toContain('Statistische Ämter des Bundes und der Länder');
    expect(text).toContain('Version 1.0');
  }, 180_000);

  it('writes the digital edition as one HTML file', async () => {
    const file = join(out.dir, 'bericht.html');
    const result = await runExportCli(['--year', String(YEAR), '--format', 'html', '--out', file, '--data', data.dir]);
    expect(result.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="de">');
    for (const title of titles) {
      expect(html).toContain(title);
    }
  }, 60_000);

  it('says clearly when the year has no report, and writes nothing', async () => {
    const file = join(out.dir, 'fehlt.html');
    const result = await runExportCli(['--year', '2019', '--format', 'html', '--out', file, '--data', data.dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Für 2019 gibt es keinen Bericht');
    expect(existsSync(file)).toBe(false);
  }, 60_000);

  it('leaves no file behind when printing fails or the target cannot be written', async () => {
    const file = join(out.dir, 'kaputt.pdf');
    const failed = await runExportCli(['--year', String(YEAR), '--format', 'pdf', '--out', file, '--data', data.dir], { CHROMIUM_PATH: '/bin/false' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Fehler \/ error: Chromium konnte nicht starten/);
    expect(existsSync(file)).toBe(false);
    const nowhere = await runExportCli(['--year', String(YEAR), '--format', 'html', '--out', join(out.dir, 'gibt-es-nicht', 'x.html'), '--data', data.dir]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('could not write');
    expect(readdirSync(out.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('prints the usage for --help and refuses wrong arguments', async () => {
    expect((await runExportCli(['--help'])).stdout).toContain('--format pdf|docx|html');
    const wrong = await runExportCli(['--year', String(YEAR), '--format', 'odt', '--out', 'x', '--data', data.dir]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--format muss pdf, docx oder html sein');
  }, 30_000);
});

describe('npm run export (sync server)', () => {
  let server: AuthTestServer;

  beforeAll(async () => {
    server = await startAuthServer({
      groups: FIXTURE_GROUPS,
      accounts: [
        { login: 'stab', name: 'Stabsstelle', role: 'stabsstelle' },
        { login: 'mia', name: 'Mia Mitglied', role: 'member', groups: [{ id: 'wohnen' }] },
      ],
    });
    const { generateReport } = await import('../fixtures/report/generate');
    const writer = connectClient(server.url, reportDocName(YEAR), { token: server.token('stab') });
    const reader = connectClient(server.url, reportDocName(YEAR), { token: server.token('mia') });
    try {
      await writer.synced;
      Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(generateReport(YEAR)));
      await reader.synced;
      await waitFor(() => reader.doc.getMap('recommendations').size === titles.length, 'report reached the reader', 10_000);
    } finally {
      writer.destroy();
      reader.destroy();
    }
  }, 30_000);

  afterAll(async () => {
    await server.close();
  });

  it('exports what a signed-in member can read', async () => {
    const file = join(out.dir, 'sync.html');
    const result = await runExportCli(['--year', String(YEAR), '--format', 'html', '--out', file, '--sync', server.url, '--token', server.token('mia')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    for (const title of titles) {
      expect(html).toContain(title);
    }
  }, 60_000);

  it('fails clearly with a bad token and for a year without report', async () => {
    const bad = await runExportCli(['--year', String(YEAR), '--format', 'html', '--out', join(out.dir, 'bad.html'), '--sync', server.url, '--token', 'falsch']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Fehler \/ error: .*(verweigert|Keine Verbindung)/);
    expect(existsSync(join(out.dir, 'bad.html'))).toBe(false);
    const none = await runExportCli(['--year', '2020', '--format', 'html', '--out', join(out.dir, 'none.html'), '--sync', server.url, '--token', server.token('mia')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Für 2020 gibt es keinen Bericht');
  }, 60_000);
});
