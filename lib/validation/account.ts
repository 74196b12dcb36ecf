import { z } from "zod";
import { commaList, Confirmation } from "./fields";
import { Role } from "../db/generated/enums";
import { PASSWORD_MAX_LENGTH } from "./password-policy";

// Length and the common-password list are checked by the domain with passwordProblem, which
// also knows the account's own name and e-mail; here only what makes the input usable at all.
const NewPassword = z
  .string()
  .min(1, { error: "required" })
  .max(PASSWORD_MAX_LENGTH * 4, { error: "passwordTooLong" });
const Reason = z.string().trim().min(1, { error: "required" }).max(500, { error: "tooLong" });
const Version = z.coerce.number({ error: "required" }).int().positive();
const UserId = z.uuid({ error: "required" });

/** A group of region checkboxes, which formValues hands over as one comma-separated list. */
const RegionIds = commaList().pipe(z.array(z.uuid({ error: "invalid" })).max(50, { error: "invalid" }));

export const ChangeOwnPasswordInput = z
  .object({
    currentPassword: z.string().min(1, { error: "required" }).max(1024, { error: "tooLong" }),
    newPassword: NewPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "passwordsDiffer" });
export type ChangeOwnPasswordInput = z.infer<typeof ChangeOwnPasswordInput>;

const userFields = {
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "email" }))
    .pipe(z.string().max(254, { error: "tooLong" })),
  name: z.string().trim().min(1, { error: "required" }).max(120, { error: "tooLong" }),
  role: z.enum(Role, { error: "required" }),
  regionIds: RegionIds,
};

export const CreateUserInput = z.object({ ...userFields, temporaryPassword: NewPassword });
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({ userId: UserId, version: Version, ...userFields });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

/** The account actions that take only a reason: each is one button on the user's page. */
export const ACCOUNT_COMMANDS = [
  "deactivate",
  "reactivate",
  "lock",
  "unlock",
  "endSessions",
  "requirePasswordChange",
  "resetSecondFactor",
] as const;
/** Commands that take something away from a person at once, so the box must be ticked first. */
export const CONFIRMED_COMMANDS: readonly AccountCommand[] = ["deactivate", "lock", "resetSecondFactor"];
type AccountCommand = (typeof ACCOUNT_COMMANDS)[number];
export const AccountCommandInput = z
  .object({
    userId: UserId,
    version: Version,
    command: z.enum(ACCOUNT_COMMANDS, { error: "invalid" }),
    reason: Reason,
    confirm: z.string().optional(),
  })
  .superRefine((input, ctx) => {
    if (!CONFIRMED_COMMANDS.includes(input.command)) return;
    const confirmed = Confirmation.safeParse(input.confirm);
    if (!confirmed.success)
      for (const issue of confirmed.error.issues) ctx.addIssue({ code: "custom", path: ["confirm"], message: issue.message });
  });
export type AccountCommandInput = z.infer<typeof AccountCommandInput>;

export const SetTemporaryPasswordInput = z.object({ userId: UserId, version: Version, temporaryPassword: NewPassword, reason: Reason });
export type SetTemporaryPasswordInput = z.infer<typeof SetTemporaryPasswordInput>;

/** A six-digit authenticator code or a recovery code; which one is decided by its shape. */
const SecondFactorCode = z.string().trim().min(1, { error: "required" }).max(40, { error: "wrongCode" });

export const SecondFactorInput = z.object({ code: SecondFactorCode });
export type SecondFactorInput = z.infer<typeof SecondFactorInput>;

export const ConfirmEnrolmentInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "totpCodeShape" }),
});
export type ConfirmEnrolmentInput = z.infer<typeof ConfirmEnrolmentInput>;

export const DisableSecondFactorInput = z.object({
  currentPassword: z.string().min(1, { error: "required" }).max(1024, { error: "tooLong" }),
});
export type DisableSecondFactorInput = z.infer<typeof DisableSecondFactorInput>;

export const SecondFactorRolesInput = z.object({
  version: z.coerce.number({ error: "required" }).int().nonnegative(),
  roles: commaList().pipe(z.array(z.enum(Role, { error: "invalid" }))),
  reason: Reason,
});
export type SecondFactorRolesInput = z.infer<typeof SecondFactorRolesInput>;
