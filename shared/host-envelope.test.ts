import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES, checkEnvelope } from './host-envelope';

describe('host envelopes', () => {
  it('pass values and every error code through', () => {
    expect(checkEnvelope({ ok: true, value: 42 })).toEqual({ ok: true, value: 42 });
    expect(checkEnvelope({ ok: true, value: undefined })).toEqual({ ok: true, value: undefined });
    for (const code of API_ERROR_CODES) {
      expect(checkEnvelope({ ok: false, error: { code, message: 'Falsch / Wrong' } })).toEqual({ ok: false, error: { code, message: 'Falsch / Wrong' } });
    }
  });

  it('turn anything malformed into an internal error', () => {
    for (const bad of [undefined, null, 42, {}, { ok: false }, { ok: true }, { ok: false, error: { code: 'nope', message: 'x' } }, { ok: false, error: { code: 'internal' } }]) {
      expect(checkEnvelope(bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'internal', message: /Invalid response from host/ } });
    }
  });
});
