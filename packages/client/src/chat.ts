// A chat turn's event stream (the AI SDK's UI message stream over SSE) read into one result.
import { ApiError } from "./errors.ts";

export type ChatEvent = { type: string; [key: string]: unknown } | "[DONE]";

export interface ChatToolRun {
  id: string;
  name: string;
  input: unknown;
  /** `{status: "ok", result, cost_usd}`, `{status: "error", error}` or `{status: "needs_confirmation", max_usd, turn_limit_usd}`. */
  output: unknown;
}

export interface ChatTurn {
  conversation_id: string;
  text: string;
  tools: ChatToolRun[];
  /** The turn's own billing block (model tokens), what its tools cost, and whether a quoted call waits for `confirm`. */
  billing: unknown;
  tools_charged_usd: number;
  awaiting_confirmation: boolean;
}

export function readChatTurn(raw: string, onEvent?: (event: ChatEvent) => void): ChatTurn {
  const turn: ChatTurn = { conversation_id: "", text: "", tools: [], billing: null, tools_charged_usd: 0, awaiting_confirmation: false };
  const inputs = new Map<string, { name: string; input: unknown }>();
  for (const block of raw.split("\n\n")) {
    const line = block.trim();
    if (!line.startsWith("data: ")) continue;
    const data = line.slice(6);
    const event = (data === "[DONE]" ? data : JSON.parse(data)) as ChatEvent;
    onEvent?.(event);
    if (event === "[DONE]") continue;
    switch (event.type) {
      case "data-conversation":
        turn.conversation_id = (event.data as { conversation_id: string }).conversation_id;
        break;
      case "text-delta":
        turn.text += String(event.delta ?? "");
        break;
      case "tool-input-available":
        inputs.set(String(event.toolCallId), { name: String(event.toolName), input: event.input });
        break;
      case "tool-output-available": {
        const id = String(event.toolCallId);
        const known = inputs.get(id);
        turn.tools.push({ id, name: known?.name ?? "", input: known?.input, output: event.output });
        break;
      }
      case "data-turn": {
        const d = event.data as { billing: unknown; tools_charged_usd: number; awaiting_confirmation: boolean };
        Object.assign(turn, { billing: d.billing, tools_charged_usd: d.tools_charged_usd, awaiting_confirmation: d.awaiting_confirmation });
        break;
      }
      case "error":
        throw new ApiError(String(event.code ?? "INTERNAL_ERROR"), String(event.errorText ?? "the turn failed"), { details: event });
    }
  }
  return turn;
}
