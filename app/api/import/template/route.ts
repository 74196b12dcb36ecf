import { getCurrentUser } from "@/lib/auth/current-user";
import { DomainError } from "@/lib/errors/domain-error";
import { reportUnexpected } from "@/lib/errors/report-unexpected";
import { importTemplate } from "@/lib/import/import-template";
import { TemplateRequest } from "@/lib/validation/import";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const problem = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The import template in the language the link asks for (`?lang=ru`). A GET that changes
 * nothing; who may have it is decided by importTemplate through the policy.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.secondFactorPending || user.mustChangePassword || user.secondFactorMissing) return problem(401, { error: "signIn" });
  const parsed = TemplateRequest.safeParse({ lang: new URL(request.url).searchParams.get("lang") ?? undefined });
  if (!parsed.success) return problem(400, { error: "invalid", fields: { lang: "required" } });
  try {
    const file = await importTemplate(user, parsed.data.lang);
    return new Response(new Blob([file.bytes], { type: XLSX }), {
      headers: {
        "Content-Type": XLSX,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof DomainError && (error.kind === "notFound" || error.kind === "forbidden"))
      return problem(404, { error: "notFound" });
    return problem(500, { error: "unexpected", reference: reportUnexpected(error, "importTemplate") });
  }
}
