import type { FromInference, FromWorker, Heartbeat, ToWorker } from '../../shared/compute-protocol';

/**
 * The compute process's side of the channel: Electron's process.parentPort in a
 * utilityProcess, process.send under child_process.fork.
 */
export interface WorkerPort {
  onMessage(listener: (message: ToWorker) => void): void;
  post(message: FromWorker | FromInference | Heartbeat): void;
  /** Posts a last message and resolves once it has left the process. */
  postFinal(message: FromWorker): Promise<void>;
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export function connectToParent(): WorkerPort {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToWorker)),
      post: (message) => parentPort.postMessage(message),
      postFinal: (message) => {
        parentPort.postMessage(message);
        // postMessage queues on the port; give the event loop a turn to flush it.
        return new Promise((resolve) => setTimeout(resolve, 50));
      },
    };
  }
  if (!process.send) throw new Error('worker.cjs must be started as a compute process (no parent channel).');
  const send = process.send.bind(process);
  return {
    onMessage: (listener) => process.on('message', (message) => listener(message as ToWorker)),
    post: (message) => {
      send(message);
    },
    postFinal: (message) => new Promise((resolve) => send(message, undefined, {}, () => resolve())),
  };
}
