import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openAs, type User } from './support/fixtures';
import { body, createProposal } from './support/app';
import { tempDir } from './support/processes';
import { wcagViolations } from './support/axe';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/indicators');
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/** Calls the host's contract over HTTP, as the renderer does in browser mode. */
async function host<T>(hostUrl: string, channel: string, input: unknown): Promise<T> {
  const response = await fetch(`${hostUrl}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return (await response.json()) as T;
}

/**
 * A newer Stand of the population table with `rows` municipalities of a made-up Kreis added:
 * large enough that its import runs for several seconds on the host.
 */
function largeFile(rows: number): string {
  const source = readFileSync(path.join(FIXTURES, '12411-01-01-5_stand-2018.csv'), 'utf8').replace('Stand: 01.03.2018 / 09:00:00', 'Stand: 20.07.2020 / 08:00:00');
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const extra: string[] = [];
  // Kreise 01100, 01101, … (keys no real Kreis has), each with up to 999 municipalities.
  for (let i = 0; i < rows; i++) {
    const kreis = `01${100 + Math.floor(i / 999)}`;
    if (i % 999 === 0) {
      extra.push(`${kreis};      Testkreis ${kreis}${';999999;499999;500000'.repeat(8)}`);
    }
    extra.push(`${kreis}${String((i % 999) + 1).padStart(3, '0')};        Ort ${i}${';1234;600;634'.repeat(8)}`);
  }
  const file = path.join(tempDir('large-import'), '12411-01-01-5_gross.csv');
  writeFileSync(file, source.replace(/^(01056051;.*)$/m, `$1${eol}${extra.join(eol)}`));
  return file;
}

/**
 * The indicator pickers show whole names and German period labels, and the import dialog speaks
 * the UI's language, publishes only on purpose, asks for a Stand only for flat files, and can be
 * cancelled while the host imports – leaving the cache as it was. Real host, real Chromium.
 */
test.describe.serial('indicator labels and the import dialog', () => {
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

  test('the Kennzahl picker shows every name in full with its table, on an iPad too', async () => {
    const page = anke.page;
    await page.setViewportSize({ width: 768, height: 1024 });
    await createProposal(page, 'Wohnen', `Kennzahlen ${Date.now()}`);
    await body(page).click();
    await page.getByRole('button', { name: 'Kennzahl einfügen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kennzahlen-Schnappschuss einfügen' });
    const choices = dialog.getByTestId('indicator-choices').getByRole('radio');
    await expect(dialog.getByRole('radio', { name: /^Bevölkerung insgesamt/ })).toBeChecked();
    const count = await choices.count();
    expect(count).toBeGreaterThan(10);
    for (let i = 0; i < count; i++) {
      const label = dialog.getByTestId('indicator-choices').locator('label').nth(i);
      // The whole name and the table code are there, and nothing is cut off or scrolls sideways.
      await expect(label).toContainText(/\d{5}-\d{2}-\d{2}-\d/);
      const fits = await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= (el.parentElement?.getBoundingClientRect().right ?? 0) + 1);
      expect(fits, await label.innerText()).toBe(true);
    }
    const longest = dialog.getByRole('radio', { name: /^Bevölkerungsentwicklung über 5 Jahre/ });
    await expect(longest).toBeVisible();
    expect(await wcagViolations(page), 'snapshot dialog at 768×1024').toEqual([]);
    // A radio group: the arrow keys move the choice.
    await dialog.getByRole('radio', { name: /^Bevölkerung insgesamt/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(dialog.getByRole('radio', { name: /^Bevölkerung männlich/ })).toBeChecked();
    // Periods in German: Stichtage as dates, years as years – never an ISO date.
    await expect(dialog.getByRole('group', { name: 'Zeitpunkte' }).getByRole('checkbox', { name: '31.12.2015' })).toBeChecked();
    await dialog.getByRole('radio', { name: /^Anteil der 65-Jährigen und Älteren/ }).check();
    await expect(dialog.getByRole('group', { name: 'Zeitpunkte' }).getByRole('checkbox', { name: '2015', exact: true })).toBeChecked();
    await expect(dialog.getByRole('group', { name: 'Zeitpunkte' })).not.toContainText(ISO_DATE);
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('the period select of the ranking speaks German: "31.12.2015" for a Stichtag, "2015" for a year', async () => {
    const page = anke.page;
    await page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
    await page.getByRole('button', { name: 'Bevölkerung insgesamt' }).click();
    await page.getByRole('tab', { name: 'Rangfolge der Gemeinden' }).click();
    const select = page.getByLabel('Zeitpunkt');
    await expect(select.locator('option:checked')).toHaveText('31.12.2015');
    expect(await select.locator('option').allInnerTexts()).not.toContainEqual(expect.stringMatching(ISO_DATE));
    await page.getByRole('button', { name: 'Anteil der 65-Jährigen und Älteren' }).click();
    await page.getByRole('tab', { name: 'Rangfolge der Gemeinden' }).click();
    await expect(select.locator('option:checked')).toHaveText('2015');
  });

  test('the import dialog: German file and date fields, Stand only for flat files, publishing never ticked by default', async () => {
    const page = anke.page;
    await page.getByRole('button', { name: 'Statistik importieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Statistik-Datei importieren' });
    await expect(dialog.getByRole('checkbox', { name: /Für alle veröffentlichen/ })).not.toBeChecked();
    await expect(dialog.getByRole('button', { name: 'Datei auswählen …' })).toBeVisible();
    await expect(dialog.getByTestId('import-file-name')).toHaveText('Keine Datei ausgewählt');
    await expect(dialog.getByRole('button', { name: 'Importieren' })).toBeDisabled();

    // A classic CSV carries its Stand: no field for it.
    await dialog.getByLabel('Datei', { exact: true }).setInputFiles(path.join(FIXTURES, '12411-01-01-5_stand-2018.csv'));
    await expect(dialog.getByTestId('import-file-name')).toContainText(/^12411-01-01-5_stand-2018\.csv \(0,\d MB\)$/);
    await expect(dialog.getByRole('button', { name: 'Andere Datei auswählen …' })).toBeVisible();
    await expect(dialog.getByLabel('Stand der Daten')).toHaveCount(0);

    // A flat file has none: the field appears, in the German format, and refuses dates that do not exist.
    await dialog.getByLabel('Datei', { exact: true }).setInputFiles(path.join(FIXTURES, '12411-01-01-5_flat.csv'));
    const stand = dialog.getByLabel('Stand der Daten');
    await expect(stand).toBeVisible();
    await expect(stand).toHaveAttribute('placeholder', 'TT.MM.JJJJ');
    await stand.fill('31.02.2019');
    await expect(dialog.getByText('Kein gültiges Datum. Bitte so eingeben: 31.12.2023.')).toBeVisible();
    await expect(stand).toHaveAttribute('aria-invalid', 'true');
    expect(await wcagViolations(page), 'import dialog with a flat file and an invalid date').toEqual([]);
    await expect(dialog.getByRole('button', { name: 'Importieren' })).toBeDisabled();
    // Older than the bundled vintage (10.10.2017), so that it does not become the one in use.
    await stand.fill('28.02.2017');
    await expect(dialog.getByRole('button', { name: 'Importieren' })).toBeEnabled();
    // Published on purpose, so that every installation has the vintages of this host (publish.spec.ts relies on it).
    await dialog.getByRole('checkbox', { name: /Für alle veröffentlichen/ }).check();
    await dialog.getByRole('button', { name: 'Importieren' }).click();
    await expect(dialog.getByTestId('import-result')).toContainText('Stand 28.02.2017');
    await expect(dialog.getByTestId('import-result')).toContainText('älter als der aktuelle');
    await expect(dialog.getByTestId('import-result')).toContainText('Veröffentlicht');
    await dialog.getByRole('button', { name: 'Schließen' }).click();
  });

  test('cancelling a running import of a large file changes nothing', async ({ stack }) => {
    test.setTimeout(180_000);
    const page = anke.page;
    const file = largeFile(120_000);
    const before = await host<{ stand: string }[]>(stack.host.url, 'indicators.vintages', { tableCode: '12411-01-01-5' });
    const query = { indicatorId: 'bevoelkerung-insgesamt', regions: ['01056015'], periods: ['2015-12-31'] };
    const figureBefore = await host<{ values: { value: number }[] }>(stack.host.url, 'indicators.query', query);
    // The file would make Elmshorn 48.702 (the 2018 figures) under a newer Stand.
    expect(figureBefore.values[0]?.value).toBe(48684);

    await page.getByRole('button', { name: 'Statistik importieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Statistik-Datei importieren' });
    await dialog.getByLabel('Datei', { exact: true }).setInputFiles(file);
    await expect(dialog.getByTestId('import-file-name')).toContainText(/MB\)$/);
    await dialog.getByRole('button', { name: 'Importieren' }).click();
    // Cancelled once the file is on the host and the import runs there.
    await expect(dialog.getByRole('status').filter({ hasText: 'Wird importiert' })).toBeVisible({ timeout: 120_000 });
    await dialog.getByRole('button', { name: 'Import abbrechen' }).click();
    await expect(dialog.getByTestId('import-result')).toHaveText('Import abgebrochen – nichts wurde geändert.', { timeout: 60_000 });
    await expect(dialog.getByRole('button', { name: 'Schließen' })).toBeEnabled();

    expect(await host<{ stand: string }[]>(stack.host.url, 'indicators.vintages', { tableCode: '12411-01-01-5' })).toEqual(before);
    expect(await host<{ values: { value: number }[] }>(stack.host.url, 'indicators.query', query)).toEqual(figureBefore);
    await dialog.getByRole('button', { name: 'Schließen' }).click();
    await expect(dialog).toBeHidden();
  });

  test('cancelling while the file is still being sent stops the upload, and the host imports nothing', async ({ stack }) => {
    test.setTimeout(120_000);
    const page = anke.page;
    const before = await host<{ stand: string }[]>(stack.host.url, 'indicators.vintages', { tableCode: '12411-01-01-5' });
    // A slow line: every chunk takes a while to reach the host.
    const calls: string[] = [];
    await page.route('**/api/indicators.*', async (route) => {
      const channel = new URL(route.request().url()).pathname.split('/').pop() ?? '';
      calls.push(channel);
      if (channel === 'indicators.importChunk') {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await route.continue();
    });
    try {
      await page.getByRole('button', { name: 'Statistik importieren' }).click();
      const dialog = page.getByRole('dialog', { name: 'Statistik-Datei importieren' });
      await dialog.getByLabel('Datei', { exact: true }).setInputFiles(largeFile(40_000));
      await expect(dialog.getByTestId('import-file-name')).toContainText(/MB\)$/);
      await dialog.getByRole('button', { name: 'Importieren' }).click();
      await expect(dialog.getByRole('status').filter({ hasText: /Übertrage … \d+ %/ })).toBeVisible();
      await dialog.getByRole('button', { name: 'Import abbrechen' }).click();
      await expect(dialog.getByTestId('import-result')).toHaveText('Import abgebrochen – nichts wurde geändert.');
      expect(calls).toContain('indicators.importCancel');
      expect(calls).not.toContain('indicators.importFinish');
      expect(await host<{ stand: string }[]>(stack.host.url, 'indicators.vintages', { tableCode: '12411-01-01-5' })).toEqual(before);
      await dialog.getByRole('button', { name: 'Schließen' }).click();
    } finally {
      await page.unrouteAll();
    }
  });
});
