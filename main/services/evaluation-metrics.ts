/**
 * Turns the evaluate report (image) and the quality report (table) into flat named numbers,
 * stored as 'eval.*' metrics at the run's step so the history can show and compare them.
 */

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

function put(out: Record<string, number>, name: string, value: unknown): void {
  if (typeof value === 'number' && Number.isFinite(value)) out[`eval.${name}`] = value;
}

/** The image evaluate report (main/engine/tasks/evaluate-images.ts) as eval.* numbers. */
export function imageEvaluationMetrics(report: unknown): Record<string, number> {
  const r = obj(report);
  const out: Record<string, number> = {};
  for (const stage of ['stage1', 'stage2']) {
    for (const [key, value] of Object.entries(obj(r[stage]))) put(out, `${stage}.${key}`, value);
    const quality = obj(obj(r['sample_quality'])[stage]);
    put(out, `${stage}.fd`, quality['fd_local']);
    put(out, `${stage}.kid`, quality['kid']);
  }
  const codes = obj(obj(r['disentanglement'])['stage1']);
  put(out, 'mig', codes['mig']);
  put(out, 'sap', codes['sap']);
  for (const [key, value] of Object.entries(obj(r['preservation']))) put(out, `preservation.${key}`, value);
  put(out, 'active_factors', obj(r['factors'])['active']);
  return out;
}

/** The tabular quality report (main/engine/tasks/generate-table.ts runTabularReport) as eval.* numbers. */
export function tabularReportMetrics(report: unknown): Record<string, number> {
  const r = obj(report);
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(obj(r['headline']))) put(out, key, value);
  put(out, 'stage1.overall', obj(obj(r['stage1'])['headline'])['overall']);
  return out;
}
