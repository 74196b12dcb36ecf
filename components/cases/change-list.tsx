import { changeLines } from "@/lib/audit/change-lines";

/** "field: before → after" for each field an audit event changed, as the timeline shows it. */
export function ChangeList({ before, after }: { before: unknown; after: unknown }) {
  const lines = changeLines(before, after);
  if (lines.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
      {lines.map((line) => (
        <li key={line.field}>
          <span className="font-medium">{line.field}</span>: {line.before !== null ? `${line.before} → ` : ""}
          {line.after}
        </li>
      ))}
    </ul>
  );
}
