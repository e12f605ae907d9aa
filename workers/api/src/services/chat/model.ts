import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import type { Micros } from "@411data/core";
import type { Config } from "../../config.ts";
import { offlineModel } from "./offline-model.ts";

// The enrich agent's model behind one interface. Which one runs is configuration: the offline
// model (the default, and what `pnpm dev` and the tests use), OpenAI or Anthropic with a key from
// the secrets. Token prices come from the same configuration: they are the turn's COGS.

export interface ChatModel {
  model: LanguageModel;
  /** provider/model, as the turn's record names it. */
  name: string;
  /** µUSD per million tokens: the turn's COGS is tokens × these / 10⁶, rounded up. */
  inputMicrosPerMtok: Micros;
  outputMicrosPerMtok: Micros;
}

export interface ChatSecrets {
  OPENAI_API_KEY?: string;
  ANTHROPIC_API_KEY?: string;
}

export function chatModel(config: Config, secrets: ChatSecrets): ChatModel {
  const prices = { inputMicrosPerMtok: config.CHAT_INPUT_USD_PER_MTOK, outputMicrosPerMtok: config.CHAT_OUTPUT_USD_PER_MTOK };
  switch (config.CHAT_PROVIDER) {
    case "openai": {
      if (!secrets.OPENAI_API_KEY) throw new Error("CHAT_PROVIDER=openai needs OPENAI_API_KEY");
      const openai = createOpenAI({ apiKey: secrets.OPENAI_API_KEY });
      return { model: openai(config.CHAT_MODEL), name: `openai/${config.CHAT_MODEL}`, ...prices };
    }
    case "anthropic": {
      if (!secrets.ANTHROPIC_API_KEY) throw new Error("CHAT_PROVIDER=anthropic needs ANTHROPIC_API_KEY");
      const anthropic = createAnthropic({ apiKey: secrets.ANTHROPIC_API_KEY });
      return { model: anthropic(config.CHAT_MODEL), name: `anthropic/${config.CHAT_MODEL}`, ...prices };
    }
    case "offline":
      // Costs nothing to run, so a turn on it is charged nothing beyond its tools.
      return { model: offlineModel(), name: "offline/offline-enrich-agent", inputMicrosPerMtok: 0, outputMicrosPerMtok: 0 };
  }
}

export function tokenCogs(m: ChatModel, usage: { inputTokens?: number | undefined; outputTokens?: number | undefined }): Micros {
  const scaled = (usage.inputTokens ?? 0) * m.inputMicrosPerMtok + (usage.outputTokens ?? 0) * m.outputMicrosPerMtok;
  return Math.ceil(scaled / 1_000_000);
}
