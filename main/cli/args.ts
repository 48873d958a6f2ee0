/** Small, strict argument parsing for the CLI: every error names the flag and what was expected. */

export class CliError extends Error {}

export class Args {
  private readonly used = new Set<string>();

  constructor(private readonly argv: readonly string[]) {}

  /** Boolean flag. */
  flag(name: string): boolean {
    this.used.add(name);
    return this.argv.includes(`--${name}`);
  }

  string(name: string): string | undefined {
    this.used.add(name);
    const i = this.argv.indexOf(`--${name}`);
    if (i < 0) {
      const inline = this.argv.find((a) => a.startsWith(`--${name}=`));
      return inline?.slice(name.length + 3);
    }
    const value = this.argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`);
    return value;
  }

  /** Every value of a repeatable flag (e.g. --fix c3=1.5 --fix c0=-1). */
  strings(name: string): string[] {
    this.used.add(name);
    const out: string[] = [];
    this.argv.forEach((a, i) => {
      if (a === `--${name}`) {
        const value = this.argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`);
        out.push(value);
      } else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3));
    });
    return out;
  }

  required(name: string, hint: string): string {
    const value = this.string(name);
    if (value === undefined) throw new CliError(`--${name} is required (${hint})`);
    return value;
  }

  number(name: string, options: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    const kind = options.integer ? 'a whole number' : 'a number';
    if (raw.trim() === '' || !Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
      throw new CliError(`--${name} expects ${kind}, got "${raw}"`);
    }
    if (options.min !== undefined && value < options.min) throw new CliError(`--${name} must be at least ${options.min}, got ${raw}`);
    if (options.max !== undefined && value > options.max) throw new CliError(`--${name} must be at most ${options.max}, got ${raw}`);
    return value;
  }

  /** Flags given but never read by the command: a typo the user should hear about. */
  unknownFlags(): string[] {
    return this.argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0] ?? '').filter((n) => !this.used.has(n));
  }
}
