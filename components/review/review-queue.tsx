"use client";

import { useState } from "react";
import { bulkReviewAction, type BulkState } from "@/app/(app)/review/actions";
import { useFormRounds } from "@/components/ui/use-form-rounds";
import type { QueueRow } from "@/lib/review/queue";
import type { ReviewOptions } from "@/lib/review/review-options";
import { initialActionState } from "@/lib/validation/action-state";
import { BulkActionPanel } from "./bulk-action-panel";
import { BulkSummary } from "./bulk-summary";
import { QueueTable } from "./queue-table";

/**
 * The queue with its bulk actions: tick people, choose what to do, and read what happened to
 * each. Each person is handled in their own transaction, so the summary can say "done" for some
 * and "program full" for others.
 */
export function ReviewQueue({
  rows,
  options,
  today,
  targetDays,
}: {
  rows: QueueRow[];
  options: ReviewOptions;
  today: string;
  targetDays: number;
}) {
  const { state, formAction, pending, form, answer } = useFormRounds<BulkState>(bulkReviewAction, initialActionState);
  // Each answer remounts the rows unticked, so a count from an earlier round reads as none.
  const [selection, setSelection] = useState({ round: state.round, count: 0 });
  const selected = selection.round === state.round ? selection.count : 0;
  const boxes = () => [...(form.current?.querySelectorAll<HTMLInputElement>('input[name="selected"]') ?? [])];
  const countSelected = () => setSelection({ round: state.round, count: boxes().filter((box) => box.checked).length });
  const selectPage = (checked: boolean) => {
    for (const box of boxes()) box.checked = checked;
    countSelected();
  };

  return (
    <form ref={form} action={formAction} className="space-y-4" noValidate data-testid="review-form">
      {options.canAct && rows.length > 0 && (
        <BulkActionPanel options={options} today={today} state={state} selected={selected} pending={pending} answer={answer} />
      )}
      {state.outcomes && <BulkSummary outcomes={state.outcomes} answer={answer} />}
      <QueueTable
        rows={rows}
        options={options}
        targetDays={targetDays}
        round={state.round}
        selected={selected}
        onSelectPage={selectPage}
        onSelect={countSelected}
      />
    </form>
  );
}
