import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand } from './browser-command';
import { checkElectron, earlyExitReason, fallbackMessage } from './electron-check';
import type { ElectronCheckInput } from './electron-check';

const electronDir = path.join('/repo', 'node_modules', 'electron');
const binary = path.join(electronDir, 'dist', 'electron');
const native = path.join('/repo', 'dist', 'native', 'electron', 'better_sqlite3.node');

function input(files: Record<string, string>, overrides: Partial<ElectronCheckInput> = {}): ElectronCheckInput {
  return {
    platform: 'linux',
    env: { DISPLAY: ':0' },
    electronDir,
    nativeBinding: native,
    exists: (file) => Object.hasOwn(files, file),
    readText: (file) => files[file],
    ...overrides,
  };
}

const installed = {
  [path.join(electronDir, 'package.json')]: '{}',
  [path.join(electronDir, 'path.txt')]: 'electron',
  [binary]: '',
  [native]: '',
};

describe('checkElectron', () => {
  it('finds an installed binary', () => {
    expect(checkElectron(input(installed))).toEqual({ ok: true, binary });
  });

  it('explains a binary that was never downloaded (this machine)', () => {
    const { [path.join(electronDir, 'path.txt')]: _pathTxt, [binary]: _binary, ...rest } = installed;
    const result = checkElectron(input(rest));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason.en).toMatch(/not downloaded/);
  });

  it('explains a path.txt whose binary is gone', () => {
    const { [binary]: _binary, ...rest } = installed;
    const result = checkElectron(input(rest));
    expect(result.ok ? '' : result.reason.de).toMatch(/fehlt/);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const custom = path.join('/opt/electron', 'electron');
    const files = { ...installed, [custom]: '' };
    expect(checkElectron(input(files, { env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' } }))).toEqual({
      ok: true,
      binary: custom,
    });
  });

  it('refuses Linux without a display, but not macOS or Windows', () => {
    const linux = checkElectron(input(installed, { env: {} }));
    expect(linux.ok ? '' : linux.reason.en).toMatch(/no graphical display/);
    expect(checkElectron(input(installed, { env: { WAYLAND_DISPLAY: 'wayland-0' } })).ok).toBe(true);
    expect(checkElectron(input(installed, { env: {}, platform: 'darwin' })).ok).toBe(true);
  });

  it('requires the Electron-ABI SQLite module', () => {
    const { [native]: _native, ...rest } = installed;
    const result = checkElectron(input(rest));
    expect(result.ok ? '' : result.reason.en).toMatch(/build:electron-native/);
  });

  it('reports a failing probe', () => {
    const result = checkElectron(
      input(installed, { probe: () => ({ ok: false, detail: 'libnss3.so: cannot open shared object file' }) }),
    );
    expect(result.ok ? '' : result.reason.en).toMatch(/libnss3/);
  });

  it('words the fallback in German and English', () => {
    const text = fallbackMessage(earlyExitReason(1, null));
    expect(text).toContain('Electron kann auf diesem Rechner nicht starten (Electron hat sich direkt nach dem Start beendet (Code 1))');
    expect(text).toContain('Starting browser mode instead.');
  });
});

describe('browserCommand', () => {
  const url = 'http://127.0.0.1:5173/';
  it('uses the platform opener', () => {
    expect(browserCommand(url, 'darwin', {}, () => false)).toEqual({ command: 'open', args: [url] });
    expect(browserCommand(url, 'win32', {}, () => false)?.command).toBe('cmd');
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' }, (name) => name === 'xdg-open')).toEqual({
      command: 'xdg-open',
      args: [url],
    });
  });

  it('does nothing headless, in CI, with BROWSER=none or without xdg-open', () => {
    expect(browserCommand(url, 'linux', {}, () => true)).toBeUndefined();
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' }, () => false)).toBeUndefined();
    expect(browserCommand(url, 'darwin', { CI: 'true' }, () => true)).toBeUndefined();
    expect(browserCommand(url, 'darwin', { BROWSER: 'none' }, () => true)).toBeUndefined();
  });
});
