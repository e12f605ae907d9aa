import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../../workers/api/src/config.ts";
import {
  classifyIpv4,
  guardCallbackUrl,
  parseIpv6,
} from "../../workers/api/src/services/callbacks/url-guard.ts";

const reasonOf = (url: string, loopback?: Parameters<typeof guardCallbackUrl>[1]) => {
  const r = guardCallbackUrl(url, loopback);
  return r.ok ? "ok" : r.reason;
};

describe("callback URL guard: what the WHATWG parser folds before the guard sees it", () => {
  // The guard relies on these normalizations; if a runtime stopped doing one, this fails first.
  it.each([
    ["https://2130706433/", "127.0.0.1"],
    ["https://0177.0.0.1/", "127.0.0.1"],
    ["https://00000177.0.0.1/", "127.0.0.1"],
    ["https://0x7f.0.0.1/", "127.0.0.1"],
    ["https://0x7f000001/", "127.0.0.1"],
    ["https://0x7f.1/", "127.0.0.1"],
    ["https://127.1/", "127.0.0.1"],
    ["https://127.0.0.1./", "127.0.0.1"],
    ["https://%31%32%37.0.0.1/", "127.0.0.1"],
    ["https://１２７．０．０．１/", "127.0.0.1"],
    ["https://0/", "0.0.0.0"],
    ["https://[0:0:0:0:0:ffff:127.0.0.1]/", "[::ffff:7f00:1]"],
    ["https://[::127.0.0.1]/", "[::7f00:1]"],
    ["https://[FE80::1]/", "[fe80::1]"],
    ["https://LOCALHOST/", "localhost"],
    ["https://ＬＯＣＡＬＨＯＳＴ/", "localhost"],
    ["https://example.com\\@127.0.0.1/", "example.com"],
  ])("%s → %s", (input, hostname) => {
    expect(new URL(input).hostname).toBe(hostname);
  });
});

