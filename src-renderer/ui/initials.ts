/** Splits text into what a reader sees as single characters (emoji with modifiers, letters with accents). */
function graphemes(text: string): string[] {
  const segmenter = new Intl.Segmenter('de', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * Up to two initials for an avatar: the first visible character of the first two words, so
 * "Anke Petersen" → "AP", "🧑🏽‍💻 Jana" → "🧑🏽‍💻J", "Ølaf Ñúñez" → "ØÑ" (never half an emoji or a lone accent).
 * Words that start with punctuation such as "(Diakonie)" are skipped.
 */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => graphemes(word).find((g) => /[\p{L}\p{N}\p{Extended_Pictographic}\p{Regional_Indicator}]/u.test(g)) ?? '')
    .filter((g) => g !== '')
    .slice(0, 2)
    .map((g) => g.toLocaleUpperCase('de'))
    .join('');
}
