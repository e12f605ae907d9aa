import type { Context } from "hono";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { type Address, getAddress, type Hex } from "viem";
import {
  ApiError,
  catalogEntry,
  type Micros,
  newToken,
  randomBase62,
  sha256Hex,
  timingSafeEqualHex,
  toUsd,
} from "@411data/core";
import {
  buildAccepts,
  paymentRejection,
  paymentRequiredError,
  resourceInfo,
  type SettledExact,
} from "@411data/x402";
import { type Config, publicOrigin } from "../../config.ts";
import type { AppEnv } from "../../context.ts";
import { accountOf, agentOfWallet } from "../accounts.ts";
import { acceptExact } from "../billing/exact-payment.ts";
import { paymentConfig } from "../billing/payment-config.ts";
import { consumeNonce } from "./mint.ts";
import { verifySiwe } from "./siwe.ts";

// Wallet recovery: a lost bearer is replaced only when the caller proves three things — control of
// the linked wallet (SIWE), memory of the agent's own lookups (a multiple-choice question), and
// willingness to pay a non-refundable $1.00 from that same wallet. Wallet control alone must never
// be enough, or a leaked seed phrase would escalate into taking over the API account.

const ROUTE_ID = "agents.wallet_recover" as const;
export const HISTORY_DAYS = 90;
export const CHALLENGE_TTL_MS = 15 * 60 * 1000;
export const MAX_WRONG_ANSWERS = 3;
/** Wrong answers are also counted per agent over this window, across challenges. */
export const LOCKOUT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Newest history rows read; enough variety for a question and to keep decoys off real lookups. */
const HISTORY_SCAN_LIMIT = 1000;
const OPTION_COUNT = 4;

type LookupKind = "phone" | "person" | "business";

const QUESTIONS: Record<LookupKind, string> = {
  phone: `Which of these phone numbers did this agent look up in the last ${HISTORY_DAYS} days?`,
  person: `Which of these people did this agent look up in the last ${HISTORY_DAYS} days?`,
  business: `Which of these businesses did this agent research in the last ${HISTORY_DAYS} days?`,
};

export interface Lookup {
  kind: LookupKind;
  /** What the option shows; every option of a question is rendered the same way, so none stands out. */
  display: string;
}

export interface OpenedChallenge {
  challengeId: string;
  agentId: string;
  wallet: Address;
  question: string;
  options: string[];
  expiresAt: Date;
  fee: { amount: Micros; network: string; asset: string; payTo: string };
}

export interface RecoveredAgent {
  agentId: string;
  token: string;
  wallet: string;
  balance: Micros;
  rotatedAt: Date;
  settled: SettledExact;
}

// ── challenge ─────────────────────────────────────────────────────────────────────────────────

