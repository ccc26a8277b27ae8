import type { PmNode } from '../docs/report/read';
import { SNAPSHOT_NODE, readSnapshotAttr } from '../schema/snapshot-node';
import { esc } from './format';
import { snapshotChartSvg, snapshotTableHtml, sourceLine } from './snapshot-figure';

/** Options for turning document JSON into HTML. */
export interface PmHtmlOptions {
  /** Added to heading levels inside a text (a chapter's "Überschrift 1" is below the chapter's h2). */
  headingOffset: number;
  /** Prefix of ids of elements made here (figures), unique per text. */
  idPrefix: string;
}

function safeHref(href: unknown): string | null {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

function textHtml(node: PmNode): string {
  let html = esc(node.text ?? '');
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case 'bold':
        html = `<strong>${html}</strong>`;
        break;
      case 'italic':
        html = `<em>${html}</em>`;
        break;
      case 'strike':
        html = `<s>${html}</s>`;
        break;
      case 'underline':
        html = `<u>${html}</u>`;
        break;
      case 'code':
        html = `<code>${html}</code>`;
        break;
      case 'link': {
        const href = safeHref(mark.attrs?.['href']);
        html = href ? `<a href="${esc(href)}">${html}</a>` : html;
        break;
      }
      default:
        break;
    }
  }
  return html;
}

function cellAttrs(node: PmNode): string {
  const colspan = Number(node.attrs?.['colspan'] ?? 1);
  const rowspan = Number(node.attrs?.['rowspan'] ?? 1);
  return `${colspan > 1 ? ` colspan="${colspan}"` : ''}${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}`;
}

/** A data block: chart (inline SVG), its data table, source and any note. */
export function figureHtml(node: PmNode, id: string): string {
  const note = typeof node.attrs?.['note'] === 'string' ? `<p class="note" role="note">${esc(node.attrs['note'])}</p>` : '';
  const snapshot = readSnapshotAttr(node.attrs?.['snapshot']);
  if (!snapshot) {
    return note;
  }
  const n = typeof node.attrs?.['figure'] === 'number' ? node.attrs['figure'] : null;
  const label = n !== null ? `Abbildung ${n}: ` : '';
  return `<figure class="data-block" id="${esc(id)}">${note}<div class="chart">${snapshotChartSvg(snapshot, `${id}-svg`)}</div><figcaption>${esc(label)}${esc(snapshot.indicator.label)} (${esc(snapshot.indicator.unit)})<span class="source">${esc(sourceLine(snapshot))}</span></figcaption>${snapshotTableHtml(snapshot, n !== null ? `Tabelle zu Abbildung ${n}: ` : '')}</figure>`;
}

/** ProseMirror JSON of the shared schema as HTML; unknown nodes keep their text. */
export function pmToHtml(node: PmNode, options: PmHtmlOptions): string {
  const children = (): string => (node.content ?? []).map((c) => pmToHtml(c, options)).join('');
  switch (node.type) {
    case 'doc':
      return children();
    case 'text':
      return textHtml(node);
    case 'paragraph':
      return `<p>${children()}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.['level'] ?? 1)) + options.headingOffset);
      return `<h${level}>${children()}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${children()}</ul>`;
    case 'orderedList': {
      const start = Number(node.attrs?.['start'] ?? 1);
      return `<ol${start !== 1 ? ` start="${start}"` : ''}>${children()}</ol>`;
    }
    case 'listItem':
      return `<li>${children()}</li>`;
    case 'blockquote':
      return `<blockquote>${children()}</blockquote>`;
    case 'codeBlock':
      return `<pre><code>${children()}</code></pre>`;
    case 'hardBreak':
      return '<br>';
    case 'horizontalRule':
      return '<hr>';
    case 'table':
      return `<div class="table-wrap"><table>${children()}</table></div>`;
    case 'tableRow':
      return `<tr>${children()}</tr>`;
    case 'tableHeader':
      return `<th scope="col"${cellAttrs(node)}>${children()}</th>`;
    case 'tableCell':
      return `<td${cellAttrs(node)}>${children()}</td>`;
    case SNAPSHOT_NODE: {
      const n = typeof node.attrs?.['figure'] === 'number' ? String(node.attrs['figure']) : 'x';
      return figureHtml(node, `${options.idPrefix}abb-${n}`);
    }
    default:
      return node.text !== undefined ? textHtml(node) : children();
  }
}
