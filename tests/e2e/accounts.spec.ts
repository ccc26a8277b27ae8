import { test, expect, type Browser, type Page } from '@playwright/test';
import { admin, startHost, startSyncServer, tempDir, type RunningProcess } from './support/processes';
import { body, expectSaved, openReport, recommendation, syncStatus, typeAtEnd } from './support/app';
import { decideProposal } from './support/lifecycle';
import { wcagViolations } from './support/axe';

const PASSWORD = 'Kreishaus-Elmshorn-2026';
const PROPOSAL = '#/group/wohnen/proposal/seniorenwohnen-uetersen';

/**
 * A sync server with accounts (--auth): people sign in in the app, the server's access rules shape
 * what each of them can do, and revoking a membership takes effect on an open document.
 */
test.describe.serial('accounts and access', () => {
  let dataDir: string;
  let sync: RunningProcess;
  let host: RunningProcess;

  test.beforeAll(async () => {
    dataDir = tempDir('auth-sync');
    await admin(dataDir, 'create-user', 'anke', '--name', 'Anke Petersen', '--role', 'member', '--password', PASSWORD);
    await admin(dataDir, 'create-user', 'maren', '--name', 'Maren Voss', '--role', 'moderation', '--password', PASSWORD);
    await admin(dataDir, 'create-user', 'stab', '--name', 'Stabsstelle Sozialplanung', '--role', 'stabsstelle', '--password', PASSWORD);
    await admin(dataDir, 'create-group', 'wohnen', '--name', 'Wohnen');
    await admin(dataDir, 'create-user', 'ole', '--name', 'Ole Jensen', '--role', 'member', '--password', PASSWORD);
    await admin(dataDir, 'add-member', 'wohnen', 'anke', '--lead');
    await admin(dataDir, 'add-member', 'wohnen', 'ole');
    sync = await startSyncServer(dataDir, 0, ['--auth']);
    host = await startHost(tempDir('auth-host'), sync.url);
  });

  test.afterAll(async () => {
    await host?.stop();
    await sync?.stop();
  });

  async function fillSignIn(page: Page, login: string, password = PASSWORD): Promise<void> {
    await expect(page.getByRole('heading', { name: 'Anmelden bei Fokuswerk' })).toBeVisible();
    await page.getByLabel('Benutzername').fill(login);
    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
  }

  async function signIn(browser: Browser, login: string, password = PASSWORD): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.url);
    await fillSignIn(page, login, password);
    return page;
  }

  test('a wrong password is refused with a clear message, in the UI language only', async ({ browser }) => {
    const page = await signIn(browser, 'anke', 'falsches-passwort-123');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Benutzername oder Passwort stimmen nicht. Bitte prüfen Sie beides');
    await expect(alert).not.toContainText(/login|password| \/ /);
    // The language can be chosen before signing in; the message follows it.
    await page.getByLabel('Sprache').selectOption('en');
    await page.getByLabel('Password', { exact: true }).fill('falsches-passwort-123');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(alert).toContainText('User name or password is not right.');
    await expect(alert).not.toContainText(/Passwort|Anmelde| \/ /);
    // The new password's length is said before anything is sent.
    await page.getByRole('button', { name: 'I have an invitation' }).click();
    await page.getByLabel('Invitation code').fill('irgendein-code');
    await page.getByLabel('New password').fill('kurz');
    await page.getByLabel('Repeat password').fill('kurz');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('The password must have at least 10 characters.');
    await page.getByLabel('New password').fill('lang-genug-aber-falscher-code');
    await page.getByLabel('Repeat password').fill('lang-genug-aber-falscher-code');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(/^This invitation code is invalid, expired or already used\./);
    await page.context().close();
  });

  test('a member writes in her group, moderation reads only, the Stabsstelle pushes into the report', async ({ browser }) => {
    const anke = await signIn(browser, 'anke');
    await expect(anke.getByTestId('user-name')).toContainText('Anke Petersen (Mitglied)');
    // Groups she is not in are listed but cannot be opened.
    await expect(anke.locator('.group-card.no-access', { hasText: 'Armut' })).toContainText('Kein Zugriff');
    await anke.goto(`${host.url}/${PROPOSAL}`);
    await typeAtEnd(anke, recommendation(anke), ' Mit Mitteln aus dem Sozialbudget.');
    await decideProposal(anke);
    await expect(anke.getByText('Die Stabsstelle übernimmt finale Empfehlungen')).toBeVisible();
    await expect(anke.getByTestId('push')).toHaveCount(0);
    await expectSaved(anke);

    const maren = await signIn(browser, 'maren');
    await maren.goto(`${host.url}/${PROPOSAL}`);
    await expect(recommendation(maren)).toContainText('Mit Mitteln aus dem Sozialbudget.');
    await expect(maren.getByRole('note')).toContainText('Nur lesen');
    await expect(body(maren)).toHaveAttribute('contenteditable', 'false');
    await expect(maren.getByRole('toolbar')).toHaveCount(0);

    const stab = await signIn(browser, 'stab');
    await stab.goto(`${host.url}/${PROPOSAL}`);
    await stab.getByTestId('push').click();
    await expect(stab.getByRole('status').filter({ hasText: 'steht jetzt im Jahresbericht' })).toBeVisible();
    await openReport(anke);
    await expect(anke.getByTestId('chapter-wohnen').getByTestId('report-entry').filter({ hasText: 'Barrierearmes Wohnen' })).toContainText(
      'Mit Mitteln aus dem Sozialbudget.',
    );
    // Members read the report but cannot write it, and reading it changes nothing.
    await anke.getByTestId('chapter-wohnen').scrollIntoViewIfNeeded();
    await expect(anke.getByTestId('chapter-wohnen').locator('.ProseMirror')).toHaveAttribute('contenteditable', 'false');
    await expect(anke.getByTestId('chapter-wohnen').getByRole('toolbar')).toHaveCount(0);
    await expect(anke.getByTestId('sync-status').first()).toHaveAttribute('data-connection', 'connected');
    await anke.waitForTimeout(1000); // nothing should happen here; give a stray local write time to show
    await expect(anke.getByTestId('sync-status').first()).toHaveAttribute('data-unsynced', '0');

    // Revoking the membership closes her open document.
    await anke.goto(`${host.url}/${PROPOSAL}`);
    await expectSaved(anke);
    await admin(dataDir, 'remove-member', 'wohnen', 'anke');
    await expect(anke.getByTestId('sync-status').first()).toHaveAttribute('data-connection', 'refused', { timeout: 15_000 });
    for (const page of [anke, maren, stab]) {
      await page.context().close();
    }
  });

  test('signing out removes the account’s local copies from the device, but never unconfirmed changes', async ({ browser }) => {
    const ole = await signIn(browser, 'ole');
    // Signing out closes the local databases before deleting them: no uncaught IndexedDB error
    // ("The database connection is closing"), no blank page.
    const pageErrors: string[] = [];
    ole.on('pageerror', (error) => pageErrors.push(error.message));
    const copies = (): Promise<string[]> =>
      ole.evaluate(async () => (await indexedDB.databases()).flatMap((db) => (db.name?.startsWith('fokuswerk:ole:') ? [db.name] : [])));
    await ole.goto(`${host.url}/${PROPOSAL}`);
    await typeAtEnd(ole, body(ole), ' Ole ergänzt die Zahlen.');
    await expectSaved(ole);
    expect(await copies()).toContain('fokuswerk:ole:group/wohnen/proposal/seniorenwohnen-uetersen');

    // Offline changes the server has not confirmed: signing out asks, and keeps them on the device.
    await ole.context().setOffline(true);
    await typeAtEnd(ole, body(ole), ' Offline nachgetragen.');
    await expect(syncStatus(ole)).toContainText(/auf diesem Gerät gespeichert seit/i);
    // "Abmelden" sits in the person's panel in the header.
    const signOut = {
      click: async (): Promise<void> => {
        await ole.getByTestId('user-name').click();
        await ole.getByRole('button', { name: 'Abmelden', exact: true }).click();
      },
    };
    const ask = ole.getByRole('dialog', { name: 'Noch nicht alles synchronisiert' });
    await signOut.click();
    await expect(ask.getByRole('button', { name: 'Angemeldet bleiben' })).toBeFocused();
    await ask.getByRole('button', { name: 'Angemeldet bleiben' }).click();
    await expect(ask).toBeHidden();
    await expect(body(ole)).toContainText('Offline nachgetragen.');
    await signOut.click();
    expect(await wcagViolations(ole), 'Abmelde-Dialog').toEqual([]);
    await ask.getByRole('button', { name: 'Abmelden, Änderungen auf dem Gerät behalten' }).click();
    await expect(ole.getByText('bleiben auf diesem Gerät, bis Sie sich wieder anmelden')).toBeVisible();
    expect(await wcagViolations(ole), 'Anmeldung nach dem Abmelden').toEqual([]);
    expect(await copies()).toContain('fokuswerk:ole:group/wohnen/proposal/seniorenwohnen-uetersen');

    // Signed in again with the network back, the kept changes reach the server.
    await ole.context().setOffline(false);
    await fillSignIn(ole, 'ole');
    await ole.goto(`${host.url}/${PROPOSAL}`);
    await expectSaved(ole);
    const maren = await signIn(browser, 'maren');
    await maren.goto(`${host.url}/${PROPOSAL}`);
    await expect(body(maren)).toContainText('Ole ergänzt die Zahlen. Offline nachgetragen.');

    // Everything confirmed: signing out leaves nothing of Ole's on the device.
    await signOut.click();
    await expect(ole.getByText('Ihre lokalen Kopien wurden von diesem Gerät entfernt')).toBeVisible({ timeout: 1_000 });
    expect(await copies()).toEqual([]);
    expect(await ole.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('fokuswerk:ole:')))).toEqual([]);
    // Late rejections of closed databases would arrive within moments.
    await ole.waitForTimeout(1_000);
    expect(pageErrors).toEqual([]);
    for (const page of [ole, maren]) {
      await page.context().close();
    }
  });
});
