import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { wcagViolations } from './support/axe';

/**
 * The first hour on a laptop and an iPad (issue 13): every view and dialog at 1280×800, 1024×768
 * and 768×1024, in German and English, without anything running off the side of the screen; touch
 * targets of at least 44×44 px at iPad sizes; axe on every view at iPad size; help, status and
 * renaming as a new person meets them. FIRST_HOUR_SHOTS=<dir> also saves a screenshot of each.
 */

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
] as const;
const PROPOSAL = '#/group/wohnen/proposal/seniorenwohnen-uetersen';
const SHOTS = process.env['FIRST_HOUR_SHOTS'];

type Lang = 'de' | 'en';
const say = (lang: Lang, de: string, en: string): string => (lang === 'de' ? de : en);

interface View {
  name: string;
  open: (page: Page, lang: Lang) => Promise<void>;
  /** Dialogs or forms opened from the view, each checked too; `close` leaves the view as it was. */
  dialogs?: { name: string; open: (page: Page, lang: Lang) => Promise<void>; close?: (page: Page) => Promise<void> }[];
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

async function h1(page: Page): Promise<void> {
  await expect(page.locator('h1').first()).toBeAttached();
  await expect(page.locator('.loading')).toHaveCount(0, { timeout: 20_000 });
}

const escape = async (page: Page): Promise<void> => {
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);
};

const helpDialog = {
  name: 'Hilfe',
  open: async (page: Page, lang: Lang) => {
    await page.getByRole('button', { name: say(lang, 'Hilfe', 'Help'), exact: true }).click();
    await expect(page.getByRole('dialog', { name: say(lang, 'Hilfe zu Fokuswerk', 'Help for Fokuswerk') })).toBeVisible();
  },
  close: escape,
};

const VIEWS: View[] = [
  {
    name: 'arbeitsgruppen',
    open: async (page) => {
      await go(page, '#/');
      await h1(page);
    },
    dialogs: [
      helpDialog,
      {
        name: 'person',
        open: async (page, lang) => {
          await page.getByTestId('user-name').click();
          await expect(page.getByRole('button', { name: say(lang, 'Namen ändern', 'Change name') })).toBeVisible();
        },
        close: async (page) => {
          await page.keyboard.press('Escape');
          await expect(page.getByTestId('user-name')).toBeFocused();
        },
      },
      {
        name: 'namen-aendern',
        open: async (page, lang) => {
          await page.getByTestId('user-name').click();
          await page.getByRole('button', { name: say(lang, 'Namen ändern', 'Change name') }).click();
          await expect(page.getByRole('dialog')).toBeVisible();
        },
        close: escape,
      },
    ],
  },
  {
    name: 'arbeitsgruppe',
    open: async (page) => {
      await go(page, '#/group/wohnen');
      await h1(page);
      await expect(page.getByTestId('proposal-list')).toBeVisible();
    },
    dialogs: [
      {
        name: 'neuer-vorschlag',
        open: async (page, lang) => {
          await page.getByRole('button', { name: say(lang, 'Neuer Vorschlag', 'New proposal') }).click();
          await expect(page.getByRole('button', { name: say(lang, 'Anlegen', 'Create') })).toBeVisible();
        },
        close: async (page) => {
          await page.locator('form .btn-secondary').first().click();
        },
      },
    ],
  },
  {
    name: 'vorschlag',
    open: async (page) => {
      await go(page, PROPOSAL);
      await expect(page.getByTestId('editor-body')).toBeVisible();
      await expect(page.getByTestId('editor-body').locator('.snapshot, figure, table').first()).toBeAttached();
    },
    dialogs: [
      {
        name: 'kennzahl-einfuegen',
        open: async (page, lang) => {
          await page.getByRole('button', { name: say(lang, 'Kennzahl einfügen', 'Insert indicator') }).first().click();
          await expect(page.getByRole('dialog').locator('table')).toBeVisible();
        },
        close: escape,
      },
    ],
  },
  {
    name: 'jahresbericht',
    open: async (page) => {
      await go(page, '#/report');
      await h1(page);
    },
  },
  {
    name: 'leseansicht',
    open: async (page, lang) => {
      await go(page, '#/report');
      await h1(page);
      await page.getByRole('link', { name: say(lang, 'Leseansicht', 'Reading view') }).click();
      await expect(page.locator('h1')).toBeVisible();
    },
  },
  {
    name: 'kennzahlen',
    open: async (page) => {
      await go(page, '#/indicators');
      await h1(page);
      await expect(page.getByRole('tab').first()).toBeVisible();
    },
    dialogs: [
      {
        name: 'statistik-importieren',
        open: async (page, lang) => {
          await page.getByRole('button', { name: say(lang, 'Statistik importieren', 'Import statistics') }).click();
          await expect(page.getByRole('dialog')).toBeVisible();
        },
        close: escape,
      },
    ],
  },
  {
    name: 'kennzahlen-rangfolge',
    open: async (page) => {
      await go(page, '#/indicators');
      await h1(page);
      await page.getByRole('tab').nth(1).click();
      await expect(page.getByRole('tab').nth(1)).toHaveAttribute('aria-selected', 'true');
    },
  },
  {
    name: 'kennzahlen-karte',
    open: async (page) => {
      await go(page, '#/indicators');
      await h1(page);
      await page.getByRole('tab').nth(2).click();
      await expect(page.getByRole('tab').nth(2)).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('svg path').first()).toBeAttached();
    },
  },
];

