// CSV files people open in a spreadsheet (RFC 4180, CRLF line ends).

/**
 * A CSV cell. Text that a spreadsheet would run as a formula (starting =, +, -, @,
 * a tab or a carriage return) is prefixed with an apostrophe (OWASP "CSV injection");
 * numbers are written as they are.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = [header.map(csvCell).join(","), ...rows.map((r) => r.map(csvCell).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
