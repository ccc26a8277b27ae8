import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Route } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { startHost, tempDir } from './support/processes';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/indicators');

/** The Stands of a table in one host's indicator cache, newest first. */
async function vintagesAt(hostUrl: string): Promise<string[]> {
  const response = await fetch(`${hostUrl}/api/indicators.vintages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tableCode: '12411-01-01-5' }) });
  return ((await response.json()) as { stand: string }[]).map((v) => v.stand);
}

/**
 * "The Stabsstelle imports once and publishes; every client's local cache updates from the sync
 * server and keeps working offline": a second installation (its own host process and SQLite
 * cache) that was offline during the publication takes the file in when it reconnects, and tries
 * again by itself when its host could not take the file at the first attempt.
 */
test('a published statistics file reaches another installation’s cache after it comes back online', async ({ browser, stack }) => {
  const foreign: string[] = [];
  // A vintage no other test imports or publishes: the 2018 test file with a later Stand.
  const file = path.join(tempDir('publish'), '12411-01-01-5_stand-2019.csv');
  const source = readFileSync(path.join(FIXTURES, '12411-01-01-5_stand-2018.csv'), 'utf8');
  writeFileSync(file, source.replace('Stand: 01.03.2018 / 09:00:00', 'Stand: 15.06.2019 / 10:30:00'));
  const otherHost = await startHost(tempDir('host-b'), stack.sync.url);
  try {
    const vintages = (): Promise<string[]> => vintagesAt(otherHost.url);
    const colleague = await openAs(browser, { ...stack, host: otherHost }, 'Maren Voss', foreign);
    // A new installation first takes in what earlier tests published: then it has what the
    // publishing host has.
    const published = await vintagesAt(stack.host.url);
    await expect.poll(vintages, { timeout: 30_000 }).toEqual(published);
    expect(published).not.toContain('2019-06-15T10:30:00');
    await colleague.context.setOffline(true);

    const stabsstelle = await openAs(browser, stack, 'Stabsstelle Sozialplanung', foreign);
    await stabsstelle.page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
    await stabsstelle.page.getByRole('button', { name: 'Statistik importieren' }).click();
    const dialog = stabsstelle.page.getByRole('dialog', { name: 'Statistik-Datei importieren' });
    await dialog.getByLabel('Datei', { exact: true }).setInputFiles(file);
    // Publishing is a deliberate choice: never ticked by default.
    await expect(dialog.getByRole('checkbox', { name: /Für alle veröffentlichen/ })).not.toBeChecked();
    await dialog.getByRole('checkbox', { name: /Für alle veröffentlichen/ }).check();
    await dialog.getByRole('button', { name: 'Importieren' }).click();
    await expect(dialog.getByTestId('import-result')).toContainText('Veröffentlicht');

    // Offline, the other installation cannot have it yet.
    expect(await vintages()).toEqual(published);

    // Back online, but its host refuses the upload at first: the app says so and tries again.
    const hostDown = (route: Route): Promise<void> => route.abort('connectionrefused');
    await colleague.page.route('**/api/indicators.importBegin', hostDown);
    await colleague.context.setOffline(false);
    const status = colleague.page.getByTestId('dataset-sync');
    await expect(status).toHaveAttribute('data-state', 'retrying');
    await expect(status).toContainText('es wird automatisch erneut versucht');
    expect(await vintages()).toEqual(published);

    await colleague.page.unroute('**/api/indicators.importBegin', hostDown);
    await expect.poll(async () => (await vintages())[0], { timeout: 30_000 }).toBe('2019-06-15T10:30:00');
    await expect(status).toHaveAttribute('data-state', 'idle');
    expect(foreign).toEqual([]);
    await colleague.context.close();
    await stabsstelle.context.close();
  } finally {
    await otherHost.stop();
  }
});
