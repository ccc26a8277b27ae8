import { describe, expect, it } from 'vitest';
import { loadPreload } from './preload-harness';

type Invoke = (channel: string, input: unknown) => Promise<unknown>;

describe('preload bundle', () => {
  it('exposes one frozen fokuswerk object with only invoke', async () => {
    const { exposed } = await loadPreload(() => ({ ok: true, value: null }));
    expect([...exposed.keys()]).toEqual(['fokuswerk']);
    const api = exposed.get('fokuswerk') as { invoke: Invoke };
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api)).toEqual(['invoke']);
  });

  it('prefixes the channel and passes the envelope on', async () => {
    const { exposed, calls } = await loadPreload(() => ({ ok: true, value: [1, 2] }));
    const api = exposed.get('fokuswerk') as { invoke: Invoke };
    await expect(api.invoke('indicators.list', {})).resolves.toEqual({ ok: true, value: [1, 2] });
    expect(calls).toEqual([['fokuswerk:indicators.list', {}]]);
  });

  it('passes error envelopes on as data, so the renderer keeps the code (a thrown error would lose it)', async () => {
    const { exposed } = await loadPreload(() => ({ ok: false, error: { code: 'unauthorized', message: 'Anmeldename oder Passwort falsch / wrong login or password' } }));
    const api = exposed.get('fokuswerk') as { invoke: Invoke };
    await expect(api.invoke('auth.login', {})).resolves.toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Anmeldename oder Passwort falsch / wrong login or password' },
    });
  });

  it('refuses malformed channel names without touching IPC', async () => {
    const { exposed, calls } = await loadPreload(() => ({ ok: true, value: null }));
    const api = exposed.get('fokuswerk') as { invoke: Invoke };
    for (const channel of ['', 'app', 'app.info.x', 'fokuswerk:app.info', 'App.info', 'app.in-fo', '../x.y', 42 as unknown as string]) {
      await expect(api.invoke(channel, {}), String(channel)).resolves.toMatchObject({ ok: false, error: { code: 'not-found', message: /Unknown call/ } });
    }
    expect(calls).toEqual([]);
  });
});
