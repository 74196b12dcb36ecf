import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { CONFIRMATION_SETTING, confirmationSettings } from "../four-eyes/confirmation-settings";
import { DEFAULT_CONFIRMATION_SETTINGS } from "../four-eyes/confirmation-rules";
import { makeTeam } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { ConfirmationSettingsInput } from "../validation/confirmation-settings";
import { readConfirmationSettings, saveConfirmationSettings } from "./confirmation-settings";

let administrator: CurrentUser;
let supervisor: CurrentUser;

beforeAll(async () => {
  ({ administrator, supervisor } = await makeTeam());
});

const input = (version: number, prosecutionStatuses: string) =>
  ConfirmationSettingsInput.parse({
    version,
    prosecutionStatuses,
    corrections: "on",
    caseStatuses: "CLOSED,DECEASED,LEFT_COUNTRY",
    minorNeedNotRequired: "on",
    childRemovedFromHousehold: "on",
    reason: "Решение министерства",
  });

it("reads a switch left unticked, and so absent from the form, as off", () => {
  const parsed = ConfirmationSettingsInput.parse({ version: 1, prosecutionStatuses: "", caseStatuses: "", reason: "x" });
  expect(parsed).toMatchObject({ corrections: false, minorNeedNotRequired: false, childRemovedFromHousehold: false });
});

// One test: the setting is one row shared by the run's database, so its steps must not interleave.
// Every value saved here still holds a conviction and a closure, which other tests of the run expect held.
describe("the administrator's choice of which changes wait for a second person", () => {
  it("is saved from the version seen, audited, refused when stale or not an administrator's, and followed at once", async () => {
    expect(await outcome(saveConfirmationSettings(supervisor, input(0, "CONVICTED")))).toBe("notFound");
    expect(await outcome(readConfirmationSettings(supervisor))).toBe("notFound");

    const seen = await readConfirmationSettings(administrator);
    expect(seen.prosecutionStatuses).toContain("CONVICTED");
    expect(await saveConfirmationSettings(administrator, input(seen.version, "ACQUITTED,CONVICTED"))).toBe("saved");
    const now = await confirmationSettings();
    expect(now.prosecutionStatuses).toEqual(["ACQUITTED", "CONVICTED"]);
    expect(now).toMatchObject({ minorNeedNotRequired: true, childRemovedFromHousehold: true });
    const event = await getDb().auditEvent.findFirstOrThrow({
      where: { entityId: CONFIRMATION_SETTING, action: "settings.changed", actorId: administrator.id },
      orderBy: { occurredAt: "desc" },
    });
    expect(event).toMatchObject({ reason: "Решение министерства", after: { prosecutionStatuses: ["ACQUITTED", "CONVICTED"] } });

    expect(await outcome(saveConfirmationSettings(administrator, input(seen.version, "CONVICTED")))).toBe("conflict");
    expect(await saveConfirmationSettings(administrator, input(seen.version + 1, "ACQUITTED,CONVICTED"))).toBe("unchanged");

    // Back to the defaults for the other tests of the run.
    await getDb().setting.delete({ where: { key: CONFIRMATION_SETTING } });
    expect(await confirmationSettings()).toEqual(DEFAULT_CONFIRMATION_SETTINGS);
  });
});
