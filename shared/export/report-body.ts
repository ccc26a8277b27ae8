import type { ExportChapter, ExportRecommendation, ReportExport } from '../docs/report/read';
import { esc, formatDate } from './format';
import { pmToHtml } from './pm-html';

/** The recommendation as an article: number, title, group, rating badge, text, notes. */
export function recommendationHtml(rec: ExportRecommendation, headingLevel: number): string {
  const badge = rec.ratingLabel ? `<p class="rating rating-${rec.rating ?? ''}"><span class="visually-hidden">Einschätzung der Steuerungsgruppe: </span>${esc(rec.ratingLabel)}</p>` : '';
  const notes = rec.notes.map((n) => `<p class="note" role="note">${esc(n)}</p>`).join('');
  return `<article class="recommendation" id="${esc(rec.anchor)}" aria-labelledby="${esc(rec.anchor)}-h"><h${headingLevel} id="${esc(rec.anchor)}-h"><span class="num">${esc(rec.number)}</span> ${esc(rec.title)}</h${headingLevel}><p class="rec-meta">Arbeitsgruppe ${esc(rec.groupName)} · übernommen am ${esc(formatDate(rec.pushedAt))}${rec.revision > 1 ? ` · Fassung ${rec.revision}` : ''}</p>${badge}${notes}<div class="rec-text">${pmToHtml(rec.content, { headingOffset: headingLevel, idPrefix: '' })}</div></article>`;
}

/** A chapter section: heading, text, recommendations, notes. */
export function chapterHtml(chapter: ExportChapter): string {
  const notes = chapter.notes.map((n) => `<p class="note" role="note">${esc(n)}</p>`).join('');
  const text = chapter.content ? pmToHtml(chapter.content, { headingOffset: 2, idPrefix: '' }) : '';
  const recs = chapter.recommendations.map((r) => recommendationHtml(r, 3)).join('');
  return `<section class="chapter" id="${esc(chapter.anchor)}" aria-labelledby="${esc(chapter.anchor)}-h"><h2 id="${esc(chapter.anchor)}-h"><span class="num">${esc(chapter.number)}</span> ${esc(chapter.title)}</h2>${notes}${text}${recs}</section>`;
}

/** All parts and chapters in reading order. */
export function partsHtml(report: ReportExport): string {
  return report.parts
    .map((part) => `<section class="part" id="${esc(part.anchor)}" aria-labelledby="${esc(part.anchor)}-h"><h1 id="${esc(part.anchor)}-h"><span class="num">${esc(part.number)}</span> ${esc(part.title)}</h1>${part.chapters.map(chapterHtml).join('')}</section>`)
    .join('');
}

/** The imprint: date, version, and the attribution of every statistic used. */
export function imprintHtml(report: ReportExport, extra = ''): string {
  return `<section class="imprint" id="impressum" aria-labelledby="impressum-h"><h1 id="impressum-h">Impressum und Quellen</h1><p>${esc(report.meta.title)} · Stand ${esc(formatDate(report.meta.date))} · Version ${esc(report.meta.version)}</p><p>Herausgegeben vom Kreis Pinneberg, Stabsstelle Sozialplanung.</p><h2 id="quellen-h">Quellen der Statistiken</h2><ul class="attributions">${report.attributions.map((a) => `<li>${esc(a)}</li>`).join('')}</ul>${extra}</section>`;
}

/** The report-wide notes (e.g. an empty report), shown before the first part. */
export function reportNotesHtml(report: ReportExport): string {
  return report.notes.map((n) => `<p class="note" role="note">${esc(n)}</p>`).join('');
}

/** The table of contents entries: parts, chapters and recommendations, with their anchors. */
export function tocEntries(report: ReportExport): { level: 1 | 2 | 3; anchor: string; number: string; title: string }[] {
  const entries: { level: 1 | 2 | 3; anchor: string; number: string; title: string }[] = [];
  for (const part of report.parts) {
    entries.push({ level: 1, anchor: part.anchor, number: part.number, title: part.title });
    for (const chapter of part.chapters) {
      entries.push({ level: 2, anchor: chapter.anchor, number: chapter.number, title: chapter.title });
      for (const rec of chapter.recommendations) {
        entries.push({ level: 3, anchor: rec.anchor, number: rec.number, title: rec.title });
      }
    }
  }
  entries.push({ level: 1, anchor: 'impressum', number: '', title: 'Impressum und Quellen' });
  return entries;
}
