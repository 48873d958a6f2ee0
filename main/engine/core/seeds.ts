/** A per-step seed for TF.js's seeded random ops: resuming at step k draws the same noise as before. */
export function stepSeed(seed: number, step: number, salt: number): number {
  let h = (seed * 0x9e3779b1) ^ (step * 0x85ebca77) ^ (salt * 0xc2b2ae3d);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
