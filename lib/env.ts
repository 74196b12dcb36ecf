import { z } from "zod";

// Parsed once per process. scripts/start.ts fills in DATABASE_URL and NEXTAUTH_SECRET before the
// server starts, so inside the app they are always present. NEXTAUTH_URL stays unset unless the
// deployment names its address: the app then answers at whatever address reached it
// (lib/http/same-origin.ts).
const PROXY_COUNT = "TRUSTED_PROXY_COUNT must be a whole number from 0 to 10";

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is not set"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.preprocess((value) => (value === "" ? undefined : value), z.url().optional()),
  // 0 unless a deployment says otherwise: trusting a proxy that is not there lets every client
  // choose its own address (lib/http/client-address.ts).
  TRUSTED_PROXY_COUNT: z.coerce.number({ error: PROXY_COUNT }).int(PROXY_COUNT).min(0, PROXY_COUNT).max(10, PROXY_COUNT).default(0),
});

export type Env = z.infer<typeof EnvSchema>;

let parsed: Env | undefined;

export function env(): Env {
  parsed ??= EnvSchema.parse(process.env);
  return parsed;
}

/** Served over HTTPS: cookies get the __Secure- prefix and HSTS is sent. */
export function isHttps(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}
