import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { FIXTURE_GROUPS, fixtureSnapshot, generateReport } from '../../tests/fixtures/report/generate';
import { readReportForExport, reportDataBlocks, type PmNode } from '../docs/report';
import { documentSchema } from '../schema/extensions';
import { Fragment } from '../schema/fragments';
import { SNAPSHOT_NODE } from '../schema/snapshot-node';
import { renderDigitalEdition } from './digital-html';
import { pmToHtml } from './pm-html';
import { renderPrintHtml } from './print-html';
import { snapshotChartSvg, snapshotTable } from './snapshot-figure';

const model = () => readReportForExport(generateReport(2026), 2026, { groups: FIXTURE_GROUPS });
const titles = (m: ReturnType<typeof model>): string[] => m.parts.flatMap((x) => x.chapters).flatMap((c) => c.recommendations).map((r) => r.title);

describe('print HTML', () => {
  it('is German A4 with cover, TOC of every chapter, parts on new pages, date, version and attribution', () => {
    const m = model();
    const html = renderPrintHtml(m);
    expect(html).toContain('<html lang="de">');
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toContain('counter(page)');
    expect(html).toContain('Stand 20.11.2026 · Version 1.0');
    expect(html).toContain('Statistische Ämter des Bundes und der Länder');
    for (const chapter of m.parts.flatMap((x) => x.chapters)) {
      expect(html).toContain(`href="#${chapter.anchor}"`);
      expect(html).toContain(`id="${chapter.anchor}"`);
    }
    for (const title of titles(m)) {
      expect(html).toContain(title);
    }
    expect(html).not.toMatch(/<(script|link|img)\b/);
  });

  it('prints the page numbers once they are known', () => {
    const m = model();
    const anchor = m.parts[0]?.chapters[0]?.anchor ?? '';
    expect(renderPrintHtml(m, new Map([[anchor, 4]]))).toContain(`href="#${anchor}"><span class="num">1.1</span>Vorwort</a><span class="fill" aria-hidden="true"></span><span class="page">4</span>`);
  });
});

describe('digital edition', () => {
  it('is one file that requests nothing: inline CSS and script, inline SVG charts, a CSP that forbids fetching', () => {
    const m = model();
    const html = renderDigitalEdition(m);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b|<img\b/);
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('<table class="data">');
    expect(html).toContain('Im Bericht suchen');
    for (const title of titles(m)) {
      expect(html).toContain(title);
    }
  });
});

describe('document JSON to HTML', () => {
  it('escapes text and drops links that are not http(s) or mailto', () => {
    const node: PmNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '<script>x</script>', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }, { type: 'text', text: 'ok', marks: [{ type: 'link', attrs: { href: 'https://kreis-pinneberg.de' } }] }] }] };
    const html = pmToHtml(node, { headingOffset: 2, idPrefix: '' });
    expect(html).toBe('<p>&lt;script&gt;x&lt;/script&gt;<a href="https://kreis-pinneberg.de">ok</a></p>');
  });

  it('shows a note for a snapshot whose data was withdrawn and for an unreadable one', () => {
    const report = new Y.Doc();
    const content = { type: 'doc', content: [{ type: SNAPSHOT_NODE, attrs: { snapshot: fixtureSnapshot(0) } }, { type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] };
    prosemirrorJSONToYXmlFragment(documentSchema(), content, report.getXmlFragment(Fragment.reportChapter('_vorwort')));
    const m = readReportForExport(report, 2026, { groups: FIXTURE_GROUPS, isDataWithdrawn: () => true });
    expect(m.figures[0]?.withdrawn).toBe(true);
    expect(renderDigitalEdition(m)).toContain('zurückgezogen');
  });
});

describe('charts', () => {
  it('draw a line per region over the years, or bars per region, and keep the gaps in the table', () => {
    expect(snapshotChartSvg(fixtureSnapshot(0), 'c')).toContain('<polyline');
    const bars = fixtureSnapshot(1);
    expect(snapshotChartSvg(bars, 'c')).toContain('<rect');
    const table = snapshotTable(bars);
    expect(table.rows.some((r) => r.cells.includes('.'))).toBe(true);
    expect(table.legend[0]).toContain('geheim');
    expect(table.rows[0]?.cells[0]).toMatch(/^\d{1,2}\.\d{3}$/);
  });
});

describe('data blocks', () => {
  it('lists the frozen snapshots of every chapter in reading order', () => {
    const report = generateReport(2026);
    const blocks = reportDataBlocks(report, FIXTURE_GROUPS);
    expect(blocks.length).toBe(3);
    expect(blocks.map((b) => b.snapshot?.id)).toEqual(['fixture-0', 'fixture-1', 'fixture-2']);
    expect(blocks[0]?.chapterId).toBe('_vorwort');
  });
});
