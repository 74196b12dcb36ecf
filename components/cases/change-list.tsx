type Json = unknown;

function show(value: Json): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(show).join(", ") || "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** "field: before → after" for each field an audit event changed, as the timeline shows it. */
export function ChangeList({ before, after }: { before: Json; after: Json }) {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, Json>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, Json>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (fields.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
      {fields.map((field) => (
        <li key={field}>
          <span className="font-medium">{field}</span>: {field in b ? `${show(b[field])} → ` : ""}
          {show(a[field])}
        </li>
      ))}
    </ul>
  );
}
