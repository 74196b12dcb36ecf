import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that the environment is read after scripts/start.ts set it.
function handler(request: NextRequest, context: RouteContext): Promise<Response> {
  // next-auth 4 types what its handler returns as any; under the App Router it is the Response.
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
