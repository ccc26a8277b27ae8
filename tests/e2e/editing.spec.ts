import { test, expect, openAs, type User } from './support/fixtures';
import { body, createProposal, typeAtEnd } from './support/app';

/** Editing by keyboard: the toolbar as one Tab stop, tables, and removing a snapshot. */
test.describe.serial('editing a proposal', () => {
  const foreign: string[] = [];
  let anke: User;

  test.beforeAll(async ({ browser, stack }) => {
    anke = await openAs(browser, stack, 'Anke Petersen', foreign);
    await createProposal(anke.page, 'Wohnen', `Tabellen ${Date.now()}`);
  });

  test.afterAll(async () => {
    await anke?.context.close();
  });

  test('the proposal page has one h1 and the toolbar is one Tab stop with arrow keys', async () => {
    const page = anke.page;
    await expect(page.locator('h1')).toHaveCount(1);
    const toolbar = page.getByRole('toolbar', { name: 'Formatierung' }).first();
    await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
    await typeAtEnd(page, body(page), 'Ausgangslage.');
    await page.keyboard.press('Shift+Tab');
    await expect(toolbar.getByRole('button', { name: 'H2 Überschrift' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(toolbar.getByRole('button', { name: 'H3 Unterüberschrift' })).toBeFocused();
    await page.keyboard.press('End');
    await expect(toolbar.getByRole('button', { name: 'Kennzahl einfügen' })).toBeFocused();
    await page.keyboard.press('Home');
    await expect(toolbar.getByRole('button', { name: 'H2 Überschrift' })).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(toolbar.getByRole('button', { name: 'Kennzahl einfügen' })).toBeFocused();
    await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
    // One Tab leaves the toolbar for the editor; Shift+Tab comes back to the last used button.
    await page.keyboard.press('Tab');
    await expect(body(page)).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(toolbar.getByRole('button', { name: 'Kennzahl einfügen' })).toBeFocused();
  });

  test('a table is inserted and changed by keyboard', async () => {
    const page = anke.page;
    const toolbar = page.getByRole('toolbar', { name: 'Formatierung' }).first();
    await page.keyboard.press('ArrowLeft');
    await expect(toolbar.getByRole('button', { name: 'Tabelle einfügen' })).toBeFocused();
    await page.keyboard.press('Enter');
    const table = body(page).locator('table');
    await expect(table.locator('tr')).toHaveCount(3);
    await expect(table.locator('tr').first().locator('th')).toHaveCount(3);
    await expect(body(page)).toBeFocused();
    await expect(toolbar.getByRole('group', { name: 'Tabelle' })).toBeVisible();

    await page.keyboard.type('Ort');
    await page.keyboard.press('Control+Alt+ArrowDown');
    await expect(table.locator('tr')).toHaveCount(4);
    await page.keyboard.press('Control+Alt+Shift+Backspace');
    await expect(table.locator('tr').first().locator('th, td')).toHaveCount(2);
    for (const row of await table.locator('tr').all()) {
      await expect(row.locator('th, td')).toHaveCount(2);
    }
    await expect(table).not.toContainText('Ort');
    // The header row can be switched off from the toolbar, again by keyboard.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('End');
    await expect(toolbar.getByRole('button', { name: 'Tabelle löschen' })).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(toolbar.getByRole('button', { name: 'Kopfzeile' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(table.locator('th')).toHaveCount(0);
    await expect(table.locator('tr')).toHaveCount(4);
  });

  test('removing a snapshot asks first and keeps the focus in the editor', async () => {
    const page = anke.page;
    await body(page).click();
    await page.keyboard.press('Control+End');
    await page.getByRole('button', { name: 'Kennzahl einfügen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kennzahlen-Schnappschuss einfügen' });
    await expect(dialog.getByRole('radio', { name: /^Bevölkerung insgesamt/ })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'Helgoland' }).check();
    await dialog.getByRole('button', { name: 'Einfügen', exact: true }).click();
    await expect(dialog).toBeHidden();
    const snapshot = body(page).getByTestId('snapshot');
    await expect(snapshot).toHaveCount(1);

    await snapshot.getByRole('button', { name: /^Entfernen:/ }).click();
    const confirm = snapshot.getByRole('group', { name: 'Kennzahl aus dem Dokument entfernen?' });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Ja, entfernen' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(snapshot).toHaveCount(1);
    await expect(body(page)).toBeFocused();

    await snapshot.getByRole('button', { name: /^Entfernen:/ }).click();
    await page.keyboard.press('Enter');
    await expect(body(page).getByTestId('snapshot')).toHaveCount(0);
    await expect(body(page)).toBeFocused();
    expect(foreign).toEqual([]);
  });
});
