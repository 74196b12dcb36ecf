import { once } from "node:events";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import type { JsonValue } from "../audit/canonical-json";
import { changeLines, shownValue, type ChangeVocabulary } from "../audit/change-lines";
import { formatDay, formatMoment } from "../i18n/format";
import { AS_EVENTS, type ExportPlan } from "./export-history";

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
  /** The reader's language: the document's declared language, and how its dates are written. */
  locale: string;
  /** Field names and coded values of the history in the reader's words; without it, as stored. */
  changes?: ChangeVocabulary;
};

type Row = { [key: string]: JsonValue | undefined };

/** A full profile's exact day in the reader's format; a pseudonymised month (YYYY-MM) stays as it is. */
const dayOf = (locale: string, value: string) => (value.length === 10 ? formatDay(locale, value) : value);
/** An event's moment; a pseudonymised one is cut to its month and shown as such. */
const momentOf = (locale: string, value: string) => (value.length > 10 ? formatMoment(locale, value) : value);

/**
 * A dossier a person reads: for each case the person's summary, then the history in order,
 * with the export's reference and the page number at the foot of every page. Pages are written
 * out as they fill, so the document streams like the other formats.
 *
 * The PDF is tagged: headings, paragraphs and the per-case sections form its logical structure,
 * its language is the reader's, and the page footers are marked as artifacts, so a screen reader
 * reads the dossier in order and skips the footers. Each case's section is closed (and written
 * out) when its history ends, so the structure does not hold the whole export in memory.
 */
export async function writeHistoryPdf(plan: ExportPlan, write: (chunk: Uint8Array) => Promise<void>, labels: DossierLabels): Promise<void> {
  const by = plan.request.profile === "full" ? plan.generatedBy.label : plan.generatedBy.role;
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    font: FONT,
    pdfVersion: "1.7",
    tagged: true,
    lang: labels.locale,
    displayTitle: true,
    info: { Title: labels.text("pdfTitle"), Author: by },
  });
  doc.registerFont("regular", FONT);
  doc.registerFont("bold", FONT_BOLD);
  const pending: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => pending.push(chunk));
  const ended = once(doc, "end");
  const flush = async () => {
    while (pending.length > 0) await write(pending.shift()!);
  };
  const root = doc.struct("Document");
  doc.addStructure(root);
  const paragraph = (parent: PDFKit.PDFStructureElement, type: "H1" | "H2" | "H3" | "P", draw: () => void) =>
    parent.add(doc.struct(type, {}, draw));

  let page = 1;
  const footer = () => {
    const { bottom } = doc.page.margins;
    doc.page.margins.bottom = 0;
    doc.markContent("Artifact", { type: "Pagination" });
    doc.font("regular").fontSize(8).fillColor("#555555");
    doc.text(labels.text("pdfFooter", { reference: plan.exportId, page }), 50, doc.page.height - 35, {
      width: doc.page.width - 100,
      align: "center",
      lineBreak: false,
    });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
    doc.fillColor("#000000").x = 50;
    doc.y = doc.page.margins.top;
  };
  footer();
  doc.on("pageAdded", () => {
    page += 1;
    footer();
  });

  paragraph(root, "H1", () => doc.font("bold").fontSize(16).text(labels.text("pdfTitle")));
  doc.font("regular").fontSize(9).moveDown(0.3);
  paragraph(root, "P", () => doc.text(labels.text("pdfGenerated", { at: momentOf(labels.locale, plan.generatedAt), by })));
  // As in the JSON manifest: the exporter's words may name the person, so a pseudonymised dossier leaves them out.
  if (plan.request.profile === "full") paragraph(root, "P", () => doc.text(labels.text("pdfReason", { reason: plan.request.reason })));
  paragraph(root, "P", () =>
    doc.text(
      labels.text("pdfProfile", {
        profile: labels.text(`profile.${plan.request.profile}`),
        cases: plan.counts.cases,
        events: plan.counts.events,
      }),
    ),
  );
  await flush();

  for await (const exported of plan.cases(AS_EVENTS)) {
    const s = exported.summary;
    const section = doc.struct("Sect");
    root.add(section);
    doc.moveDown(1);
    paragraph(section, "H2", () =>
      doc
        .font("bold")
        .fontSize(13)
        .text(s.name ? `${s.name} · ${s.caseNumber}` : s.chain),
    );
    doc.font("regular").fontSize(9);
    paragraph(section, "P", () =>
      doc.text(
        [
          `${labels.text("born")}: ${dayOf(labels.locale, s.birth)}`,
          `${labels.text("ageCategory")}: ${labels.enumLabel("age", s.ageCategory)}`,
          `${labels.text("region")}: ${labels.region(s.region)}`,
          `${labels.text("returned")}: ${dayOf(labels.locale, s.returnDate)}`,
          `${labels.text("prosecution")}: ${labels.enumLabel("prosecution", s.prosecutionStatus)}`,
          `${labels.text("caseStatus")}: ${labels.enumLabel("caseStatus", s.caseStatus)}`,
        ].join("   "),
      ),
    );
    doc.moveDown(0.5);
    paragraph(section, "H3", () => doc.font("bold").fontSize(11).text(labels.text("history")));
    for await (const run of exported.events) {
      for (const raw of run) {
        const event = raw as Row;
        const actor = (event.actor ?? {}) as Row;
        doc.moveDown(0.3);
        const item = doc.struct("Div");
        section.add(item);
        paragraph(item, "P", () =>
          doc
            .font("bold")
            .fontSize(9)
            .text(
              `${shownValue(event.seq)}. ${labels.action(shownValue(event.action))} · ${momentOf(labels.locale, shownValue(event.occurredAt))} · ${shownValue(actor.label ?? actor.role)}`,
            ),
        );
        doc.font("regular");
        // The reason the event's author gave, not the export's own reason printed at the top.
        if (event.reason)
          paragraph(item, "P", () => doc.text(`${labels.text("eventReason")}: ${shownValue(event.reason)}`, { indent: 12 }));
        for (const line of changeLines(event.before, event.after, { action: shownValue(event.action), vocabulary: labels.changes })) {
          paragraph(item, "P", () =>
            doc.text(`${line.field}: ${line.before !== null ? `${line.before} → ` : ""}${line.after}`, { indent: 12 }),
          );
        }
        item.end();
        await flush();
      }
    }
    section.end();
  }
  root.end();
  doc.end();
  await ended;
  await flush();
}
