import { describe, expect, it } from 'vitest';
import { ChartCache } from './chart-cache';
import type { ChartImage } from './docx';

/** A drawing step that records what it was asked to draw; each PNG is `bytes` long and names its SVG. */
function recorder(bytes = 10): { calls: string[][]; draw: (svgs: string[]) => Promise<ChartImage[]> } {
  const calls: string[][] = [];
  return {
    calls,
    draw: (svgs) => {
      calls.push(svgs);
      return Promise.resolve(svgs.map((svg) => ({ png: new Uint8Array(bytes).fill(svg.charCodeAt(svg.length - 1)), width: 1, height: 1 })));
    },
  };
}

const name = (image: ChartImage | undefined): string => String.fromCharCode(image?.png[0] ?? 0);

describe('the chart cache', () => {
  it('draws each distinct chart once; a second export of the same report draws nothing', async () => {
    const cache = new ChartCache();
    const r = recorder();
    const rasterize = cache.rasterizer(r.draw);
    expect((await rasterize(['<svg>a', '<svg>b', '<svg>a'])).map(name)).toEqual(['a', 'b', 'a']);
    expect((await rasterize(['<svg>b', '<svg>a'])).map(name)).toEqual(['b', 'a']);
    expect(r.calls).toEqual([['<svg>a', '<svg>b']]);
    // A changed chart is drawn alone.
    expect((await rasterize(['<svg>a', '<svg>c'])).map(name)).toEqual(['a', 'c']);
    expect(r.calls.at(-1)).toEqual(['<svg>c']);
  });

  it('stays within its bound, dropping the least recently used, and never returns a wrong chart', async () => {
    const cache = new ChartCache(25);
    const r = recorder(10);
    const rasterize = cache.rasterizer(r.draw);
    await rasterize(['<svg>a', '<svg>b']);
    await rasterize(['<svg>a']);
    await rasterize(['<svg>c']);
    expect(cache.size).toBeLessThanOrEqual(25);
    r.calls.length = 0;
    expect((await rasterize(['<svg>a', '<svg>b', '<svg>c', '<svg>d'])).map(name)).toEqual(['a', 'b', 'c', 'd']);
    expect(r.calls).toEqual([['<svg>b', '<svg>d']]);
    expect(cache.size).toBeLessThanOrEqual(25);
  });

  it('leaves a gap for a chart that could not be drawn and tries it again next time', async () => {
    const cache = new ChartCache();
    let fail = true;
    const rasterize = cache.rasterizer((svgs) => Promise.resolve(svgs.map((svg) => (fail && svg.endsWith('b') ? undefined : { png: new Uint8Array([svg.charCodeAt(svg.length - 1)]), width: 1, height: 1 })) as ChartImage[]));
    const first = await rasterize(['<svg>a', '<svg>b']);
    expect(first[1]).toBeUndefined();
    fail = false;
    expect((await rasterize(['<svg>a', '<svg>b'])).map(name)).toEqual(['a', 'b']);
  });
});
