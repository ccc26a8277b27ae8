import type { ReportExport } from '../docs/report/read';
import { esc, formatDate } from './format';
import { imprintHtml, partsHtml, reportNotesHtml, tocEntries } from './report-body';

const SCREEN_CSS = `
:root { --ink: #15202b; --muted: #4a5866; --accent: #0b4f8a; --line: #d5dde5; --bg: #fbfcfd; --note: #fff4d6; }
* { box-sizing: border-box; }
html { font: 17px/1.6 Georgia, "Liberation Serif", serif; color: var(--ink); background: var(--bg); -webkit-text-size-adjust: 100%; }
body { margin: 0; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #d55e00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
header.masthead { padding: 1.5rem clamp(1rem, 4vw, 3rem); border-bottom: 1px solid var(--line); background: #fff; }
header.masthead p { margin: 0; font: 600 .8rem system-ui, sans-serif; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); }
header.masthead h1 { margin: .3rem 0; font: 700 clamp(1.6rem, 4vw, 2.4rem)/1.2 system-ui, sans-serif; color: #0b2d4d; }
header.masthead .edition { text-transform: none; letter-spacing: 0; font-weight: 400; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr); max-width: 78rem; margin: 0 auto; }
@media (min-width: 1000px) { .layout { grid-template-columns: 20rem minmax(0, 1fr); } }
nav.toc { padding: 1rem clamp(1rem, 3vw, 1.5rem); border-bottom: 1px solid var(--line); font: .9rem/1.4 system-ui, sans-serif; }
@media (min-width: 1000px) { nav.toc { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; border-bottom: 0; border-right: 1px solid var(--line); } }
nav.toc ol { list-style: none; margin: 0; padding: 0; }
nav.toc li { margin: .3rem 0; }
nav.toc li.l1 { font-weight: 700; margin-top: .8rem; }
nav.toc li.l2 { padding-left: 1rem; }
nav.toc li.l3 { padding-left: 2rem; font-size: .85rem; }
nav.toc a { text-decoration: none; color: var(--ink); display: inline-block; padding: .15rem 0; }
nav.toc a:hover { text-decoration: underline; }
summary { cursor: pointer; font-weight: 700; padding: .4rem 0; }
.search { margin: 0 0 1rem; }
.search label { display: block; font-weight: 700; margin-bottom: .3rem; }
.search input { width: 100%; font: inherit; font-size: 1rem; padding: .5rem .6rem; border: 1px solid #6b7785; border-radius: 4px; }
.search[hidden] { display: none; }
#search-status { font-weight: 700; margin: .4rem 0 0; }
#search-status:empty { display: none; }
#search-results { list-style: none; padding: 0 0 .5rem; margin: .3rem 0 0; }
#search-results:not(:empty) { border-bottom: 1px solid var(--line); }
#search-results li { margin: .3rem 0; }
main { padding: 1rem clamp(1rem, 4vw, 3rem) 4rem; min-width: 0; }
main h1, main h2, main h3, main h4, main h5, main h6 { font-family: system-ui, sans-serif; line-height: 1.25; color: #0b2d4d; scroll-margin-top: 1rem; }
main h1 { font-size: 1.8rem; margin: 3rem 0 1rem; padding-top: 1rem; border-top: 3px solid #0b2d4d; }
main h2 { font-size: 1.4rem; margin: 2.2rem 0 .8rem; }
main h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
main h4, main h5, main h6 { font-size: 1rem; }
.num { color: #41607d; margin-right: .35em; }
.recommendation { border-left: 4px solid #0b2d4d; background: #fff; padding: .5rem 1rem; margin: 1.2rem 0; scroll-margin-top: 1rem; }
.rec-meta { font: .85rem system-ui, sans-serif; color: var(--muted); margin: 0 0 .4rem; }
.rating { display: inline-block; font: 700 .8rem system-ui, sans-serif; border: 1px solid #0b2d4d; border-radius: 999px; padding: .1rem .6rem; margin: 0 0 .5rem; }
.rating-high { background: #0b2d4d; color: #fff; }
.note { font: .9rem system-ui, sans-serif; background: var(--note); border-left: 4px solid #8a5300; padding: .4rem .8rem; }
figure.data-block { margin: 1.5rem 0; }
.chart svg { max-width: 100%; height: auto; }
figcaption { font: .9rem system-ui, sans-serif; }
figcaption .source { display: block; color: var(--muted); font-size: .8rem; }
.table-wrap, figure.data-block { overflow-x: auto; }
table { border-collapse: collapse; font: .85rem system-ui, sans-serif; margin: .8rem 0; min-width: 50%; }
th, td { border: 1px solid #b8c2cc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
table.data td { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #e8eef4; }
caption { text-align: left; font-weight: 700; padding-bottom: .3rem; }
.legend { font-size: .8rem; color: var(--muted); }
mark { background: #ffe066; color: inherit; }
footer.colophon { padding: 1rem clamp(1rem, 4vw, 3rem) 3rem; font: .85rem system-ui, sans-serif; color: var(--muted); border-top: 1px solid var(--line); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print { nav.toc, .search { display: none; } .layout { display: block; } }
`;