describe("callback URL guard: refusals", () => {
  it.each([
    // scheme and shape
    ["http://hooks.example.com/x", "not_https"],
    ["ftp://hooks.example.com/x", "not_https"],
    ["javascript:alert(1)", "not_https"],
    ["file:///etc/passwd", "not_https"],
    ["hooks.example.com/x", "invalid_url"],
    ["https://[fe80::1%25eth0]/", "invalid_url"],
    ["https://[::1%251]/", "invalid_url"],
    ["https://999.1.1.1/", "invalid_url"],
    ["https://4294967296/", "invalid_url"],
    ["https://example.com../", "invalid_url"],
    ["https://127.0.0.1../", "invalid_url"],
    [`https://a.example.com/${"x".repeat(2100)}`, "invalid_url"],
    // credentials
    ["https://user:pass@hooks.example.com/", "credentials"],
    ["https://user@hooks.example.com/", "credentials"],
    ["https://:pass@hooks.example.com/", "credentials"],
    ["https://example.com%2f@hooks.example.com/", "credentials"],
    // loopback, every spelling
    ["https://127.0.0.1/", "loopback"],
    ["https://127.255.255.254:8443/", "loopback"],
    ["https://2130706433/", "loopback"],
    ["https://0177.0.0.1/", "loopback"],
    ["https://0x7f.0.0.1/", "loopback"],
    ["https://0x7f000001/", "loopback"],
    ["https://127.1/", "loopback"],
    ["https://127.0.0.1./", "loopback"],
    ["https://[::1]/", "loopback"],
    ["https://[0:0:0:0:0:0:0:1]/", "loopback"],
    ["https://[::ffff:127.0.0.1]/", "loopback"],
    ["https://[::ffff:7f00:1]/", "loopback"],
    ["https://[::127.0.0.1]/", "loopback"],
    ["https://[::ffff:0:127.0.0.1]/", "loopback"],
    ["https://[64:ff9b::127.0.0.1]/", "loopback"],
    ["https://[2002:7f00:1::]/", "loopback"],
    ["https://localhost/", "loopback"],
    ["https://LOCALHOST./", "loopback"],
    ["https://api.localhost/", "loopback"],
    // private
    ["https://10.0.0.1/", "private"],
    ["https://10.255.255.255/", "private"],
    ["https://167772161/", "private"],
    ["https://012.0.0.1/", "private"],
    ["https://172.16.0.1/", "private"],
    ["https://172.31.255.255/", "private"],
    ["https://192.168.1.1/", "private"],
    ["https://0xc0a80101/", "private"],
    ["https://100.64.0.1/", "private"],
    ["https://100.127.255.255/", "private"],
    ["https://[fc00::1]/", "private"],
    ["https://[fd12:3456::1]/", "private"],
    ["https://[FDFF::1]/", "private"],
    ["https://[fec0::1]/", "private"],
    ["https://[::ffff:10.0.0.1]/", "private"],
    ["https://[::ffff:c0a8:101]/", "private"],
    ["https://[64:ff9b::10.0.0.1]/", "private"],
    ["https://[64:ff9b::a00:1]/", "private"],
    // link-local and metadata
    ["https://169.254.1.1/", "link_local"],
    ["https://[fe80::1]/", "link_local"],
    ["https://[febf::1]/", "link_local"],
    ["https://169.254.169.254/latest/meta-data/", "metadata"],
    ["https://2852039166/", "metadata"],
    ["https://0xa9fea9fe/", "metadata"],
    ["https://[::ffff:169.254.169.254]/", "metadata"],
    ["https://[fd00:ec2::254]/", "metadata"],
    ["https://100.100.100.200/", "metadata"],
    ["https://metadata.google.internal/", "metadata"],
    ["https://metadata.google.internal./computeMetadata/v1/", "metadata"],
    // unspecified
    ["https://0.0.0.0/", "unspecified"],
    ["https://0/", "unspecified"],
    ["https://0.1.2.3/", "unspecified"],
    ["https://[::]/", "unspecified"],
    ["https://[0:0:0:0:0:0:0:0]/", "unspecified"],
    // multicast and reserved
    ["https://224.0.0.1/", "multicast"],
    ["https://239.255.255.250/", "multicast"],
    ["https://[ff02::1]/", "multicast"],
    ["https://255.255.255.255/", "reserved"],
    ["https://240.0.0.1/", "reserved"],
    ["https://198.18.0.1/", "reserved"],
    ["https://198.19.255.255/", "reserved"],
    ["https://192.0.2.1/", "reserved"],
    ["https://198.51.100.7/", "reserved"],
    ["https://203.0.113.9/", "reserved"],
    ["https://192.0.0.192/", "reserved"],
    ["https://[2001:db8::1]/", "reserved"],
    ["https://[2001::1]/", "reserved"],
    ["https://[2001:2::1]/", "reserved"],
    ["https://[3fff::1]/", "reserved"],
    ["https://[100::1]/", "reserved"],
    ["https://[4000::1]/", "reserved"],
    ["https://[::8.8.8.8]/", "reserved"],
    ["https://[2002:808:808::]/", "reserved"],
    ["https://[64:ff9b:1::1]/", "reserved"],
    // local names
    ["https://intranet/", "local_name"],
    ["https://metadata/", "local_name"],
    ["https://printer.local/", "local_name"],
    ["https://db.internal/", "local_name"],
    ["https://router.lan/", "local_name"],
    ["https://nas.home.arpa/", "local_name"],
    ["https://1.0.0.127.in-addr.arpa/", "local_name"],
    ["https://box.localdomain/", "local_name"],
    ["https://HOST.CORP./", "local_name"],
    ["https://hooks.example/", "local_name"],
    ["https://shop.test/", "local_name"],
  ])("%s → %s", (url, reason) => {
    expect(reasonOf(url)).toBe(reason);
  });

  it("says why in a sentence", () => {
    const r = guardCallbackUrl("https://0x7f000001/hook");
    expect(r).toEqual({ ok: false, reason: "loopback", message: expect.stringContaining("127.0.0.1 is a loopback address") });
  });
});

