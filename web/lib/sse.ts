// A Server-Sent Events reader for a fetch() response: the `data:` lines of each event, in order.
// The chat answers a POST, which EventSource cannot send, so the page reads the stream itself.

/** Yields each event's data (multi-line data joined by "\n"); "[DONE]" and JSON alike, unparsed. */
export async function* sseData(res: Response): AsyncGenerator<string> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value.replace(/\r\n?/g, "\n");
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const data = dataOf(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (data !== null) yield data;
    }
    if (done) break;
  }
  const tail = dataOf(buffer);
  if (tail !== null) yield tail;
}

function dataOf(event: string): string | null {
  const lines = event
    .split("\n")
    .filter((l) => l.startsWith("data:"))
    .map((l) => l.slice(l.startsWith("data: ") ? 6 : 5));
  return lines.length ? lines.join("\n") : null;
}
