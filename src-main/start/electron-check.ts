import path from 'node:path';

/** A reason in both languages the start script prints. */
export interface Reason {
  de: string;
  en: string;
}

/** Whether Electron can start here: its binary, or why not. */
export type ElectronCheck = { ok: true; binary: string } | { ok: false; reason: Reason };

/** What the check may look at; injected so the decision is testable without Electron. */
export interface ElectronCheckInput {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The installed electron package (node_modules/electron). */
  electronDir: string;
  /** better-sqlite3 built for Electron's ABI. */
  nativeBinding: string;
  exists: (file: string) => boolean;
  /** File contents, or undefined if unreadable. */
  readText: (file: string) => string | undefined;
  /** Runs the binary briefly (e.g. `--version`); omitted → no probe. */
  probe?: (binary: string) => { ok: true } | { ok: false; detail: string };
}

/**
 * Decides whether Electron can start, mirroring how the electron package finds its binary
 * (path.txt, ELECTRON_OVERRIDE_DIST_PATH) but never triggering its download, which would hang
 * on a machine without access to Electron's download host.
 */
export function checkElectron(input: ElectronCheckInput): ElectronCheck {
  const { platform, env, electronDir, exists, readText } = input;
  if (!exists(path.join(electronDir, 'package.json'))) {
    return no('das Paket „electron“ ist nicht installiert', 'the "electron" package is not installed');
  }
  const executable = readText(path.join(electronDir, 'path.txt'))?.trim();
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!executable && !override) {
    return no(
      'die Electron-Programmdatei wurde bei der Installation nicht heruntergeladen',
      'the Electron binary was not downloaded during install',
    );
  }
  const binary = override
    ? path.join(override, executable || 'electron')
    : path.join(electronDir, 'dist', executable ?? 'electron');
  if (!exists(binary)) {
    return no(`die Electron-Programmdatei fehlt (${binary})`, `the Electron binary is missing (${binary})`);
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return no(
      'keine grafische Oberfläche (weder DISPLAY noch WAYLAND_DISPLAY gesetzt)',
      'no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)',
    );
  }
  if (!exists(input.nativeBinding)) {
    return no(
      `das SQLite-Modul für Electron fehlt (${input.nativeBinding}; npm run build:electron-native)`,
      `the SQLite module for Electron is missing (${input.nativeBinding}; npm run build:electron-native)`,
    );
  }
  const probed = input.probe?.(binary);
  if (probed && !probed.ok) {
    return no(`Electron lässt sich nicht ausführen: ${probed.detail}`, `Electron does not run: ${probed.detail}`);
  }
  return { ok: true, binary };
}

/** Reason for an Electron process that ended right after start. */
export function earlyExitReason(code: number | null, signal: string | null): Reason {
  const how = signal ? `Signal ${signal}` : `Code ${code ?? '?'}`;
  return {
    de: `Electron hat sich direkt nach dem Start beendet (${how})`,
    en: `Electron exited right after starting (${signal ? `signal ${signal}` : `code ${code ?? '?'}`})`,
  };
}

/** The two lines printed when falling back to browser mode. */
export function fallbackMessage(reason: Reason): string {
  return [
    `Electron kann auf diesem Rechner nicht starten (${reason.de}). Fokuswerk startet stattdessen im Browser-Modus.`,
    `Electron cannot start here (${reason.en}). Starting browser mode instead.`,
  ].join('\n');
}

function no(de: string, en: string): ElectronCheck {
  return { ok: false, reason: { de, en } };
}
