import { test, expect, type Browser, type Page } from '@playwright/test';
import { admin, startHost, startSyncServer, tempDir, type RunningProcess } from './support/processes';
import { body, createProposal, expectSaved, recommendation, typeAtEnd } from './support/app';
import { changeStatus, decideProposal, statusBadge } from './support/lifecycle';
import { wcagViolations } from './support/axe';

const PASSWORD = 'Kreishaus-Elmshorn-2026';

/**
 * A proposal's life in Chromium against a real sync server with accounts and the browser host:
 * comments on a passage while a third person edits around it, a mention in "Meine offenen Punkte",
 * versions compared and restored, the Steuerungsgruppe rating and publishing, the recycle bin, and
 * "nicht gefunden" for addresses that lead nowhere.
 */
test.describe.serial('a proposal’s life', () => {
  let dataDir: string;
  let sync: RunningProcess;
  let host: RunningProcess;
  const pages: Page[] = [];

  test.beforeAll(async () => {
    dataDir = tempDir('lifecycle-sync');
    await admin(dataDir, 'create-group', 'wohnen', '--name', 'Wohnen');
    for (const [login, name, role] of [
      ['lea', 'Lea Leitung', 'member'],
      ['mia', 'Mia Mitglied', 'member'],
      ['ole', 'Ole Jensen', 'member'],
      ['sven', 'Sven Steuer', 'steuerung'],
      ['stab', 'Stefanie Stab', 'stabsstelle'],
    ] as const) {
      await admin(dataDir, 'create-user', login, '--name', name, '--role', role, '--password', PASSWORD);
    }
    await admin(dataDir, 'add-member', 'wohnen', 'lea', '--lead');
    await admin(dataDir, 'add-member', 'wohnen', 'mia');
    await admin(dataDir, 'add-member', 'wohnen', 'ole');
    sync = await startSyncServer(dataDir, 0, ['--auth']);
    host = await startHost(tempDir('lifecycle-host'), sync.url);
  });

  test.afterEach(async () => {
    for (const page of pages.splice(0)) {
      await page.context().close();
    }
  });

  test.afterAll(async () => {
    await host?.stop();
    await sync?.stop();
  });

  async function signIn(browser: Browser, login: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    pages.push(page);
    await page.goto(host.url);
    await page.getByLabel('Benutzername').fill(login);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 })).toBeVisible();
    return page;
  }

  const tab = (page: Page, name: string) => page.getByRole('tab', { name });

  /** Selects the last `length` characters the person just typed at the end of an editor. */
  async function selectTyped(page: Page, length: number): Promise<void> {
    for (let i = 0; i < length; i++) {
      await page.keyboard.press('Shift+ArrowLeft');
    }
  }

  test('two people comment on a passage while a third edits around it; the mention waits in “Meine offenen Punkte”', async ({ browser }) => {
    const lea = await signIn(browser, 'lea');
    const url = await createProposal(lea, 'Wohnen', 'Quartierstreffs in Pinneberg');
    await typeAtEnd(lea, body(lea), 'Ein offener Treffpunkt je Quartier.');
    await selectTyped(lea, 'Treffpunkt je Quartier.'.length);
    await lea.getByTestId('use-passage').click();
    await expect(lea.getByTestId('comment-anchor')).toHaveText('Zur markierten Stelle: „Treffpunkt je Quartier.“');
    await lea.getByTestId('comment-text').fill('Wie viele Quartiere? @Mia Mitglied bitte prüfen.');
    await lea.getByRole('button', { name: 'Kommentieren' }).click();
    const leaThread = lea.getByTestId('comment-thread');
    await expect(leaThread).toContainText('Wie viele Quartiere?');
    await expect(leaThread.getByRole('button', { name: 'Zu: „Treffpunkt je Quartier.“' })).toBeVisible();

    // Ole edits before and after the passage while Mia answers.
    const ole = await signIn(browser, 'ole');
    await ole.goto(url);
    await expect(body(ole)).toContainText('Ein offener Treffpunkt je Quartier.');
    await body(ole).click();
    await ole.keyboard.press('Control+Home');
    await ole.keyboard.type('Vorab: ');
    await ole.keyboard.press('Control+End');
    await ole.keyboard.type(' Start 2027.');

    const mia = await signIn(browser, 'mia');
    const mentions = mia.getByTestId('open-mentions');
    await mia.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Offene Punkte' }).click();
    await expect(mia.getByRole('heading', { level: 1, name: 'Meine offenen Punkte' })).toBeVisible();
    await expect(mentions).toContainText('Wie viele Quartiere? @Mia Mitglied bitte prüfen.');
    await expect(mentions).toContainText('Lea Leitung');
    await mentions.getByRole('link', { name: 'Quartierstreffs in Pinneberg' }).click();
    await expect(body(mia)).toContainText('Vorab: Ein offener Treffpunkt je Quartier. Start 2027.');
    const miaThread = mia.getByTestId('comment-thread');
    await miaThread.getByRole('button', { name: 'Antworten' }).click();
    await mia.getByTestId('comment-reply-text').fill('Sieben Quartiere laut Stadtplanung.');
    await miaThread.getByRole('button', { name: 'Antworten' }).click();
    await expect(leaThread).toContainText('Sieben Quartiere laut Stadtplanung.');
    await expect(leaThread).toContainText('Mia Mitglied');

    // The anchor followed Ole's edits: it still selects exactly the passage.
    await leaThread.getByRole('button', { name: 'Zu: „Treffpunkt je Quartier.“' }).click();
    await expect.poll(() => lea.evaluate(() => window.getSelection()?.toString())).toBe('Treffpunkt je Quartier.');
    // Mia can edit her own comment, not Lea's.
    await expect(miaThread.getByRole('button', { name: 'Bearbeiten' })).toHaveCount(1);
    expect(await wcagViolations(mia)).toEqual([]);

    // Ole deletes the passage: the thread says so instead of pointing nowhere.
    await ole.getByTestId('comment-thread').getByRole('button', { name: 'Zu: „Treffpunkt je Quartier.“' }).click();
    await expect.poll(() => ole.evaluate(() => window.getSelection()?.toString())).toBe('Treffpunkt je Quartier.');
    await ole.keyboard.press('Backspace');
    await expect(lea.getByTestId('passage-deleted')).toHaveText('Passage gelöscht: „Treffpunkt je Quartier.“');

    // Resolved, the mention leaves Mia's open items.
    await miaThread.getByRole('button', { name: 'Erledigt' }).click();
    await expect(lea.getByTestId('open-threads').getByTestId('comment-thread')).toHaveCount(0);
    await mia.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Offene Punkte' }).click();
    await mia.getByRole('button', { name: 'Aktualisieren' }).click();
    await expect(mia.getByRole('region', { name: 'Erwähnungen' }).getByText('Nichts offen.')).toBeVisible();
  });

  test('a saved version is compared with the current text and restored', async ({ browser }) => {
    const lea = await signIn(browser, 'lea');
    await createProposal(lea, 'Wohnen', 'Wohnraum für Auszubildende');
    await typeAtEnd(lea, recommendation(lea), 'Ein Wohnheim in Elmshorn.');
    await expectSaved(lea);
    await tab(lea, 'Versionen').click();
    await lea.getByLabel('Name der Version').fill('Stand nach der Sitzung am 12.3.');
    await lea.getByRole('button', { name: 'Version speichern' }).click();
    await expect(lea.getByTestId('version-list')).toContainText('Nr. 1: Stand nach der Sitzung am 12.3.');

    await recommendation(lea).click();
    await lea.keyboard.press('Control+End');
    await lea.keyboard.type(' Mit Mitteln des Landes.');
    await expectSaved(lea);
    await lea.getByRole('button', { name: 'Vergleichen: Stand nach der Sitzung am 12.3.' }).click();
    const dialog = lea.getByRole('dialog', { name: 'Vergleich: Nr. 1: Stand nach der Sitzung am 12.3. → aktueller Text' });
    await expect(dialog.locator('ins')).toHaveText(['eingefügt:  Mit Mitteln des Landes.']);
    await expect(dialog.locator('del')).toHaveCount(0);
    await expect(dialog.getByTestId('version-compare')).toContainText('Ein Wohnheim in Elmshorn.');
    expect(await wcagViolations(lea)).toEqual([]);
    await dialog.getByRole('button', { name: 'Schließen' }).click();

    await lea.getByRole('button', { name: 'Wiederherstellen: Stand nach der Sitzung am 12.3.' }).click();
    const confirm = lea.getByRole('dialog', { name: 'Version „Stand nach der Sitzung am 12.3.“ wiederherstellen?' });
    // The safe choice has the focus: Enter does not replace the text.
    await expect(confirm.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
    await confirm.getByTestId('confirm-restore').click();
    await expect(recommendation(lea)).not.toContainText('Mit Mitteln des Landes.');
    await expect(recommendation(lea)).toContainText('Ein Wohnheim in Elmshorn.');
    const list = lea.getByTestId('version-list');
    await expect(list).toContainText('Wiederhergestellt: Stand nach der Sitzung am 12.3.');
    await expect(list).toContainText('Vor Wiederherstellung von „Stand nach der Sitzung am 12.3.“');
    // Nothing was lost: the text before the restore is a version of its own.
    await lea.getByRole('button', { name: 'Vergleichen: Vor Wiederherstellung von „Stand nach der Sitzung am 12.3.“' }).click();
    await expect(lea.getByRole('dialog').locator('del')).toContainText('Mit Mitteln des Landes.');
  });

  test('the status changes with reasons on record; the Steuerungsgruppe rates and publishes, unseen by the group before', async ({ browser }) => {
    const lea = await signIn(browser, 'lea');
    const url = await createProposal(lea, 'Wohnen', 'Mietschuldenberatung ausbauen');
    await typeAtEnd(lea, recommendation(lea), 'Zwei weitere Beratungsstellen.');
    await expectSaved(lea);
    // Going back needs a reason; the dialog refuses an empty one.
    await changeStatus(lea, 'in Abstimmung in der AG', 'in-abstimmung');
    await lea.getByRole('button', { name: 'Ändern in: Entwurf', exact: true }).click();
    const ask = lea.getByRole('dialog', { name: '„Entwurf“: Begründung' });
    await ask.getByRole('button', { name: 'Status ändern' }).click();
    await expect(ask.getByText('Bitte eine Begründung angeben.')).toBeVisible();
    await ask.getByLabel('Begründung').fill('Zahlen der Schuldnerberatung fehlen noch.');
    await ask.getByRole('button', { name: 'Status ändern' }).click();
    await expect(statusBadge(lea)).toHaveAttribute('data-status', 'entwurf');
    await lea.getByText('Verlauf').click();
    await expect(lea.getByTestId('status-history')).toContainText('Zahlen der Schuldnerberatung fehlen noch.');
    await decideProposal(lea);

    const sven = await signIn(browser, 'sven');
    await sven.goto(url);
    await changeStatus(sven, 'Einschätzung der Steuerungsgruppe', 'steuerungsgruppe');
    await tab(sven, 'Einschätzung').click();
    await sven.getByLabel('Reichweite (Gewicht 3)').selectOption('4');
    await sven.getByLabel('Kostenwirkung (Gewicht 2)').selectOption('3');
    await sven.getByLabel('Dringlichkeit (Gewicht 2)').selectOption('4');
    await sven.getByLabel('Umsetzbarkeit (Gewicht 2)').selectOption('3');
    await sven.getByLabel('Evidenz (Gewicht 1)').selectOption('2');
    await expect(sven.getByTestId('rating-preview')).toHaveText('Ergebnis: in hohem Maße steuerungsrelevant (Punktzahl 3,4)');
    await sven.getByLabel('Begründung der Einschätzung').fill('Hohe Reichweite, Mittel im Haushalt vorgesehen.');
    await sven.getByLabel('Datum der Sitzung').fill('12.03.2026');
    await sven.getByRole('button', { name: 'Einschätzung speichern (noch nicht veröffentlicht)' }).click();
    await expect(sven.getByTestId('rating-revisions')).toContainText('Fassung 1: in hohem Maße steuerungsrelevant');
    await expect(sven.getByTestId('rating-revisions')).toContainText('nicht veröffentlicht');

    // The working group does not see the unpublished rating …
    await tab(lea, 'Einschätzung').click();
    await expect(lea.getByTestId('published-rating')).toHaveText('Noch keine veröffentlichte Einschätzung.');
    await expect(lea.getByTestId('rating-revisions')).toHaveCount(0);
    // … until the Steuerungsgruppe publishes it; then it appears live.
    await sven.getByTestId('publish-rating').click();
    await expect(sven.getByTestId('rating-revisions')).toContainText('veröffentlicht am');
    await expect(lea.getByTestId('published-rating')).toContainText('in hohem Maße steuerungsrelevant (Punktzahl 3,4 von 4), Sitzung vom 12.03.2026');
    await expect(lea.getByTestId('published-rating')).toContainText('Hohe Reichweite, Mittel im Haushalt vorgesehen.');
    expect(await wcagViolations(sven)).toEqual([]);
  });

  test('a lead deletes a proposal to the recycle bin and restores it; others see “nicht gefunden” meanwhile', async ({ browser }) => {
    const lea = await signIn(browser, 'lea');
    const url = await createProposal(lea, 'Wohnen', 'Probeweise gelöschter Vorschlag');
    await expectSaved(lea);
    // A member may not delete.
    const mia = await signIn(browser, 'mia');
    await mia.goto(url);
    await tab(mia, 'Verwalten').click();
    await expect(mia.getByText('Löschen und Verschieben darf die Gruppenleitung.')).toBeVisible();

    await tab(lea, 'Verwalten').click();
    await lea.getByTestId('delete-proposal').click();
    await lea.getByRole('dialog', { name: '„Probeweise gelöschter Vorschlag“ in den Papierkorb legen?' }).getByTestId('confirm-delete').click();
    await expect(lea.getByRole('heading', { level: 1, name: 'Wohnen' })).toBeVisible();
    await expect(lea.getByTestId('proposal-list')).not.toContainText('Probeweise gelöschter Vorschlag');
    const bin = lea.getByRole('region', { name: 'Papierkorb' });
    await expect(bin).toContainText('Probeweise gelöschter Vorschlag');
    await expect(bin).toContainText('von lea');

    await expect(mia.getByRole('heading', { level: 1, name: 'Nicht gefunden' })).toBeVisible();
    await expect(mia.getByTestId('not-found')).toContainText('liegt seit');
    await expect(mia.getByTestId('not-found').getByRole('button', { name: 'Wiederherstellen' })).toHaveCount(0);

    await bin.getByRole('button', { name: 'Wiederherstellen: Probeweise gelöschter Vorschlag' }).click();
    await expect(lea.getByTestId('proposal-list')).toContainText('Probeweise gelöschter Vorschlag');
    await expect(mia.getByTestId('proposal-title')).toHaveValue('Probeweise gelöschter Vorschlag');
  });

  test('after the Kreistag the Stabsstelle tracks the implementation; search finds the proposal by its text and status', async ({ browser }) => {
    const lea = await signIn(browser, 'lea');
    const url = await createProposal(lea, 'Wohnen', 'Schuldnerberatung im Amt Geest');
    await typeAtEnd(lea, recommendation(lea), 'Sprechstunden in Barmstedt und Quickborn.');
    await expectSaved(lea);
    await decideProposal(lea);
    const stab = await signIn(browser, 'stab');
    await stab.goto(url);
    await changeStatus(stab, 'Einschätzung der Steuerungsgruppe', 'steuerungsgruppe');
    await changeStatus(stab, 'im Fokusbericht', 'im-bericht');
    await changeStatus(stab, 'vom Kreistag beschlossen', 'kreistag-beschlossen');
    await tab(stab, 'Umsetzung').click();
    await stab.getByLabel('Verantwortlich').fill('Fachdienst Soziales');
    await stab.getByLabel('Stand').fill('Räume angefragt');
    await stab.getByLabel('Fortschritt in Prozent').fill('25');
    await stab.getByLabel('Neue Fortschrittsnotiz').fill('Gespräch mit dem Amt am 3.4.');
    await stab.getByRole('button', { name: 'Umsetzung speichern' }).click();
    await expect(stab.getByText('Umsetzung gespeichert.')).toBeVisible();

    // The working group sees it live.
    await tab(lea, 'Umsetzung').click();
    const progress = lea.getByTestId('implementation');
    await expect(progress).toContainText('Fachdienst Soziales');
    await expect(progress).toContainText('Fortschritt: 25 %');
    await expect(progress.getByRole('progressbar')).toHaveAttribute('value', '25');
    await expect(progress).toContainText('Gespräch mit dem Amt am 3.4.');
    await expect(progress).toContainText('Stefanie Stab');

    await lea.getByRole('link', { name: 'Offene Punkte' }).click();
    await lea.getByRole('link', { name: 'Vorschläge suchen' }).click();
    await lea.getByLabel('Suchbegriff').fill('quickborn');
    await lea.getByLabel('Status').selectOption({ label: 'vom Kreistag beschlossen' });
    await lea.getByRole('button', { name: 'Suchen' }).click();
    const results = lea.getByTestId('search-results');
    await expect(lea.getByTestId('search-count')).toHaveText('1 Treffer');
    await expect(results.getByRole('link', { name: 'Schuldnerberatung im Amt Geest' })).toBeVisible();
    await expect(results).toContainText('Sprechstunden in Barmstedt und Quickborn.');
    await lea.getByLabel('Status').selectOption({ label: 'Entwurf' });
    await lea.getByRole('button', { name: 'Suchen' }).click();
    await expect(lea.getByTestId('search-count')).toHaveText('Keine Treffer.');
    expect(await wcagViolations(lea)).toEqual([]);
  });

  test('a mistyped address shows “nicht gefunden”, not an editable phantom', async ({ browser }) => {
    const mia = await signIn(browser, 'mia');
    await mia.goto(`${host.url}/#/group/wohnen/proposal/vertippt`);
    await expect(mia.getByRole('heading', { level: 1, name: 'Nicht gefunden' })).toBeVisible();
    await expect(mia.getByTestId('not-found')).toContainText('Diesen Vorschlag gibt es in dieser Arbeitsgruppe nicht.');
    await expect(mia.getByTestId('proposal-title')).toHaveCount(0);
    await expect(body(mia)).toHaveCount(0);
    await mia.goto(`${host.url}/#/group/wohnn`);
    await expect(mia.getByRole('heading', { level: 1, name: 'Nicht gefunden' })).toBeVisible();
    await expect(mia.getByTestId('not-found')).toContainText('Diese Arbeitsgruppe gibt es nicht.');
    expect(await wcagViolations(mia)).toEqual([]);
    await mia.getByRole('link', { name: 'Zu den Arbeitsgruppen' }).click();
    await expect(mia.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 })).toBeVisible();
  });
});
