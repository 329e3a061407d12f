// The one way a component asks main to change something: run the call, keep a busy flag, give
// the feedback every action gives (the error sound always, the success sound when asked, a toast
// whose text comes from the error's CODE), and answer the value, or undefined when it failed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../src-preload/contract';
import { RpcError } from '../api/client';
import { useSound, useToast } from './context';
import { errorText } from './errors';

export interface ActionOptions<T> {
  /** Success toast text (already translated), from the answer; nothing shown when it gives none. */
  success?: (value: T) => string | null | undefined;
  /** Play the success sound too (a print queued, a sign-in), not only on errors. */
  successSound?: boolean;
  /** This screen's own words for some codes (e.g. CONFLICT: "the spool cannot be removed"). */
  errors?: Partial<Record<ErrorCode, string>>;
  /**
   * Show the error where it belongs (under a field, in the form) instead of a toast: return true
   * when handled. `text` is the translated message the toast would have shown.
   */
  onError?: (error: unknown, text: string) => boolean | void;
}

export type RunAction = <T>(call: () => Promise<T>, opts?: ActionOptions<T>) => Promise<T | undefined>;

export function useAction(): { run: RunAction; busy: boolean } {
  const { t } = useTranslation();
  const toast = useToast();
  const play = useSound();
  const [pending, setPending] = useState(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback<RunAction>(
    async (call, opts = {}) => {
      setPending((n) => n + 1);
      try {
        const value = await call();
        if (opts.successSound) play('success');
        const text = opts.success?.(value);
        if (text) toast('success', text);
        return value;
      } catch (e) {
        play('error');
        const own = e instanceof RpcError ? opts.errors?.[e.code] : undefined;
        const text = own ?? errorText(t, e);
        if (!opts.onError?.(e, text)) toast('error', text);
        return undefined;
      } finally {
        // A successful sign-in or save may unmount the caller before its answer is handled.
        if (mounted.current) setPending((n) => n - 1);
      }
    },
    [t, toast, play],
  );
  return { run, busy: pending > 0 };
}