export async function openChallenge(
  env: Env,
  config: Config,
  input: { siweMessage: string; siweSignature: Hex },
): Promise<OpenedChallenge> {
  const siwe = await verifySiwe(config, input.siweMessage, input.siweSignature, "recover");
  await consumeNonce(env, siwe.nonce, siwe.address, "recover");
  const wallet = getAddress(siwe.address);
  const agentId = await agentOfWallet(env.DB, wallet);
  if (!agentId || !(await accountOf(env, agentId).account())) {
    throw new ApiError("NOT_FOUND", "no agent is bound to this wallet", {
      details: { wallet, next_action: "mint one: POST /api/v1/agents/wallet-nonce, then /api/v1/agents/wallet-register" },
    });
  }

  const now = Date.now();
  await refuseWhenLockedOut(env.DB, agentId, now);

  const lookups = await lookupHistory(env.DB, agentId, now);
  if (lookups.length === 0) {
    throw new ApiError("RECOVERY_UNAVAILABLE", `this agent made no lookups with its bearer in the last ${HISTORY_DAYS} days, so there is nothing to ask`, {
      details: {
        reason: "no_usage_history",
        next_action: "wallet recovery needs usage history; open a support request for an operator reset by wallet",
      },
    });
  }

  const known = new Set(lookups.map((l) => optionKey(l.display)));
  const { question, options } =
    (await previousQuestion(env.DB, agentId, known, now)) ?? freshQuestion(lookups, known);
  const right = options.find((o) => known.has(optionKey(o)))!;

  const challengeId = `rc_${randomBase62(24)}`;
  const expiresAt = new Date(now + CHALLENGE_TTL_MS);
  await env.DB.prepare(
    `INSERT INTO recovery_challenges (id, agent_id, wallet, question, options, answer_hash, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(challengeId, agentId, wallet.toLowerCase(), question, JSON.stringify(options), await answerHash(challengeId, right), now, expiresAt.getTime())
    .run();

  const pay = paymentConfig(config);
  return {
    challengeId,
    agentId,
    wallet,
    question,
    options,
    expiresAt,
    fee: { amount: catalogEntry(ROUTE_ID).price, network: pay.network, asset: pay.asset, payTo: pay.payTo },
  };
}

/** Many wrong answers on fresh challenges would turn a 4-option question into a sure guess. */
async function refuseWhenLockedOut(db: D1Database, agentId: string, now: number) {
  const row = await db
    .prepare(
      `SELECT COALESCE(SUM(attempts), 0) AS wrong, MIN(created_at) AS first
       FROM recovery_challenges WHERE agent_id = ? AND created_at > ? AND attempts > 0`,
    )
    .bind(agentId, now - LOCKOUT_WINDOW_MS)
    .first<{ wrong: number; first: number | null }>();
  if (!row || row.wrong < MAX_WRONG_ANSWERS || row.first === null) return;
  const retryAfter = Math.max(1, Math.ceil((row.first + LOCKOUT_WINDOW_MS - now) / 1000));
  throw new ApiError("RATE_LIMITED", `too many wrong recovery answers for this agent; try again in ${retryAfter} seconds`, {
    headers: { "Retry-After": String(retryAfter) },
    details: { reason: "recovery_locked", retry_after_sec: retryAfter, next_action: "wait Retry-After seconds, then start over at /api/v1/agents/wallet-nonce" },
  });
}

/**
 * The last question asked, when it still fits the history. Re-asking the same options stops a
 * caller from requesting many challenges and keeping the one value common to all of them.
 */
async function previousQuestion(
  db: D1Database,
  agentId: string,
  known: Set<string>,
  now: number,
): Promise<{ question: string; options: string[] } | null> {
  const prev = await db
    .prepare("SELECT question, options FROM recovery_challenges WHERE agent_id = ? AND created_at > ? ORDER BY created_at DESC LIMIT 1")
    .bind(agentId, now - HISTORY_DAYS * 86_400_000)
    .first<{ question: string; options: string }>();
  if (!prev) return null;
  const options = JSON.parse(prev.options) as string[];
  const real = options.filter((o) => known.has(optionKey(o)));
  if (real.length !== 1 || options.length !== OPTION_COUNT) return null;
  return { question: prev.question, options: shuffle(options) };
}

function freshQuestion(lookups: Lookup[], known: Set<string>): { question: string; options: string[] } {
  const real = lookups[randomInt(lookups.length)]!;
  const taken = new Set(known);
  const options = [real.display];
  for (let tries = 0; options.length < OPTION_COUNT && tries < 200; tries++) {
    const decoy = makeDecoy(real);
    if (decoy === null || taken.has(optionKey(decoy))) continue;
    taken.add(optionKey(decoy));
    options.push(decoy);
  }
  if (options.length < OPTION_COUNT) throw new ApiError("INTERNAL_ERROR", "could not build a recovery question; retry");
  return { question: QUESTIONS[real.kind], options: shuffle(options) };
}

/** Distinct lookups the agent made with its own bearer (or usage keys) and that answered. */
async function lookupHistory(db: D1Database, agentId: string, now: number): Promise<Lookup[]> {
  const since = new Date(now - HISTORY_DAYS * 86_400_000).toISOString();
  // Calls paid anonymously from the wallet are attributed to the agent too; they are left out,
  // since whoever holds the wallet could make them just to learn the answer.
  const rows = await db
    .prepare(
      `SELECT request_body FROM requests
       WHERE agent_id = ? AND created_at >= ? AND route LIKE '/api/v1/enrich/%' AND status = 200
         AND request_body IS NOT NULL AND json_extract(request_headers, '$.authorization') IS NOT NULL
       ORDER BY created_at DESC LIMIT ${HISTORY_SCAN_LIMIT}`,
    )
    .bind(agentId, since)
    .all<{ request_body: string }>();
  const seen = new Map<string, Lookup>();
  for (const row of rows.results) {
    for (const lookup of lookupsIn(row.request_body)) seen.set(optionKey(lookup.display), lookup);
  }
  return [...seen.values()];
}

/** The inputs a stored enrich request names: phone, person name, business name. */
export function lookupsIn(requestBody: string): Lookup[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(requestBody);
  } catch {
    return [];
  }
  if (!isRecord(parsed)) return [];
  const out: Lookup[] = [];
  // Async jobs and lead sessions carry the same fields one level down.
  for (const obj of [parsed, parsed.input, parsed.payload, parsed.lead].filter(isRecord)) {
    const phone = typeof obj.phone === "string" ? e164(obj.phone) : null;
    if (phone) out.push({ kind: "phone", display: phone });
    if (typeof obj.name === "string" && /^[\p{L}][\p{L}.'-]*(\s+[\p{L}][\p{L}.'-]*){1,4}$/u.test(obj.name.trim())) {
      out.push({ kind: "person", display: titleCase(obj.name) });
    }
    if (typeof obj.business_name === "string" && obj.business_name.trim().length >= 2) {
      out.push({ kind: "business", display: titleCase(obj.business_name) });
    }
  }
  return out;
}

// ── decoys ────────────────────────────────────────────────────────────────────────────────────
// Decoys copy the shape of the real value (same country and area code, same name pattern, same
// legal suffix), so the odd one out cannot be spotted by format alone.

const FIRST = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Thomas", "Jessica", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Sandra", "Mark", "Donna", "Steven", "Carol", "Paul", "Michelle", "Andrew", "Laura", "Kenneth", "Sharon", "Kevin", "Cynthia", "Brian", "Angela", "Gary", "Melissa"];
const LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Collins"];
const BUSINESS_LEAD = ["Harbor", "Summit", "Bluewater", "Oakridge", "Pinecrest", "Redstone", "Lakeside", "Silver Creek", "Northgate", "Riverbend", "Cedar Point", "Highland", "Maple Grove", "Sunrise", "Keystone", "Brightway", "Ironwood", "Westfield", "Granite", "Coastal"];
const BUSINESS_TRADE = ["Plumbing", "Roofing", "Dental Care", "Landscaping", "Auto Repair", "Window Cleaning", "Electric", "Heating & Air", "Pest Control", "Painting", "Insurance Agency", "Realty", "Construction", "Law Group", "Veterinary Clinic", "Fitness", "Bakery", "Flooring", "Pool Service", "Accounting"];
const LEGAL_SUFFIX = /(,?\s+(?:inc\.?|incorporated|llc\.?|l\.l\.c\.|co\.?|corp\.?|corporation|company|ltd\.?|group|pllc|lp|llp))$/i;

function makeDecoy(real: Lookup): string | null {
  switch (real.kind) {
    case "phone":
      return phoneDecoy(real.display);
    case "person":
      return personDecoy(real.display);
    case "business": {
      const suffix = LEGAL_SUFFIX.exec(real.display)?.[1] ?? "";
      return titleCase(`${pick(BUSINESS_LEAD)} ${pick(BUSINESS_TRADE)}${suffix}`);
    }
  }
}

/** Same prefix (country, area code), a new subscriber part whose exchange starts 2-9 like a real one. */
function phoneDecoy(real: string): string | null {
  const digits = real.slice(1);
  if (digits.length < 8) return null;
  const prefix = digits.slice(0, digits.length - 7);
  const local = `${2 + randomInt(8)}${String(randomInt(1_000_000)).padStart(6, "0")}`;
  return e164(`+${prefix}${local}`);
}

function personDecoy(real: string): string {
  const parts = real.split(" ");
  const middle = parts.length > 2 ? parts.slice(1, -1).map((p) => (p.replace(/\./g, "").length === 1 ? `${String.fromCharCode(65 + randomInt(26))}${p.endsWith(".") ? "." : ""}` : pick(FIRST))) : [];
  return [pick(FIRST), ...middle, pick(LAST)].join(" ");
}

// ── complete ──────────────────────────────────────────────────────────────────────────────────

interface ChallengeRow {
  id: string;
  agent_id: string;
  wallet: string;
  options: string;
  answer_hash: string;
  expires_at: number;
  attempts: number;
  completed_at: number | null;
}

/**
 * Right answer → fee → new bearer. A wrong answer is counted and never charged; a right answer
 * without payment gets the 402; a payment is settled only after the answer, the payer and the
 * single use of the challenge are all settled, so a refusal never costs the caller anything.
 */
export async function completeRecovery(
  c: Context<AppEnv>,
  input: { challengeId: string; answer: string | number },
): Promise<RecoveredAgent> {
  const env = c.env;
  const config = c.get("config");
  const log = c.get("log");
  const entry = catalogEntry(ROUTE_ID);
  log.priceMicros = entry.price;

  const row = await env.DB.prepare("SELECT * FROM recovery_challenges WHERE id = ?").bind(input.challengeId).first<ChallengeRow>();
  if (!row) {
    throw new ApiError("NOT_FOUND", "no such recovery challenge", {
      details: { next_action: "start over: POST /api/v1/agents/wallet-nonce with purpose recover" },
    });
  }
  log.agentId = row.agent_id;
  const now = Date.now();
  refuseClosed(row, now);

  const options = JSON.parse(row.options) as string[];
  const chosen = typeof input.answer === "number" ? options[input.answer] : options.find((o) => optionKey(o) === optionKey(input.answer as string));
  if (chosen === undefined) {
    // A typo is not a guess: only a listed option counts against the attempts.
    throw new ApiError("VALIDATION_FAILED", "answer must be one of the challenge's options (its text or its 0-based index)", {
      details: { issues: [{ path: ["answer"], message: "not one of the options" }], options },
    });
  }
  if (!timingSafeEqualHex(await answerHash(row.id, chosen), row.answer_hash)) {
    const counted = await env.DB.prepare(
      `UPDATE recovery_challenges SET attempts = attempts + 1
       WHERE id = ? AND completed_at IS NULL AND attempts < ? AND expires_at > ? RETURNING attempts`,
    )
      .bind(row.id, MAX_WRONG_ANSWERS, now)
      .first<{ attempts: number }>();
    if (!counted) return throwClosed(await reload(env.DB, row.id), now);
    const left = MAX_WRONG_ANSWERS - counted.attempts;
    throw new ApiError("RECOVERY_ANSWER_WRONG", left > 0 ? `wrong answer; ${left} attempt(s) left` : "wrong answer; this challenge is now closed", {
      details: {
        attempts_left: left,
        charged_usd: 0,
        next_action: left > 0 ? "pick another option and POST /complete again" : "start over later at /api/v1/agents/wallet-nonce (purpose recover)",
      },
    });
  }

  const accepts = buildAccepts(entry, paymentConfig(config));
  const resource = resourceInfo(entry, publicOrigin(config).origin);
  const wallet = getAddress(row.wallet);
  const header = c.req.header("payment-signature");
  if (!header) {
    throw paymentRequiredError("PAYMENT_REQUIRED", "right answer; pay the $1.00 recovery fee from the agent's wallet to get a new bearer", {
      resource,
      accepts,
      details: {
        price_usd: toUsd(entry.price),
        non_refundable: true,
        payer_must_be: wallet,
        next_action: "retry this same request with PAYMENT-SIGNATURE: an x402 exact payment signed by the agent's wallet",
      },
    });
  }

  log.paymentMode = "x402_exact";
  const payment = await acceptExact(c, {
    entry,
    header,
    accepts,
    resource,
    agentId: row.agent_id,
    what: "fee",
    // The fee doubles as a second proof of wallet control: only the linked wallet's signature counts.
    checkPayer: (verified) => {
      if (verified.payer.toLowerCase() === row.wallet) return;
      throw paymentRejection("payer_not_agent_wallet", `the recovery fee must be paid by the agent's wallet ${wallet}, not ${verified.payer}`, { resource, accepts }, {
        details: { payer: verified.payer, payer_must_be: wallet, charged_usd: 0 },
      });
    },
  });

  // Claimed before settling, so two payments racing on one challenge cannot both be taken.
  const claimed = await env.DB.prepare(
    `UPDATE recovery_challenges SET completed_at = ?
     WHERE id = ? AND completed_at IS NULL AND attempts < ? AND expires_at > ?`,
  )
    .bind(now, row.id, MAX_WRONG_ANSWERS, now)
    .run();
  if (claimed.meta.changes !== 1) {
    await payment.abandon();
    return throwClosed(await reload(env.DB, row.id), now);
  }

  let settled: SettledExact;
  try {
    settled = await payment.settle();
  } catch (err) {
    // Not paid: the challenge reopens so the caller can retry with a fresh signature.
    await env.DB.prepare("UPDATE recovery_challenges SET completed_at = NULL WHERE id = ? AND completed_at = ?").bind(row.id, now).run();
    log.chargedMicros = 0;
    throw err;
  }
  log.chargedMicros = settled.amount;

  const account = accountOf(env, row.agent_id);
  const token = newToken("agent", row.agent_id);
  const profile = await account.replaceToken({ newHash: await sha256Hex(token) });
  if (!profile) {
    console.error(`recovery ${row.id}: fee settled (${settled.transaction}) but agent ${row.agent_id} has no account`);
    throw new ApiError("INTERNAL_ERROR", "the fee was settled but the bearer could not be replaced; quote the request id to support");
  }
  const balance = await account.balance();
  return {
    agentId: row.agent_id,
    token,
    wallet: getAddress(profile.wallet),
    balance: balance.available,
    rotatedAt: new Date(profile.rotatedAt ?? Date.now()),
    settled,
  };
}

