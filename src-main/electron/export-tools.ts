import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserWindow } from 'electron';
import type { OpenExportTools } from '../services/export/export-report';

/**
 * The desktop's export engine: Electron's own Chromium, in a hidden window without JavaScript or
 * network, printing with the same options as the browser-mode host (A4 from CSS, tagged, outline).
 * Thin glue, not testable here (no Electron); the print HTML and the two passes are shared.
 */
export const electronExportTools: OpenExportTools = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'fokuswerk-export-'));
  const win = new BrowserWindow({ show: false, width: 1280, height: 1800, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, offscreen: true } });
  win.webContents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('file:') }));
  let n = 0;
  const load = async (html: string): Promise<void> => {
    const file = path.join(dir, `page-${n++}.html`);
    await writeFile(file, html);
    await win.loadFile(file);
  };
  return {
    print: async (html) => {
      await load(html);
      const pdf = await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true });
      return new Uint8Array(pdf);
    },
    rasterize: async (svgs) => {
      const images = [];
      for (const svg of svgs) {
        await load(`<!DOCTYPE html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
        const width = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 640);
        const height = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 300);
        const image = await win.webContents.capturePage({ x: 0, y: 0, width, height });
        images.push({ png: new Uint8Array(image.toPNG()), width, height });
      }
      return images;
    },
    close: async () => {
      win.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
