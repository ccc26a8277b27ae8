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
  const otherHost = await startHost(tempDir('host-b'), stack.sync.url);
  try {
    const vintages = async (): Promise<string[]> => {
      const response = await fetch(`${otherHost.url}/api/indicators.vintages`, { method: 'POST', body: JSON.stringify({ tableCode: '12411-01-01-5' }) });
      return ((await response.json()) as { stand: string }[]).map((v) => v.stand);
    };
    expect(await vintages()).toEqual(['2017-10-10T11:01:03']);

    const colleague = await openAs(browser, { ...stack, host: otherHost }, 'Maren Voss', foreign);
    await colleague.context.setOffline(true);

    const stabsstelle = await openAs(browser, stack, 'Stabsstelle Sozialplanung', foreign);
    await stabsstelle.page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
    await stabsstelle.page.getByRole('button', { name: 'Statistik importieren' }).click();
    const dialog = stabsstelle.page.getByRole('dialog', { name: 'Statistik-Datei importieren' });
    await dialog.getByLabel('Datei').setInputFiles(path.join(FIXTURES, '12411-01-01-5_stand-2018.csv'));
    await expect(dialog.getByRole('checkbox', { name: /Für alle veröffentlichen/ })).toBeChecked();
    await dialog.getByRole('button', { name: 'Importieren' }).click();
    await expect(dialog.getByTestId('import-result')).toContainText('Veröffentlicht');

    // Offline, the other installation cannot have it yet.
    expect(await vintages()).toEqual(['2017-10-10T11:01:03']);
    await colleague.context.setOffline(false);
    await expect.poll(vintages, { timeout: 30_000 }).toEqual(['2018-03-01T09:00:00', '2017-10-10T11:01:03']);
    await expect(colleague.page.getByTestId('dataset-sync')).toHaveAttribute('data-state', 'idle');
    expect(foreign).toEqual([]);
    await colleague.context.close();
    await stabsstelle.context.close();
  } finally {
    await otherHost.stop();
  }
});
