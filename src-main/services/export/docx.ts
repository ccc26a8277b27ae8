import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import type { ExportRecommendation, PmNode, ReportExport } from '../../../shared/docs/report/read';
import { SNAPSHOT_NODE, readSnapshotAttr } from '../../../shared/schema/snapshot-node';
import { formatDate } from '../../../shared/export/format';
import { chartDescription, snapshotChartSvg, snapshotTable, sourceLine } from '../../../shared/export/snapshot-figure';
import type { IndicatorSnapshot } from '../../../shared/indicators/types';

/** A chart as PNG, with its size in CSS pixels. */
export interface ChartImage {
  png: Uint8Array;
  width: number;
  height: number;
}

/** Turns chart SVGs into PNGs in one go (Chromium in the hosts); absent, charts are left to their tables. */
export type RasterizeAll = (svgs: string[]) => Promise<ChartImage[]>;

const HEADING = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

interface Ctx {
  /** PNG per figure number. */
  images: ReadonlyMap<number, ChartImage>;
  /** Level of a heading inside a text: 1 + this. */
  headingOffset: number;
}

function runs(node: PmNode): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'hardBreak') {
      out.push(new TextRun({ text: '', break: 1 }));
      continue;
    }
    if (child.type !== 'text') {
      out.push(...runs(child));
      continue;
    }
    const marks = new Set((child.marks ?? []).map((m) => m.type));
    const run = new TextRun({
      text: child.text ?? '',
      bold: marks.has('bold'),
      italics: marks.has('italic'),
      strike: marks.has('strike'),
      underline: marks.has('underline') ? {} : undefined,
      font: marks.has('code') ? 'Courier New' : undefined,
    });
    const link = child.marks?.find((m) => m.type === 'link')?.attrs?.['href'];
    if (typeof link === 'string' && /^(https?:|mailto:)/i.test(link)) {
      out.push(new ExternalHyperlink({ link, children: [new TextRun({ text: child.text ?? '', style: 'Hyperlink' })] }));
    } else {
      out.push(run);
    }
  }
  return out;
}

function cellText(node: PmNode): Paragraph[] {
  const paragraphs = (node.content ?? []).map((p) => new Paragraph({ children: runs(p) }));
  return paragraphs.length > 0 ? paragraphs : [new Paragraph('')];
}

function pmTable(node: PmNode): Table {
  const rows = (node.content ?? []).map(
    (row) =>
      new TableRow({
        tableHeader: (row.content ?? []).every((c) => c.type === 'tableHeader'),
        children: (row.content ?? []).map(
          (cell) =>
            new TableCell({
              children: cellText(cell),
              columnSpan: Number(cell.attrs?.['colspan'] ?? 1),
              rowSpan: Number(cell.attrs?.['rowspan'] ?? 1),
              ...(cell.type === 'tableHeader' ? { shading: { type: ShadingType.CLEAR, fill: 'E8EEF4', color: 'auto' } } : {}),
            }),
        ),
      }),
  );
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

function dataTable(snapshot: IndicatorSnapshot): Table {
  const t = snapshotTable(snapshot);
  const header = new TableRow({
    tableHeader: true,
    children: ['Region', ...t.columns].map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold: true })] })], shading: { type: ShadingType.CLEAR, fill: 'E8EEF4', color: 'auto' } })),
  });
  const rows = t.rows.map(
    (r) =>
      new TableRow({
        children: [
          new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: r.region, bold: true })] })] }),
          ...r.cells.map((c) => new TableCell({ children: [new Paragraph({ text: c, alignment: AlignmentType.RIGHT })] })),
        ],
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
}

function figure(node: PmNode, ctx: Ctx): FileChild[] {
  const out: FileChild[] = [];
  if (typeof node.attrs?.['note'] === 'string') {
    out.push(new Paragraph({ style: 'Note', text: node.attrs['note'] }));
  }
  const snapshot = readSnapshotAttr(node.attrs?.['snapshot']);
  if (!snapshot) {
    return out;
  }
  const n = typeof node.attrs?.['figure'] === 'number' ? node.attrs['figure'] : 0;
  const title = `Abbildung ${n}: ${snapshot.indicator.label} (${snapshot.indicator.unit})`;
  const image = ctx.images.get(n);
  if (image) {
    const width = 600;
    out.push(
      new Paragraph({
        keepNext: true,
        children: [new ImageRun({ type: 'png', data: image.png, transformation: { width, height: Math.round((image.height / image.width) * width) }, altText: { name: `Abbildung ${n}`, title, description: chartDescription(snapshot) } })],
      }),
    );
  }
  out.push(new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(title), new FootnoteReferenceRun({ children: [new Paragraph(sourceLine(snapshot))] })] }));
  out.push(dataTable(snapshot));
  const legend = snapshotTable(snapshot).legend;
  if (legend.length > 0) {
    out.push(new Paragraph({ style: 'Small', text: `Zeichenerklärung: ${legend.join('; ')}` }));
  }
  return out;
}

