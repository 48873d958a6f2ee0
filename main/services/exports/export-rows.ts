import type { ExportEntry, ExportSummary } from '../../../shared/exports';
import type { ExportListRow } from '../../store/export-repo';
import { parseJsonOr } from './parse-json';

/**
 * A stored export row as the API returns it. Rows from older versions may lack parts of the
 * request or the entries, so each has a default rather than failing the whole list.
 */
export function exportSummary(row: ExportListRow): ExportSummary {
  const request = parseJsonOr<Partial<ExportSummary['request']>>(row.requestJson, {});
  return {
    id: row.id,
    projectId: row.projectId,
    projectName: row.projectName,
    runId: row.runId,
    format: row.format as ExportSummary['format'],
    status: row.status,
    request: {
      n: request.n ?? 0,
      fixed: request.fixed ?? [],
      conditions: request.conditions ?? [],
      includeModel: request.includeModel ?? false,
      includeCard: request.includeCard ?? false,
      seed: request.seed ?? 0,
    },
    itemCount: row.itemCount,
    bytes: row.bytes,
    error: row.error ?? null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt ?? null,
    path: row.path,
    entries: parseJsonOr<ExportEntry[]>(row.entriesJson, []),
  };
}