/**
 * What runs off the side: the page wider than the window, an open dialog wider than itself, and
 * every element reaching past the window's edge that no scrolling box of its own (a wide table's
 * scroll area) clips.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const problems: string[] = [];
    const describe = (el: Element): string => {
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
      const text = (el.textContent ?? '').trim().slice(0, 30);
      return `${el.tagName.toLowerCase()}${cls} "${text}"`;
    };
    if (document.documentElement.scrollWidth > vw) {
      problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${vw}px window`);
    }
    const dialog = document.querySelector('dialog[open]');
    if (dialog) {
      const body = dialog.querySelector('.dialog-body') ?? dialog;
      if (body.scrollWidth > body.clientWidth + 1) {
        problems.push(`dialog content is ${body.scrollWidth}px wide in ${body.clientWidth}px`);
      }
    }
    const reported = new Set<Element>();
    for (const el of Array.from((dialog ?? document.body).querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden')) {
        continue;
      }
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') {
          const ar = a.getBoundingClientRect();
          clipped = ar.right <= vw + 1 && ar.left >= -1;
          break;
        }
      }
      if (!clipped && (r.right > vw + 1 || r.left < -1) && !(el.parentElement && reported.has(el.parentElement))) {
        reported.add(el);
        problems.push(`${describe(el)} spans ${Math.round(r.left)}–${Math.round(r.right)}px`);
      }
    }
    return problems.slice(0, 12);
  });
}

/** Controls smaller than 44×44 px (links inside running text and the editor's text excepted). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const dialog = document.querySelector('dialog[open]');
    const selector = 'button, a[href], select, input:not([type=hidden]), textarea, summary, [role=tab], [role=button]';
    const small: string[] = [];
    for (const el of Array.from((dialog ?? document.body).querySelectorAll(selector))) {
      // Links in running text (paragraphs, definitions, table cells, captions) are exempt (WCAG
      // 2.5.5); so are the map's municipalities, which the ranking tab and the map's table offer
      // with full-size targets too; and the editor's own text.
      if ((el.tagName === 'A' && el.closest('p, dd, td, figcaption')) || el.closest('.ProseMirror') || el.closest('svg')) {
        continue;
      }
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || el.closest('.visually-hidden')) {
        continue;
      }
      // A checkbox or radio counts with its label around it.
      const target = (el.tagName === 'INPUT' && /checkbox|radio/.test((el as HTMLInputElement).type) ? el.closest('label') : null) ?? el;
      const tr = target.getBoundingClientRect();
      if (tr.width < 43.5 || tr.height < 43.5) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
        small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(tr.width)}×${Math.round(tr.height)}`);
      }
    }
    return small.slice(0, 15);
  });
}

/**
 * Problems found in other helpers' views while this test was written, reported to them (issue 13);
 * listed so the test still fails on anything new. Remove an entry when it is fixed.
 */
