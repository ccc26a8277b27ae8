import path from 'node:path';
import type { Handlers } from '../../shared/contract';
import type { Logger } from '../../shared/log';
import { openIndicatorCache } from './indicators/cache';
import { indicatorHandlers } from './indicators/handlers';
import { ImportRunner } from './indicators/import-runner';
import { ImportUploads } from './indicators/import-uploads';
import { APP_VERSION } from './app-version';
import { authHandlers } from './auth-forward';
import { lifecycleHandlers } from './lifecycle-forward';
import { exportHandlers } from './export/handlers';
import type { OpenExportTools } from './export/export-report';
import { workshopHandlers } from './workshop-forward';

/** What both hosts (Electron and browser mode) need to serve the contract. */
export interface HostServiceOptions {
  /** Folder for the host's local files (the indicator cache). */
  dataDir: string;
  /** The sync address handed to the renderer: absolute ws(s):// or a path relative to the page. */
  syncUrl: string;
  /** The sync server's HTTP address (with path prefix) as this host reaches it, for sign-in calls. */
  syncHttpBase: () => string;
  host: 'desktop' | 'browser';
  /** Year of the annual report being drafted; defaults to the current year. */
  reportYear?: number;
  /** How PDF and DOCX exports reach a browser engine (Electron: its own; default: headless Chromium). */
  exportTools?: OpenExportTools;
  /** better-sqlite3 binary for the running ABI (Electron). */
  nativeBinding?: string;
  logger?: Logger;
}

/** The services behind the contract, and how to close them. */
export interface HostServices {
  handlers: Handlers;
  close(): void;
}

/** Opens the services and wires them to the contract; the same object serves IPC and HTTP. */
export function createHostServices(options: HostServiceOptions): HostServices {
  const dbPath = path.join(options.dataDir, 'indicators.sqlite');
  const cache = openIndicatorCache({
    dbPath,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const uploads = new ImportUploads(new ImportRunner(cache, dbPath, options.nativeBinding));
  const reportYear = options.reportYear ?? new Date().getFullYear();
  const handlers = {
    app: {
      info: () => ({ version: APP_VERSION, syncUrl: options.syncUrl, host: options.host, reportYear }),
    },
    auth: authHandlers(options.syncHttpBase),
    indicators: indicatorHandlers(cache, uploads),
    export: exportHandlers(options.exportTools),
    workshop: workshopHandlers(options.syncHttpBase, options.exportTools),
    // Issue 11: the proposal lifecycle, forwarded to the sync server that enforces its rules.
    lifecycle: lifecycleHandlers(options.syncHttpBase),
  } satisfies Handlers;
  return {
    handlers,
    close: () => {
      uploads.close();
      cache.close();
    },
  };
}
