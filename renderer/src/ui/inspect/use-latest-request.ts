import { useCallback, useEffect, useRef } from 'react';

/**
 * Sends requests one at a time and, while one is in flight, keeps only the newest input: a
 * slider dragged across many values redraws as fast as answers come back (about 35 ms from the
 * inference process) without queuing a redraw per value. Answers after unmount are dropped.
 */
export function useLatestRequest<I, O>(send: (input: I) => Promise<O>, onAnswer: (output: O) => void, onError: (error: unknown) => void): (input: I) => void {
  const inFlight = useRef(false);
  const queued = useRef<{ input: I } | null>(null);
  const mounted = useRef(true);
  const handlers = useRef({ send, onAnswer, onError });
  handlers.current = { send, onAnswer, onError };
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const pump = useCallback(() => {
    const next = queued.current;
    if (inFlight.current || !next) return;
    queued.current = null;
    inFlight.current = true;
    handlers.current
      .send(next.input)
      .then((output) => {
        // A newer input is waiting: its answer replaces this one soon.
        if (mounted.current && !queued.current) handlers.current.onAnswer(output);
      })
      .catch((error: unknown) => mounted.current && handlers.current.onError(error))
      .finally(() => {
        inFlight.current = false;
        if (mounted.current) pump();
      });
  }, []);

  return useCallback(
    (input: I) => {
      queued.current = { input };
      pump();
    },
    [pump],
  );
}
