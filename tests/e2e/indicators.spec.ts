import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openAs, type User } from './support/fixtures';
import { body, createProposal, expectSaved } from './support/app';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/indicators');

/**
 * Snapshots stay true: a snapshot keeps its figures when a newer vintage is imported, says that
 * newer data exist, and is replaced (with a diff) only when someone chooses "Aktualisieren".
 * Real host process with its SQLite cache, real sync server, real Chromium.
 */
test.describe.serial('indicator snapshots and newer vintages', () => {
  const foreign: string[] = [];
  let anke: User;

  test.beforeAll(async ({ browser, stack }) => {
    anke = await openAs(browser, stack, 'Anke Petersen', foreign);
  });

  test.afterEach(() => {
    expect(foreign, 'requests to hosts other than the app and its sync server').toEqual([]);
  });

  test.afterAll(async () => {
    await anke?.context.close();
  });

  test('insert a snapshot, import a newer vintage, the snapshot keeps its figures and offers the update', async () => {
    const page = anke.page;
    await createProposal(page, 'Wohnen', `Wohnraum Elmshorn ${Date.now()}`);
    await body(page).click();
    await page.getByRole('button', { name: 'Kennzahl einfügen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kennzahlen-Schnappschuss einfügen' });
    await expect(dialog.getByRole('radio', { name: /^Bevölkerung insgesamt/ })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'Helgoland' }).check();
    await expect(dialog.locator('table')).toContainText('1.400');
    await dialog.getByRole('button', { name: 'Einfügen', exact: true }).click();
    const snapshot = body(page).getByTestId('snapshot');
    await expect(snapshot.locator('table')).toContainText('48.684');
    await expect(snapshot).toContainText('Stand 10.10.2017');
    await expect(snapshot.getByTestId('snapshot-newer')).toHaveCount(0);
    await expectSaved(page);
    const proposal = page.url();

    // The Stabsstelle imports a newer vintage of the table in the app.
    await page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Kennzahlen', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Statistik importieren' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Statistik-Datei importieren' });
    await importDialog.getByLabel('Datei').setInputFiles(path.join(FIXTURES, '12411-01-01-5_stand-2018.csv'));
    // Published, so that every installation has the vintages of this host (publish.spec.ts relies on it).
    await importDialog.getByRole('checkbox', { name: /Für alle veröffentlichen/ }).check();
    await importDialog.getByRole('button', { name: 'Importieren' }).click();
    await expect(importDialog.getByTestId('import-result')).toContainText('Importiert: Tabelle 12411-01-01-5');
    await expect(importDialog.getByTestId('import-result')).toContainText('Stand 01.03.2018');
    await expect(importDialog.getByTestId('import-result')).toContainText('Dieser Stand wird jetzt verwendet.');
    await importDialog.getByRole('button', { name: 'Schließen' }).click();

    await page.goto(proposal);
    const again = body(page).getByTestId('snapshot');
    await expect(again.getByTestId('snapshot-newer')).toContainText('Neuere Daten verfügbar (Stand 01.03.2018)');
    // Still the frozen figures of 2017.
    await expect(again.locator('table')).toContainText('48.684');
    await expect(again.locator('table')).toContainText('1.400');
    await expect(again.locator('table')).not.toContainText('48.702');
    await expect(again).toContainText('Stand 10.10.2017');
  });

  test('"Aktualisieren" shows what changes and then shows the new figures', async () => {
    const page = anke.page;
    const snapshot = body(page).getByTestId('snapshot');
    await snapshot.getByRole('button', { name: /^Aktualisieren/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Schnappschuss aktualisieren' });
    const diff = dialog.getByTestId('snapshot-diff');
    await expect(diff.getByRole('row', { name: /Elmshorn/ })).toContainText('48.684');
    await expect(diff.getByRole('row', { name: /Elmshorn/ })).toContainText('48.702');
    await expect(diff.getByRole('row', { name: /Helgoland/ })).toContainText('1.412');
    await expect(diff.getByRole('row')).toHaveCount(3); // header + the two changed cells
    await dialog.getByRole('button', { name: 'Aktualisieren' }).click();
    await expect(dialog).toBeHidden();

    await expect(snapshot.locator('table')).toContainText('48.702');
    await expect(snapshot.locator('table')).toContainText('1.412');
    await expect(snapshot).toContainText('Stand 01.03.2018');
    await expect(snapshot).toContainText('vorher Stand 10.10.2017');
    await expect(snapshot.getByTestId('snapshot-newer')).toHaveCount(0);
    await expectSaved(page);
  });

  test('a broken file is refused with line and reason, and the browser shows rankings and a map', async () => {
    const page = anke.page;
    await page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
    await page.getByRole('button', { name: 'Statistik importieren' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Statistik-Datei importieren' });
    await importDialog.getByLabel('Datei').setInputFiles({ name: 'kaputt.csv', mimeType: 'text/csv', buffer: Buffer.from('GENESIS-Tabelle: 1\nnur Unsinn\n') });
    await importDialog.getByRole('button', { name: 'Importieren' }).click();
    await expect(importDialog.getByRole('alert')).toContainText(/Import fehlgeschlagen: kaputt\.csv, Zeile \d+/);
    await importDialog.getByRole('button', { name: 'Schließen' }).click();

    await page.getByLabel('Kennzahl suchen').fill('Beschäftigtenquote');
    await page.getByRole('button', { name: /Beschäftigtenquote/ }).click();
    await expect(page.getByRole('heading', { name: /Beschäftigtenquote/, level: 2 })).toBeVisible();
    await page.getByRole('tab', { name: 'Rangfolge der Gemeinden' }).click();
    const panel = page.getByRole('tabpanel');
    await expect(panel.locator('table tbody tr')).toHaveCount(49);
    await page.getByRole('tab', { name: 'Rangfolge der Gemeinden' }).press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Karte' })).toHaveAttribute('aria-selected', 'true');
    const map = page.getByTestId('municipality-map');
    await map.getByRole('button', { name: /^Bevern:/ }).focus();
    await page.keyboard.press('Home');
    await expect(page.locator('.map-readout')).toContainText(/^Appen: \d+,\d/);
  });
});
