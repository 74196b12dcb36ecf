import type { Db } from "../db/client";
import type { Role } from "../db/generated/enums";
import { isoDayOf } from "../calendar/calendar-day";
import { countTasksByDue } from "../task-store/task-lists";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import kk from "../../messages/kk.json";

export type DigestMessage = { to: string; subject: string; text: string };
/** Sends one message; the SMTP transport in use, or a test's sink. */
export type Mailer = { send(message: DigestMessage): Promise<void> };

const CATALOGS = { en, ru, kk } as const;
/** Only the roles that do the work: an auditor reads tasks and is never reminded of them. */
const REMINDED: Role[] = ["CASEWORKER", "SUPERVISOR"];

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));

/**
 * The daily e-mail: to each active caseworker and supervisor with open tasks due this week or
 * overdue, the three counts of their home page and a link to /tasks. Never a name, a case number or
 * anything else about a case: mail leaves the system, and a count says nothing about anyone.
 * Counted through the same scoped query as the home page, so a count never includes another's work.
 */
export async function sendTaskDigests(
  db: Db,
  mailer: Mailer,
  now: Date,
  baseUrl = process.env.NEXTAUTH_URL ?? "",
): Promise<{ sent: number }> {
  const today = isoDayOf(now);
  const users = await db.user.findMany({
    where: { active: true, role: { in: REMINDED } },
    select: { id: true, email: true, role: true, locale: true, regions: { select: { regionId: true } } },
    orderBy: { email: "asc" },
  });
  let sent = 0;
  for (const user of users) {
    const counts = await countTasksByDue(db, { id: user.id, role: user.role, regionIds: user.regions.map((r) => r.regionId) }, today);
    if (counts.overdue + counts.today + counts.week === 0) continue;
    const catalog = CATALOGS[user.locale as keyof typeof CATALOGS] ?? en;
    const link = `${baseUrl.replace(/\/$/, "")}/tasks`;
    await mailer.send({
      to: user.email,
      subject: catalog.taskDigest.subject,
      text: fill(catalog.taskDigest.body, { ...counts, link }),
    });
    sent++;
  }
  return { sent };
}
