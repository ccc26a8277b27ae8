import type { ReportExport } from '../docs/report/read';
import { esc, formatDate } from './format';
import { imprintHtml, partsHtml, reportNotesHtml, tocEntries } from './report-body';

/** Page numbers of headings by anchor, known after a first print (see the PDF printer). */
export type PageNumbers = ReadonlyMap<string, number>;

const PRINT_CSS = `
@page { size: A4; margin: 24mm 20mm 22mm 22mm;
  @top-left { content: "__RUNNING__"; font: 8.5pt Helvetica, Arial, sans-serif; color: #444; }
  @bottom-right { content: "Seite " counter(page) " von " counter(pages); font: 8.5pt Helvetica, Arial, sans-serif; color: #444; }
}
@page :first { @top-left { content: none; } @bottom-right { content: none; } }
html { font: 10.5pt/1.45 "Liberation Serif", "Times New Roman", serif; color: #111; }
body { margin: 0; }
h1, h2, h3, h4, h5, h6 { font-family: "Liberation Sans", Helvetica, Arial, sans-serif; line-height: 1.2; break-after: avoid; color: #0b2d4d; }
h1 { font-size: 20pt; margin: 0 0 10mm; }
h2 { font-size: 14.5pt; margin: 8mm 0 3mm; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; }
h4, h5, h6 { font-size: 11pt; }
.num { color: #41607d; margin-right: .4em; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
.cover { break-after: page; height: 240mm; display: flex; flex-direction: column; justify-content: space-between; }
.cover .kreis { font: 600 12pt "Liberation Sans", Arial, sans-serif; letter-spacing: .04em; text-transform: uppercase; color: #41607d; }
.cover h1 { font-size: 32pt; margin: 50mm 0 6mm; }
.cover .sub { font: 14pt "Liberation Sans", Arial, sans-serif; color: #333; }
.cover .edition { font: 10pt "Liberation Sans", Arial, sans-serif; border-top: 1.5pt solid #0b2d4d; padding-top: 3mm; }
nav.toc { break-after: page; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li { display: flex; align-items: baseline; gap: 2mm; margin: 1.2mm 0; }
nav.toc li.l1 { font: 600 11pt "Liberation Sans", Arial, sans-serif; margin-top: 4mm; }
nav.toc li.l2 { padding-left: 7mm; }
nav.toc li.l3 { padding-left: 14mm; font-size: 9.5pt; color: #333; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc .fill { flex: 1; border-bottom: 1px dotted #888; transform: translateY(-1mm); }
nav.toc .page { min-width: 8mm; text-align: right; font-variant-numeric: tabular-nums; }
section.part { break-before: page; }
section.chapter + section.chapter { break-before: page; }
section.part > section.chapter:first-of-type { break-before: avoid; }
.recommendation { border-left: 2.5pt solid #0b2d4d; padding: 1mm 0 1mm 4mm; margin: 5mm 0; }
.rec-meta { font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #444; }
.rating { display: inline-block; font: 600 8.5pt "Liberation Sans", Arial, sans-serif; border: 1pt solid #0b2d4d; border-radius: 2mm; padding: .3mm 2mm; }
.rating-high { background: #0b2d4d; color: #fff; }
.note { font: 9pt "Liberation Sans", Arial, sans-serif; background: #fff4d6; border-left: 2.5pt solid #b36b00; padding: 1.5mm 3mm; }
figure.data-block { margin: 5mm 0; break-inside: avoid; }
figure.data-block svg { width: 100%; height: auto; }
figcaption { font: 9pt "Liberation Sans", Arial, sans-serif; margin-top: 1mm; }
figcaption .source { display: block; color: #444; font-size: 8pt; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; font: 8.5pt "Liberation Sans", Arial, sans-serif; }
th, td { border: .5pt solid #999; padding: .8mm 1.5mm; text-align: left; vertical-align: top; }
table.data td { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #e8eef4; }
tr { break-inside: avoid; }
caption { text-align: left; font-weight: 600; margin-bottom: 1mm; caption-side: top; }
.legend { font-size: 8pt; color: #444; }
section.imprint { break-before: page; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
a { color: #0b4f8a; }
`;

function cssString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ');
}

/**
 * The print HTML of the report (A4): cover, table of contents (with page numbers once known),
 * parts starting on a new page, running header and "Seite x von y" via CSS page margin boxes.
 * Chromium prints it to PDF on both hosts.
 */
export function renderPrintHtml(report: ReportExport, pages?: PageNumbers): string {
  const { meta } = report;
  const running = `${meta.title} · Version ${meta.version} · ${formatDate(meta.date)}`;
  const css = PRINT_CSS.replace('__RUNNING__', cssString(running));
  const toc = tocEntries(report)
    .map((e) => {
      const page = pages?.get(e.anchor);
      return `<li class="l${e.level}"><a href="#${esc(e.anchor)}">${e.number ? `<span class="num">${esc(e.number)}</span>` : ''}${esc(e.title)}</a><span class="fill" aria-hidden="true"></span><span class="page">${page !== undefined ? String(page) : ''}</span></li>`;
    })
    .join('');
  return `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>${esc(meta.title)}</title>
<meta name="description" content="${esc(`${meta.title}, Version ${meta.version}, Stand ${formatDate(meta.date)}`)}">
<style>${css}</style>
</head>
<body>
<header class="cover">
<div><p class="kreis">Kreis Pinneberg · Sozialplanung</p>
<h1 id="titel">${esc(meta.title)}</h1>
<p class="sub">Fokusbericht ${esc(String(meta.year))}</p></div>
<p class="edition">Stand ${esc(formatDate(meta.date))} · Version ${esc(meta.version)}<br>Statistische Daten: ${esc(report.attributions.join('; '))}</p>
</header>
<nav class="toc" aria-labelledby="inhalt-h"><h1 id="inhalt-h">Inhalt</h1><ol>${toc}</ol></nav>
<main>${reportNotesHtml(report)}${partsHtml(report)}${imprintHtml(report)}</main>
</body>
</html>
`;
}
