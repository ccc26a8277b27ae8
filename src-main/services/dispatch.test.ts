import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/contract';
import { createLogger } from '../../shared/log';
import { dispatch } from './dispatch';
import { HostApiError } from './host-error';
import { stubHandlers as handlers, validQuery } from './stub-handlers';

const records: string[] = [];
const logger = createLogger((line) => records.push(line), 'debug');

describe('dispatch', () => {
  it('returns the handler value for valid input', async () => {
    await expect(dispatch(handlers, 'indicators.regions', {}, {}, logger)).resolves.toEqual({
      ok: true,
      value: [{ ags: '01056', name: 'Kreis Pinneberg', level: 'kreis' }],
    });
  });

  it('turns schema violations into bad-request before the handler runs', async () => {
    let called = false;
    const spy: Handlers = { ...handlers, app: { info: () => ((called = true), handlers.app.info({}, {})) } };
    const result = await dispatch(spy, 'app.info', { unexpected: 1 }, {}, logger);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.code).toBe('bad-request');
    expect(called).toBe(false);
    const notAnObject = await dispatch(spy, 'app.info', 'x', {}, logger);
    expect(notAnObject.ok ? undefined : notAnObject.error.code).toBe('bad-request');
    expect(called).toBe(false);
    const noInput = await dispatch(spy, 'app.info', undefined, {}, logger);
    expect(noInput.ok).toBe(true);
  });

  it('answers not-found for channels outside the contract', async () => {
    for (const channel of ['app.quit', 'app', 'constructor.name', '__proto__.x', 'app.info.x', 'app.hasOwnProperty']) {
      const result = await dispatch(handlers, channel, {}, {}, logger);
      expect(result.ok ? undefined : result.error.code, channel).toBe('not-found');
    }
  });

  it('hides internal error details from the renderer and logs them', async () => {
    records.length = 0;
    const result = await dispatch(handlers, 'indicators.query', validQuery(), {}, logger);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Interner Fehler / internal error' } });
    expect(records.join('')).toContain('database exploded');
  });

  it('passes on ApiError-shaped errors a service throws on purpose', async () => {
    const notFound: Handlers = {
      ...handlers,
      indicators: {
        ...handlers.indicators,
        query: () => {
          throw Object.assign(new Error('Indikator unbekannt / Unknown indicator'), { code: 'not-found' });
        },
      },
    };
    await expect(dispatch(notFound, 'indicators.query', validQuery(), {}, logger)).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Indikator unbekannt / Unknown indicator' },
    });
  });

  it('passes on the code of a HostApiError, for every code', async () => {
    for (const code of ['bad-request', 'unauthorized', 'not-found', 'rate-limited', 'unavailable', 'internal'] as const) {
      const message = `Fehler ${code} / error ${code}`;
      const failing: Handlers = {
        ...handlers,
        app: {
          info: () => {
            throw new HostApiError(code, message);
          },
        },
      };
      await expect(dispatch(failing, 'app.info', {}, {}, logger)).resolves.toEqual({ ok: false, error: { code, message } });
    }
  });

  it('hands the caller to the handler', async () => {
    let seen: unknown;
    const spy: Handlers = { ...handlers, app: { info: (_input, caller) => ((seen = caller), handlers.app.info({}, {})) } };
    await dispatch(spy, 'app.info', {}, { address: '192.0.2.7' }, logger);
    expect(seen).toEqual({ address: '192.0.2.7' });
  });
});