function refuseClosed(row: ChallengeRow, now: number): void {
  const reason =
    row.completed_at !== null ? "completed" : row.attempts >= MAX_WRONG_ANSWERS ? "attempts_exhausted" : row.expires_at <= now ? "expired" : null;
  if (reason === null) return;
  const messages = {
    completed: "this recovery challenge was already used",
    attempts_exhausted: "this recovery challenge is closed after too many wrong answers",
    expired: "this recovery challenge has expired",
  } as const;
  throw new ApiError("RECOVERY_CHALLENGE_CLOSED", messages[reason], {
    details: { reason, next_action: "start over: POST /api/v1/agents/wallet-nonce with purpose recover" },
  });
}

/** After a conditional update lost a race: say why the challenge is closed now. */
function throwClosed(row: ChallengeRow | null, now: number): never {
  if (row) refuseClosed(row, now);
  throw new ApiError("CONFLICT", "the recovery challenge changed while this request ran; retry");
}

function reload(db: D1Database, id: string) {
  return db.prepare("SELECT * FROM recovery_challenges WHERE id = ?").bind(id).first<ChallengeRow>();
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────────

/** Salted with the challenge id, so equal answers in two challenges do not share a hash. */
function answerHash(challengeId: string, option: string): Promise<string> {
  return sha256Hex(`${challengeId}:${optionKey(option)}`);
}

function optionKey(option: string): string {
  return option.trim().replace(/\s+/g, " ").toLowerCase();
}

function e164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), "US");
  return parsed && parsed.isPossible() ? parsed.number : null;
}

/** One casing for every option: a caller's lower-case input must not stand out from the decoys. */
function titleCase(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, " ")
    .split(" ")
    .map((word) => (/^[A-Z&.,]{2,5}$/.test(word) ? word : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()))
    .join(" ");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Unbiased integer in [0, n) from the platform CSPRNG. */
function randomInt(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf);
  while (buf[0]! >= limit);
  return buf[0]! % n;
}

function pick<T>(list: readonly T[]): T {
  return list[randomInt(list.length)]!;
}

function shuffle<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
