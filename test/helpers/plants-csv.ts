/** The small mixed table the tabular API tests train on: n rows of height (float), kind (3 categories), leaves (integer), header first. */
export function plantsRows(n = 120): string[] {
  const rows = ['height,kind,leaves'];
  for (let i = 0; i < n; i++) rows.push(`${(10 + (i % 7) * 1.5).toFixed(1)},${['fern', 'moss', 'ivy'][i % 3]},${i % 9}`);
  return rows;
}
