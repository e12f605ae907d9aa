// The site header's links, in order. Only pages that exist are listed (the workerd page test
// fetches every one): a page added later adds its line here.
export const NAV: readonly { path: string; label: string }[] = [
  { path: "/quickstart", label: "Quickstart" },
  { path: "/connect", label: "Connect" },
  { path: "/batch", label: "Batch" },
  { path: "/enrich_agent", label: "Enrich agent" },
  { path: "/playground", label: "Playground" },
  { path: "/developers", label: "Developers" },
  { path: "/cookbook", label: "Cookbook" },
  { path: "/pricing", label: "Pricing" },
  { path: "/x402", label: "x402" },
];
