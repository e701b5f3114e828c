/** Problems found in flows and locales, reported the way editors and CI read them. */

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/** `file:line:column severity: message`, the format compilers and editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity}: ${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
  );
}

/** Thrown at start-up when flows or locales have errors; carries every diagnostic. */
export class FlowCheckError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(
      `flows and locales have ${diagnostics.filter((d) => d.severity === 'error').length} error(s):\n` +
        diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'),
    );
    this.name = 'FlowCheckError';
  }
}
