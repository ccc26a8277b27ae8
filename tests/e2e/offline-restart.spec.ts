import type { Browser, Page } from '@playwright/test';
import { test, expect, openAs, type Stack, type User } from './support/fixtures';
import { body, createProposal, expectSaved, syncStatus, typeAtEnd } from './support/app';

/** A person writes a new proposal that the server confirms; then the sync server goes down. */
async function savedProposalThenServerDown(
  browser: Browser,
  stack: Stack,
  foreign: string[],
  person: string,
  group: string,
  text: string,
): Promise<{ user: User; url: string }> {
  const user = await openAs(browser, stack, person, foreign);
  const url = await createProposal(user.page, group, `${group}: Vorschlag ${Date.now()}`);
  await typeAtEnd(user.page, body(user.page), text);
  await expectSaved(user.page);
  await stack.stopSync();
  await expect(syncStatus(user.page)).not.toHaveAttribute('data-connection', 'connected');
  return { user, url };
}

test('edits made while the server is down survive an app restart and sync when it returns', async ({ browser, stack }) => {
  const foreign: string[] = [];
  const { user: sabine, url } = await savedProposalThenServerDown(browser, stack, foreign, 'Sabine Lorenzen', 'Armut', 'Vor dem Ausfall geschrieben.');
  await typeAtEnd(sabine.page, body(sabine.page), ' Während des Ausfalls geschrieben.');
  await expect(syncStatus(sabine.page)).toContainText(/auf diesem Gerät gespeichert seit/i);

  // Restart the app (reload). It warns first, because the server has not confirmed the changes.
  const warning = sabine.page.waitForEvent('dialog').then(async (dialog) => {
    const type = dialog.type();
    await dialog.accept();
    return type;
  });
  await sabine.page.reload();
  expect(await warning).toBe('beforeunload');
  // The text comes back from the local copy, still marked unsynchronised.
  await expect(body(sabine.page)).toContainText('Während des Ausfalls geschrieben.');
  await expect(syncStatus(sabine.page)).toContainText(/auf diesem Gerät gespeichert seit/i);

  await stack.startSync();
  await expectSaved(sabine.page);
  const other = await openAs(browser, stack, 'Jens Hansen', foreign);
  await other.page.goto(url);
  await expect(body(other.page)).toContainText('Vor dem Ausfall geschrieben. Während des Ausfalls geschrieben.');
  expect(foreign).toEqual([]);
  await sabine.context.close();
  await other.context.close();
});

/**
 * Holds one IndexedDB database busy with a read-write transaction that never ends, as a slow disk
 * or a long compaction would: writes queued behind it are lost when the page goes away.
 */
async function holdLocalDatabase(page: Page, docName: string): Promise<void> {
  await page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(`IndexedDB ${dbName}: ${String(request.error)}`));
    });
    const store = db.transaction('updates', 'readwrite').objectStore('updates');
    const spin = (): void => {
      store.count().onsuccess = spin;
    };
    spin();
  }, `fokuswerk:${docName}`);
}

test('the last words typed before the app closes are kept even while the local database is busy', async ({ browser, stack }) => {
  const foreign: string[] = [];
  const { user: ole, url } = await savedProposalThenServerDown(browser, stack, foreign, 'Ole Petersen', 'Wohnen', 'Erster Satz.');
  const proposalId = decodeURIComponent(url.split('/').pop() ?? '');
  await holdLocalDatabase(ole.page, `group/wohnen/proposal/${proposalId}`);
  await typeAtEnd(ole.page, body(ole.page), ' Letzter Satz vor dem Schließen.');

  ole.page.once('dialog', (dialog) => void dialog.accept());
  await ole.page.reload();
  await expect(body(ole.page)).toContainText('Erster Satz. Letzter Satz vor dem Schließen.');
  await expect(syncStatus(ole.page)).toContainText(/auf diesem Gerät gespeichert seit/i);

  await stack.startSync();
  await expectSaved(ole.page);
  // Once the server has confirmed everything, the emergency copy is gone.
  expect(await ole.page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith('|unconfirmed')))).toEqual([]);
  const other = await openAs(browser, stack, 'Jens Hansen', foreign);
  await other.page.goto(url);
  await expect(body(other.page)).toContainText('Erster Satz. Letzter Satz vor dem Schließen.');
  expect(foreign).toEqual([]);
  await ole.context.close();
  await other.context.close();
});

test('changes kept on the device reach the server at the next start, even if nobody opens their document', async ({ browser, stack }) => {
  const foreign: string[] = [];
  const { user: jana, url } = await savedProposalThenServerDown(browser, stack, foreign, 'Jana Krohn', 'Inklusion', 'Im Büro geschrieben.');
  await typeAtEnd(jana.page, body(jana.page), ' Im Zug nachgetragen.');
  await expect(syncStatus(jana.page)).toContainText(/auf diesem Gerät gespeichert seit/i);
  // Back to the group list, then the app is closed and started again there.
  await jana.page.getByRole('link', { name: 'Arbeitsgruppen', exact: true }).first().click();
  jana.page.once('dialog', (dialog) => void dialog.accept());
  await jana.page.reload();
  await expect(jana.page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 })).toBeVisible();

  await stack.startSync();
  const other = await openAs(browser, stack, 'Jens Hansen', foreign);
  await other.page.goto(url);
  await expect(body(other.page)).toContainText('Im Büro geschrieben. Im Zug nachgetragen.', { timeout: 30_000 });
  expect(foreign).toEqual([]);
  await jana.context.close();
  await other.context.close();
});
