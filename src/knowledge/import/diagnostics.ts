/** Problems found while importing, each tied to a file and a line. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
}

/** Collects diagnostics for one article. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}
  error(line: number, message: string): void {
    this.items.push({ severity: 'error', file: this.file, line, message });
  }
  warn(line: number, message: string): void {
    this.items.push({ severity: 'warning', file: this.file, line, message });
  }
}

/** `file:line: message`, the form editors and terminals link. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity}: ${d.message}`;
}
