import { totalmem } from 'node:os';

/**
 * The main process's watch over one compute process, fed by its heartbeats (see Heartbeat in
 * shared/compute-protocol.ts). Two verdicts, each ending the process:
 * - 'hung': no heartbeat for silenceMs. The worker beats from a timer every heartbeatMs, so
 *   silence means its event loop is blocked. A long synchronous TF.js kernel blocks it too, for
 *   seconds at most on the sizes we train, so the default limit (60 s = 30 missed beats) leaves a
 *   wide margin before a busy process is taken for a hung one. Work longer than a kernel (the
 *   evaluation metrics, the table report) must pause between its units for that to hold
 *   (engine/core/steps.ts); test/integration/evaluation-heartbeat.test.ts measures the gaps.
 * - 'memory-cap': a heartbeat reports an RSS above rssCapBytes. The default is half of this
 *   computer's memory: one job may use a lot, but not so much that the app, the OS and the
 *   user's other programs are pushed into swap or the kernel's OOM killer picks a victim.
 */
export interface WatchdogOptions {
  /** Silence after which the process is taken as hung. Default 60 s (or FACTOR_STUDIO_WATCHDOG_SILENCE_MS). */
  readonly silenceMs?: number;
  /** RSS above which the process is stopped. Default half of os.totalmem(). */
  readonly rssCapBytes?: number;
}

/** How often the worker beats (main/jobs/heartbeat.ts); the silence limit is many of these. */
export const heartbeatMs = 2000;
export const defaultSilenceMs = 60_000;
/**
 * Overrides the silence limit for every compute process this process starts (the app's services
 * create their runners with the defaults): end-to-end tests use a few seconds, and a user on a
 * very slow machine can give long kernels more room.
 */
export const silenceEnvVariable = 'FACTOR_STUDIO_WATCHDOG_SILENCE_MS';

function silenceFromEnv(): number | undefined {
  const value = Number(process.env[silenceEnvVariable]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
export const defaultRssShare = 0.5;

export type WatchdogVerdict = { readonly reason: 'hung'; readonly detail: string } | { readonly reason: 'memory-cap'; readonly detail: string };

const size = (bytes: number): string => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`);

export class Watchdog {
  private readonly silenceMs: number;
  private readonly rssCapBytes: number;
  private lastBeat = Date.now();
  private readonly timer: NodeJS.Timeout;
  private fired = false;

  /** Starts watching now (the process's start counts as its first beat); onVerdict is called at most once. */
  constructor(
    options: WatchdogOptions,
    private readonly onVerdict: (verdict: WatchdogVerdict) => void,
  ) {
    this.silenceMs = options.silenceMs ?? silenceFromEnv() ?? defaultSilenceMs;
    this.rssCapBytes = options.rssCapBytes ?? Math.floor(totalmem() * defaultRssShare);
    // Checked a few times per limit, so a hang is caught within ~1.25 x silenceMs.
    this.timer = setInterval(() => this.checkSilence(), Math.max(100, Math.min(5000, this.silenceMs / 4)));
    // The watch alone must not keep the main process (the CLI, a test run) alive.
    this.timer.unref();
  }

  beat(rss: number): void {
    this.lastBeat = Date.now();
    if (rss > this.rssCapBytes) {
      const share = Math.round((this.rssCapBytes / totalmem()) * 100);
      this.fire({ reason: 'memory-cap', detail: `it used ${size(rss)} of memory, over the limit of ${size(this.rssCapBytes)} (${share}% of this computer's memory)` });
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private checkSilence(): void {
    const silent = Date.now() - this.lastBeat;
    if (silent > this.silenceMs) this.fire({ reason: 'hung', detail: `no sign of life for ${Math.round(silent / 1000)} s` });
  }

  private fire(verdict: WatchdogVerdict): void {
    if (this.fired) return;
    this.fired = true;
    this.stop();
    this.onVerdict(verdict);
  }
}
