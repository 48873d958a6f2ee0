/** The tabular quality report: build (report.ts), compare stages, render as one HTML file. */
export { buildQualityReport, compareStages } from './report';
export type { BuildQualityReportInput, HeadlineChange, QualityHeadline, QualityReport, StageComparison } from './report';
export { renderReportHtml } from './report-html';
export type { RenderReportOptions } from './report-html';
