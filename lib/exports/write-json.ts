import type { PieceWrite } from "../http/chunked-write";
import { canonicalJson } from "../audit/canonical-json";
import { AS_EVENTS, type ExportPlan } from "./export-history";
import { ChainsWriter, HISTORY_FORMAT, type HistoryManifest } from "../audit/history-format";

/**
 * The JSON export of docs/audit-chain.md: chains as they stream, then the manifest with their
 * SHA-256, then the server's signature over the manifest. The manifest's bytes are its RFC 8785
 * form, the very text the signature covers, so a verifier needs no re-serialisation to agree.
 */
export async function writeHistoryJson(plan: ExportPlan, write: PieceWrite): Promise<void> {
  await write(`{"format":${JSON.stringify(HISTORY_FORMAT)},"chains":`);
  const chains = new ChainsWriter(write);
  await chains.open();
  for await (const exported of plan.cases(AS_EVENTS)) {
    await chains.beginChain(exported.summary.chain, exported.summary.caseNumber);
    for await (const run of exported.events) await chains.events(run);
    await chains.endChain(exported.head);
  }
  const eventsSha256 = await chains.close();
  const manifest: HistoryManifest = {
    exportId: plan.exportId,
    generatedAt: plan.generatedAt,
    generatedBy:
      plan.request.profile === "full" ? plan.generatedBy : { id: null, label: plan.generatedBy.role, role: plan.generatedBy.role },
    // The exporter's own words may name the person; a pseudonymised file carries none of its free text.
    reason: plan.request.profile === "full" ? plan.request.reason : null,
    profile: plan.request.profile,
    filters: plan.filters,
    counts: plan.counts,
    eventsSha256,
    verifiable: plan.request.profile === "full",
  };
  await write(`,"manifest":${canonicalJson(manifest)},"signature":${canonicalJson(plan.signManifest(manifest))}}`);
}
