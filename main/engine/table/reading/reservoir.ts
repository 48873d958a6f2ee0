/**
 * A uniform sample of at most `capacity` rows from a stream of unknown length (Algorithm R),
 * seeded so the same file and seed give the same sample. Rows are kept as one JSON string each:
 * that copies the cells out of the parser's chunk (see detachString) and costs one allocation.
 */
import { seededRandom } from '../../core/random';

export class Reservoir {
  private readonly rows: string[] = [];
  private readonly order: number[] = [];
  private seen = 0;
  private readonly random: () => number;

  constructor(
    readonly capacity: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  add(cells: readonly string[]): void {
    const i = this.seen++;
    if (this.rows.length < this.capacity) {
      this.rows.push(JSON.stringify(cells));
      this.order.push(i);
      return;
    }
    const j = Math.floor(this.random() * (i + 1));
    if (j < this.capacity) {
      this.rows[j] = JSON.stringify(cells);
      this.order[j] = i;
    }
  }

  /** The sampled rows in file order. */
  take(): string[][] {
    const slots = this.order.map((row, slot) => ({ row, slot })).sort((a, b) => a.row - b.row);
    return slots.map(({ slot }) => JSON.parse(this.rows[slot] ?? '[]') as string[]);
  }
}
