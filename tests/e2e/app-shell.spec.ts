import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { body, createProposal, expectSaved, syncStatus, typeAtEnd } from './support/app';
import { startHttpsHost, tempDir } from './support/processes';

/** Waits until the app shell (service worker) controls the page, i.e. the next load can come from it. */
async function appShellInControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });
}

test('a device that opened the app before starts it offline and reads its local copies', async ({ browser, stack }) => {
  const foreign: string[] = [];
  const user = await openAs(browser, stack, 'Inga Thomsen', foreign);
  const url = await createProposal(user.page, 'Armut', `Armut: Offline-Start ${Date.now()}`);
  await typeAtEnd(user.page, body(user.page), 'Vor dem Netzausfall geschrieben.');
  await expectSaved(user.page);
  await appShellInControl(user.page);

  await user.context.setOffline(true);
  await user.page.reload();
  // The app shell, not the browser's error page: the proposal from the local copy, marked offline.
  await expect(body(user.page)).toContainText('Vor dem Netzausfall geschrieben.');
  await expect(syncStatus(user.page)).toHaveAttribute('data-connection', 'offline');
  // The group overview comes from the local copies too.
  await user.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Arbeitsgruppen' }).click();
  await expect(user.page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 })).toBeVisible();
  await expect(user.page.getByRole('link', { name: /^Armut/ })).toBeVisible();

  // Back online, it connects again and keeps working.
  await user.context.setOffline(false);
  await user.page.goto(url);
  await typeAtEnd(user.page, body(user.page), ' Wieder online.');
  await expectSaved(user.page);
  expect(user.page.url()).toBe(url);
  expect(foreign).toEqual([]);
  await user.context.close();
});

test('the app shell keeps one versioned cache of the build, without sync or API answers', async ({ browser, stack }) => {
  const foreign: string[] = [];
  const user = await openAs(browser, stack, 'Nils Jessen', foreign);
  await appShellInControl(user.page);
  const shellCaches = await user.page.evaluate(async () => (await caches.keys()).filter((key) => key.startsWith('fokuswerk-shell-')));
  // One versioned cache for this build; sync and API answers are not in it.
  expect(shellCaches).toHaveLength(1);
  const cached = await user.page.evaluate(async (name) => {
    const cache = await caches.open(name);
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  }, shellCaches[0] ?? '');
  expect(cached).toContain('/');
  expect(cached.some((p) => p.startsWith('/assets/') && p.endsWith('.js'))).toBe(true);
  expect(cached.filter((p) => p.startsWith('/api/') || p.startsWith('/sync'))).toEqual([]);
  await user.context.close();
});

const OPENSSL = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((file) => existsSync(file));

/** Base64 SHA-256 of a certificate's public key, as Chromium's --ignore-certificate-errors-spki-list wants it. */
function spkiHash(certFile: string): string {
  const der = new X509Certificate(readFileSync(certFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

test('served over HTTPS to the LAN, the app shell starts offline too', async ({ playwright, launchOptions }) => {
  test.skip(!OPENSSL, 'openssl fehlt / is missing: kein Testzertifikat / cannot make a test certificate');
  const dir = tempDir('tls');
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const made = spawnSync(OPENSSL ?? 'openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=fokuswerk.test', '-addext', 'subjectAltName=DNS:fokuswerk.test,IP:127.0.0.1'], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);

  const host = await startHttpsHost(tempDir('host-tls'), cert, key);
  // The device trusts this certificate, as an iPad does after its profile is installed (browsers
  // refuse service workers on pages with certificate errors).
  const browser = await playwright.chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), `--ignore-certificate-errors-spki-list=${spkiHash(cert)}`] });
  try {
    expect(host.url).toMatch(/^https:\/\//);
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url);
    await page.getByLabel('Ihr Anzeigename').fill('Frauke Möller');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 })).toBeVisible();
    // The embedded sync server answers over wss:// on the same origin.
    await createProposal(page, 'Armut', `Armut: über HTTPS ${Date.now()}`);
    await typeAtEnd(page, body(page), 'Über HTTPS geschrieben.');
    await expectSaved(page);
    await appShellInControl(page);

    await context.setOffline(true);
    await page.reload();
    await expect(body(page)).toContainText('Über HTTPS geschrieben.');
    await expect(syncStatus(page)).toHaveAttribute('data-connection', 'offline');
    expect(errors).toEqual([]);
    await context.close();
  } finally {
    await browser.close();
    await host.stop();
  }
});
