import { expect, type Locator, type Page } from '@playwright/test';

/** Creates a proposal in a working group through the UI and returns the proposal page's URL. */
export async function createProposal(page: Page, groupName: string, title: string): Promise<string> {
  await page.getByRole('link', { name: 'Arbeitsgruppen', exact: true }).click();
  await page.getByRole('link', { name: new RegExp(`^${groupName}`) }).click();
  await expect(page.getByRole('heading', { name: groupName, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Neuer Vorschlag' }).click();
  await page.getByLabel('Titel des Vorschlags').fill(title);
  await page.getByRole('button', { name: 'Anlegen' }).click();
  await expect(page.getByTestId('proposal-title')).toHaveValue(title);
  return page.url();
}

/** The editable body ("Vorschlag") of the open proposal. */
export function body(page: Page): Locator {
  return page.getByTestId('editor-body');
}

/** The editable recommendation ("Handlungsempfehlung") of the open proposal. */
export function recommendation(page: Page): Locator {
  return page.getByTestId('editor-recommendation');
}

/** Types at the end of an editor, as a person would. */
export async function typeAtEnd(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** The sync status of the open document. */
export function syncStatus(page: Page): Locator {
  return page.getByTestId('sync-status').first();
}

/** Waits until the server has confirmed every local change of the open document. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(syncStatus(page)).toHaveAttribute('data-connection', 'connected');
  await expect(syncStatus(page)).toHaveAttribute('data-unsynced', '0');
  await expect(syncStatus(page)).toContainText('Gespeichert');
}

/**
 * The document's content as HTML, without what differs per client: remote carets, ProseMirror's
 * layout helpers, chart drawings (their data table stays), placeholders, classes and styles.
 */
export function documentHtml(editor: Locator): Promise<string> {
  return editor.evaluate((el) => {
    const clone = el.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.collab-caret, .ProseMirror-separator, .ProseMirror-trailingBreak, .series-chart').forEach((n) => n.remove());
    clone.querySelectorAll('*').forEach((n) => {
      for (const attr of ['class', 'style', 'data-placeholder']) {
        n.removeAttribute(attr);
      }
    });
    return clone.innerHTML;
  });
}

/** Opens the annual report draft through the main navigation. */
export async function openReport(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: /^Jahresbericht/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Sozialbericht|Jahresbericht/ })).toBeVisible();
}
