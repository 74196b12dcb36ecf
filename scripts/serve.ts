/**
 * The app's HTTP front: Next.js behind a plain Node server that appends the address of each
 * connection to X-Forwarded-For before Next sees the request, as a reverse proxy would. Next
 * gives server actions and route handlers no access to the socket, and `next start` adds the
 * socket's address only when the client sent no X-Forwarded-For of its own, so without this a
 * client could name any address it liked (docs/decisions/003-client-address.md).
 *   node --import tsx scripts/serve.ts --port 3000 [--hostname 127.0.0.1]
 * Run by `npm start` and by the browser tests; the app is not meant to be served by `next start`.
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { z } from "zod";
import { env } from "../lib/env";
import { appendPeer, describeAddressSource } from "../lib/http/client-address";
import { createDb } from "../lib/db/client";
import { startJobRunner } from "../lib/jobs/job-runner";
import { mailerFromEnv } from "../lib/jobs/smtp-mailer";

function log(line: string) {
  console.log(`[zhusan] ${line}`);
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string", default: "3000" }, hostname: { type: "string" } } });
  const port = z.coerce.number().int().min(1).max(65535).parse(values.port);
  const settings = env();
  const app = next({ dev: false, dir: process.cwd(), hostname: values.hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const proxied = settings.TRUSTED_PROXY_COUNT > 0;
  // With no NEXTAUTH_URL, next-auth builds its callback and redirect addresses from the request's
  // host, as the origin rule does (docs/decisions/008-origin-from-the-request.md).
  if (!settings.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = "true";
  const server = createServer((request, response) => {
    request.headers["x-forwarded-for"] = appendPeer(request.headers["x-forwarded-for"], request.socket.remoteAddress);
    // Without a trusted proxy these are the client's own words; Next then fills them in from the
    // Host header and the socket, so next-auth and the origin rule read what the browser sent.
    if (!proxied) {
      delete request.headers["x-forwarded-host"];
      delete request.headers["x-forwarded-proto"];
      delete request.headers["x-forwarded-port"];
    }
    void handle(request, response);
  });
  server.listen(port, values.hostname, () => log(`listening on port ${port}; ${describeAddressSource(settings.TRUSTED_PROXY_COUNT)}`));
  // The background jobs run here unless the deployment runs `npm run worker` instead.
  const jobs =
    process.env.ZHUSAN_JOBS_IN_SERVER === "0"
      ? null
      : await startJobRunner({
          connectionString: settings.DATABASE_URL,
          db: createDb(settings.DATABASE_URL),
          mailer: mailerFromEnv(),
          log,
        });
  if (!jobs) log("background jobs off in this server (ZHUSAN_JOBS_IN_SERVER=0): run `npm run worker`");
  const stop = () => server.close(() => void (jobs?.stop() ?? Promise.resolve()).finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  if (error instanceof z.ZodError)
    console.error(`[zhusan] cannot serve: ${error.issues.map((i) => `${i.path.join(".") || "--port"}: ${i.message}`).join("; ")}`);
  else console.error("[zhusan] cannot serve:", error);
  process.exit(1);
});