// Search without a framework: chapters and recommendations whose text contains every word typed.
const SEARCH_JS = `
(function () {
  var box = document.getElementById('search');
  var form = document.getElementById('search-form');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!box || !form || !list || !status) { return; }
  form.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll('article.recommendation, section.chapter'));
  var index = items.map(function (el) {
    var h = el.querySelector('h2, h3');
    return { id: el.id, title: h ? h.textContent : el.id, text: el.textContent.toLocaleLowerCase('de') };
  });
  function run() {
    var words = box.value.toLocaleLowerCase('de').split(/\\s+/).filter(Boolean);
    list.textContent = '';
    if (words.join('').length < 2) { status.textContent = ''; return; }
    var hits = index.filter(function (e) { return words.every(function (w) { return e.text.indexOf(w) >= 0; }); });
    hits.slice(0, 50).forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + e.id;
      a.textContent = e.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    status.textContent = hits.length === 1 ? '1 Treffer' : hits.length + ' Treffer';
  }
  box.addEventListener('input', run);
  form.addEventListener('submit', function (ev) { ev.preventDefault(); var a = list.querySelector('a'); if (a) { a.click(); } });
})();
`;

/**
 * The digital edition: one self-contained HTML file (inline CSS and script, charts as inline SVG,
 * a Content-Security-Policy that forbids every request), readable without JavaScript; with it,
 * a search over chapters and recommendations. Opens from the Files app or a mail attachment.
 */
export function renderDigitalEdition(report: ReportExport): string {
  const { meta } = report;
  const toc = tocEntries(report)
    .map((e) => `<li class="l${e.level}"><a href="#${esc(e.anchor)}">${e.number ? `<span class="num">${esc(e.number)}</span>` : ''}${esc(e.title)}</a></li>`)
    .join('');
  const edition = `Stand ${formatDate(meta.date)} · Version ${meta.version}`;
  return `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(meta.title)}</title>
<meta name="description" content="${esc(`${meta.title}, ${edition}`)}">
<style>${SCREEN_CSS}</style>
</head>
<body>
<a class="skip" href="#inhalt">Zum Inhalt springen</a>
<header class="masthead"><p>Kreis Pinneberg · Sozialplanung</p><h1 id="titel">${esc(meta.title)}</h1><p class="edition">Fokusbericht ${esc(String(meta.year))} · ${esc(edition)}</p></header>
<div class="layout">
<nav class="toc" aria-label="Inhaltsverzeichnis">
<form class="search" id="search-form" role="search" hidden><label for="search">Im Bericht suchen</label><input id="search" type="search" autocomplete="off"><p id="search-status" aria-live="polite"></p><ul id="search-results" aria-label="Suchergebnisse"></ul></form>
<details open><summary>Inhalt</summary><ol>${toc}</ol></details>
</nav>
<main id="inhalt" tabindex="-1">${reportNotesHtml(report)}${partsHtml(report)}${imprintHtml(report)}</main>
</div>
<footer class="colophon"><p>${esc(meta.title)} · ${esc(edition)} · Statistische Daten: ${esc(report.attributions.join('; '))}</p></footer>
<script>${SEARCH_JS}</script>
</body>
</html>
`;
}
