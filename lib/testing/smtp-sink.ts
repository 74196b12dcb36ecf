import { createServer, type Server } from "node:net";

export type SunkMessage = { from: string; to: string[]; data: string };

/**
 * A local SMTP server that accepts every message and keeps it, for tests of what the app sends:
 * just enough of the protocol for a client (no TLS, no authentication offered).
 */
export async function startSmtpSink(): Promise<{ port: number; messages: SunkMessage[]; stop(): Promise<void> }> {
  const messages: SunkMessage[] = [];
  const server: Server = createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current: SunkMessage = { from: "", to: [], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink ESMTP");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          messages.push(current);
          current = { from: "", to: [], data: "" };
          inData = false;
          reply("250 queued");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "MAIL") current.from = line.slice(10).trim();
        if (verb === "RCPT") current.to.push(line.slice(8).trim());
        if (verb === "DATA") inData = true;
        reply(verb === "DATA" ? "354 go on" : verb === "QUIT" ? "221 bye" : "250 ok");
        if (verb === "QUIT") socket.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { port, messages, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
