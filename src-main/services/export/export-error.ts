/** Why an export failed, with a German/English message for people. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: 'no-report' | 'no-chromium' | 'print-failed' | 'write-failed' | 'bad-input',
    message: string,
  ) {
    super(message);
  }
}
