import { z } from "zod";
import { optional } from "./fields";
import { AgeCategory } from "../db/generated/enums";

/** The review queue's filters: kept in the URL, as none of them names a person. */
export const ReviewQuery = z.object({
  region: optional(z.uuid()),
  age: optional(z.enum(AgeCategory)),
  type: optional(
    z
      .string()
      .max(40)
      .regex(/^[A-Z0-9_]+$/),
  ),
  caseworker: optional(z.uuid()),
  overdue: z.preprocess((v) => v === "1" || v === "on" || v === true, z.boolean()).default(false),
  cursor: optional(z.string().max(80)),
});
export type ReviewQuery = z.infer<typeof ReviewQuery>;

/** The review page's tabs: the queue of who needs a program, and the changes held for the user to confirm. */
export const ReviewTab = z.enum(["queue", "confirm"]).catch("queue");
export type ReviewTab = z.infer<typeof ReviewTab>;
