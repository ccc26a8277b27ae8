import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { readReportForExport } from '../../shared/docs/report';
import { renderDigitalEdition } from '../../shared/export/digital-html';
import { FIXTURE_GROUPS, generateReport } from '../fixtures/report/generate';
import { wcagViolations } from './support/axe';

const model = readReportForExport(generateReport(2026), 2026, { groups: FIXTURE_GROUPS });
const recommendations = model.parts.flatMap((p) => p.chapters).flatMap((c) => c.recommendations);
let dir: string;
let url: string;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fokuswerk-edition-'));
  const file = join(dir, 'Fokusbericht-2026.html');
  writeFileSync(file, renderDigitalEdition(model));
  url = pathToFileURL(file).href;
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the digital edition opens offline from a file, requests nothing, passes axe and finds a recommendation', async ({ context, page }) => {
  await context.setOffline(true);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== url && !r.url().startsWith(`${url}#`)) {
      requests.push(r.url());
    }
  });
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sozialplanung Fokus 2026' })).toBeVisible();
  expect(await wcagViolations(page)).toEqual([]);

  const target = recommendations[2];
  if (!target) {
    throw new Error('fixture has too few recommendations');
  }
  const words = target.title.split(': ')[1] ?? target.title;
  await page.getByRole('searchbox', { name: 'Im Bericht suchen' }).fill(words);
  const hit = page.getByRole('list', { name: 'Suchergebnisse' }).getByRole('link', { name: new RegExp(target.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await expect(hit).toBeVisible();
  await hit.click();
  expect(new URL(page.url()).hash).toBe(`#${target.anchor}`);
  await expect(page.locator(`#${target.anchor}`)).toBeInViewport();
  expect(await wcagViolations(page)).toEqual([]);
  expect(requests).toEqual([]);
});

test('without JavaScript the edition is complete: contents, charts as SVG with their tables, no search box', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole('searchbox')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Inhaltsverzeichnis' }).getByRole('link')).toHaveCount(model.parts.length + model.parts.flatMap((p) => p.chapters).length + recommendations.length + 1);
  await expect(page.locator('figure.data-block svg[role="img"]')).toHaveCount(model.figures.length);
  await expect(page.locator('figure.data-block table.data')).toHaveCount(model.figures.length);
  await context.close();
});

for (const viewport of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
  test(`fits an iPad at ${viewport.width}×${viewport.height} without horizontal scrolling`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, offline: true });
    const page = await context.newPage();
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
}
