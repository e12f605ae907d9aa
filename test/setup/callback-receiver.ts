import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { TestProject } from "vitest/node";

// A real HTTP receiver for callback deliveries, on the loopback port the config chose and allowed
// (CALLBACKS_LOOPBACK_PORTS) for the Worker. POST /hook/<inbox>/<mode> records the request and
// answers by mode; GET /inbox/<inbox> tells a test what arrived there.
//   ok → 200 · fail → 500 · redirect → 302 to /hook/<inbox>-followed/ok · flaky → 503 once, then 200

export interface ReceivedCallback {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export default async function setup(_project: TestProject) {
  const port = Number(process.env.TEST_CALLBACK_PORT);
  const inboxes = new Map<string, ReceivedCallback[]>();

  const answer = (res: ServerResponse, status: number, body = "", headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "text/plain", ...headers });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const [kind, inbox, mode] = url.pathname.split("/").slice(1);
    if (req.method === "GET" && kind === "inbox" && inbox) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(inboxes.get(inbox) ?? []));
      return;
    }
    if (req.method !== "POST" || kind !== "hook" || !inbox) return answer(res, 404, "no such hook");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const received = inboxes.get(inbox) ?? [];
    received.push({
      path: url.pathname,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: Buffer.concat(chunks).toString("utf8"),
    });
    inboxes.set(inbox, received);
    switch (mode) {
      case "ok":
        return answer(res, 200, "ok");
      case "fail":
        return answer(res, 500, "receiver broke");
      case "redirect":
        return answer(res, 302, "", { location: `http://127.0.0.1:${port}/hook/${inbox}-followed/ok` });
      case "flaky":
        return received.length === 1 ? answer(res, 503, "try later") : answer(res, 200, "ok");
      default:
        return answer(res, 404, "no such mode");
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, "receiver error"));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
