import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { wcagViolations } from './support/axe';
import { test, expect, type Stack, type User } from './support/fixtures';

/**
 * A whole workshop session in Chromium against the real sync server and browser-mode host: a
 * moderator (laptop) with the projector in a second window, and two participants in their own
 * browser contexts — Paula on an iPad whose clock is 5 minutes fast, Piet on a phone. From the
 * agenda to the protocol, with a step back, a reconnect mid-vote and a proposal from a cluster.
 */

const SKEW_MS = 5 * 60_000;
const SHOTS = process.env['WORKSHOP_SHOTS'];

/** Overrides Date in the page so its clock runs `skew` ms ahead (as on a badly set device). */
function skewClock(skew: number): string {
  return `(() => {
    const RealDate = Date;
    class SkewedDate extends RealDate {
      constructor(...args) { if (args.length === 0) { super(RealDate.now() + ${skew}); } else { super(...args); } }
      static now() { return RealDate.now() + ${skew}; }
    }
    globalThis.Date = SkewedDate;
  })();`;
}

async function open(browser: Browser, stack: Stack, name: string, foreign: string[], options: { viewport: { width: number; height: number }; skew?: number }): Promise<User> {
  const context = await browser.newContext({ viewport: options.viewport, hasTouch: options.viewport.width < 1000 });
  if (options.skew !== undefined) {
    await context.addInitScript(skewClock(options.skew));
  }
  const allowed = new Set([new URL(stack.host.url).host, new URL(stack.sync.url.replace(/^ws/, 'http')).host]);
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && !allowed.has(url.host)) {
      foreign.push(request.url());
    }
  });
  const page = await context.newPage();
  await page.goto(stack.host.url);
  await page.getByLabel('Ihr Anzeigename').fill(name);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 })).toBeVisible();
  return { name, context, page };
}

async function remainingMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('workshop-timer').first().getAttribute('data-remaining-ms'));
}

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
];

