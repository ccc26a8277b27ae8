import { test, expect, openAs, type User } from './support/fixtures';
import { body, createProposal, documentHtml, expectSaved, openReport, recommendation, syncStatus, typeAtEnd } from './support/app';
import { decideProposal, statusBadge } from './support/lifecycle';

/**
 * Two people co-author one proposal against the real sync server over real WebSockets, each in a
 * separate browser context (own storage, own network), through the whole path to the annual report.
 */
test.describe.serial('co-authoring a proposal', () => {
  const foreign: string[] = [];
  let anke: User;
  let jens: User;
  let proposalUrl = '';
  const title = `Quartiersarbeit Wedel ${Date.now()}`;

  test.beforeAll(async ({ browser, stack }) => {
    anke = await openAs(browser, stack, 'Anke Petersen', foreign);
    jens = await openAs(browser, stack, 'Jens Hansen', foreign);
    proposalUrl = await createProposal(anke.page, 'Wohnen', title);
    await jens.page.goto(proposalUrl);
    await expect(jens.page.getByTestId('proposal-title')).toHaveValue(title);
  });

  test.afterEach(() => {
    expect(foreign, 'requests to hosts other than the app and its sync server').toEqual([]);
  });

  test.afterAll(async () => {
    await anke?.context.close();
    await jens?.context.close();
  });

  test('both type and see each other’s text, name and caret', async () => {
    await typeAtEnd(anke.page, body(anke.page), 'Anke schreibt die Ausgangslage.');
    await expect(body(jens.page)).toContainText('Anke schreibt die Ausgangslage.');
    await anke.page.keyboard.press('Enter');
    await typeAtEnd(jens.page, body(jens.page), 'Jens ergänzt die Analyse.');
    await expect(body(anke.page)).toContainText('Jens ergänzt die Analyse.');

    await expect(anke.page.getByTestId('presence')).toContainText('Jens Hansen');
    await expect(jens.page.getByTestId('presence')).toContainText('Anke Petersen');
    // Jens' caret, labelled with his name, is drawn in Anke's editor while he types.
    await expect(body(anke.page).locator('.collab-caret-label', { hasText: 'Jens Hansen' })).toBeVisible();
    await expectSaved(anke.page);
    await expectSaved(jens.page);
  });

  test('offline edits are kept, shown as unsynchronised, and merge on reconnect', async () => {
    await jens.context.setOffline(true);
    await expect(syncStatus(jens.page)).toHaveAttribute('data-connection', 'offline');
    await expect(syncStatus(jens.page)).toContainText('Offline');

    await typeAtEnd(anke.page, body(anke.page), ' Online-Ergänzung von Anke.');
    await typeAtEnd(jens.page, body(jens.page), ' Offline-Ergänzung von Jens.');
    await expect(syncStatus(jens.page)).toContainText('auf diesem Gerät gespeichert seit');
    await expect(body(anke.page)).not.toContainText('Offline-Ergänzung');

    await jens.context.setOffline(false);
    for (const user of [anke, jens]) {
      await expect(body(user.page)).toContainText('Online-Ergänzung von Anke.');
      await expect(body(user.page)).toContainText('Offline-Ergänzung von Jens.');
    }
    await expectSaved(jens.page);
    await expect.poll(async () => documentHtml(body(jens.page))).toBe(await documentHtml(body(anke.page)));
  });

  test('a snapshot inserted by one shows for the other with the same figures', async () => {
    await body(anke.page).click();
    await anke.page.keyboard.press('Control+End');
    await anke.page.getByRole('button', { name: 'Kennzahl einfügen' }).click();
    const dialog = anke.page.getByRole('dialog', { name: 'Kennzahlen-Schnappschuss einfügen' });
    await expect(dialog.getByRole('radio', { name: /^Bevölkerung insgesamt/ })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'Helgoland' }).check();
    await dialog.getByRole('checkbox', { name: '31.12.2014' }).check();
    await expect(dialog.locator('table')).toContainText('48.684');
    await dialog.getByRole('button', { name: 'Einfügen', exact: true }).click();
    await expect(dialog).toBeHidden();

    const ankeTable = body(anke.page).getByTestId('snapshot').locator('table');
    const jensTable = body(jens.page).getByTestId('snapshot').locator('table');
    await expect(ankeTable).toContainText('Elmshorn');
    // Figures of GENESIS table 12411-01-01-5: Elmshorn and Helgoland, 31.12.2014 and 31.12.2015.
    await expect(ankeTable).toContainText('48.684');
    await expect(ankeTable).toContainText('47.907');
    await expect(ankeTable).toContainText('1.400');
    await expect(jensTable).toHaveText((await ankeTable.textContent()) ?? '');
    await expect(body(jens.page).getByTestId('snapshot')).toContainText('12411-01-01-5');
    await expect(body(jens.page).getByTestId('snapshot')).toContainText('Datenlizenz Deutschland');
    await expectSaved(anke.page);
  });

  test('pushing a recommendation twice shows it exactly once in the report', async () => {
    const page = anke.page;
    await typeAtEnd(page, recommendation(page), ' Erste Fassung der Empfehlung.');
    await page.getByRole('button', { name: 'In den Jahresbericht übernehmen' }).waitFor({ state: 'detached' });
    await decideProposal(page);
    await expect(statusBadge(jens.page)).toHaveAttribute('data-status', 'ag-beschlossen');
    await page.getByRole('button', { name: 'In den Jahresbericht übernehmen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'steht jetzt im Jahresbericht' })).toBeVisible();

    await typeAtEnd(page, recommendation(page), ' Zweite Fassung.');
    await page.getByRole('button', { name: 'Im Jahresbericht aktualisieren' }).click();

    await openReport(jens.page);
    const chapter = jens.page.getByTestId('chapter-wohnen');
    const entries = chapter.getByTestId('report-entry').filter({ hasText: title });
    await expect(entries).toHaveCount(1);
    await expect(entries).toContainText('Zweite Fassung.');
    await expect(entries).toContainText('Fassung 2');
    await expect(entries.getByRole('link', { name: 'Zum Vorschlag' })).toHaveAttribute('href', new URL(proposalUrl).hash);
    await expectSaved(page);
  });

  test('after the sync server is killed and restarted, all documents are there', async ({ browser, stack }) => {
    const before = await documentHtml(body(anke.page));
    await stack.restartSync('SIGKILL');
    // A newcomer has no local copy: everything must come from the restarted server.
    const newcomer = await openAs(browser, stack, 'Maren Voss', foreign);
    await newcomer.page.goto(proposalUrl);
    await expect(body(newcomer.page)).toContainText('Offline-Ergänzung von Jens.');
    await expect(body(newcomer.page).getByTestId('snapshot').locator('table')).toContainText('1.400');
    await expect.poll(async () => documentHtml(body(newcomer.page))).toBe(before);
    await openReport(newcomer.page);
    await expect(newcomer.page.getByTestId('chapter-wohnen').getByTestId('report-entry').filter({ hasText: title })).toHaveCount(1);
    // The demo workspace is still there too.
    await expect(newcomer.page.getByTestId('chapter-wohnen')).toContainText('Wohnungsnotfallhilfe kreisweit koordinieren');
    await newcomer.context.close();
  });
});
