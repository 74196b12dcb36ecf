import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { reviewQueue } from "@/lib/review/queue";
import { getReviewOptions } from "@/lib/review/review-options";
import { ReviewQuery, ReviewTab } from "@/lib/validation/review";
import { listRequestsToConfirm } from "@/lib/cases/change-requests";
import { countDecisionsWaiting } from "@/lib/transfers/decisions-waiting";
import { listTransfersToReceive } from "@/lib/transfers/transfer-views";
import { TransfersToReceive } from "@/components/transfers/transfers-to-receive";
import { canAtAll } from "@/lib/policy/can";
import { RequestsToConfirm } from "@/components/four-eyes/requests-to-confirm";
import { ReviewTabs } from "@/components/four-eyes/review-tabs";
import { ReviewFilters } from "@/components/review/review-filters";
import { ReviewQueue } from "@/components/review/review-queue";
import { todayOf } from "@/lib/calendar/calendar-day";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewPage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const confirms = canAtAll(user, "change.confirm");
  if (ReviewTab.parse(raw.tab) === "confirm") {
    const [rows, transfers] = await pageOrNotFound(() => Promise.all([listRequestsToConfirm(user), listTransfersToReceive(user)]));
    const t = await getTranslations("review.toConfirm");
    return (
      <div className="space-y-6">
        <ReviewTabs current="confirm" toConfirm={rows.length + transfers.length} />
        <TransfersToReceive transfers={transfers} />
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{t("intro")}</p>
        </div>
        <RequestsToConfirm rows={rows} viewerId={user.id} />
      </div>
    );
  }
  // A hand-edited URL with a nonsense filter shows the whole queue rather than an error page.
  const parsed = ReviewQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ReviewQuery.parse({});
  const page = await pageOrNotFound(() => reviewQueue(user, query));
  const [options, t] = await Promise.all([getReviewOptions(user), getTranslations("review")]);
  const keep = Object.fromEntries(
    Object.entries(query)
      .filter(([k, v]) => k !== "cursor" && v !== undefined && v !== false)
      .map(([k, v]) => [k, v === true ? "1" : String(v)]),
  );
  const nextHref = page.nextCursor ? `/review?${new URLSearchParams({ ...keep, cursor: page.nextCursor }).toString()}` : null;
  const toConfirm = confirms ? await countDecisionsWaiting(user) : null;
  return (
    <div className="space-y-6">
      {toConfirm !== null && <ReviewTabs current="queue" toConfirm={toConfirm} />}
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro", { target: page.targetDays })}</p>
        <p className="mt-2 text-sm" data-testid="review-total">
          {t("total", { count: page.total, overdue: page.overdue })}
        </p>
      </div>
      <ReviewFilters query={query} options={options} />
      <ReviewQueue rows={page.rows} options={options} today={todayOf()} targetDays={page.targetDays} />
      {nextHref && (
        <a href={nextHref} className="inline-block rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
          {t("more")}
        </a>
      )}
    </div>
  );
}
