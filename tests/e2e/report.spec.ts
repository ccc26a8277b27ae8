import { readFileSync } from 'node:fs';
import { test, expect, openAs, type User } from './support/fixtures';
import { createProposal, expectSaved, openReport, recommendation, typeAtEnd } from './support/app';
import { wcagViolations } from './support/axe';
import { decideProposal } from './support/lifecycle';

/**
 * The Fokusbericht end to end against the real sync server and browser host: the Stabsstelle
 * (demo mode: everyone may write) orders, withdraws and updates recommendations; another person
 * reads the report on iPad sizes, follows deep links, searches and exports a real PDF.
 */
test.describe.serial('the Fokusbericht', () => {
  const foreign: string[] = [];
  let stab: User;
  let reader: User;
  const title = `Aufsuchende Wohnberatung ${Date.now()}`;
  const demoTitle = 'Wohnungsnotfallhilfe kreisweit koordinieren';
  let proposalUrl = '';
  let proposalId = '';
  let readUrl = '';

  test.beforeAll(async ({ browser, stack }) => {
    stab = await openAs(browser, stack, 'Sabine Stabsstelle', foreign);
    reader = await openAs(browser, stack, 'Rita Leserin', foreign);
    proposalUrl = await createProposal(stab.page, 'Wohnen', title);
    proposalId = /proposal\/([^/?#]+)/.exec(proposalUrl)?.[1] ?? '';
    await typeAtEnd(stab.page, recommendation(stab.page), ' Beratung in den Ämtern vor Ort.');
    await decideProposal(stab.page);
    await stab.page.getByRole('button', { name: 'In den Jahresbericht übernehmen' }).click();
    await expect(stab.page.getByRole('status').filter({ hasText: 'steht jetzt im Jahresbericht' })).toBeVisible();
    await expectSaved(stab.page);
  });

  test.afterEach(() => {
    expect(foreign, 'requests to hosts other than the app and its sync server').toEqual([]);
  });

  test.afterAll(async () => {
    await stab?.context.close();
    await reader?.context.close();
  });

  test('the Stabsstelle reorders a recommendation and withdraws one with a reason', async () => {
    const page = stab.page;
    await openReport(page);
    const entries = page.getByTestId('chapter-wohnen').getByTestId('report-entry');
    // Other specs on the same stack may have pushed into Wohnen too: positions are checked relative.
    const titles = (): Promise<string[]> => entries.locator('h4').allTextContents();
    await expect(entries.filter({ hasText: title })).toHaveCount(1);
    await expect(entries.filter({ hasText: demoTitle })).toHaveCount(1);
    const before = await titles();
    const at = before.indexOf(title);
    expect(at).toBeLessThan(before.length - 1);
    const moved = [...before];
    moved.splice(at, 2, before[at + 1] as string, title);
    await page.getByRole('button', { name: `„${title}“ nach unten` }).click();
    await expect.poll(titles).toEqual(moved);
    // Keyboard: focus the button and press Enter; the order goes back.
    await page.getByRole('button', { name: `„${title}“ nach oben` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(titles).toEqual(before);
    const count = before.length;

    const demo = entries.filter({ hasText: demoTitle });
    await demo.getByRole('button', { name: 'Zurückziehen' }).click();
    await page.getByLabel(`Grund für das Zurückziehen von „${demoTitle}“`).fill('Wird im nächsten Jahr mit den Ämtern neu gefasst.');
    await demo.getByRole('button', { name: 'Zurückziehen' }).click();
    await expect(entries).toHaveCount(count - 1);
    await expect(entries.filter({ hasText: demoTitle })).toHaveCount(0);
    const withdrawn = page.getByTestId('chapter-wohnen').getByTestId('withdrawn');
    await withdrawn.locator('summary').first().click();
    await expect(withdrawn).toContainText(demoTitle);
    await expect(withdrawn).toContainText('Wird im nächsten Jahr mit den Ämtern neu gefasst.');
    await expect(withdrawn).toContainText('Sabine Stabsstelle');
    await withdrawn.getByText('Verlauf').click();
    await expect(withdrawn).toContainText('zurückgezogen – „Wird im nächsten Jahr');
    await expectSaved(page);
  });

  test('after the proposal changes, the report shows "geändert seit Übernahme" with the difference and takes the new text', async () => {
    const page = stab.page;
    await page.goto(proposalUrl);
    await typeAtEnd(page, recommendation(page), ' Zusätzlich mit den Trägern der Wohnungslosenhilfe.');
    await expectSaved(page);
    await openReport(page);
    const entry = page.getByTestId('chapter-wohnen').getByTestId('report-entry').filter({ hasText: title });
    const changed = entry.getByTestId('changed-since-push');
    await expect(changed).toContainText('geändert seit Übernahme');
    await expect(changed.locator('ins')).toContainText('Trägern der Wohnungslosenhilfe.');
    await expect(entry.getByTestId('entry-text')).not.toContainText('Wohnungslosenhilfe');
    await changed.getByRole('button', { name: 'Neue Fassung übernehmen' }).click();
    await expect(changed).toHaveCount(0);
    await expect(entry).toContainText('Zusätzlich mit den Trägern der Wohnungslosenhilfe.');
    await expect(entry).toContainText('Fassung 2');
    await entry.locator('details', { hasText: 'Verlauf' }).locator('summary').click();
    await expect(entry).toContainText('neue Fassung übernommen');
    await expectSaved(page);
  });

  test('another person reads the report on iPad sizes without horizontal scrolling and follows deep links', async () => {
    const page = reader.page;
    await openReport(page);
    await page.getByRole('link', { name: 'Leseansicht' }).click();
    await expect(page.getByTestId('report-reader')).toBeVisible();
    readUrl = page.url().split('?')[0] ?? '';
    const rec = page.locator(`#empfehlung-${proposalId}`);
    for (const viewport of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
      await page.setViewportSize(viewport);
      await page.goto(readUrl);
      await expect(rec).toContainText('Zusätzlich mit den Trägern der Wohnungslosenhilfe.');
      // The withdrawn recommendation is not in the report.
      await expect(page.getByTestId('report-reader')).not.toContainText(demoTitle);
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(widths.scroll, `horizontal scrolling at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(widths.client);

      // Deep link to the recommendation: it is scrolled into view and focused.
      await page.goto(`${readUrl}?at=empfehlung-${proposalId}`);
      await expect(rec).toBeInViewport();
      await expect(rec).toBeFocused();
      const scrolled = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scrolled.scroll).toBeLessThanOrEqual(scrolled.client);
    }
    // At 1024 the contents are open beside the text; a chapter link leads to the chapter.
    await page.getByRole('navigation', { name: 'Inhalt' }).getByRole('link', { name: /Kurzüberblick/ }).click();
    await expect(page.locator('#kapitel-kurzueberblick')).toBeInViewport();
    expect(page.url()).toContain('at=kapitel-kurzueberblick');

    // Search within the report finds the recommendation and jumps to it.
    await page.goto(readUrl);
    await page.getByLabel('Im Bericht suchen').fill('Wohnungslosenhilfe');
    const results = page.getByTestId('search-results');
    await expect(results.getByRole('link')).toHaveCount(1);
    await results.getByRole('link', { name: new RegExp(title) }).click();
    await expect(rec).toBeInViewport();

    expect(await wcagViolations(page)).toEqual([]);

    // Once loaded, it reads offline: away and back, the report comes from the device's copy.
    await reader.context.setOffline(true);
    await page.getByRole('link', { name: 'Arbeitsgruppen', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 })).toBeVisible();
    await page.goBack();
    await expect(rec).toContainText('Zusätzlich mit den Trägern der Wohnungslosenhilfe.');
    await expect(page.getByTestId('sync-status').first()).toHaveAttribute('data-connection', 'offline');
    await reader.context.setOffline(false);
  });

  test('the reading view exports a real PDF with a German file name, and says so in German when an export fails', async () => {
    const page = reader.page;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(readUrl);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Sozialplanung-Fokus-\d{4}\.pdf$/);
    const bytes = readFileSync((await file.path()) ?? '');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
    await expect(page.getByRole('status').filter({ hasText: 'wurde heruntergeladen' })).toBeVisible();

    // A failing host (here: its answer replaced by an error) leaves a clear German message.
    await page.route('**/api/export.report', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ code: 'internal', message: 'Chromium konnte die Seite nicht drucken. / Chromium could not print the page.' }) }));
    await page.getByRole('button', { name: 'Word' }).click();
    await expect(page.getByRole('alert')).toHaveText('Der Export ist fehlgeschlagen: Chromium konnte die Seite nicht drucken.');
    await page.unroute('**/api/export.report');
  });
});
