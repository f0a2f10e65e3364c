/**
 * CSV as RFC 4180 writes it (the site's open data; the ledger's lists for auditors use it too) (CRLF, quotes doubled, a cell quoted when it holds a comma, a quote or a line break),
 * for the open data and the auditor's lists alike. A recorded text a spreadsheet would run as a formula is kept as text.
 */
export function csv(header: string[], rows: Iterable<(string | number | boolean | null | undefined)[]>): string {
  const cell = (value: string | number | boolean | null | undefined) => {
    const raw = value === null || value === undefined ? '' : String(value);
    const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header.join(',')];
  for (const row of rows) lines.push(row.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
