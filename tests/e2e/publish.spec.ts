import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, openAs } from './support/fixtures';
import { startHost, tempDir } from './support/processes';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/indicators');

/**
 * "The Stabsstelle imports once and publishes; every client's local cache updates from the sync
 * server and keeps working offline": a second installation (its own host process and SQLite
 * cache) that was offline during the publication takes the file in when it reconnects.
 */
test('a published statistics file reaches another installation’s cache after it comes back online', async ({ browser, stack }) => {
  const foreign: string[] = [];
  // A vintage no other test imports or publishes: the 2018 test file with a later Stand.
  const file = path.join(tempDir('publish'), '12411-01-01-5_stand-2019.csv');
  const source = readFileSync(path.join(FIXTURES, '12411-01-01-5_stand-2018.csv'), 'utf8');
  writeFileSync(file, source.replace('Stand: 01.03.2018 / 09:00:00', 'Stand: 15.06.2019 / 10:30:00'));
  const otherHost = await startHost(tempDir('host-b'), stack.sync.url);
  try {
    const vintages = async (): Promise<string[]> => {
      const response = await fetch(`${otherHost.url}/api/indicators.vintages`, { method: 'POST', body: JSON.stringify({ tableCode: '12411-01-01-5' }) });
      return ((await response.json()) as { stand: string }[]).map((v) => v.stand);
    };
    const before = await vintages();
    expect(before).not.toContain('2019-06-15T10:30:00');

    const colleague = await openAs(browser, { ...stack, host: otherHost }, 'Maren Voss', foreign);
    await colleague.context.setOffline(true);

    const stabsstelle = await openAs(browser, stack, 'Stabsstelle Sozialplanung', foreign);
    await stabsstelle.page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
    await stabsstelle.page.getByRole('button', { name: 'Statistik importieren' }).click();
    const dialog = stabsstelle.page.getByRole('dialog', { name: 'Statistik-Datei importieren' });
    await dialog.getByLabel('Datei', { exact: true }).setInputFiles(file);
    await expect(dialog.getByRole('checkbox', { name: /Für alle veröffentlichen/ })).toBeChecked();
    await dialog.getByRole('button', { name: 'Importieren' }).click();
    await expect(dialog.getByTestId('import-result')).toContainText('Veröffentlicht');

    // Offline, the other installation cannot have it yet.
    expect(await vintages()).toEqual(before);
    await colleague.context.setOffline(false);
    // Newest first; other tests may have published further files, which arrive too.
    await expect.poll(async () => (await vintages())[0], { timeout: 30_000 }).toBe('2019-06-15T10:30:00');
    await expect(colleague.page.getByTestId('dataset-sync')).toHaveAttribute('data-state', 'idle');
    expect(foreign).toEqual([]);
    await colleague.context.close();
    await stabsstelle.context.close();
  } finally {
    await otherHost.stop();
  }
});
