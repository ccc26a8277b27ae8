import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openAs, type User } from './support/fixtures';
import { expectSaved, openReport } from './support/app';
import { startHost, tempDir, type RunningProcess } from './support/processes';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/indicators');
const YEAR = new Date().getFullYear();

/**
 * The Fokusbericht over the years, against the real sync server, browser hosts and indicator cache:
 * "Daten aktualisieren" brings every data block of the report to the newest Stand after a preview,
 * a new year's report starts from the previous year's structure, and the archive lists the
 * recommendations of all years by year, working group and rating, read-only.
 */
test.describe.serial('the Fokusbericht over the years', () => {
  const foreign: string[] = [];
  let stab: User;
  let nextYearHost: RunningProcess | null = null;
  const stamp = Date.now();
  const demoTitle = 'Wohnungsnotfallhilfe kreisweit koordinieren';

  test.beforeAll(async ({ browser, stack }) => {
    stab = await openAs(browser, stack, 'Sabine Stabsstelle', foreign);
  });

  test.afterEach(() => {
    expect(foreign, 'requests to hosts other than the app and its sync server').toEqual([]);
  });

  test.afterAll(async () => {
    await stab?.context.close();
    await nextYearHost?.stop();
  });

  test('"Daten aktualisieren" shows which data blocks have newer data, what changes, and updates them in one step', async () => {
    const page = stab.page;
    await openReport(page);
    const chapter = page.getByTestId('chapter-_bevoelkerung');
    // Chapter editors are mounted as they come near the screen.
    await chapter.scrollIntoViewIfNeeded();
    await chapter.locator('.ProseMirror').click();
    await chapter.getByRole('button', { name: 'Kennzahl einfügen' }).click();
    const insert = page.getByRole('dialog', { name: 'Kennzahlen-Schnappschuss einfügen' });
    await expect(insert.getByRole('radio', { name: /^Bevölkerung insgesamt/ })).toBeChecked();
    await insert.getByRole('button', { name: 'Einfügen', exact: true }).click();
    const block = chapter.getByTestId('snapshot');
    await expect(block.locator('table')).toContainText('Elmshorn');
    await expectSaved(page);
    const elmshornBefore = (await block.locator('tr', { hasText: 'Elmshorn' }).locator('td').last().textContent())?.trim() ?? '';

    // A newer vintage of the table arrives: Elmshorn's latest figure changes.
    const newer = readFileSync(path.join(FIXTURES, '12411-01-01-5_stand-2018.csv'), 'latin1')
      .replace('Stand: 01.03.2018 / 09:00:00', 'Stand: 01.02.2031 / 09:00:00')
      .replace('01056015;        Elmshorn;48702;', '01056015;        Elmshorn;48999;');
    await page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
    await page.getByRole('button', { name: 'Statistik importieren' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Statistik-Datei importieren' });
    await importDialog.getByLabel('Datei').setInputFiles({ name: '12411-01-01-5_stand-2031.csv', mimeType: 'text/csv', buffer: Buffer.from(newer, 'latin1') });
    await importDialog.getByRole('button', { name: 'Importieren' }).click();
    await expect(importDialog.getByTestId('import-result')).toContainText('Stand 01.02.2031');
    await importDialog.getByRole('button', { name: 'Schließen' }).click();

    await openReport(page);
    // Nothing changed by itself: the block keeps its frozen figures.
    await expect(block.locator('tr', { hasText: 'Elmshorn' })).toContainText(elmshornBefore);
    await page.getByTestId('data-refresh-open').click();
    const dialog = page.getByRole('dialog', { name: 'Daten des Berichts aktualisieren' });
    const item = dialog.getByTestId('data-refresh-item').filter({ hasText: 'Bevölkerung und Bevölkerungsentwicklung' });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('→ 01.02.2031');
    await item.locator('summary').click();
    await expect(item.getByRole('row', { name: /Elmshorn/ })).toContainText('48.999');
    await expect(item.getByRole('row', { name: /Elmshorn/ })).toContainText(elmshornBefore);
    await dialog.getByRole('button', { name: /Datenbl(ock|öcke) aktualisieren/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: /auf den neuesten Stand gebracht/ })).toBeVisible();
    await expect(block).toContainText('Stand 01.02.2031');
    await expect(block.locator('tr', { hasText: 'Elmshorn' })).toContainText('48.999');
    await expectSaved(page);

    // Checked again, the block is current.
    await page.getByTestId('data-refresh-open').click();
    await expect(dialog.getByTestId('data-refresh-item').filter({ hasText: 'Bevölkerung und Bevölkerungsentwicklung' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  });

  test('a new year starts from the previous structure; the archive lists recommendations by year, group and rating, read-only', async ({ browser, stack }) => {
    const page = stab.page;
    // This year: a renamed chapter and a rated recommendation.
    await openReport(page);
    const migration = page.getByTestId('chapter-_migration');
    await migration.getByRole('button', { name: 'Umbenennen' }).click();
    await page.getByLabel('Neuer Titel für „Migration“').fill(`Migration und Zuzug ${stamp}`);
    await page.getByRole('button', { name: 'Speichern' }).click();
    const demo = page.getByTestId('report-entry').filter({ hasText: demoTitle });
    await demo.getByLabel(`Einschätzung der Steuerungsgruppe für „${demoTitle}“`).selectOption('high');
    await expectSaved(page);

    // Next year, the host says so: its report is empty and offers this year's structure.
    nextYearHost = await startHost(tempDir('host-next'), stack.sync.url, ['--year', String(YEAR + 1)]);
    const next = await openAs(browser, { ...stack, host: nextYearHost }, 'Sabine Stabsstelle', foreign);
    try {
      const p2 = next.page;
      await openReport(p2);
      await expect(p2.getByRole('heading', { level: 1, name: `Jahresbericht ${YEAR + 1}` })).toBeVisible();
      const offer = p2.getByTestId('start-from-previous');
      await offer.getByRole('button', { name: `Gliederung aus ${YEAR} übernehmen` }).click();
      await expect(offer).toHaveCount(0);
      await expect(p2.getByRole('status').filter({ hasText: `Die Gliederung aus ${YEAR} wurde übernommen.` })).toBeVisible();
      await expect(p2.getByTestId('chapter-_migration')).toContainText(`Migration und Zuzug ${stamp}`);
      // Structure only: no recommendations and no texts came along.
      await expect(p2.getByTestId('report-entry')).toHaveCount(0);
      await expectSaved(p2);

      await p2.getByRole('link', { name: 'Archiv', exact: true }).click();
      await expect(p2.getByRole('heading', { level: 1, name: 'Archiv der Fokusberichte' })).toBeVisible();
      const years = p2.getByTestId('archive-years');
      await expect(years.getByRole('listitem')).toHaveCount(2);
      await expect(years.getByRole('listitem').nth(1)).toContainText('Archiv, nur lesbar');
      const list = p2.getByTestId('archive-recommendations');
      await p2.getByLabel('Jahr', { exact: true }).selectOption(String(YEAR));
      await p2.getByLabel('Arbeitsgruppe', { exact: true }).selectOption('Wohnen');
      await expect(list.getByRole('listitem').first()).toBeVisible();
      for (const text of await list.getByRole('listitem').allTextContents()) {
        expect(text).toContain('Arbeitsgruppe Wohnen');
      }
      await p2.getByLabel('Einschätzung', { exact: true }).selectOption('high');
      await expect(list.getByRole('listitem')).toHaveCount(1);
      await expect(list).toContainText(demoTitle);
      await expect(list).toContainText('in hohem Maße steuerungsrelevant');
      for (const viewport of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
        await p2.setViewportSize(viewport);
        const widths = await p2.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect(widths.scroll, `horizontal scrolling at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(widths.client);
      }

      // The link opens last year's report in the reading view, read-only.
      await list.getByRole('link', { name: new RegExp(demoTitle) }).click();
      const reader = p2.getByTestId('report-reader');
      await expect(reader).toContainText('Bericht aus dem Archiv – nur lesbar.');
      await expect(p2.getByTestId('read-recommendation').filter({ hasText: demoTitle })).toBeInViewport();
      await expect(reader.getByRole('link', { name: 'Bericht bearbeiten' })).toHaveCount(0);
    } finally {
      await next.context.close();
    }
  });
});
