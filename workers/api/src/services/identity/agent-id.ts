import { randomBase62 } from "@411data/core";
import { keyedBase62 } from "./server-key.ts";

// Agent ids carry a tag keyed with the server secret (`agt_` + 18 random + 6 tag characters), so a
// bearer naming an agent id nobody minted is refused by the Worker before any Durable Object is
// reached. Ids of the earlier 20-character shape carry no tag: their owners' objects still decide.

const RANDOM_CHARS = 18;
const TAG_CHARS = 6;
const TAGGED = new RegExp(`^agt_([0-9A-Za-z]{${RANDOM_CHARS}})([0-9A-Za-z]{${TAG_CHARS}})$`);

const tagOf = (env: Env, random: string) => keyedBase62(env, "agent-id-tag", random, TAG_CHARS);

export async function newTaggedAgentId(env: Env): Promise<string> {
  const random = randomBase62(RANDOM_CHARS);
  return `agt_${random}${await tagOf(env, random)}`;
}

/** False only for an id of the tagged shape whose tag this server did not make. */
export async function agentIdMayExist(env: Env, agentId: string): Promise<boolean> {
  const m = TAGGED.exec(agentId);
  if (!m) return true;
  const expected = await tagOf(env, m[1]!);
  let diff = 0;
  for (let i = 0; i < TAG_CHARS; i++) diff |= expected.charCodeAt(i) ^ m[2]!.charCodeAt(i);
  return diff === 0;
}