const KNOWN: readonly RegExp[] = [
  // report-2: the "Zum Vorschlag" link in a placed recommendation's footer (report.module.css .entryFooter).
  /^jahresbericht-\d+x\d+-(de|en): target smaller than 44×44 px: a "(Zum Vorschlag|Open proposal)"/,
];

async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.locator('header select').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

async function check(page: Page, label: string, size: { width: number; height: number }, findings: string[]): Promise<void> {
  // Layout settles after fonts and the router; a frame later is what a person sees.
  await page.waitForTimeout(150);
  for (const problem of await overflowing(page)) {
    findings.push(`${label}: ${problem}`);
  }
  if (size.width <= 1024) {
    for (const target of await smallTargets(page)) {
      findings.push(`${label}: target smaller than 44×44 px: ${target}`);
    }
  }
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/${label}.png`, fullPage: !(await page.locator('dialog[open]').count()) });
  }
}

test('no view or dialog scrolls sideways, and touch targets are large enough, at laptop and iPad sizes in both languages', async ({ browser, stack }) => {
  test.setTimeout(600_000);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
  }
  const foreign: string[] = [];
  const user = await openAs(browser, stack, 'Maren Voss-Johannsen', foreign);
  const page = user.page;
  page.setDefaultTimeout(15_000);
  const findings: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const lang of ['de', 'en'] as const) {
      await go(page, '#/');
      await setLanguage(page, lang);
      for (const view of VIEWS) {
        await view.open(page, lang);
        const label = `${view.name}-${size.width}x${size.height}-${lang}`;
        await check(page, label, size, findings);
        for (const dialog of view.dialogs ?? []) {
          await dialog.open(page, lang);
          await check(page, `${view.name}-${dialog.name}-${size.width}x${size.height}-${lang}`, size, findings);
          await dialog.close?.(page);
        }
      }
    }
  }
  if (SHOTS) {
    writeFileSync(`${SHOTS}/findings.txt`, findings.join('\n'));
  }
  expect(findings.filter((f) => !KNOWN.some((k) => k.test(f)))).toEqual([]);
  expect(foreign).toEqual([]);
  await user.context.close();
});

test('every view and dialog has no automatically detectable WCAG 2.1 AA violations at iPad size', async ({ browser, stack }) => {
  test.setTimeout(300_000);
  const foreign: string[] = [];
  const user = await openAs(browser, stack, 'Axe Tablet', foreign);
  const page = user.page;
  page.setDefaultTimeout(15_000);
  const findings: string[] = [];
  for (const size of [SIZES[2], SIZES[1]]) {
    await page.setViewportSize(size);
    for (const view of VIEWS) {
      await view.open(page, 'de');
      for (const v of await wcagViolations(page)) {
        findings.push(`${view.name} ${size.width}: ${v}`);
      }
      for (const dialog of view.dialogs ?? []) {
        await dialog.open(page, 'de');
        for (const v of await wcagViolations(page)) {
          findings.push(`${view.name}/${dialog.name} ${size.width}: ${v}`);
        }
        await dialog.close?.(page);
      }
    }
  }
  expect(findings).toEqual([]);
  expect(foreign).toEqual([]);
  await user.context.close();
});

test('a new person finds help by keyboard, can cancel renaming, and sees where the work is on every view', async ({ browser, stack }) => {
  const foreign: string[] = [];
  const user = await openAs(browser, stack, '🧑🏽‍💻 Jana Ørsted', foreign);
  const page = user.page;
  page.setDefaultTimeout(15_000);
  await page.setViewportSize({ width: 768, height: 1024 });

  // Help: reached with Tab from the top of the page, opened with Enter, closed with Escape.
  const helpButton = page.getByRole('button', { name: 'Hilfe', exact: true });
  for (let i = 0; i < 15 && !(await helpButton.evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  await expect(helpButton).toBeFocused();
  await page.keyboard.press('Enter');
  const help = page.getByRole('dialog', { name: 'Hilfe zu Fokuswerk' });
  await expect(help.getByText('Erste Schritte')).toBeVisible();
  await expect(help.locator('dt', { hasText: 'Schnappschuss' })).toBeAttached();
  await expect(help.locator('tr', { hasText: 'geheim' }).locator('code')).toHaveText('.');
  await expect(help.locator('tr', { hasText: 'nichts vorhanden' }).locator('code')).toHaveText('-');
  await expect(help.locator('dt', { hasText: 'abgeleitet' })).toBeAttached();
  await expect(help.locator('dt', { hasText: 'Stand' })).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(helpButton).toBeFocused();

  // The "?" beside the status opens the help at what the status words mean.
  await page.getByRole('button', { name: 'Was bedeutet „Gespeichert“?' }).click();
  await expect(help.locator('#help-term-saved')).toBeFocused();
  await expect(help.locator('#help-term-saved')).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Renaming can be cancelled, and the full name is in the person's panel.
  await page.getByTestId('user-name').click();
  await expect(page.locator('p', { hasText: '🧑🏽‍💻 Jana Ørsted' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Namen ändern' }).click();
  const rename = page.getByRole('dialog', { name: 'Namen ändern' });
  await rename.getByLabel(/^Ihr Anzeigename/).fill('Jemand ganz anderes');
  await rename.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByTestId('user-name')).toContainText('🧑🏽‍💻 Jana Ørsted');
  await expect(page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 })).toBeVisible();

  // The title field says its limit while typing.
  await page.goto(`${stack.host.url}/#/group/armut`);
  await page.getByRole('button', { name: 'Neuer Vorschlag' }).click();
  await page.getByLabel('Titel des Vorschlags').fill('x'.repeat(250));
  await expect(page.getByLabel('Titel des Vorschlags')).toHaveValue('x'.repeat(200));
  await expect(page.getByText('Höchstens 200 Zeichen – weitere werden nicht übernommen.')).toBeVisible();
  await page.getByRole('button', { name: 'Abbrechen' }).click();

  // The status is in the header on every view, in words: offline on the start page too, and
  // where unsent changes are kept.
  const status = page.getByTestId('app-status');
  await page.goto(`${stack.host.url}/#/`);
  await expect(status).toHaveText('Gespeichert');
  await user.context.setOffline(true);
  await expect(status).toHaveText('Offline – Änderungen bleiben auf diesem Gerät');
  await page.evaluate((h) => {
    window.location.hash = h;
  }, PROPOSAL);
  const clock = (): Promise<string> => page.evaluate(() => new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit' }).format(new Date()));
  const editor = page.getByTestId('editor-recommendation');
  await editor.click();
  await page.keyboard.press('Control+End');
  const before = await clock();
  await page.keyboard.type(' Offline ergänzt.');
  const after = await clock();
  await expect(page.getByTestId('sync-status')).toHaveText(/^Offline – auf diesem Gerät gespeichert seit \d\d:\d\d$/);
  await page.evaluate(() => {
    window.location.hash = '#/indicators';
  });
  await expect(status).toHaveText(new RegExp(`^Offline – auf diesem Gerät gespeichert seit (${before}|${after})$`));
  await user.context.setOffline(false);
  await expect(status).toHaveText('Gespeichert', { timeout: 20_000 });
  expect(foreign).toEqual([]);
  await user.context.close();
});
