/** The region keys offered in the region picker: Germany, Schleswig-Holstein, Kreis Pinneberg and its municipalities. */
export function isPickerRegion(ags: string): boolean {
  return ags === 'DG' || ags === '01' || ags === '01056' || /^01056\d{3}$/.test(ags);
}
