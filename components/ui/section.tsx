/** A titled panel of a record's page. */
export function Section({ title, children, testId, id }: { title: string; children: React.ReactNode; testId?: string; id?: string }) {
  return (
    <section id={id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}