describe("callback URL guard: accepted", () => {
  it.each([
    ["https://hooks.example.com/411", "https://hooks.example.com/411"],
    ["HTTPS://Hooks.Example.COM:8443/a?b=c", "https://hooks.example.com:8443/a?b=c"],
    ["https://hooks.example.com./x", "https://hooks.example.com./x"],
    ["https://8.8.8.8/x", "https://8.8.8.8/x"],
    ["https://134744072/x", "https://8.8.8.8/x"],
    ["https://172.32.0.1/", "https://172.32.0.1/"],
    ["https://100.128.0.1/", "https://100.128.0.1/"],
    ["https://[2606:4700::1111]/", "https://[2606:4700::1111]/"],
    ["https://[::ffff:8.8.8.8]/", "https://[::ffff:808:808]/"],
    ["https://[64:ff9b::1.1.1.1]/", "https://[64:ff9b::101:101]/"],
    ["https://bücher.de/hook", "https://xn--bcher-kva.de/hook"],
  ])("%s", (url, normalized) => {
    expect(guardCallbackUrl(url)).toEqual({ ok: true, url: normalized });
  });
});

describe("callback URL guard: loopback allowance for local development", () => {
  const ports = new Set([9911]);

  it("allows exactly the listed loopback ports, over http too", () => {
    expect(guardCallbackUrl("http://127.0.0.1:9911/hook", ports)).toEqual({ ok: true, url: "http://127.0.0.1:9911/hook" });
    expect(reasonOf("http://localhost:9911/hook", ports)).toBe("ok");
    expect(reasonOf("http://[::1]:9911/hook", ports)).toBe("ok");
    expect(reasonOf("http://2130706433:9911/hook", ports)).toBe("ok");
    expect(reasonOf("http://127.0.0.1:9912/hook", ports)).toBe("loopback");
    expect(reasonOf("http://127.0.0.1/hook", ports)).toBe("loopback");
    expect(reasonOf("https://127.0.0.1/hook", ports)).toBe("loopback");
  });

  it("never extends to credentials, private networks or metadata", () => {
    expect(reasonOf("http://u:p@127.0.0.1:9911/", ports)).toBe("credentials");
    expect(reasonOf("http://10.0.0.1:9911/", "any")).toBe("private");
    expect(reasonOf("http://169.254.169.254:9911/", "any")).toBe("metadata");
    expect(reasonOf("http://0.0.0.0:9911/", "any")).toBe("unspecified");
    expect(reasonOf("http://hooks.example.com:9911/", "any")).toBe("not_https");
  });

  it("'any' allows every loopback port; 'none' (the default) none", () => {
    expect(reasonOf("http://127.0.0.1:1234/", "any")).toBe("ok");
    expect(reasonOf("http://127.0.0.1:1234/", "none")).toBe("loopback");
    expect(reasonOf("http://127.0.0.1:1234/")).toBe("loopback");
  });
});

