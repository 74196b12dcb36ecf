import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env, isHttps } from "../env";
import { clientAddress } from "../http/client-address";
import { signInWithPassword } from "./sign-in";
import { endSession } from "./session-store";
import { ABSOLUTE_LIFETIME_MS } from "./session-rules";

const CredentialsInput = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export function sessionCookieName(): string {
  return isHttps() ? "__Secure-zhusan.session" : "zhusan.session";
}

// X-Forwarded-For is read whole: its trusted entries are at the end, and a client can pad the start.
function firstHeader(headers: Record<string, unknown> | undefined, name: string, maxLength = 512): string | null {
  const value = headers?.[name];
  const text: unknown = Array.isArray(value) ? value[0] : value;
  return typeof text === "string" && text.length > 0 ? text.slice(0, maxLength) : null;
}

/**
 * The JWT carries only the server-side session's id: who the user is and what they may do are
 * read from the database on every request (lib/auth/current-user.ts), so sign-out, deactivation
 * and timeouts take effect at once on every app server.
 */
export function authOptions(): AuthOptions {
  const maxAge = ABSOLUTE_LIFETIME_MS / 1000;
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/login", error: "/login" },
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: isHttps() },
      },
    },
    providers: [
      CredentialsProvider({
        name: "password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const parsed = CredentialsInput.safeParse(credentials);
          if (!parsed.success) return null;
          const result = await signInWithPassword({
            ...parsed.data,
            ipAddress: clientAddress(firstHeader(req.headers, "x-forwarded-for", Infinity), env().TRUSTED_PROXY_COUNT),
            userAgent: firstHeader(req.headers, "user-agent"),
          });
          return result.ok ? { id: result.userId, sid: result.sessionId } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) return { sub: user.id, sid: user.sid };
        return token;
      },
      // The browser learns nothing from /api/auth/session beyond being signed in.
      session({ session }) {
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid, "sign_out", token.sub ?? null);
      },
    },
  };
}
