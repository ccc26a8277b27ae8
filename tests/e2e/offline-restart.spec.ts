import { test, expect, openAs } from './support/fixtures';
import { body, createProposal, expectSaved, syncStatus, typeAtEnd } from './support/app';

test('edits made while the server is down survive an app restart and sync when it returns', async ({ browser, stack }) => {
  const foreign: string[] = [];
  const sabine = await openAs(browser, stack, 'Sabine Lorenzen', foreign);
  const url = await createProposal(sabine.page, 'Armut', `Tafeln im ländlichen Raum ${Date.now()}`);
  await typeAtEnd(sabine.page, body(sabine.page), 'Vor dem Ausfall geschrieben.');
  await expectSaved(sabine.page);

  await stack.stopSync();
  await expect(syncStatus(sabine.page)).not.toHaveAttribute('data-connection', 'connected');
  await typeAtEnd(sabine.page, body(sabine.page), ' Während des Ausfalls geschrieben.');
  await expect(syncStatus(sabine.page)).toContainText('nicht synchronisiert');

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
  await expect(syncStatus(sabine.page)).toContainText('nicht synchronisiert');

  await stack.startSync();
  await expectSaved(sabine.page);
  const other = await openAs(browser, stack, 'Jens Hansen', foreign);
  await other.page.goto(url);
  await expect(body(other.page)).toContainText('Vor dem Ausfall geschrieben. Während des Ausfalls geschrieben.');
  expect(foreign).toEqual([]);
  await sabine.context.close();
  await other.context.close();
});
