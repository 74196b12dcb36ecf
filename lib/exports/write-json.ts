import type { JsonValue } from "../audit/canonical-json";
import type { ExportPlan } from "./export-history";
import { ChainsWriter, HISTORY_FORMAT, type HistoryManifest } from "./history-format";

/** The JSON export of docs/audit-chain.md: chains as they stream, then the manifest with their SHA-256. */
export async function writeHistoryJson(plan: ExportPlan, write: (text: string) => Promise<void>): Promise<void> {
  await write(`{"format":${JSON.stringify(HISTORY_FORMAT)},"chains":`);
  const chains = new ChainsWriter(write);
  await chains.open();
  for await (const exported of plan.cases()) {
    await chains.beginChain(exported.summary.chain, exported.summary.caseNumber);
    for await (const event of exported.events) await chains.event(event as JsonValue);
    await chains.endChain(exported.head);
  }
  const eventsSha256 = await chains.close();
  const manifest: HistoryManifest = {
    exportId: plan.exportId,
    generatedAt: plan.generatedAt,
    generatedBy: plan.request.profile === "full" ? plan.generatedBy : { id: null, label: plan.generatedBy.role, role: plan.generatedBy.role },
    reason: plan.request.reason,
    profile: plan.request.profile,
    filters: plan.filters,
    counts: plan.counts,
    eventsSha256,
    verifiable: plan.request.profile === "full",
  };
  await write(`,"manifest":${JSON.stringify(manifest)}}`);
}
