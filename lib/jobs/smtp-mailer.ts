import { z } from "zod";
import type { Mailer } from "./task-digest";

const SmtpEnv = z.object({
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(["", "0", "1"]).optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().optional(),
});

/**
 * The SMTP server of the configuration, or null when SMTP_HOST is unset: then the daily e-mail is
 * off, and its job does nothing and succeeds.
 */
export function mailerFromEnv(source: Record<string, string | undefined> = process.env): Mailer | null {
  const env = SmtpEnv.parse(source);
  if (!env.SMTP_HOST) return null;
  const from = env.SMTP_FROM || `zhusan@${env.SMTP_HOST}`;
  let transport: Promise<import("nodemailer").Transporter> | undefined;
  return {
    async send(message) {
      transport ??= import("nodemailer").then((nodemailer) =>
        nodemailer.createTransport({
          host: env.SMTP_HOST,
          port: env.SMTP_PORT,
          secure: env.SMTP_SECURE === "1",
          auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
        }),
      );
      await (await transport).sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
