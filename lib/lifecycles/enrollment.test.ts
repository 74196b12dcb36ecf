import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import { ENROLLMENT_STATUSES, ENROLLMENT_STEPS, MEETS_NEED, PLACE_TAKING_STATUSES, STEP_REASON_KINDS, stepsFrom } from "./enrollment";

type Catalog = { [key: string]: string | Catalog };
const inCatalog = (key: string) =>
  typeof key.split(".").reduce<string | Catalog | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), en) ===
  "string";

describe("the enrollment lifecycle table", () => {
  it("lets only an enrolled person hold a place, and counts referred, enrolled and completed as meeting a need", () => {
    expect(PLACE_TAKING_STATUSES).toEqual(["ENROLLED"]);
    expect(MEETS_NEED).toEqual(["REFERRED", "ENROLLED", "COMPLETED"]);
  });

  it("offers from a referral enrolment or a decline, and from an enrolment completion, withdrawal or dropping out", () => {
    expect(stepsFrom("REFERRED")).toEqual(["enrol", "decline"]);
    expect(stepsFrom("ENROLLED")).toEqual(["complete", "withdraw", "drop_out"]);
    expect(stepsFrom("COMPLETED")).toEqual([]);
  });

  it("asks for a reason of the step's own kind when it ends an enrollment early", () => {
    expect(STEP_REASON_KINDS).toEqual(["DECLINE", "WITHDRAW", "DROP_OUT"]);
  });

  it("labels every status and step from the message catalogs", () => {
    for (const { label } of [...Object.values(ENROLLMENT_STATUSES), ...Object.values(ENROLLMENT_STEPS)])
      expect(inCatalog(label), label).toBe(true);
  });
});
