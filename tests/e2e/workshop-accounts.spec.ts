import { test, expect, type Browser, type Page } from '@playwright/test';
import { admin, startHost, startSyncServer, tempDir, type RunningProcess } from './support/processes';

const PASSWORD = 'Kreishaus-Elmshorn-2026';

/**
 * Workshops on a server with accounts: the moderation prepares and runs the session with its
 * account; a member joins by the link and signs in; a citizen joins the same link as a guest with a
 * name only, and sees only this session.
 */
test.describe.serial('a workshop with accounts and a guest', () => {
  let sync: RunningProcess;
  let host: RunningProcess;
  let code = '';

  test.beforeAll(async () => {
    const dataDir = tempDir('workshop-auth-sync');
    await admin(dataDir, 'create-user', 'maren', '--name', 'Maren Voss', '--role', 'moderation', '--password', PASSWORD);
    await admin(dataDir, 'create-user', 'anke', '--name', 'Anke Petersen', '--role', 'member', '--password', PASSWORD);
    await admin(dataDir, 'create-group', 'wohnen', '--name', 'Wohnen');
    await admin(dataDir, 'add-member', 'wohnen', 'anke');
    sync = await startSyncServer(dataDir, 0, ['--auth']);
    host = await startHost(tempDir('workshop-auth-host'), sync.url);
  });

  test.afterAll(async () => {
    await host?.stop();
    await sync?.stop();
  });

  async function signIn(page: Page, login: string): Promise<void> {
    await expect(page.getByRole('heading', { name: 'Anmelden bei Fokuswerk' })).toBeVisible();
    await page.getByLabel('Benutzername').fill(login);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
  }

  async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    return context.newPage();
  }

  test('the moderation prepares and starts a session that admits guests', async ({ browser }) => {
    const maren = await newPage(browser);
    await maren.goto(host.url);
    await signIn(maren, 'maren');
    await maren.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Workshops' }).click();
    await maren.getByLabel('Arbeitsgruppe').selectOption({ label: 'Wohnen' });
    await maren.getByRole('button', { name: 'Sitzung vorbereiten' }).click();
    await maren.getByLabel('Titel der Sitzung').fill('Bürgerwerkstatt Wohnen');
    await maren.getByLabel('Punkt 1: Titel').fill('Ideen');
    await maren.getByLabel('Gäste ohne Konto dürfen mit Namen teilnehmen').check();
    await maren.getByRole('button', { name: 'Sitzung anlegen' }).click();
    await expect(maren.getByRole('heading', { name: 'Bürgerwerkstatt Wohnen', level: 1 })).toBeVisible();
    code = ((await maren.getByTestId('join-code').textContent()) ?? '').replace('Code: ', '').trim();
    await maren.getByRole('button', { name: 'Sitzung beginnen' }).click();
    await expect(maren.getByTestId('current-item')).toHaveText('Ideen');

    // A guest (iPad size) opens the link: a name, no sign-in, only this session.
    const guest = await newPage(browser, { width: 768, height: 1024 });
    const documents: string[] = [];
    guest.on('websocket', (ws) => documents.push(new URL(ws.url()).pathname));
    await guest.goto(`${host.url}/#/workshop/join/${code}`);
    await guest.getByLabel('Ihr Name').fill('Bürgerin Berta');
    await guest.getByRole('button', { name: 'Als Gast teilnehmen' }).click();
    await expect(guest.getByText('Sie nehmen teil als Bürgerin Berta.')).toBeVisible();
    await guest.getByLabel('Ihre Karte (eine Idee pro Karte)').fill('Mehr Bänke im Park');
    await guest.getByRole('button', { name: 'Karte abgeben' }).click();
    await expect(guest.getByTestId('own-cards')).toContainText('Mehr Bänke im Park');
    expect(documents.every((p) => p.includes('/workshop/')), documents.join(', ')).toBe(true);
    await expect(guest.getByRole('navigation', { name: 'Hauptnavigation' })).toHaveCount(0);

    // A member opens the same link and signs in instead: she takes part under her account's name.
    const anke = await newPage(browser);
    await anke.goto(`${host.url}/#/workshop/join/${code}`);
    await anke.getByRole('button', { name: 'Mit Konto anmelden' }).click();
    await signIn(anke, 'anke');
    await expect(anke.getByText('Sie nehmen teil als Anke Petersen.')).toBeVisible();
    await expect(maren.getByText('3 Personen anwesend')).toBeVisible();
    await expect(maren.getByTestId('card-count')).toHaveText('Karten: 1, davon verdeckt: 1');
    for (const page of [maren, guest, anke]) {
      await page.context().close();
    }
  });
});
