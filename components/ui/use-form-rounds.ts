"use client";

import { useActionState, useCallback, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/validation/action-state";
import { useApplyFragments } from "./live-fragments";

type Action<S> = (previous: S, formData: FormData) => Promise<S>;

/**
 * A server-action form's state, counted in rounds, with focus put where the person is.
 *
 * Every answer starts a new round, and forms key their fields on it: after a save the fields
 * remount from the record as it is now, after a refusal from what was typed. Without that, the
 * browser's form reset put selects back to the values of the first render, and a second save
 * from the same open form silently wrote the old values back.
 *
 * After each answer, focus goes to the first field in error, or else to the answer itself, so
 * a keyboard or screen-reader user goes on from where they were instead of from the page's top.
 */
export function useFormRounds<S extends ActionState>(action: Action<S>, initial: S) {
  type Counted = S & { round: number };
  // A form's state is a plain object, never a promise, so it is its own Awaited type; TypeScript
  // cannot see that through the type parameter.
  const first = { ...initial, round: 0 } as Awaited<Counted>;
  const applyFragments = useApplyFragments();
  const [state, formAction, pending] = useActionState<Counted, FormData>(async (previous, formData) => {
    // The parts of the page a save answered with go to their places, not into the form's state,
    // which is sent back with the next save.
    const { fragments, ...answer } = await action(previous, formData);
    if (fragments) applyFragments(fragments);
    return { ...(answer as S), round: previous.round + 1 };
  }, first);
  const form = useRef<HTMLFormElement>(null);
  const answerElement = useRef<HTMLElement | null>(null);
  const answer = useCallback((element: HTMLElement | null) => {
    answerElement.current = element;
  }, []);
  useEffect(() => {
    if (state.round === 0) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? answerElement.current)?.focus();
  }, [state]);
  return { state, formAction, pending, form, answer };
}
