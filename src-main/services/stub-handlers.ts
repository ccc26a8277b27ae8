import type { Handlers } from '../../shared/contract';
import { lifecycleHandlers } from './lifecycle-forward';

function notUsed(): never {
  throw new Error('not used');
}

/** Handlers for host tests: fixed answers, and `indicators.query` fails with an unexpected error. */
export const stubHandlers: Handlers = {
  app: {
    info: () => ({ version: '0.1.0', syncUrl: 'ws://127.0.0.1:1234', host: 'desktop', reportYear: 2025 }),
  },
  auth: {
    config: () => ({ auth: false }),
    login: () => {
      throw new Error('not used');
    },
    invitation: () => {
      throw new Error('not used');
    },
    refresh: () => {
      throw new Error('not used');
    },
  },
  export: {
    report: () => {
      throw new Error('not used');
    },
  },
  indicators: {
    list: () => [],
    regions: () => [{ ags: '01056', name: 'Kreis Pinneberg', level: 'kreis' }],
    query: () => {
      throw new Error('database exploded at /home/secret/path');
    },
    vintages: () => [],
    importedFiles: () => ({ hashes: [] }),
    importBegin: () => ({ uploadId: 'u' }),
    importChunk: () => ({ received: 0 }),
    importFinish: () => {
      throw new Error('not used');
    },
    importCancel: () => ({ cancelled: false }),
  },
  workshop: {
    time: () => ({ now: 0 }),
    sessions: () => ({ sessions: [] }),
    create: notUsed,
    join: notUsed,
    me: notUsed,
    act: notUsed,
    protocol: notUsed,
    protocolPdf: notUsed,
  },
  // Forwarded to a port nobody listens on: every call fails as `unavailable`.
  lifecycle: lifecycleHandlers(() => 'http://127.0.0.1:9'),
};


/** An input `indicators.query` accepts. */
export function validQuery(): unknown {
  return { indicatorId: 'population', regions: ['01056'], periods: ['2024'] };
}
