// Where a callback may be sent. The URL is parsed once by the WHATWG parser (the same one fetch
// uses), which already folds every IPv4 spelling (2130706433, 0177.0.0.1, 0x7f.1, 127.1, a
// trailing dot, full-width digits) into dotted-quad and IPv6 into its compressed lowercase form;
// the normalized href is what gets stored and sent, so no second parser can read it differently.
// Literal addresses are allowed only when globally routable, and the guard runs at creation and
// again before every send.
//
// DNS is out of reach: a Worker cannot resolve a name before fetch, so a public name that resolves
// to a private address (or rebinds to one) is not caught here. Cloudflare's egress from Workers
// does not reach private networks or the platform's own metadata, which is what bounds that case;
// the guard stops everything that is decidable from the URL itself.

export type RefusalReason =
  | "invalid_url"
  | "not_https"
  | "credentials"
  | "loopback"
  | "private"
  | "link_local"
  | "unspecified"
  | "metadata"
  | "multicast"
  | "reserved"
  | "local_name";

/** Loopback ports that may be reached (over http too) for local development and tests only. */
export type LoopbackAllowance = "none" | "any" | ReadonlySet<number>;

export type UrlGuardResult = { ok: true; url: string } | { ok: false; reason: RefusalReason; message: string };

type HostClass = "public" | Exclude<RefusalReason, "invalid_url" | "not_https" | "credentials">;

export const MAX_CALLBACK_URL_LENGTH = 2048;

const REASON_TEXT: Record<HostClass, string> = {
  public: "",
  loopback: "a loopback address",
  private: "a private-network address",
  link_local: "a link-local address",
  unspecified: "the unspecified address",
  metadata: "a cloud metadata endpoint",
  multicast: "a multicast address",
  reserved: "a reserved or non-routable address",
  local_name: "a local name that does not resolve on the public internet",
};

export function guardCallbackUrl(input: string, loopback: LoopbackAllowance = "none"): UrlGuardResult {
  if (input.length > MAX_CALLBACK_URL_LENGTH) {
    return refuse("invalid_url", `the URL is longer than ${MAX_CALLBACK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse("invalid_url", "not an absolute URL (IPv6 zone ids are not accepted)");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return refuse("not_https", "callback URLs must use https");
  }
  if (url.username !== "" || url.password !== "") {
    return refuse("credentials", "callback URLs must not carry credentials (user:pass@); authenticate with the signature");
  }
  const host = classifyHost(url.hostname);
  if (host === "invalid") return refuse("invalid_url", `the host ${url.hostname} is not a valid host name`);
  if (host === "loopback" && loopbackAllowed(url, loopback)) return { ok: true, url: url.href };
  if (host !== "public") {
    return refuse(host, `the host ${url.hostname} is ${REASON_TEXT[host]}; callbacks go to public https endpoints only`);
  }
  if (url.protocol !== "https:") return refuse("not_https", "callback URLs must use https");
  return { ok: true, url: url.href };
}

function refuse(reason: RefusalReason, message: string): UrlGuardResult {
  return { ok: false, reason, message };
}

function loopbackAllowed(url: URL, loopback: LoopbackAllowance): boolean {
  if (loopback === "none") return false;
  if (loopback === "any") return true;
  const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return loopback.has(port);
}

/** The class of a hostname exactly as the WHATWG parser left it. */
export function classifyHost(hostname: string): HostClass | "invalid" {
  if (hostname.startsWith("[")) {
    const groups = parseIpv6(hostname.slice(1, -1));
    return groups ? classifyIpv6(groups) : "invalid";
  }
  const v4 = parseDottedQuad(hostname);
  if (v4 !== null) return classifyIpv4(v4);
  return classifyName(hostname);
}

// ---- names -------------------------------------------------------------------------------

// Suffixes reserved for private or special use (RFC 6761, 6762, 8375, ICANN's .internal), plus the
// customary intranet ones; none of them names a public endpoint.
const LOCAL_SUFFIXES = [
  "local",
  "internal",
  "lan",
  "home.arpa",
  "arpa",
  "localdomain",
  "intranet",
  "corp",
  "home",
  "private",
  "test",
  "invalid",
  "example",
  "onion",
];
const METADATA_NAMES = new Set(["metadata.google.internal", "metadata.goog", "metadata.azure.internal", "instance-data"]);

function classifyName(hostname: string): HostClass | "invalid" {
  // One trailing dot is the fully qualified spelling of the same name; more is not a name.
  const name = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  const labels = name.split(".");
  if (labels.some((l) => l === "")) return "invalid";
  // The parser turns a host ending in a number into IPv4 or refuses it; anything else here that
  // ends like a number came from a parser that did not, so it is not trusted as a name.
  if (/^(\d+|0x[0-9a-f]*)$/.test(labels.at(-1)!)) return "invalid";
  if (METADATA_NAMES.has(name)) return "metadata";
  if (name === "localhost" || name.endsWith(".localhost")) return "loopback";
  if (labels.length === 1) return "local_name";
  if (LOCAL_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`))) return "local_name";
  return "public";
}