async function blocks(node: PmNode, ctx: Ctx, list?: { ordered: boolean; level: number }): Promise<FileChild[]> {
  const out: FileChild[] = [];
  for (const child of node.content ?? []) {
    switch (child.type) {
      case 'paragraph':
        out.push(
          new Paragraph({
            children: runs(child),
            ...(list ? (list.ordered ? { numbering: { reference: 'ordered', level: list.level } } : { bullet: { level: list.level } }) : {}),
          }),
        );
        break;
      case 'heading': {
        const level = Math.min(6, Math.max(1, Number(child.attrs?.['level'] ?? 1)) + ctx.headingOffset);
        out.push(new Paragraph({ heading: HEADING[level - 1], children: runs(child) }));
        break;
      }
      case 'bulletList':
      case 'orderedList':
        for (const item of child.content ?? []) {
          out.push(...(await blocks(item, ctx, { ordered: child.type === 'orderedList', level: list ? Math.min(list.level + 1, 8) : 0 })));
        }
        break;
      case 'blockquote':
        out.push(...(await blocks(child, ctx)).map((b) => b));
        break;
      case 'codeBlock':
        out.push(new Paragraph({ children: [new TextRun({ text: (child.content ?? []).map((t) => t.text ?? '').join(''), font: 'Courier New' })] }));
        break;
      case 'horizontalRule':
        out.push(new Paragraph({ text: '' }));
        break;
      case 'table':
        out.push(pmTable(child));
        out.push(new Paragraph(''));
        break;
      case SNAPSHOT_NODE:
        out.push(...figure(child, ctx));
        break;
      default:
        if (child.content) {
          out.push(...(await blocks(child, ctx, list)));
        }
    }
  }
  return out;
}

async function recommendation(rec: ExportRecommendation, ctx: Ctx): Promise<FileChild[]> {
  const out: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(`${rec.number} ${rec.title}`)] }),
    new Paragraph({ style: 'Small', text: `Arbeitsgruppe ${rec.groupName} · übernommen am ${formatDate(rec.pushedAt)}${rec.revision > 1 ? ` · Fassung ${rec.revision}` : ''}` }),
  ];
  if (rec.ratingLabel) {
    out.push(new Paragraph({ children: [new TextRun({ text: `Einschätzung der Steuerungsgruppe: ${rec.ratingLabel}`, bold: true })] }));
  }
  for (const note of rec.notes) {
    out.push(new Paragraph({ style: 'Note', text: note }));
  }
  out.push(...(await blocks(rec.content, { ...ctx, headingOffset: 3 })));
  return out;
}

/**
 * The report as a Word document: cover, a TOC field (filled from the headings, updated by Word),
 * real heading styles (Überschrift 1–3 for parts, chapters, recommendations), native tables,
 * charts as PNG with alt text followed by their data table, sources as footnotes, imprint.
 */
export async function renderReportDocx(report: ReportExport, rasterize?: RasterizeAll): Promise<Uint8Array> {
  const { meta } = report;
  const pngs = rasterize ? await rasterize(report.figures.map((f) => snapshotChartSvg(f.snapshot, `abb-${f.number}`))) : [];
  const images = new Map<number, ChartImage>();
  report.figures.forEach((f, i) => {
    const png = pngs[i];
    if (png) {
      images.set(f.number, png);
    }
  });
  const ctx: Ctx = { images, headingOffset: 2 };
  const body: FileChild[] = [];
  for (const note of report.notes) {
    body.push(new Paragraph({ style: 'Note', text: note }));
  }
  for (const part of report.parts) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(`${part.number} ${part.title}`)] }));
    for (const chapter of part.chapters) {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${chapter.number} ${chapter.title}`)] }));
      for (const note of chapter.notes) {
        body.push(new Paragraph({ style: 'Note', text: note }));
      }
      if (chapter.content) {
        body.push(...(await blocks(chapter.content, ctx)));
      }
      for (const rec of chapter.recommendations) {
        body.push(...(await recommendation(rec, ctx)));
      }
    }
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, text: 'Impressum und Quellen' }));
  body.push(new Paragraph(`${meta.title} · Stand ${formatDate(meta.date)} · Version ${meta.version}`));
  body.push(new Paragraph('Herausgegeben vom Kreis Pinneberg, Stabsstelle Sozialplanung.'));
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Quellen der Statistiken' }));
  for (const a of report.attributions) {
    body.push(new Paragraph({ text: a, bullet: { level: 0 } }));
  }
  const edition = `Stand ${formatDate(meta.date)} · Version ${meta.version}`;
  const doc = new Document({
    creator: 'Fokuswerk',
    title: meta.title,
    description: `${meta.title}, ${edition}`,
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: 'Liberation Serif', size: 22, language: { value: 'de-DE' } } } },
      paragraphStyles: [
        { id: 'Note', name: 'Hinweis', basedOn: 'Normal', run: { color: '8A5300', italics: true, size: 20 }, paragraph: { spacing: { before: 80, after: 80 } } },
        { id: 'Small', name: 'Klein', basedOn: 'Normal', run: { color: '444444', size: 18 } },
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', run: { bold: true, size: 19 } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
        },
      ],
    },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: 11906, height: 16838 } } },
        headers: { default: new Header({ children: [new Paragraph({ style: 'Small', text: `${meta.title} · ${edition}` })] }), first: new Header({ children: [] }) },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, style: 'Small', children: [new TextRun({ children: ['Seite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES] })] })] }),
          first: new Footer({ children: [] }),
        },
        children: [
          new Paragraph({ style: 'Small', text: 'Kreis Pinneberg · Sozialplanung', spacing: { after: 2400 } }),
          new Paragraph({ heading: HeadingLevel.TITLE, text: meta.title }),
          new Paragraph({ text: `Fokusbericht ${meta.year}`, spacing: { after: 2400 } }),
          new Paragraph(edition),
          new Paragraph({ style: 'Small', text: `Statistische Daten: ${report.attributions.join('; ')}` }),
          new Paragraph({ children: [new PageBreak()] }),
          new Paragraph({ heading: HeadingLevel.TITLE, text: 'Inhalt' }),
          new TableOfContents('Inhalt', { hyperlink: true, headingStyleRange: '1-3' }),
          ...body,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
