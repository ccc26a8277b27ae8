/**
 * A date typed the German way ("31.12.2023", also "1.3.2024") as ISO "2023-12-31"; null when it
 * is not such a date or does not exist (31.02.). The import dialog's Stand field uses it instead
 * of the browser's date input, which shows the browser's language and format.
 */
export function isoFromGermanDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!m) {
    return null;
  }
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return null;
  }
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
