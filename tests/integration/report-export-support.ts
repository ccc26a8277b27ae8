import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** Runs a program to completion; returns its exit code and output. */
export const run = promisify(execFile);

/** Runs `npm run export -- <args>` (src-main/cli/export.ts) and collects its output. */
export function runExportCli(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src-main', 'cli', 'export.ts'), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Text of a PDF (all pages, or one page), through poppler's pdftotext. */
export async function pdfText(file: string, page?: number): Promise<string> {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return (await run('pdftotext', ['-layout', ...range, file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** The PDF's outline (bookmarks) as [title, page], through pdftohtml -xml. */
export async function pdfOutline(file: string): Promise<{ title: string; page: number }[]> {
  const xml = (await run('pdftohtml', ['-xml', '-i', '-stdout', '-q', file], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  return [...xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({ page: Number(m[1]), title: (m[2] ?? '').replace(/&amp;/g, '&') }));
}
