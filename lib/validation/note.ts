import { z } from "zod";

export const NoteInput = z.object({
  caseId: z.uuid({ error: "required" }),
  body: z.string().trim().min(1, { error: "required" }).max(5000, { error: "tooLong" }),
});
export type NoteInput = z.infer<typeof NoteInput>;
