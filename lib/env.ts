import { z } from "zod";

// Parsed once per process. scripts/start.ts fills in DATABASE_URL, NEXTAUTH_SECRET and
// NEXTAUTH_URL before the server starts, so inside the app they are always present.
const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
});

export type Env = z.infer<typeof EnvSchema>;

let parsed: Env | undefined;

export function env(): Env {
  parsed ??= EnvSchema.parse(process.env);
  return parsed;
}

/** Served over HTTPS: cookies get the __Secure- prefix and HSTS is sent. */
export function isHttps(): boolean {
  return env().NEXTAUTH_URL.startsWith("https://");
}
