/** Nordic stores book by the local calendar day; VAT rates change at local midnight. */
const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function localDate(at: Date): string {
  return formatter.format(at);
}
