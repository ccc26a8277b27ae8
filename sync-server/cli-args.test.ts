import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('reads port, data, host and path prefix', () => {
    expect(parseCliArgs(['--port', '0', '--data', 'daten'])).toEqual({
      kind: 'run',
      options: { port: 0, host: '127.0.0.1', dataDir: 'daten', pathPrefix: '', seedDemo: false, auth: 'unset', corsOrigins: [], trustProxy: false },
    });
    expect(parseCliArgs(['--port=1234', '--data=d', '--host', '0.0.0.0', '--path-prefix', '/sync', '--seed-demo'])).toMatchObject({
      kind: 'run',
      options: { port: 1234, host: '0.0.0.0', pathPrefix: '/sync', seedDemo: true },
    });
  });

  it('explains missing or bad arguments in German and English', () => {
    expect(parseCliArgs(['--port', '1'])).toEqual({
      kind: 'error',
      message: 'Fehlendes Argument --data <verzeichnis> / missing argument --data <dir>',
    });
    expect(parseCliArgs(['--data', 'd'])).toMatchObject({ kind: 'error', message: /--port/ });
    expect(parseCliArgs(['--data', 'd', '--port', 'x'])).toMatchObject({ kind: 'error', message: /Ungültiger Port/ });
    expect(parseCliArgs(['--data', 'd', '--port', '70000'])).toMatchObject({ kind: 'error', message: /invalid port/ });
    expect(parseCliArgs(['--bogus'])).toMatchObject({ kind: 'error', message: /Ungültige Argumente/ });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--data', 'd', '--port', '1', '--auth', '--no-auth'])).toMatchObject({ kind: 'error', message: /exclusive/ });
    expect(parseCliArgs(['--data', 'd', '--port', '1', '--tls-cert', 'c.pem'])).toMatchObject({ kind: 'error', message: /go together/ });
    expect(parseCliArgs(['--data', 'd', '--port', '1', '--token-ttl', '5'])).toMatchObject({ kind: 'error', message: /token-ttl/ });
  });

  it('reads the auth, TLS and CORS options', () => {
    expect(
      parseCliArgs(['--data', 'd', '--port', '1', '--auth', '--token-ttl', '600', '--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--cors-origin', 'https://a.example', '--cors-origin', 'https://b.example', '--trust-proxy']),
    ).toMatchObject({
      kind: 'run',
      options: { auth: 'on', tokenTtlSeconds: 600, tls: { certFile: 'c.pem', keyFile: 'k.pem' }, corsOrigins: ['https://a.example', 'https://b.example'], trustProxy: true },
    });
    expect(parseCliArgs(['--data', 'd', '--port', '1', '--no-auth'])).toMatchObject({ options: { auth: 'off', trustProxy: false } });
  });
});
