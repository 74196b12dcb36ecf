import { once } from "node:events";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import type { JsonValue } from "../audit/canonical-json";
import { changeLines, shownValue, type ChangeVocabulary } from "../audit/change-lines";
import type { ExportPlan } from "./export-history";

/**
 * DejaVu Sans from the npm registry: it has every Cyrillic letter Kazakh uses (ә ғ қ ң ө ұ ү һ і),
 * and nothing is fetched at run time. Read from node_modules beside the app.
 */
const FONT = join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf", "DejaVuSans.ttf");
const FONT_BOLD = join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf", "DejaVuSans-Bold.ttf");

/** The words of the dossier, in the exporter's language, from the message catalogs. */
export type DossierLabels = {
  text: (key: string, values?: Record<string, string | number>) => string;
  action: (action: string) => string;
  enumLabel: (group: string, value: string) => string;
  region: (names: { en: string; ru: string; kk: string }) => string;
  dateTime: (iso: string) => string;
  /** Field names and coded values of the history in the reader's words; without it, as stored. */
  changes?: ChangeVocabulary;
};

type Row = { [key: string]: JsonValue | undefined };

/**
 * A dossier a person reads: for each case the person's summary, then the history in order,
 * with the export's reference and the page number at the foot of every page. Pages are written
 * out as they fill, so the document streams like the other formats.
 */
export async function writeHistoryPdf(plan: ExportPlan, write: (chunk: Uint8Array) => Promise<void>, labels: DossierLabels): Promise<void> {
  const doc = new PDFDocument({ size: "A4", margin: 50, font: FONT, info: { Title: labels.text("pdfTitle"), Author: plan.request.profile === "full" ? plan.generatedBy.label : plan.generatedBy.role } });
  doc.registerFont("regular", FONT);
  doc.registerFont("bold", FONT_BOLD);
  const pending: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => pending.push(chunk));
  const ended = once(doc, "end");
  const flush = async () => {
    while (pending.length > 0) await write(pending.shift()!);
  };

  let page = 1;
  const footer = () => {
    const { bottom } = doc.page.margins;
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(8).fillColor("#555555");
    doc.text(labels.text("pdfFooter", { reference: plan.exportId, page }), 50, doc.page.height - 35, { width: doc.page.width - 100, align: "center", lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor("#000000").x = 50;
    doc.y = doc.page.margins.top;
  };
  footer();
  doc.on("pageAdded", () => {
    page += 1;
    footer();
  });

  doc.font("bold").fontSize(16).text(labels.text("pdfTitle"));
  doc.font("regular").fontSize(9).moveDown(0.3);
  doc.text(labels.text("pdfGenerated", { at: labels.dateTime(plan.generatedAt), by: plan.request.profile === "full" ? plan.generatedBy.label : plan.generatedBy.role }));
  doc.text(labels.text("pdfReason", { reason: plan.request.reason }));
  doc.text(labels.text("pdfProfile", { profile: labels.text(`profile.${plan.request.profile}`), cases: plan.counts.cases, events: plan.counts.events }));
  await flush();

  for await (const exported of plan.cases()) {
    const s = exported.summary;
    doc.moveDown(1).font("bold").fontSize(13).text(s.name ? `${s.name} · ${s.caseNumber}` : s.chain);
    doc.font("regular").fontSize(9);
    doc.text(
      [
        `${labels.text("born")}: ${s.birth}`,
        `${labels.text("ageCategory")}: ${labels.enumLabel("age", s.ageCategory)}`,
        `${labels.text("region")}: ${labels.region(s.region)}`,
        `${labels.text("returned")}: ${s.returnDate}`,
        `${labels.text("prosecution")}: ${labels.enumLabel("prosecution", s.prosecutionStatus)}`,
        `${labels.text("caseStatus")}: ${labels.enumLabel("caseStatus", s.caseStatus)}`,
      ].join("   "),
    );
    doc.moveDown(0.5).font("bold").fontSize(11).text(labels.text("history"));
    for await (const raw of exported.events) {
      const event = raw as Row;
      const actor = (event.actor ?? {}) as Row;
      doc.moveDown(0.3).font("bold").fontSize(9).text(`${event.seq}. ${labels.action(String(event.action))} · ${String(event.occurredAt).length > 7 ? labels.dateTime(String(event.occurredAt)) : String(event.occurredAt)} · ${shownValue(actor.label ?? actor.role)}`);
      doc.font("regular");
      if (event.reason) doc.text(`${labels.text("reason")}: ${shownValue(event.reason)}`, { indent: 12 });
      for (const line of changeLines(event.before, event.after, { action: String(event.action), vocabulary: labels.changes })) doc.text(`${line.field}: ${line.before !== null ? `${line.before} → ` : ""}${line.after}`, { indent: 12 });
      await flush();
    }
  }
  doc.end();
  await ended;
  await flush();
}
