/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const numberFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });

/** A number the German way (1.234,5). */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** An ISO date or timestamp as a German date (31.12.2025); unparseable input is returned as is. */
export function formatDate(iso: string | null): string {
  if (!iso) {
    return 'ohne Datum';
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** A period key ("2023-12-31" or "2023") as a German label. */
export function formatPeriod(period: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(period) ? formatDate(period) : period;
}
