import type { Browser } from 'playwright-core';
import type { ChartImage, RasterizeAll } from './docx';

/** Print sharpness: charts are drawn at twice their CSS size. */
const SCALE = 2;

/** The CSS size an SVG declares (width/height, else its viewBox); null when it declares none. */
export function svgSize(svg: string): { width: number; height: number } | null {
  const open = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const attr = (name: string): number => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(open)?.[1] ?? NaN);
  const width = attr('width');
  const height = attr('height');
  if (width > 0 && height > 0) {
    return { width, height };
  }
  const box = /\sviewBox="[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)"/.exec(open);
  return box ? { width: Number(box[1]), height: Number(box[2]) } : null;
}

/**
 * Runs in the page (plain JavaScript: this side has no DOM types): decodes every SVG as an image
 * and draws it on a white canvas at `scale`, all at once; a chart that fails becomes null.
 */
const DRAW_IN_PAGE = `async ({ charts, scale }) => Promise.all(charts.map(async ({ svg, width, height }) => {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
  } catch {
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}))`;

/**
 * Renders chart SVGs to PNG in one offline Chromium page: each SVG is decoded as an image (so
 * nothing in it can run) and drawn onto a canvas at 2×, all charts at once, in the page's own
 * threads. About twice as fast as a screenshot per chart, which needs a compositor frame each.
 */
export function chromiumRasterizer(browser: Browser): RasterizeAll {
  return async (svgs) => {
    if (svgs.length === 0) {
      return [];
    }
    const sizes = svgs.map((svg) => svgSize(svg) ?? { width: 640, height: 360 });
    const context = await browser.newContext({ offline: true });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent('<!DOCTYPE html><html><body></body></html>');
      const charts = svgs.map((svg, i) => ({ svg, ...(sizes[i] as { width: number; height: number }) }));
      type Draw = (arg: { charts: typeof charts; scale: number }) => Promise<(string | null)[]>;
      const encoded = await page.evaluate(({ code, arg }) => (globalThis as unknown as { eval(code: string): Draw }).eval(code)(arg), { code: DRAW_IN_PAGE, arg: { charts, scale: SCALE } });
      return encoded.map((base64, i): ChartImage | undefined => {
        const size = sizes[i] as { width: number; height: number };
        return base64 ? { png: new Uint8Array(Buffer.from(base64, 'base64')), width: Math.round(size.width), height: Math.round(size.height) } : undefined;
      }) as ChartImage[];
    } finally {
      await context.close();
    }
  };
}
