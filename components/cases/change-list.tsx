import { changeLines, type ChangeVocabulary } from "@/lib/audit/change-lines";

/** "Field: before → after" for each field an audit event changed, in the reader's words. */
export function ChangeList({
  before,
  after,
  action,
  vocabulary,
}: {
  before: unknown;
  after: unknown;
  action: string;
  vocabulary: ChangeVocabulary;
}) {
  const lines = changeLines(before, after, { action, vocabulary });
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
