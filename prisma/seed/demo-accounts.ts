import type { Role } from "../../lib/db/generated/enums";

/** The one password of every demo account; written in the README. Demo data only. */
export const DEMO_PASSWORD = "zhusan-demo-2026";

export type DemoAccount = { email: string; name: string; role: Role; regionCodes: readonly string[] };

// caseworker@ and caseworker2@ share Almaty so the caseworker sees only part of their region.
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "admin@example.org", name: "Aliya Administrator", role: "ADMINISTRATOR", regionCodes: [] },
  { email: "supervisor@example.org", name: "Serik Supervisor", role: "SUPERVISOR", regionCodes: ["ALMATY_CITY", "ALMATY_REGION"] },
  { email: "caseworker@example.org", name: "Kamila Caseworker", role: "CASEWORKER", regionCodes: ["ALMATY_CITY"] },
  { email: "auditor@example.org", name: "Arman Auditor", role: "AUDITOR", regionCodes: [] },
  { email: "caseworker2@example.org", name: "Dana Seitkali", role: "CASEWORKER", regionCodes: ["ALMATY_CITY"] },
  { email: "caseworker3@example.org", name: "Erlan Tulegenov", role: "CASEWORKER", regionCodes: ["ALMATY_REGION"] },
  { email: "caseworker4@example.org", name: "Gulmira Omarova", role: "CASEWORKER", regionCodes: ["SHYMKENT"] },
  { email: "caseworker5@example.org", name: "Timur Kassymov", role: "CASEWORKER", regionCodes: ["TURKISTAN"] },
  { email: "caseworker6@example.org", name: "Madina Ergaliyeva", role: "CASEWORKER", regionCodes: ["ASTANA"] },
];
