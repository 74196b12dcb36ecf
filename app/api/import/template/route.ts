import { getCurrentUser } from "@/lib/auth/current-user";
import { refusal, workbookDownload } from "@/lib/http/workbook-download";
import { importTemplate } from "@/lib/import/import-template";
import { TemplateRequest } from "@/lib/validation/import";

/**
 * The import template in the language the link asks for (`?lang=ru`). A GET that changes
 * nothing; who may have it is decided by importTemplate through the policy.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.secondFactorPending || user.mustChangePassword || user.secondFactorMissing) return refusal(401, { error: "signIn" });
  const parsed = TemplateRequest.safeParse({ lang: new URL(request.url).searchParams.get("lang") ?? undefined });
  if (!parsed.success) return refusal(400, { error: "invalid", fields: { lang: "required" } });
  return workbookDownload("importTemplate", () => importTemplate(user, parsed.data.lang));
}