/** With WORKSHOP_SHOTS=<folder>: screenshots of the page at laptop, small laptop and iPad sizes (then back to its size). */
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) {
    return;
  }
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  for (const viewport of size !== null && size.width < 768 ? [size] : SIZES) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${SHOTS}/${name}-${viewport.width}x${viewport.height}.png`, fullPage: false });
  }
  if (size !== null) {
    await page.setViewportSize(size);
  }
}

test.describe.serial('a workshop session from agenda to protocol', () => {
  const foreign: string[] = [];
  let mona: User;
  let paula: User;
  let piet: User;
  let projector: Page;
  let code = '';
  let consoleUrl = '';

  test.beforeAll(async ({ browser, stack }) => {
    mona = await open(browser, stack, 'Mona Moderatorin', foreign, { viewport: { width: 1280, height: 800 } });
    paula = await open(browser, stack, 'Paula Pahl', foreign, { viewport: { width: 768, height: 1024 }, skew: SKEW_MS });
    piet = await open(browser, stack, 'Piet Peters', foreign, { viewport: { width: 390, height: 844 } });
  });

  test.afterEach(() => {
    expect(foreign, 'requests to hosts other than the app and its sync server').toEqual([]);
  });

  test.afterAll(async () => {
    for (const user of [mona, paula, piet]) {
      await user?.context.close();
    }
  });

  test('the moderator prepares a session for the group with an agenda', async () => {
    const page = mona.page;
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Workshops' }).click();
    await expect(page.getByRole('heading', { name: 'Workshops', level: 1 })).toBeVisible();
    await page.getByLabel('Arbeitsgruppe').selectOption({ label: 'Wohnen' });
    await page.getByRole('button', { name: 'Sitzung vorbereiten' }).click();
    await page.getByLabel('Titel der Sitzung').fill('Fokusgruppe Wohnen März');
    const items: [string, string, string][] = [
      ['Ideen sammeln', 'Kartenabfrage', '10'],
      ['Gewichten', 'Punktabfrage', '5'],
      ['Stimmung', 'Blitzlicht', '3'],
      ['Maßnahmen', 'Maßnahmenplan', '10'],
    ];
    for (const [i, [title, method, minutes]] of items.entries()) {
      if (i > 0) {
        await page.getByRole('button', { name: 'Punkt hinzufügen' }).click();
      }
      await page.getByLabel(`Punkt ${i + 1}: Titel`).fill(title);
      const row = page.locator('li', { has: page.getByLabel(`Punkt ${i + 1}: Titel`) });
      await row.getByLabel('Methode').selectOption({ label: method });
      await row.getByLabel('Minuten').fill(minutes);
    }
    await page.locator('li', { has: page.getByLabel('Punkt 1: Titel') }).getByLabel('Frage (für Karten und Blitzlicht)').fill('Was fehlt beim Wohnen im Kreis?');
    await shot(page, 'prepare');
    await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
    await expect(page.getByRole('heading', { name: 'Fokusgruppe Wohnen März', level: 1 })).toBeVisible();
    consoleUrl = page.url();
    code = ((await page.getByTestId('join-code').textContent()) ?? '').replace('Code: ', '').trim();
    expect(code).toMatch(/^[A-Z0-9]{4,16}$/);
    await expect(page.getByTestId('workshop-qr')).toBeVisible();
  });

  test('the projector and two participants join; the moderator starts; timers agree despite a 5-minute clock error', async ({ stack }) => {
    projector = await mona.context.newPage();
    await projector.goto(consoleUrl.replace('/moderate', '/projector'));
    await expect(projector.getByTestId('projector-code')).toHaveText(code);
    await expect(projector.getByRole('img', { name: 'QR-Code zum Teilnehmen' })).toBeVisible();

    for (const user of [paula, piet]) {
      await user.page.goto(`${stack.host.url}/#/workshop/join/${code}`);
      await expect(user.page.getByTestId('participant-item')).toHaveText('Gleich geht es los.');
    }
    await expect(mona.page.getByText('3 Personen anwesend')).toBeVisible();

    await mona.page.getByRole('button', { name: 'Sitzung beginnen' }).click();
    for (const page of [paula.page, piet.page, projector]) {
      await expect(page.getByText('Ideen sammeln').first()).toBeVisible();
    }
    // Paula's device clock is 5 minutes ahead; both show the server's remaining time.
    await expect(paula.page.getByTestId('workshop-timer')).toBeVisible();
    const mine = await remainingMs(mona.page);
    const hers = await remainingMs(paula.page);
    expect(mine).toBeGreaterThan(9 * 60_000);
    expect(Math.abs(mine - hers), `moderator ${mine} ms, skewed iPad ${hers} ms`).toBeLessThanOrEqual(1000);
    // The skew is real in that page: its own clock is 5 minutes ahead of the moderator's.
    const paulaNow = await paula.page.evaluate(() => Date.now());
    expect(paulaNow - Date.now()).toBeGreaterThan(SKEW_MS - 10_000);
  });

  test('cards arrive hidden, are revealed and clustered', async () => {
    const add = async (page: Page, text: string): Promise<void> => {
      await page.getByLabel('Ihre Karte (eine Idee pro Karte)').fill(text);
      await page.getByRole('button', { name: 'Karte abgeben' }).click();
      await expect(page.getByTestId('own-cards')).toContainText(text);
    };
    await add(paula.page, 'Mehr bezahlbare Wohnungen');
    await add(paula.page, 'Busse am Abend');
    await add(piet.page, 'Wohnraum für Azubis');
    await expect(piet.page.getByTestId('cards-left')).toHaveText('Noch 4 Karten möglich.');
    await expect(projector.getByTestId('projector-card-count')).toHaveText('3 Karten abgegeben');
    // Hidden cards: counted, never shown (not even to the moderator).
    await expect(mona.page.getByTestId('card-count')).toHaveText('Karten: 3, davon verdeckt: 3');
    await expect(projector.getByText('Busse am Abend')).toHaveCount(0);
    await shot(piet.page, 'participant-cards');
    await shot(paula.page, 'participant-cards');

    await mona.page.getByRole('button', { name: 'Karten aufdecken' }).click();
    await expect(projector.getByText('Busse am Abend')).toBeVisible();
    await mona.page.getByText('Neues Thema').click();
    for (const name of ['Wohnraum', 'Mobilität']) {
      await mona.page.getByLabel('Name des Themas').fill(name);
      await mona.page.getByRole('button', { name: 'Thema anlegen' }).click();
      await expect(projector.getByRole('heading', { name, level: 3 })).toBeVisible();
    }
    await mona.page.getByLabel('Thema für „Mehr bezahlbare Wohnungen“').selectOption({ label: 'Wohnraum' });
    await mona.page.getByLabel('Thema für „Wohnraum für Azubis“').selectOption({ label: 'Wohnraum' });
    await mona.page.getByLabel('Thema für „Busse am Abend“').selectOption({ label: 'Mobilität' });
    await expect(projector.getByRole('region', { name: 'Wohnraum' })).toContainText('Wohnraum für Azubis');
    await expect(projector.getByRole('region', { name: 'Mobilität' })).toContainText('Busse am Abend');
    // A topic made by mistake is merged into another; a name is corrected.
    await mona.page.getByLabel('Name des Themas').fill('Verkehr');
    await mona.page.getByRole('button', { name: 'Thema anlegen' }).click();
    await expect(projector.getByRole('heading', { name: 'Verkehr', level: 3 })).toBeVisible();
    await mona.page.getByLabel('„Verkehr“ zusammenführen mit').selectOption({ label: 'Mobilität' });
    await mona.page.getByRole('listitem').filter({ has: mona.page.getByLabel('„Verkehr“ zusammenführen mit') }).getByRole('button', { name: 'Zusammenführen' }).click();
    await expect(projector.getByRole('heading', { name: 'Verkehr', level: 3 })).toHaveCount(0);
    await mona.page.getByLabel('Name von „Mobilität“').fill('Mobilität im Alltag');
    await mona.page.getByRole('listitem').filter({ has: mona.page.getByLabel('Name von „Mobilität“') }).getByRole('button', { name: 'Umbenennen' }).click();
    await expect(projector.getByRole('region', { name: 'Mobilität im Alltag' })).toContainText('Busse am Abend');
    await mona.page.getByLabel('Name von „Mobilität im Alltag“').fill('Mobilität');
    await mona.page.getByRole('listitem').filter({ has: mona.page.getByLabel('Name von „Mobilität im Alltag“') }).getByRole('button', { name: 'Umbenennen' }).click();
    await expect(projector.getByRole('region', { name: 'Mobilität', exact: true })).toContainText('Busse am Abend');
    await shot(projector, 'projector-cards');
    await shot(mona.page, 'console-cards');
    for (const page of [mona.page, projector, paula.page, piet.page]) {
      expect(await wcagViolations(page), page.url()).toEqual([]);
    }
  });

  test('the moderator goes back a phase and forward again', async () => {
    await mona.page.getByRole('button', { name: 'Nächster Punkt' }).click();
    await expect(paula.page.getByTestId('participant-item')).toHaveText('Gewichten');
    await mona.page.getByRole('button', { name: 'Einen Punkt zurück' }).click();
    for (const page of [paula.page, piet.page]) {
      await expect(page.getByTestId('participant-item')).toHaveText('Ideen sammeln');
    }
    await expect(projector.getByTestId('projector-item')).toHaveText('Ideen sammeln');
    // Back means paused, with the time the item had left; the cards are still there.
    await expect(mona.page.getByTestId('workshop-timer')).toHaveAttribute('data-state', 'paused');
    await expect(paula.page.getByTestId('own-cards')).toContainText('Busse am Abend');
    // The step back is on record, with who did it.
    await mona.page.getByText('Verlauf').click();
    await expect(mona.page.getByTestId('workshop-log').locator('li').first()).toContainText('Mona Moderatorin: Einen Punkt zurück');
    await mona.page.getByRole('button', { name: 'Nächster Punkt' }).click();
    await expect(projector.getByTestId('projector-item')).toHaveText('Gewichten');
  });

  test('dot vote: within the budget, a reconnect keeps the dots, results only after the close', async () => {
    await expect(paula.page.getByText('Die Abstimmung ist noch nicht geöffnet.')).toBeVisible();
    await mona.page.getByRole('button', { name: 'Abstimmung öffnen' }).click();
    await expect(paula.page.getByTestId('dots-left')).toHaveText('Noch 5 von 5 Punkten');
    const give = async (page: Page, cluster: string): Promise<void> => {
      const before = await page.getByTestId('dots-left').textContent();
      await page.getByRole('button', { name: `Punkt für „${cluster}“ setzen` }).click();
      await expect(page.getByTestId('dots-left')).not.toHaveText(before ?? '');
    };
    await give(paula.page, 'Wohnraum');
    await give(paula.page, 'Wohnraum');
    await give(paula.page, 'Mobilität');
    await give(piet.page, 'Wohnraum');
    await expect(paula.page.getByTestId('dots-left')).toHaveText('Noch 2 von 5 Punkten');
    await expect(mona.page.getByTestId('vote-progress')).toHaveText('Abstimmung läuft: 4 Punkte von 2 Personen');
    // No distribution anywhere before the close.
    await expect(projector.getByTestId('cluster-dots')).toHaveCount(0);
    await shot(paula.page, 'participant-vote');
    expect(await wcagViolations(paula.page)).toEqual([]);

    // Paula's iPad loses the page (reload = reconnect): she is the same participant with the same dots.
    await paula.page.reload();
    await expect(paula.page.getByTestId('dots-left')).toHaveText('Noch 2 von 5 Punkten');
    const wohnraum = paula.page.getByTestId('vote-row').filter({ hasText: 'Wohnraum' });
    await expect(wohnraum.getByTestId('my-dots')).toHaveText('2 Punkte von Ihnen');
    await expect(mona.page.getByText('3 Personen anwesend')).toBeVisible();

    // Otto has no device: the moderator adds him and gives his dot for him (recorded as by proxy).
    await mona.page.getByLabel('Name', { exact: true }).fill('Otto Ohlsen');
    await mona.page.getByRole('button', { name: 'Person hinzufügen' }).click();
    await expect(mona.page.getByText('4 Personen anwesend')).toBeVisible();
    await mona.page.getByLabel('Stellvertretend für').selectOption({ label: 'Otto Ohlsen' });
    await mona.page.getByLabel('Thema', { exact: true }).selectOption({ label: 'Mobilität' });
    await mona.page.getByRole('button', { name: 'Punkt geben' }).click();
    await expect(mona.page.getByTestId('vote-progress')).toHaveText('Abstimmung läuft: 5 Punkte von 3 Personen');

    await mona.page.getByRole('button', { name: 'Abstimmung schließen' }).click();
    const results = projector.getByTestId('vote-results');
    await expect(results.locator('li').first()).toContainText('Wohnraum');
    await expect(results.locator('li').first()).toContainText('3 Punkte');
    await expect(results.locator('li').nth(1)).toContainText('Mobilität');
    await expect(results.locator('li').nth(1)).toContainText('2 Punkte (davon 1 stellvertretend)');
    await expect(piet.page.getByTestId('vote-results')).toContainText('3 Punkte');
    await shot(projector, 'projector-results');
  });

  test('Blitzlicht and the action plan', async () => {
    await mona.page.getByRole('button', { name: 'Nächster Punkt' }).click();
    await paula.page.getByLabel('Ihre Antwort (ein kurzer Satz)').fill('Gute Runde');
    await paula.page.getByRole('button', { name: 'Antwort senden' }).click();
    await expect(paula.page.getByText('Ihre Antwort: Gute Runde')).toBeVisible();
    await mona.page.getByRole('button', { name: 'Antworten zeigen' }).click();
    await expect(projector.getByText('Gute Runde')).toBeVisible();

    await mona.page.getByRole('button', { name: 'Nächster Punkt' }).click();
    await mona.page.getByLabel('Was', { exact: true }).fill('Wohnraumbörse aufbauen');
    await mona.page.getByLabel('Wer', { exact: true }).selectOption({ label: 'Paula Pahl' });
    await mona.page.getByLabel('Bis wann').fill('2026-06-30');
    await mona.page.getByRole('button', { name: 'Maßnahme aufnehmen' }).click();
    await expect(projector.getByText('Wohnraumbörse aufbauen – Paula Pahl')).toBeVisible();
  });

  test('a proposal from a cluster lands in the working group, linked to the session', async () => {
    await mona.page.getByRole('button', { name: 'Vorschlag aus Thema: Wohnraum' }).click();
    await expect(mona.page.getByText('Vorschlag „Wohnraum“ in der Arbeitsgruppe angelegt.')).toBeVisible();
    await mona.page.getByRole('link', { name: 'Vorschlag öffnen' }).click();
    await expect(mona.page.getByTestId('proposal-title')).toHaveValue('Wohnraum');
    await expect(mona.page.getByTestId('editor-body')).toContainText('Aus der Sitzung „Fokusgruppe Wohnen März“');
    await expect(mona.page.getByTestId('editor-body')).toContainText('(3 Punkte)');
    await expect(mona.page.getByTestId('editor-body')).toContainText('Wohnraum für Azubis');
    await mona.page.goto(consoleUrl);
    await expect(mona.page.getByTestId('current-item')).toHaveText('Maßnahmen');
  });

  test('closing the session produces the protocol, which is exported', async () => {
    await mona.page.getByRole('button', { name: 'Sitzung abschließen' }).click();
    await mona.page.getByRole('alertdialog').getByRole('button', { name: 'Sitzung abschließen' }).click();
    await expect(paula.page.getByTestId('participant-item')).toHaveText('Die Sitzung ist abgeschlossen. Danke!');
    const protocol = mona.page.getByTestId('workshop-protocol');
    await expect(protocol).toContainText('Fokusgruppe Wohnen März');
    await expect(protocol).toContainText('Wohnraum – 3 Punkte');
    await expect(protocol).toContainText('Wohnraumbörse aufbauen');
    await expect(protocol).toContainText('Gute Runde');
    await shot(mona.page, 'console-protocol');
    expect(await wcagViolations(mona.page)).toEqual([]);
    const download = mona.page.waitForEvent('download');
    await mona.page.getByRole('button', { name: 'Protokoll herunterladen (HTML)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Protokoll-\d{4}-\d{2}-\d{2}-Fokusgruppe-Wohnen-M.rz\.html$/);
    const html = await (await file.createReadStream()).toArray();
    const text = Buffer.concat(html).toString('utf8');
    expect(text).toContain('<html lang="de">');
    expect(text).toContain('Wohnraumbörse aufbauen');
    expect(text).not.toContain('<script');

    // The PDF, printed by the host with the report's engine, from the protocol as shown.
    const pdfDownload = mona.page.waitForEvent('download');
    await mona.page.getByRole('button', { name: 'Als PDF herunterladen' }).click();
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toBe('Protokoll-Fokusgruppe-Wohnen-März.pdf');
    const bytes = Buffer.concat(await (await pdf.createReadStream()).toArray());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfFile = path.join(mkdtempSync(path.join(tmpdir(), 'protokoll-')), 'protokoll.pdf');
    writeFileSync(pdfFile, bytes);
    const pdfText = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Fokusgruppe Wohnen März');
    expect(pdfText).toContain('Wohnraumbörse aufbauen');
  });
});
