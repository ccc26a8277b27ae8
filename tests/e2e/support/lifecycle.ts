import { expect, type Page } from '@playwright/test';

/** The open proposal's status badge (in the status panel). */
export function statusBadge(page: Page) {
  return page.getByTestId('lifecycle-status').first();
}

/** Changes the open proposal's status with the status panel's button, and waits for the server's answer. */
export async function changeStatus(page: Page, label: string, status: string): Promise<void> {
  await page.getByRole('button', { name: `Ändern in: ${label}`, exact: true }).click();
  await expect(statusBadge(page)).toHaveAttribute('data-status', status);
}

/** Puts the open draft to the vote and decides it (as the group's lead, or anyone without accounts). */
export async function decideProposal(page: Page): Promise<void> {
  await changeStatus(page, 'in Abstimmung in der AG', 'in-abstimmung');
  await changeStatus(page, 'von der AG beschlossen', 'ag-beschlossen');
}
