/**
 * Issues found while reading a table. A bad file can produce one issue per row; the list keeps
 * the first few of each kind (so the user sees concrete rows to fix) and one summary per kind
 * with the count of the rest, so nothing is hidden and memory stays bounded.
 */
import type { TableIssue } from '../../../../shared/tabular-schema';

export const ISSUES_PER_KIND = 20;

export class IssueLog {
  private readonly issues: TableIssue[] = [];
  private readonly perKind = new Map<string, { kept: number; dropped: number; severity: TableIssue['severity']; label: string }>();

  constructor(private readonly file: string) {}

  /** kind groups issues for the cap (e.g. 'ragged', 'non-numeric:age'); label names it in the summary. */
  add(kind: string, issue: Omit<TableIssue, 'file'>, label = kind): void {
    let entry = this.perKind.get(kind);
    if (entry === undefined) {
      entry = { kept: 0, dropped: 0, severity: issue.severity, label };
      this.perKind.set(kind, entry);
    }
    if (entry.kept < ISSUES_PER_KIND) {
      entry.kept++;
      this.issues.push({ file: this.file, ...issue });
    } else {
      entry.dropped++;
    }
  }

  /** The kept issues plus, per capped kind, "... and N more". */
  list(): TableIssue[] {
    const out = [...this.issues];
    for (const entry of this.perKind.values()) {
      if (entry.dropped > 0) {
        out.push({ severity: entry.severity, file: this.file, message: `... and ${entry.dropped} more ${entry.label} issues like the above` });
      }
    }
    return out;
  }
}
