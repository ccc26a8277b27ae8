import { createHash } from 'node:crypto';
import type { ChartImage, RasterizeAll } from './docx';

/** Default bound of the chart cache: enough for several reports' charts at print resolution. */
export const CHART_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * PNGs of chart SVGs by the SHA-256 of the SVG, least recently used dropped first, bounded by
 * bytes. A chart is a pure function of its snapshot, so an unchanged chart is never drawn twice:
 * the second Word export of a report (or one after a text change) needs no browser at all.
 */
export class ChartCache {
  private readonly images = new Map<string, ChartImage>();
  private bytes = 0;

  constructor(private readonly maxBytes = CHART_CACHE_BYTES) {}

  /** Turns SVGs into PNGs, drawing only those not cached (in one call of `draw`), in input order. */
  rasterizer(draw: RasterizeAll): RasterizeAll {
    return async (svgs) => {
      const keys = svgs.map((svg) => createHash('sha256').update(svg).digest('hex'));
      // Taken out first, so that storing the new ones cannot evict an image this export needs.
      const found = new Map<string, ChartImage>();
      const missing: { key: string; svg: string }[] = [];
      keys.forEach((key, i) => {
        const image = this.take(key);
        if (image) {
          found.set(key, image);
        } else if (!missing.some((m) => m.key === key)) {
          missing.push({ key, svg: svgs[i] as string });
        }
      });
      if (missing.length > 0) {
        const drawn = await draw(missing.map((m) => m.svg));
        missing.forEach((m, i) => {
          const image = drawn[i];
          if (image) {
            found.set(m.key, image);
            this.put(m.key, image);
          }
        });
      }
      // A chart that could not be drawn stays a gap (its data table is printed anyway).
      return keys.map((key) => found.get(key)) as ChartImage[];
    };
  }

  /** Bytes held now. */
  get size(): number {
    return this.bytes;
  }

  private take(key: string): ChartImage | undefined {
    const image = this.images.get(key);
    if (image) {
      // Most recently used last.
      this.images.delete(key);
      this.images.set(key, image);
    }
    return image;
  }

  private put(key: string, image: ChartImage): void {
    if (image.png.length > this.maxBytes) {
      return;
    }
    this.images.set(key, image);
    this.bytes += image.png.length;
    for (const [k, old] of this.images) {
      if (this.bytes <= this.maxBytes) {
        break;
      }
      this.images.delete(k);
      this.bytes -= old.png.length;
    }
  }
}
