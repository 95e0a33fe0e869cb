// A form's submit, the same in every form: busy while the request runs (its button is disabled and says so), the
// previous error cleared when it starts, a failure turned into the form's error (one message, or errors per field).
// No zod here: the sign-in form on the first page uses it.
import { useEffect, useRef, useState } from 'react';

export interface Submit<E> {
  busy: boolean;
  error: E;
  /** For the form's own checks before anything is sent. */
  setError: (error: E) => void;
  /** Runs the request; resolves once it has succeeded or its failure is shown (it never rejects). */
  run: (request: () => Promise<unknown>) => Promise<void>;
}

/** A failure as one sentence. */
export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * `none` is the form's "no error" (null, or {} for errors per field); `toError` turns what the request threw into
 * the form's error.
 */
export function useSubmit<E>(none: E, toError: (err: unknown) => E): Submit<E> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<E>(none);
  // A successful submit often closes the form or leaves the page: nothing to reset then.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError(none);
    try {
      await request();
    } catch (err) {
      if (mounted.current) setError(toError(err));
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
