import { inflateSync } from 'node:zlib';

/**
 * Reads the page (1-based) of every named destination in a PDF that Chromium printed. Chromium
 * writes one named destination per element id that a link points to, so printing once and reading
 * them back gives the page of each heading — CSS target-counter(), which Chromium lacks, by hand.
 * Only what Skia's PDF writer emits is understood (plain objects, possibly Flate object streams).
 */
export function pdfNamedDestinationPages(pdf: Uint8Array): Map<string, number> {
  const objects = readObjects(Buffer.from(pdf).toString('latin1'));
  const pageOrder = pagesInOrder(objects);
  const pageIndex = new Map(pageOrder.map((id, i) => [id, i + 1]));
  const result = new Map<string, number>();
  const add = (name: string, body: string): void => {
    const ref = /\[\s*(\d+)\s+0\s+R/.exec(body);
    const page = ref ? pageIndex.get(Number(ref[1])) : undefined;
    if (page !== undefined) {
      result.set(name, page);
    }
  };
  for (const body of objects.values()) {
    // Names tree leaves: /Names [(name) [page 0 R /XYZ ...] ...] or with references to dest objects.
    const names = /\/Names\s*\[([\s\S]*)\]/.exec(body);
    if (names && !/\/Dests\s/.test(body)) {
      const re = /\(((?:\\.|[^\\)])*)\)\s*(\[[^\]]*\]|(\d+)\s+0\s+R)/g;
      for (let m = re.exec(names[1] ?? ''); m; m = re.exec(names[1] ?? '')) {
        const target = m[3] ? (objects.get(Number(m[3])) ?? '') : (m[2] ?? '');
        add(unescapePdfString(m[1] ?? ''), target);
      }
    }
  }
  const dests = [...objects.values()].find((b) => /^\s*<<\s*\/[A-Za-z0-9_.-]+\s*\[\s*\d+\s+0\s+R\s*\/XYZ/.test(b));
  if (dests && result.size === 0) {
    const re = /\/([A-Za-z0-9_.#-]+)\s*(\[[^\]]*\])/g;
    for (let m = re.exec(dests); m; m = re.exec(dests)) {
      add(decodeName(m[1] ?? ''), m[2] ?? '');
    }
  }
  return result;
}

function decodeName(name: string): string {
  return name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function unescapePdfString(s: string): string {
  return s.replace(/\\([()\\])/g, '$1');
}

function readObjects(text: string): Map<number, string> {
  const objects = new Map<number, string>();
  const re = /(\d+)\s+0\s+obj\b([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const id = Number(m[1]);
    const body = m[2] ?? '';
    objects.set(id, body);
    if (/\/Type\s*\/ObjStm/.test(body)) {
      for (const [childId, childBody] of objectStream(body)) {
        objects.set(childId, childBody);
      }
    }
  }
  return objects;
}

function objectStream(body: string): [number, string][] {
  const streamAt = body.indexOf('stream');
  const endAt = body.lastIndexOf('endstream');
  if (streamAt < 0 || endAt < 0) {
    return [];
  }
  let start = streamAt + 'stream'.length;
  if (body[start] === '\r') {
    start++;
  }
  if (body[start] === '\n') {
    start++;
  }
  const raw = Buffer.from(body.slice(start, endAt), 'latin1');
  let data: string;
  try {
    data = (/\/FlateDecode/.test(body) ? inflateSync(raw) : raw).toString('latin1');
  } catch {
    return [];
  }
  const n = Number(/\/N\s+(\d+)/.exec(body)?.[1] ?? 0);
  const first = Number(/\/First\s+(\d+)/.exec(body)?.[1] ?? 0);
  const header = data.slice(0, first).trim().split(/\s+/).map(Number);
  const out: [number, string][] = [];
  for (let i = 0; i < n; i++) {
    const id = header[i * 2] ?? 0;
    const offset = header[i * 2 + 1] ?? 0;
    const next = i + 1 < n ? (header[(i + 1) * 2 + 1] ?? data.length) : data.length - first;
    out.push([id, data.slice(first + offset, first + next)]);
  }
  return out;
}

function pagesInOrder(objects: Map<number, string>): number[] {
  const root = [...objects.entries()].find(([, b]) => /\/Type\s*\/Catalog/.test(b));
  const pagesRef = root ? /\/Pages\s+(\d+)\s+0\s+R/.exec(root[1]) : null;
  const order: number[] = [];
  const walk = (id: number, depth: number): void => {
    const body = objects.get(id) ?? '';
    if (depth > 50) {
      return;
    }
    if (/\/Type\s*\/Pages\b/.test(body)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+)\s+0\s+R/g)) {
        walk(Number(k[1]), depth + 1);
      }
    } else if (/\/Type\s*\/Page\b/.test(body)) {
      order.push(id);
    }
  };
  if (pagesRef) {
    walk(Number(pagesRef[1]), 0);
  }
  return order;
}
