// `411data`: the command line of @411data/client. Every command is one client call (or a few);
// exit codes say what failed (see --help) and errors print their code and request id.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { privateKeyToAccount } from "viem/accounts";
import { Client, type ClientOptions } from "../client.ts";
import { ApiError } from "../errors.ts";
import type { X402Options } from "../payments.ts";
import { configPath, readConfig, writeConfig } from "./config.ts";
import { prettyEnrichment, table } from "./output.ts";
import { progressBar } from "./progress.ts";

const VERSION = "0.1.0";
const DEFAULT_BASE_URL = "http://localhost:8787";

export const EXIT = { ok: 0, error: 1, usage: 2, auth: 3, payment: 4, unavailable: 5, failed: 6 } as const;

interface Globals {
  baseUrl?: string;
  json?: boolean;
  keyEnv: string;
  keyFile?: string;
  maxPayment?: string;
  maxTotal?: string;
  allowAsset?: string[];
  allowAnyAsset?: boolean;
  pay: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function readKey(g: Globals, required: boolean): `0x${string}` | null {
  const config = readConfig();
  const file = g.keyFile ?? (process.env[g.keyEnv] ? undefined : config.key_file);
  const raw = file ? readFileSync(file, "utf8").trim() : process.env[g.keyEnv]?.trim();
  if (!raw) {
    if (required) throw new UsageError(`no wallet key: set ${g.keyEnv} or pass --key-file FILE`);
    return null;
  }
  const key = (raw.startsWith("0x") ? raw : `0x${raw}`) as `0x${string}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new UsageError(`the wallet key ${file ? `in ${file}` : `in $${g.keyEnv}`} is not a 32-byte hex private key`);
  return key;
}

class UsageError extends Error {}

function clientFor(cmd: Command, opts: { needKey?: boolean; token?: string | null; paymentUsd?: string } = {}): Client {
  const g = cmd.optsWithGlobals<Globals>();
  const config = readConfig();
  const key = g.pay ? readKey(g, opts.needKey ?? false) : null;
  let x402: X402Options | undefined;
  if (key) {
    const assets = g.allowAnyAsset
      ? ("any" as const)
      : (g.allowAsset ?? []).map((a) => {
          const i = a.lastIndexOf(":");
          if (i < 0) throw new UsageError(`--allow-asset takes NETWORK:ADDRESS, e.g. eip155:8453:0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913`);
          return { network: a.slice(0, i), asset: a.slice(i + 1) };
        });
    // A deposit's amount is the user's own choice: it is the cap for that payment unless --max-payment says otherwise.
    const maxPaymentUsd = g.maxPayment ?? opts.paymentUsd;
    x402 = { account: privateKeyToAccount(key), assets, ...(maxPaymentUsd ? { maxPaymentUsd } : {}), ...(g.maxTotal ? { maxTotalUsd: g.maxTotal } : {}) };
  }
  const options: ClientOptions = {
    baseUrl: g.baseUrl ?? process.env.DATA411_BASE_URL ?? config.base_url ?? DEFAULT_BASE_URL,
    token: opts.token !== undefined ? opts.token : (process.env.DATA411_TOKEN ?? config.token ?? null),
    ...(x402 ? { x402 } : {}),
  };
  return new Client(options);
}

function print(cmd: Command, value: unknown, human?: (v: any) => string) {
  const g = cmd.optsWithGlobals<Globals & { pretty?: boolean }>();
  if (!g.json && human) console.log(human(value));
  else console.log(JSON.stringify(value, null, 2));
}

const usd = (n: number | null | undefined) => (n === null || n === undefined ? "-" : `$${n.toFixed(2)}`);

export function buildProgram(): Command {
  const program = new Command("411data")
    .version(VERSION)
    .description("411data from the command line: enrich phones, people, businesses and leads, run CSV batches, manage keys.")
    .option("--base-url <url>", `API origin (env DATA411_BASE_URL, then the config file; default ${DEFAULT_BASE_URL})`)
    .option("--json", "print JSON for every command (errors too, on stderr)")
    .option("--key-env <name>", "environment variable holding the wallet's private key (mint, x402)", "DATA411_PRIVATE_KEY")
    .option("--key-file <file>", "file holding the wallet's private key instead")
    .option("--max-payment <usd>", "largest single x402 payment (default 1.50)")
    .option("--max-total <usd>", "most this command pays by x402 in all (default: no total cap)")
    .option("--allow-asset <network:address>", "also pay in this token (repeatable), e.g. the local chain's TestUSDC", collect)
    .option("--allow-any-asset", "pay in whatever token the server asks (still capped by --max-payment)")
    .option("--no-pay", "never pay a 402 with x402: fail with the server's code instead")
    .showHelpAfterError()
    // Every command's --help also lists the global options (--base-url, --json, payment limits).
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      "after",
      `
Bearer: $DATA411_TOKEN, else the config file (${configPath()}, mode 0600; $XDG_CONFIG_HOME/411data).
Payments: the balance first; on a 402 the wallet key (if set) pays with x402 under --max-payment,
--max-total and the allowed tokens (by default only the x402 client's known USDC deployments).

Exit codes: 0 ok · 1 other API error · 2 usage · 3 auth (401/403, not logged in) ·
4 payment (402 unpaid, refused by spend limits) · 5 unavailable (429, 5xx, no answer) · 6 job or batch failed.
Errors print "error: CODE: message (request req_…)" on stderr.

Examples:
  DATA411_PRIVATE_KEY=0x… 411data login --allowance 10
  411data enrich phone +17242060094 --pretty
  411data batch upload leads.csv --wait --out results.csv`,
    );

  program
    .command("login")
    .description("mint an agent from a wallet key (env var or file), or store an existing bearer; writes the config file")
    .option("--token <bearer>", "store this bearer (411_… or 411k_…) instead of minting")
    .option("--token-env <name>", "read the bearer to store from this environment variable")
    .option("--allowance <usd>", "x402 budget to commit at mint (signed intent)")
    .action(async (o: { token?: string; tokenEnv?: string; allowance?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<Globals>();
      const bearer = o.token ?? (o.tokenEnv ? process.env[o.tokenEnv] : undefined);
      const config = readConfig();
      const baseUrl = g.baseUrl ?? process.env.DATA411_BASE_URL ?? config.base_url ?? DEFAULT_BASE_URL;
      if (o.tokenEnv && !bearer) throw new UsageError(`$${o.tokenEnv} is empty`);
      if (bearer) {
        const client = clientFor(cmd, { token: bearer });
        const me = await client.me();
        writeConfig({ ...config, base_url: baseUrl, token: bearer, agent_id: me.agent_id, wallet: me.wallets[0] });
        print(cmd, { agent_id: me.agent_id, key_kind: me.key_kind, config: configPath() }, (v) => `logged in as ${v.agent_id} (${v.key_kind}); saved to ${v.config}`);
        return;
      }
      const key = readKey(g, true)!;
      const client = clientFor(cmd, { token: null });
      const minted = await client.mint({ privateKey: key, ...(o.allowance ? { allowanceUsd: o.allowance } : {}) });
      if (!minted.token) {
        throw new ApiError("ALREADY_MINTED", `wallet ${minted.wallet} minted agent ${minted.agent_id} before; its bearer was shown then: run 411data login --token 411_…`, { status: 409 });
      }
      writeConfig({ ...config, base_url: baseUrl, token: minted.token, agent_id: minted.agent_id, wallet: minted.wallet, ...(g.keyFile ? { key_file: path.resolve(g.keyFile) } : {}) });
      print(cmd, { ...minted, token: `${minted.token.slice(0, 12)}…`, config: configPath() }, (v) =>
        `logged in as ${v.agent_id} (wallet ${v.wallet}); balance ${usd(v.virtual_balance_usd)}; bearer saved to ${v.config}`,
      );
    });

  program
    .command("whoami")
    .description("the agent (or usage key) behind the bearer")
    .action(async (_o, cmd: Command) => {
      print(cmd, await clientFor(cmd).me(), (me) => `${me.agent_id} (${me.key_kind}${me.key_id ? ` ${me.key_id}` : ""})\nwallets: ${me.wallets.join(", ")}\nallowance ${usd(me.allowance_usd)}, drawn ${usd(me.drawn_usd)}`);
    });

  program
    .command("balance")
    .description("virtual balance, holds, x402 allowance")
    .action(async (_o, cmd: Command) => {
      print(cmd, await clientFor(cmd).balance(), (b) => `balance ${usd(b.virtual_balance_usd)} (held ${usd(b.held_usd)}); allowance ${usd(b.allowance_usd)}, drawn ${usd(b.drawn_usd)}`);
    });

  program
    .command("deposit")
    .description("top up the balance, paid by x402 from the wallet key")
    .argument("<amount_usd>", "USD to add, e.g. 5.00")
    .action(async (amount: string, _o, cmd: Command) => {
      print(cmd, await clientFor(cmd, { needKey: true, paymentUsd: amount }).deposits.create({ amount_usd: amount }), (d) => `deposited ${usd(d.deposited_usd)}${d.match_usd ? ` (+${usd(d.match_usd)} match)` : ""}; balance ${usd(d.virtual_balance_usd)}; tx ${d.transaction}`);
    });

  const enrich = program.command("enrich").description("paid lookups (billed on match): phone, person, websearch, lead");
  const enrichOut = (cmd: Command, res: unknown) => {
    const o = cmd.optsWithGlobals<{ pretty?: boolean; json?: boolean }>();
    console.log(o.pretty && !o.json ? prettyEnrichment(res) : JSON.stringify(res, null, 2));
  };
  enrich
    .command("phone")
    .description("reverse phone: the people behind a number ($0.33 on match)")
    .argument("<phone>", "any common format; US numbers without +1 are fine")
    .option("--pretty", "a readable table instead of JSON")
    .action(async (phone: string, _o, cmd: Command) => enrichOut(cmd, await clientFor(cmd).enrich.phone({ phone })));
  enrich
    .command("person")
    .description("a person by name (+ city/state), phone or address ($0.50 on match)")
    .option("--name <name>", "full name")
    .option("--city <city>")
    .option("--state <code>", "two-letter state code")
    .option("--street <street>", "street address")
    .option("--zip <zip>")
    .option("--phone <phone>", "look the person up by phone instead")
    .option("--pretty", "a readable table instead of JSON")
    .action(async (o: Record<string, string>, cmd: Command) => {
      const body = { name: o.name, city: o.city, state_code: o.state, street: o.street, zip: o.zip, phone: o.phone };
      enrichOut(cmd, await clientFor(cmd).enrich.person(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))));
    });
  enrich
    .command("websearch")
    .description("web research on a business ($1.00 minimum on match)")
    .argument("<business_name>")
    .option("--city <city>")
    .option("--state <state>")
    .option("--domain <domain>")
    .option("--prompt <text>", "what to look for")
    .option("--pretty", "a readable table instead of JSON")
    .action(async (business_name: string, o: Record<string, string>, cmd: Command) => {
      const body = { business_name, city: o.city, state: o.state, domain: o.domain, prompt: o.prompt };
      enrichOut(cmd, await clientFor(cmd).enrich.websearch(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as { business_name: string }));
    });
  enrich
    .command("lead")
    .description("a lead session on a CRM row ($1.50 base, trued up to --budget)")
    .option("--lead <json>", "the row as a JSON object")
    .option("--field <key=value>", "a column of the row (repeatable)", collect)
    .option("--budget <usd>", "most the session may cost (default 2.00)")
    .option("--max-rounds <n>", "1–10 (default 5)")
    .addOption(new Option("--mode <mode>", "interactive adds dig-deeper suggestions").choices(["auto", "interactive"]))
    .option("--session <id>", "continue this session (with --prompt)")
    .option("--prompt <text>", "what to dig into next (with --session)")
    .option("--pretty", "a readable table instead of JSON")
    .action(async (o: { lead?: string; field?: string[]; budget?: string; maxRounds?: string; mode?: "auto" | "interactive"; session?: string; prompt?: string }, cmd: Command) => {
      const lead: Record<string, unknown> = o.lead ? (JSON.parse(o.lead) as Record<string, unknown>) : {};
      for (const f of o.field ?? []) {
        const i = f.indexOf("=");
        if (i < 1) throw new UsageError(`--field takes key=value, got ${f}`);
        lead[f.slice(0, i)] = f.slice(i + 1);
      }
      if (!o.session && Object.keys(lead).length === 0) throw new UsageError("give the row with --lead JSON or --field key=value, or --session to continue one");
      const body = {
        ...(Object.keys(lead).length ? { lead } : {}),
        ...(o.budget ? { budget_usd: o.budget } : {}),
        ...(o.maxRounds ? { max_rounds: Number(o.maxRounds) } : {}),
        ...(o.mode ? { mode: o.mode } : {}),
        ...(o.session ? { session_id: o.session } : {}),
        ...(o.prompt ? { prompt: o.prompt } : {}),
      };
      enrichOut(cmd, await clientFor(cmd).enrich.leadSession(body));
    });

  const jobs = program.command("jobs").description("async websearch and lead-session jobs");
  const jobLine = (j: any) => `${j.job_id} ${j.status}${j.billing_status ? ` (${j.billing_status})` : ""}${j.billing?.charged_usd !== null && j.billing?.charged_usd !== undefined ? ` charged ${usd(j.billing.charged_usd)}` : ""}${j.error ? ` error ${j.error.code}: ${j.error.message}` : ""}`;
  jobs
    .command("submit")
    .description("queue a job; prints its id and poll bearer (shown once)")
    .addArgument(new Command().createArgument("<route>", "websearch or lead-session").choices(["websearch", "lead-session"]))
    .requiredOption("--payload <json>", "the sync route's body, e.g. '{\"business_name\":\"Haney Furniture Co\"}'")
    .option("--bill-up-to <usd>", "ceiling held (default 1.50)")
    .option("--callback-url <url>", "https URL for the signed enrich.job_completed event")
    .option("--wait", "poll until it ends and print the result")
    .action(async (route: "websearch" | "lead-session", o: { payload: string; billUpTo?: string; callbackUrl?: string; wait?: boolean }, cmd: Command) => {
      const client = clientFor(cmd);
      const accepted = await client.jobs.submit({
        route: `enrich/${route}`,
        payload: JSON.parse(o.payload),
        ...(o.billUpTo ? { bill_up_to_usd: o.billUpTo } : {}),
        ...(o.callbackUrl ? { callback_url: o.callbackUrl } : {}),
      } as never);
      if (!o.wait) return print(cmd, accepted, (a) => `${a.job_id} queued (${a.billing_mode}, up to ${usd(a.bill_up_to_usd)})\npoll bearer: ${a.poll_bearer}`);
      const done = await client.jobs.wait(accepted.job_id, { pollBearer: accepted.poll_bearer, onProgress: (j) => progressLine(j) });
      print(cmd, done, (j) => `${jobLine(j)}\n${JSON.stringify(j.result, null, 2)}`);
    });
  jobs
    .command("get")
    .description("a job's status, billing and result")
    .argument("<job_id>")
    .option("--poll-bearer <411j_…>", "read with the job's poll bearer instead of the agent bearer")
    .action(async (id: string, o: { pollBearer?: string }, cmd: Command) => {
      print(cmd, await clientFor(cmd).jobs.get(id, o), (j) => `${jobLine(j)}${j.result ? `\n${JSON.stringify(j.result, null, 2)}` : ""}`);
    });
  jobs
    .command("wait")
    .description("poll a job until it completes (exit 6 when it fails)")
    .argument("<job_id>")
    .option("--poll-bearer <411j_…>")
    .action(async (id: string, o: { pollBearer?: string }, cmd: Command) => {
      const done = await clientFor(cmd).jobs.wait(id, { ...o, onProgress: progressLine });
      print(cmd, done, (j) => `${jobLine(j)}\n${JSON.stringify(j.result, null, 2)}`);
    });

  const batch = program.command("batch").description("CSV batches: one lookup per row on the queue");
  batch
    .command("upload")
    .description("upload a CSV (≤ 10,000 rows); with --wait, a live progress bar and the results CSV at the end")
    .argument("<file>", "the CSV")
    .addOption(new Option("--route <route>", "what each row runs").choices(["auto", "enrich/phone", "enrich/person", "enrich/websearch", "enrich/lead-session"]).default("auto"))
    .option("--mapping <json>", 'rename columns, e.g. \'{"phone":"Mobile #"}\'')
    .option("--bill-up-to <usd>", "ceiling for the whole batch")
    .option("--callback-url <url>", "https URL for the signed batch.completed event")
    .option("--wait", "wait for the batch to end, then write the results CSV")
    .option("--out <file>", "where --wait writes the results (default <file>.results.csv)")
    .action(async (file: string, o: { route: string; mapping?: string; billUpTo?: string; callbackUrl?: string; wait?: boolean; out?: string }, cmd: Command) => {
      const client = clientFor(cmd);
      const accepted = await client.batch.upload({
        csv: new Uint8Array(readFileSync(file)),
        filename: path.basename(file),
        route: o.route as never,
        ...(o.mapping ? { mapping: JSON.parse(o.mapping) as Record<string, string> } : {}),
        ...(o.billUpTo ? { bill_up_to_usd: o.billUpTo } : {}),
        ...(o.callbackUrl ? { callback_url: o.callbackUrl } : {}),
      });
      const summary = (a: typeof accepted) =>
        `${a.batch_id}: ${a.counts.rows} rows, ${a.counts.unique} to run, ${a.counts.duplicates} duplicates, ${a.counts.invalid} invalid; ` +
        `estimate ${usd(a.estimate.estimate_usd)} (up to ${usd(a.estimate.bill_up_to_usd)}, ${a.billing_mode})` +
        (a.invalid_rows.length ? `\n${a.invalid_rows.slice(0, 10).map((r) => `  line ${r.line}: ${r.code} ${r.message}`).join("\n")}` : "");
      if (!o.wait) return print(cmd, accepted, (a) => `${summary(a)}\npoll bearer: ${a.poll_bearer}`);
      if (!cmd.optsWithGlobals<Globals>().json) console.error(summary(accepted));
      const bar = progressBar(process.stderr);
      const ended = await client.batch.wait(accepted.batch_id, { pollBearer: accepted.poll_bearer, intervalMs: 500, onProgress: (b) => bar.update(b) });
      bar.done();
      const out = o.out ?? `${file.replace(/\.csv$/i, "")}.results.csv`;
      writeFileSync(out, await client.batch.results(accepted.batch_id, { pollBearer: accepted.poll_bearer }));
      print(cmd, { ...ended, results_file: out }, (b) =>
        `${b.batch_id} ${b.status}: ${b.progress.matched} matched, ${b.progress.no_match} no match, ${b.progress.failed} failed; charged ${usd(b.billing.charged_usd)}\nresults: ${out}`,
      );
    });
  batch
    .command("get")
    .description("a batch's progress and billing")
    .argument("<batch_id>")
    .option("--poll-bearer <411j_…>")
    .action(async (id: string, o: { pollBearer?: string }, cmd: Command) => {
      print(cmd, await clientFor(cmd).batch.get(id, o), (b) => `${b.batch_id} ${b.status} ${b.progress.done}/${b.counts.unique} (${b.progress.percent}%) charged ${usd(b.billing.charged_usd)}`);
    });
  batch
    .command("list")
    .description("your batches, newest first")
    .action(async (_o, cmd: Command) => {
      print(cmd, await clientFor(cmd).batch.list(), (l) => table(l.batches.map((b: any) => ({ batch: b.batch_id, status: b.status, route: b.route, done: `${b.progress.done}/${b.counts.unique}`, charged: usd(b.billing.charged_usd), created: b.created_at }))));
    });
  batch
    .command("results")
    .description("the results as CSV (or JSON Lines)")
    .argument("<batch_id>")
    .addOption(new Option("--format <format>").choices(["csv", "jsonl"]).default("csv"))
    .option("--out <file>", "write to a file instead of stdout")
    .option("--poll-bearer <411j_…>")
    .action(async (id: string, o: { format: "csv" | "jsonl"; out?: string; pollBearer?: string }, cmd: Command) => {
      const text = await clientFor(cmd).batch.results(id, o);
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    });
  batch
    .command("cancel")
    .description("stop a batch: rows not started are never billed")
    .argument("<batch_id>")
    .option("--poll-bearer <411j_…>")
    .action(async (id: string, o: { pollBearer?: string }, cmd: Command) => {
      print(cmd, await clientFor(cmd).batch.cancel(id, o), (b) => `${b.batch_id} ${b.status}; ${b.progress.cancelled} rows cancelled`);
    });

  const keys = program.command("keys").description("usage keys (411k_…) with their own spend caps");
  keys
    .command("create")
    .description("mint a usage key; the key is shown once")
    .requiredOption("--cap <usd>", "most the key may ever spend")
    .option("--name <name>", "a label for the key")
    .option("--scope <ids>", "comma-separated catalog ids, e.g. enrich.phone,enrich.person")
    .option("--expires <iso>", "when the key stops working")
    .action(async (o: { cap: string; name?: string; scope?: string; expires?: string }, cmd: Command) => {
      const body = { spend_cap_usd: o.cap, ...(o.name ? { name: o.name } : {}), ...(o.scope ? { scope: o.scope.split(",") } : {}), ...(o.expires ? { expires_at: o.expires } : {}) };
      print(cmd, await clientFor(cmd).keys.create(body as never), (k) => `${k.key_id} (cap ${usd(k.spend_cap_usd)})\nkey: ${k.key}`);
    });
  keys
    .command("list")
    .description("your usage keys")
    .action(async (_o, cmd: Command) => {
      print(cmd, await clientFor(cmd).keys.list(), (l) => table(l.usage_keys.map((k: any) => ({ key_id: k.key_id, name: k.name, status: k.status, cap: usd(k.spend_cap_usd), spent: usd(k.spent_usd), scope: k.scope ?? "all", expires: k.expires_at }))));
    });
  keys
    .command("revoke")
    .description("revoke a usage key at once")
    .argument("<key_id>")
    .action(async (id: string, _o, cmd: Command) => {
      print(cmd, await clientFor(cmd).keys.revoke(id), (k) => `${k.key_id} ${k.status}`);
    });

  program
    .command("requests")
    .description("your stored calls, newest first")
    .option("--limit <n>", "page size", "20")
    .option("--cursor <cursor>", "next_cursor of the previous page")
    .action(async (o: { limit: string; cursor?: string }, cmd: Command) => {
      const page = await clientFor(cmd).requests.list({ limit: Number(o.limit), ...(o.cursor ? { cursor: o.cursor } : {}) });
      print(cmd, page, (p) =>
        table(p.requests.map((r: any) => ({ request_id: r.request_id, when: r.created_at, call: `${r.method} ${r.path}`, status: r.status, charged: r.charged_usd === null ? "" : usd(r.charged_usd), error: r.error_code }))) +
        (p.next_cursor ? `\nmore: --cursor ${p.next_cursor}` : ""),
      );
    });

  return program;
}

/** A job's status redrawn in place on a terminal; cleared when it ends (the result follows on stdout). */
function progressLine(j: { status: string }) {
  if (!process.stderr.isTTY) return;
  process.stderr.write(j.status === "completed" || j.status === "failed" ? "\r\x1b[2K" : `\r\x1b[2K${j.status}…`);
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError) return EXIT.usage;
  if (!(err instanceof ApiError)) return EXIT.error;
  if (err.status === 401 || err.status === 403) return EXIT.auth;
  if (err.status === 402 || err.code === "SPEND_LIMIT_REFUSED" || err.code === "PAYMENT_FAILED") return EXIT.payment;
  if (err.code === "JOB_FAILED" || err.body && typeof err.body === "object" && "job_id" in err.body) return EXIT.failed;
  if (err.status === 429 || err.status >= 500 || err.code === "NETWORK_ERROR" || err.code === "WAIT_TIMEOUT") return EXIT.unavailable;
  return EXIT.error;
}

export async function main(argv = process.argv): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  for (const c of program.commands) for (const sub of [c, ...c.commands]) sub.exitOverride();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const json = argv.includes("--json");
    if (err instanceof ApiError) {
      if (json) console.error(JSON.stringify({ error: { code: err.code, message: err.message, details: err.details, request_id: err.requestId } }));
      else console.error(`error: ${err.code}: ${err.message}${err.requestId ? ` (request ${err.requestId})` : ""}`);
    } else if (err instanceof UsageError) {
      console.error(`error: ${err.message}`);
    } else {
      console.error(`error: ${(err as Error).message}`);
    }
    return exitCodeOf(err);
  }
}
