import { llmSummarizer, summarySandbox, type Summarizer } from "@411data/lead-session";

// The session's closing summary: OpenAI when a key is configured, its in-process sandbox otherwise
// (the same rule as the enrichment vendors).
const cache = new WeakMap<object, Summarizer>();

export function summarizerFor(env: Env): Summarizer {
  let summarizer = cache.get(env);
  if (!summarizer) {
    const vars = env as unknown as Record<string, string | undefined>;
    summarizer = env.OPENAI_API_KEY
      ? llmSummarizer({
          apiKey: env.OPENAI_API_KEY,
          baseUrl: vars.OPENAI_BASE_URL ?? "https://api.openai.com",
          fetch: (req) => fetch(req),
          ...(vars.OPENAI_SUMMARY_MODEL ? { model: vars.OPENAI_SUMMARY_MODEL } : {}),
        })
      : llmSummarizer({ apiKey: "sandbox", baseUrl: "https://openai.sandbox.invalid", fetch: summarySandbox() });
    cache.set(env, summarizer);
  }
  return summarizer;
}
