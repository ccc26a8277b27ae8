import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { test, expect, type Stack } from './support/fixtures';
import { wcagViolations } from './support/axe';

/**
 * The choropleth of the 49 municipalities: fits a tablet (landscape and portrait) without
 * horizontal scrolling, shows a value on keyboard focus and on a tap (no hover), hatches secret
 * values, and passes axe. Real host process, real sync server, real Chromium.
 */

async function openMap(browser: Browser, stack: Stack, indicator: RegExp, options: BrowserContextOptions): Promise<{ page: Page; close: () => Promise<void>; foreign: string[] }> {
  const context = await browser.newContext(options);
  const foreign: string[] = [];
  const allowed = new Set([new URL(stack.host.url).host, new URL(stack.sync.url.replace(/^ws/, 'http')).host]);
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && !allowed.has(url.host)) {
      foreign.push(r.url());
    }
  });
  const page = await context.newPage();
  await page.goto(stack.host.url);
  await page.getByLabel('Ihr Anzeigename').fill('Karten Testperson');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
  await page.getByRole('button', { name: indicator }).click();
  await expect(page.getByRole('heading', { name: indicator, level: 2 })).toBeVisible();
  await page.getByRole('tab', { name: 'Karte' }).click();
  await expect(page.getByTestId('municipality-map').locator('path[data-ags]')).toHaveCount(49);
  return { page, foreign, close: () => context.close() };
}

/** Numbers of a German legend entry "13,6 – unter 17,3". */
function bounds(text: string): [number, number] {
  const [from, to] = text.split(/ – (?:unter )?/).map((s) => Number(s.replace(/\./g, '').replace(',', '.')));
  return [from ?? NaN, to ?? NaN];
}

for (const viewport of [{ width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
  test(`at ${viewport.width}×${viewport.height} the map fits and keyboard focus shows a value`, async ({ browser, stack }) => {
    const { page, close, foreign } = await openMap(browser, stack, /^Beschäftigtenquote/, { viewport });
    const map = page.getByTestId('municipality-map');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const box = await map.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true);
    expect(box && box.width >= 300).toBe(true);

    // Each municipality is a tab stop, in alphabetical order; arrows move on too.
    const readout = page.getByTestId('map-readout');
    await map.getByRole('button', { name: /^Appen:/ }).focus();
    await expect(readout).toHaveText(/^Appen: \d+,\d %$/);
    await page.keyboard.press('Tab');
    await expect(readout).toHaveText(/^Barmstedt: \d+,\d %$/);
    await page.keyboard.press('ArrowRight');
    await expect(readout).toHaveText(/^Bevern: /);
    await page.keyboard.press('End');
    await expect(readout).toHaveText(/^Westerhorn: /);

    // Legend: classes that do not overlap, boundaries with the indicator's one decimal.
    const entries = await page.getByRole('list', { name: /^Legende/ }).getByRole('listitem').allTextContents();
    const classes = entries.slice(0, -1);
    expect(classes.length).toBeGreaterThanOrEqual(3);
    for (const [i, text] of classes.entries()) {
      expect(text).toMatch(i < classes.length - 1 ? /^\d+,\d – unter \d+,\d$/ : /^\d+,\d – \d+,\d$/);
      if (i > 0) {
        expect(bounds(text)[0]).toBe(bounds(classes[i - 1] ?? '')[1]);
      }
    }
    expect(entries.at(-1)).toBe('geheim oder fehlend');
    await expect(page.getByText('© GeoBasis-DE / BKG 2021 (Daten verändert)')).toBeVisible();
    // The table beside the map carries every municipality.
    await expect(page.getByRole('tabpanel').locator('table tbody tr')).toHaveCount(49);
    expect(foreign).toEqual([]);
    await close();
  });
}

test('a tap on a municipality shows its value (no hover needed)', async ({ browser, stack }) => {
  const { page, close } = await openMap(browser, stack, /^Beschäftigtenquote/, { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });
  const readout = page.getByTestId('map-readout');
  await expect(readout).not.toContainText(':');
  // Tap a point inside Elmshorn's area (the middle of its bounding box may fall outside a concave shape).
  const elmshorn = page.locator('path[data-ags="01056015"]');
  const point = await elmshorn.evaluate((el) => {
    const path = el as SVGPathElement;
    const b = path.getBBox();
    for (let fy = 0.5; fy < 1; fy += 0.05) {
      for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7]) {
        const p = new DOMPoint(b.x + b.width * fx, b.y + b.height * fy);
        if (path.isPointInFill(p)) {
          const screen = p.matrixTransform(path.getScreenCTM() ?? undefined);
          const r = path.getBoundingClientRect();
          return { x: screen.x - r.left, y: screen.y - r.top };
        }
      }
    }
    return null;
  });
  expect(point).not.toBeNull();
  await elmshorn.tap({ position: point ?? { x: 0, y: 0 } });
  await expect(readout).toHaveText(/^Elmshorn: \d+,\d %$/);
  await close();
});

test('secret values are hatched, named in the legend and read out as secret; axe finds nothing', async ({ browser, stack }) => {
  const { page, close } = await openMap(browser, stack, /Wohnort, Ausländer/, { viewport: { width: 1024, height: 768 } });
  // Bundled table 13111-02-02-5 has "." (secret) for small municipalities such as Bokel.
  await page.getByLabel('Zeitpunkt').selectOption({ label: '30.06.2015' });
  const secret = page.locator('path[data-missing="secret"]');
  await expect(secret.first()).toBeAttached();
  const bokel = page.locator('path[data-ags="01056006"]');
  await expect(bokel).toHaveAttribute('data-missing', 'secret');
  const hatch = await bokel.getAttribute('fill');
  expect(hatch).toMatch(/^url\(#.+\)$/);
  const patternId = /^url\(#(.+)\)$/.exec(hatch ?? '')?.[1] ?? '';
  await expect(page.locator(`pattern[id="${patternId}"] line`)).toHaveCount(1);
  // Known values have a plain colour, never the pattern.
  expect(await page.locator('path[data-ags="01056015"]').getAttribute('fill')).toMatch(/^(#|rgb)/);
  await bokel.focus();
  await expect(page.getByTestId('map-readout')).toHaveText('Bokel: . (geheim)');
  expect(await wcagViolations(page), 'Karte').toEqual([]);
  await close();
});
