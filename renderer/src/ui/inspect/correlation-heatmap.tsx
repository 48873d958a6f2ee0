export interface CorrelationHeatmapProps {
  readonly title: string;
  readonly columns: readonly string[];
  readonly matrix: readonly (readonly (number | null)[])[];
}

const cell = 26;

/** Colour for r in [-1, 1]: blue negative, white zero, red positive; grey where undefined. */
function colour(r: number | null): string {
  if (r === null) return '#bbb';
  const a = Math.min(1, Math.abs(r));
  const fade = (c: number) => Math.round(255 - (255 - c) * a);
  return r >= 0 ? `rgb(${fade(200)}, ${fade(60)}, ${fade(50)})` : `rgb(${fade(40)}, ${fade(100)}, ${fade(210)})`;
}

/** A correlation matrix as an SVG grid with the value of each cell on hover and in the accessible name. */
export function CorrelationHeatmap({ title, columns, matrix }: CorrelationHeatmapProps) {
  const n = columns.length;
  const label = 70;
  const size = label + n * cell;
  const describe = matrix.flatMap((row, i) => row.slice(i + 1).map((r, d) => `${columns[i]} with ${columns[i + d + 1]}: ${r === null ? 'undefined' : r.toFixed(2)}`)).join('; ');
  return (
    <figure className="heatmap" data-testid="correlation-heatmap">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${size} ${size}`} width={Math.min(size, 340)} role="img" aria-label={`${title}. ${describe}`}>
        {columns.map((c, i) => (
          <text key={`r${i}`} x={label - 4} y={label + i * cell + cell / 2 + 4} textAnchor="end" className="heat-label">
            {c.length > 10 ? `${c.slice(0, 9)}…` : c}
          </text>
        ))}
        {columns.map((c, j) => (
          <text key={`c${j}`} transform={`translate(${label + j * cell + cell / 2 + 4}, ${label - 4}) rotate(-60)`} className="heat-label">
            {c.length > 10 ? `${c.slice(0, 9)}…` : c}
          </text>
        ))}
        {matrix.map((row, i) =>
          row.map((r, j) => (
            <rect key={`${i}-${j}`} x={label + j * cell} y={label + i * cell} width={cell - 1} height={cell - 1} fill={colour(r)}>
              <title>{`${columns[i]} × ${columns[j]}: ${r === null ? 'undefined' : r.toFixed(2)}`}</title>
            </rect>
          )),
        )}
      </svg>
    </figure>
  );
}
