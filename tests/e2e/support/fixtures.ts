import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startHost, startSyncServer, tempDir, type RunningProcess } from './processes';

/** The real parts of one test: a sync server process and a browser-mode host process using it. */
export interface Stack {
  sync: RunningProcess;
  host: RunningProcess;
  syncDataDir: string;
  /** Restarts the sync server on the same port and data, as after a crash or an update. */
  restartSync(signal?: NodeJS.Signals): Promise<void>;
  stopSync(signal?: NodeJS.Signals): Promise<void>;
  startSync(): Promise<void>;
}

/** A person using the app in their own browser context (own IndexedDB, own network). */
export interface User {
  name: string;
  context: BrowserContext;
  page: Page;
}

async function startStack(): Promise<Stack> {
  const syncDataDir = tempDir('sync');
  let sync = await startSyncServer(syncDataDir);
  const host = await startHost(tempDir('host'), sync.url);
  const stack: Stack = {
    get sync() {
      return sync;
    },
    host,
    syncDataDir,
    stopSync: (signal) => sync.stop(signal),
    startSync: async () => {
      sync = await startSyncServer(syncDataDir, sync.port);
    },
    restartSync: async (signal) => {
      await stack.stopSync(signal);
      await stack.startSync();
    },
  };
  return stack;
}

/**
 * Opens the app as a new person. Every request the page makes is checked: only the app's own host
 * and the sync server may be contacted (no fonts, scripts or telemetry from third parties).
 */
export async function openAs(browser: Browser, stack: Stack, name: string, foreign: string[]): Promise<User> {
  const context = await browser.newContext();
  const allowed = new Set([new URL(stack.host.url).host, new URL(stack.sync.url.replace(/^ws/, 'http')).host]);
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && !allowed.has(url.host)) {
      foreign.push(request.url());
    }
  });
  const page = await context.newPage();
  page.on('websocket', (ws) => {
    const url = new URL(ws.url());
    if (!allowed.has(url.host)) {
      foreign.push(ws.url());
    }
  });
  await page.goto(stack.host.url);
  await page.getByLabel('Ihr Anzeigename').fill(name);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 })).toBeVisible();
  return { name, context, page };
}

type WorkerFixtures = { stack: Stack };

/** Playwright's test with one stack (sync server + host processes) per worker. */
export const test = base.extend<object, WorkerFixtures>({
  stack: [
    async ({}, use) => {
      const stack = await startStack();
      await use(stack);
      await stack.host.stop();
      await stack.sync.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect };
