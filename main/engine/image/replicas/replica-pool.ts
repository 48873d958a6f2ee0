import { Worker } from 'node:worker_threads';
import type { FromReplica, ToReplica } from './protocol';

/** One replica thread with a request/response call: replicas answer each message in order. */
class Replica {
  private readonly waiting: { resolve: (m: FromReplica) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromReplica) => {
      const next = this.waiting.shift();
      if (!next) return;
      if (message.type === 'error') next.reject(new Error(`replica: ${message.message}`));
      else next.resolve(message);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`a training thread exited with code ${code}`));
    });
  }

  call(message: ToReplica, transfer: ArrayBuffer[] = []): Promise<FromReplica> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'close' } satisfies ToReplica);
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const w of this.waiting.splice(0)) w.reject(error);
  }
}

/** A fixed set of replica threads started from the bundled replica entry. */
export class ReplicaPool {
  readonly replicas: Replica[];

  constructor(entry: string, count: number) {
    this.replicas = Array.from({ length: count }, () => new Replica(new Worker(entry)));
  }

  /** Sends one message per replica (built from its index) and waits for every answer. */
  all(build: (index: number) => { message: ToReplica; transfer?: ArrayBuffer[] }): Promise<FromReplica[]> {
    return Promise.all(
      this.replicas.map((replica, i) => {
        const { message, transfer } = build(i);
        return replica.call(message, transfer);
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.close()));
  }
}