// ---- IPv4 --------------------------------------------------------------------------------

function parseDottedQuad(hostname: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

// First match wins, so single endpoints come before the blocks that hold them.
const IPV4_RANGES: [base: number, prefix: number, cls: HostClass][] = [
  [v4(169, 254, 169, 254), 32, "metadata"], // AWS, GCP, Azure, OpenStack…
  [v4(100, 100, 100, 200), 32, "metadata"], // Alibaba Cloud
  [v4(0, 0, 0, 0), 8, "unspecified"], // "this network"; 0.0.0.0 reaches the local host on many stacks
  [v4(127, 0, 0, 0), 8, "loopback"],
  [v4(10, 0, 0, 0), 8, "private"],
  [v4(100, 64, 0, 0), 10, "private"], // carrier-grade NAT
  [v4(172, 16, 0, 0), 12, "private"],
  [v4(192, 168, 0, 0), 16, "private"],
  [v4(169, 254, 0, 0), 16, "link_local"],
  [v4(192, 0, 0, 0), 24, "reserved"], // IETF protocol assignments
  [v4(192, 0, 2, 0), 24, "reserved"], // documentation
  [v4(192, 88, 99, 0), 24, "reserved"], // 6to4 relay anycast
  [v4(198, 18, 0, 0), 15, "reserved"], // benchmarking
  [v4(198, 51, 100, 0), 24, "reserved"], // documentation
  [v4(203, 0, 113, 0), 24, "reserved"], // documentation
  [v4(224, 0, 0, 0), 4, "multicast"],
  [v4(240, 0, 0, 0), 4, "reserved"], // future use and 255.255.255.255 broadcast
];

function inV4(addr: number, base: number, prefix: number): boolean {
  if (prefix === 0) return true;
  const mask = (0xffffffff << (32 - prefix)) >>> 0;
  return ((addr & mask) >>> 0) === ((base & mask) >>> 0);
}

export function classifyIpv4(addr: number): HostClass {
  for (const [base, prefix, cls] of IPV4_RANGES) if (inV4(addr, base, prefix)) return cls;
  return "public";
}

// ---- IPv6 --------------------------------------------------------------------------------

/** Eight 16-bit groups from any RFC 4291 text form (with `::` and a trailing dotted quad), or null. */
export function parseIpv6(text: string): number[] | null {
  if (text.includes("%")) return null;
  let body = text.toLowerCase();
  // A trailing dotted quad stands for the last two groups.
  const lastColon = body.lastIndexOf(":");
  const last = body.slice(lastColon + 1);
  if (last.includes(".")) {
    const quad = parseDottedQuad(last);
    if (quad === null) return null;
    body = `${body.slice(0, lastColon + 1)}${(quad >>> 16).toString(16)}:${(quad & 0xffff).toString(16)}`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (![...head, ...tail].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const given = head.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const hex = (list: string[]) => list.map((g) => parseInt(g, 16));
  return [...hex(head), ...new Array<number>(8 - given).fill(0), ...hex(tail)];
}

const embeddedV4 = (g: number[], at: number) => (((g[at]! << 16) | g[at + 1]!) >>> 0);

export function classifyIpv6(g: number[]): HostClass {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return "unspecified";
  if (zeros(0, 7) && g[7] === 1) return "loopback";
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && zeros(2, 7) && g[7] === 0x254) return "metadata"; // AWS over IPv6
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the embedded IPv4 address.
  if (zeros(0, 5) && g[5] === 0xffff) return classifyIpv4(embeddedV4(g, 6));
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return classifyIpv4(embeddedV4(g, 6));
  // Deprecated IPv4-compatible (::a.b.c.d), SIIT (::ffff:0:a.b.c.d) and 6to4 (2002:AABB:CCDD::):
  // the embedded address's own class when it has one, never allowed either way.
  if (zeros(0, 6) || (zeros(0, 4) && g[4] === 0xffff && g[5] === 0)) return notPublic(classifyIpv4(embeddedV4(g, 6)));
  if (g[0] === 0x2002) return notPublic(classifyIpv4(embeddedV4(g, 1)));
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return "private"; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((first & 0xffc0) === 0xfe80) return "link_local";
  if ((first & 0xff00) === 0xff00) return "multicast";
  // Global unicast is 2000::/3; inside it, the IETF block (Teredo, benchmarking, ORCHID) and the
  // documentation prefixes are not endpoints. Everything outside 2000::/3 is unassigned or special.
  if ((first & 0xe000) !== 0x2000) return "reserved";
  if (first === 0x2001 && g[1]! < 0x0200) return "reserved";
  if (first === 0x2001 && g[1] === 0x0db8) return "reserved";
  if ((first & 0xfff0) === 0x3ff0) return "reserved";
  return "public";
}

const notPublic = (cls: HostClass): HostClass => (cls === "public" ? "reserved" : cls);
