/** A command that opens a URL in the system browser. */
export interface BrowserCommand {
  command: string;
  args: string[];
}

/**
 * The platform's "open this URL" command, or undefined when opening a browser makes no sense
 * (BROWSER=none, CI, no display on Linux) or the opener is not installed.
 */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  hasCommand: (name: string) => boolean,
): BrowserCommand | undefined {
  if (env.BROWSER === 'none' || env.CI) {
    return undefined;
  }
  if (platform === 'darwin') {
    return { command: 'open', args: [url] };
  }
  if (platform === 'win32') {
    // `start` is a cmd built-in; the empty string is the window title.
    return { command: 'cmd', args: ['/c', 'start', '', url.replace(/&/g, '^&')] };
  }
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return undefined;
  }
  return hasCommand('xdg-open') ? { command: 'xdg-open', args: [url] } : undefined;
}
