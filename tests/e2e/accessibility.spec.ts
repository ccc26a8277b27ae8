import { test, expect, openAs } from './support/fixtures';
import { openReport } from './support/app';
import { wcagViolations } from './support/axe';

/**
 * WCAG 2.1 AA (BITV 2.0) on the main views, checked by axe-core in Chromium. Automated checks find
 * only part of the problems; keyboard use is covered by the other specs.
 */
test('the main views have no automatically detectable WCAG 2.1 AA violations', async ({ browser, stack }) => {
  const foreign: string[] = [];
  const user = await openAs(browser, stack, 'Barrierefrei Testperson', foreign);
  const page = user.page;
  expect(await wcagViolations(page), 'Arbeitsgruppen').toEqual([]);

  await page.getByRole('link', { name: /^Wohnen/ }).click();
  await expect(page.getByRole('heading', { name: 'Wohnen', level: 1 })).toBeVisible();
  expect(await wcagViolations(page), 'Arbeitsgruppe').toEqual([]);

  await page.getByRole('link', { name: /Barrierearmes Wohnen/ }).click();
  await expect(page.getByTestId('editor-body')).toBeVisible();
  expect(await wcagViolations(page), 'Vorschlag').toEqual([]);

  await page.getByRole('button', { name: 'Kennzahl einfügen' }).click();
  await expect(page.getByRole('dialog').locator('table')).toBeVisible();
  expect(await wcagViolations(page), 'Kennzahl-Dialog').toEqual([]);
  await page.getByRole('button', { name: 'Abbrechen' }).click();

  await openReport(page);
  expect(await wcagViolations(page), 'Jahresbericht').toEqual([]);

  await page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kennzahlen', level: 1 })).toBeVisible();
  expect(await wcagViolations(page), 'Kennzahlen').toEqual([]);
  for (const tab of ['Rangfolge der Gemeinden', 'Karte']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    expect(await wcagViolations(page), tab).toEqual([]);
  }
  expect(foreign).toEqual([]);
  await user.context.close();
});

/** Keyboard only: from the start page to a new proposal with text, without touching the mouse. */
test('a proposal can be created and written with the keyboard alone', async ({ browser, stack }) => {
  const foreign: string[] = [];
  const user = await openAs(browser, stack, 'Tastatur Testperson', foreign);
  const page = user.page;
  const tabTo = async (name: RegExp): Promise<void> => {
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''}` : '';
      });
      if (name.test(focused)) {
        return;
      }
    }
    throw new Error(`${name} not reachable with Tab`);
  };
  await tabTo(/^\s*Wohnen/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Wohnen', level: 1 })).toBeVisible();
  await tabTo(/Neuer Vorschlag/);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Tastatur-Vorschlag');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('proposal-title')).toHaveValue('Tastatur-Vorschlag');
  await tabTo(/Vorschlag.*Text eingeben|^Vorschlag/);
  await page.keyboard.type('Geschrieben ohne Maus.');
  await expect(page.getByTestId('editor-body')).toContainText('Geschrieben ohne Maus.');
  expect(foreign).toEqual([]);
  await user.context.close();
});
