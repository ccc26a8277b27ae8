import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { createRequestGuard } from './request-guard';

const req = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('request guard', () => {
  it('on loopback serves only loopback names and the names given', () => {
    const guard = createRequestGuard({ bindHost: '127.0.0.1', allowedHosts: ['Planung.Kreis.local'] });
    for (const host of ['127.0.0.1:5173', 'localhost:5173', 'LOCALHOST', '[::1]:5173', 'planung.kreis.local:5173', 'planung.kreis.local.']) {
      expect(guard.checkHost(req({ host })), host).toBeNull();
    }
    for (const host of ['evil.test:5173', '192.168.1.20:5173', '', 'localhost@evil.test', 'localhost/x', 'localhost.evil.test']) {
      expect(guard.checkHost(req({ host }))?.status, host).toBe(421);
    }
    expect(guard.checkHost(req({}))?.status).toBe(421);
  });

  it('on all interfaces also serves this machine’s own addresses, but no other name', () => {
    const guard = createRequestGuard({ bindHost: '0.0.0.0', interfaceAddresses: () => ['127.0.0.1', '192.168.1.20', 'fe80::1'] });
    expect(guard.checkHost(req({ host: '192.168.1.20:5173' }))).toBeNull();
    expect(guard.checkHost(req({ host: '[fe80::1]:5173' }))).toBeNull();
    expect(guard.checkHost(req({ host: '192.168.1.21:5173' }))?.status).toBe(421);
    expect(guard.checkHost(req({ host: 'rebind.evil.test:5173' }))?.status).toBe(421);
  });

  it('accepts only the own origin, or none', () => {
    const guard = createRequestGuard({ bindHost: '127.0.0.1' });
    const host = 'localhost:5173';
    expect(guard.checkOrigin(req({ host }))).toBeNull();
    expect(guard.checkOrigin(req({ host, origin: 'http://localhost:5173' }))).toBeNull();
    // Behind a TLS-terminating proxy that keeps the Host header.
    expect(guard.checkOrigin(req({ host: 'localhost', origin: 'https://localhost' }))).toBeNull();
    for (const origin of ['http://localhost:5174', 'http://127.0.0.1:5173', 'null', 'http://evil.test', 'https://evil.test', 'file://localhost:5173', 'garbage']) {
      expect(guard.checkOrigin(req({ host, origin }))?.status, origin).toBe(403);
    }
  });

  it('requires a declared JSON body', () => {
    const guard = createRequestGuard({ bindHost: '127.0.0.1' });
    expect(guard.checkJson(req({ 'content-type': 'application/json' }))).toBeNull();
    expect(guard.checkJson(req({ 'content-type': 'Application/JSON; charset=utf-8' }))).toBeNull();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/jsonp', '']) {
      expect(guard.checkJson(req({ 'content-type': type }))?.status, type).toBe(415);
    }
  });
});
