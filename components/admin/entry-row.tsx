import type { ReactNode } from "react";

/** One reference entry: its summary line, and its edit form folded away until asked for. */
export function EntryRow({
  summary,
  editLabel,
  inactiveLabel,
  active,
  children,
}: {
  summary: ReactNode;
  editLabel: string;
  inactiveLabel: string;
  active: boolean;
  children: ReactNode;
}) {
  return (
    <li className="rounded border border-slate-200 bg-white p-3">
      <details>
        <summary className="cursor-pointer">
          <span className={active ? "" : "text-slate-500 line-through"}>{summary}</span>
          {!active && <span className="ml-2 text-xs text-slate-600">{inactiveLabel}</span>}
          <span className="ml-2 text-sm text-sky-800 underline">{editLabel}</span>
        </summary>
        {children}
      </details>
    </li>
  );
}
