// A door (MCP, chat, batch, …) runs a capability by sending the REST request through the same app
// in-process. The request object itself carries the door's label: a WeakMap entry cannot be
// forged by a header, so only requests the Worker built itself count as door calls.

const doors = new WeakMap<Request, string>();

/** Marks a request the Worker built for a door, e.g. `mcp:enrich_phone`. */
export function markDoor(request: Request, label: string): Request {
  doors.set(request, label);
  return request;
}

/** The door a request came through, or null for a call that arrived over HTTP. */
export function doorOf(request: Request): string | null {
  return doors.get(request) ?? null;
}
