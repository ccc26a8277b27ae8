import pkg from '../../package.json' with { type: 'json' };

/** The app's version from package.json (bundled into the Electron build, read by tsx otherwise). */
export const APP_VERSION: string = pkg.version;