describe("address parsing", () => {
  it.each([
    ["::", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["::1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["fe80::1:2", [0xfe80, 0, 0, 0, 0, 0, 1, 2]],
    ["1:2:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]],
    ["::ffff:127.0.0.1", [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]],
    ["1::", [1, 0, 0, 0, 0, 0, 0, 0]],
    ["1:2:3:4:5:6:1.2.3.4", [1, 2, 3, 4, 5, 6, 0x102, 0x304]],
  ])("%s", (text, groups) => {
    expect(parseIpv6(text)).toEqual(groups);
  });

  it.each(["1:2:3:4:5:6:7", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "::g", "fe80::1%eth0", "::1.2.3", "1:2:3:4:5:6:7::8"])(
    "refuses %s",
    (text) => {
      expect(parseIpv6(text)).toBeNull();
    },
  );

  it("IPv4 block edges", () => {
    const ip = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    expect(classifyIpv4(ip(172, 15, 255, 255))).toBe("public");
    expect(classifyIpv4(ip(172, 16, 0, 0))).toBe("private");
    expect(classifyIpv4(ip(172, 31, 255, 255))).toBe("private");
    expect(classifyIpv4(ip(172, 32, 0, 0))).toBe("public");
    expect(classifyIpv4(ip(100, 63, 255, 255))).toBe("public");
    expect(classifyIpv4(ip(198, 17, 255, 255))).toBe("public");
    expect(classifyIpv4(ip(198, 20, 0, 0))).toBe("public");
    expect(classifyIpv4(ip(223, 255, 255, 255))).toBe("public");
    expect(classifyIpv4(ip(1, 1, 1, 1))).toBe("public");
  });
});

describe("callback URL guard: properties", () => {
  // Biased toward the special blocks so every class is exercised, not just the public bulk.
  const address = fc.oneof(
    fc.nat({ max: 0xffffffff }),
    fc.constantFrom(0x7f, 0x0a, 0xac, 0xc0, 0xa9, 0x64, 0x00, 0xe0, 0xf0, 0xc6).chain((a) =>
      fc.nat({ max: 0xffffff }).map((rest) => ((a << 24) | rest) >>> 0),
    ),
  );

  it("every IPv4 spelling of an address gets the verdict of its dotted quad", () => {
    fc.assert(
      fc.property(address, (n) => {
        const o = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
        const verdict = reasonOf(`https://${o.join(".")}/`);
        const spellings = [
          `${n}`,
          `0x${n.toString(16)}`,
          `0${n.toString(8)}`,
          o.map((x) => `0${x.toString(8)}`).join("."),
          o.map((x) => `0x${x.toString(16)}`).join("."),
          `${o[0]}.${(n & 0xffffff) >>> 0}`,
          `${o[0]}.${o[1]}.${n & 0xffff}`,
          `${o.join(".")}.`,
          `[::ffff:${o.join(".")}]`,
        ];
        for (const host of spellings) expect(reasonOf(`https://${host}/`), host).toBe(verdict);
      }),
      { numRuns: 2000 },
    );
  });

  it("IPv6 groups survive the WHATWG serialization the guard reads", () => {
    const group = fc.oneof(fc.constant(0), fc.nat({ max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const host = new URL(`https://[${groups.map((g) => g.toString(16)).join(":")}]/`).hostname;
        expect(parseIpv6(host.slice(1, -1))).toEqual(groups);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the loopback switch in config", () => {
  const vars = JSON.parse(
    readFileSync(path.join(import.meta.dirname, "../../wrangler.jsonc"), "utf8").replace(/^\s*\/\/.*$/gm, ""),
  ).vars as Record<string, string>;

  it("is off in the shipped config", () => {
    const config = ConfigSchema.parse(vars);
    expect(config.CALLBACKS_ALLOW_LOOPBACK).toBe(false);
    expect(config.CALLBACKS_LOOPBACK_PORTS).toEqual([]);
  });

  it("may be on in development and test, with a port list", () => {
    for (const ENVIRONMENT of ["development", "test"]) {
      const config = ConfigSchema.parse({ ...vars, ENVIRONMENT, CALLBACKS_ALLOW_LOOPBACK: "true", CALLBACKS_LOOPBACK_PORTS: "8788,9000" });
      expect(config.CALLBACKS_LOOPBACK_PORTS).toEqual([8788, 9000]);
    }
  });

  it("is refused in production, and so are malformed port lists", () => {
    const production = ConfigSchema.safeParse({ ...vars, ENVIRONMENT: "production", CALLBACKS_ALLOW_LOOPBACK: "true" });
    expect(production.success).toBe(false);
    expect(production.error?.issues.map((i) => i.path.join("."))).toEqual(["CALLBACKS_ALLOW_LOOPBACK"]);
    expect(ConfigSchema.safeParse({ ...vars, ENVIRONMENT: "production" }).success).toBe(true);
    for (const ports of ["80,", "x", "70000", "0", " 80"]) {
      expect(ConfigSchema.safeParse({ ...vars, CALLBACKS_LOOPBACK_PORTS: ports }).success, ports).toBe(false);
    }
  });
});
