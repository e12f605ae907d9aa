// @411data/vendors: HTTP adapters for the enrichment vendors, their in-process sandboxes, the
// synthetic dataset behind them, and the waterfall that chains vendors.

export { VendorError, isVendorError, parseRetryAfter } from "./errors.ts";
export type { VendorErrorKind, VendorErrorReason, VendorErrorInit } from "./errors.ts";
export { DEFAULT_TIMEOUT_MS } from "./http.ts";
export type { Fetch } from "./http.ts";
export { toE164 } from "./phone.ts";

export { Provenance, sourced, scoreToConfidence } from "./provenance.ts";
export type { Sourced } from "./provenance.ts";
export {
  NormalizedPerson, PersonSearchResult, PersonQueryMode, LineType, PersonName, PersonPhone, PersonAddress,
  AgeRange, AssociatedPerson, Employment,
} from "./person.ts";
export {
  BusinessQuery, BusinessResearchResult, BusinessResearchData, ResearchUsage, BusinessPhone, BusinessPerson,
  BusinessAddress, LegalAssociate, Source,
} from "./business.ts";

export {
  WhitepagesClient, WHITEPAGES_BASE_URL, WHITEPAGES_VENDOR, WHITEPAGES_MAX_PAGES, WHITEPAGES_MAX_PAGE_SIZE,
  DEFAULT_WHITEPAGES_COST_PER_QUERY_MICRO_USD,
} from "./whitepages/client.ts";
export type { WhitepagesClientOptions, WhitepagesQuery, SearchOptions } from "./whitepages/client.ts";
export { normalizeWhitepagesPerson, lineType, ageRangeFrom } from "./whitepages/normalize.ts";
export { WpSearchResponse, WpPerson } from "./whitepages/schema.ts";
export { createWhitepagesSandbox } from "./whitepages/sandbox.ts";
export type { WhitepagesSandboxOptions } from "./whitepages/sandbox.ts";

export {
  OpenAIWebResearch, OPENAI_BASE_URL, OPENAI_VENDOR, DEFAULT_MAX_SEARCHES, DEFAULT_RESEARCH_TIMEOUT_MS,
  buildPrompt, cleanUrl, countSearches,
} from "./openai/client.ts";
export type { OpenAIWebResearchOptions, ResearchOptions } from "./openai/client.ts";
export {
  computeResearchCost, pricesFor, OPENAI_MODEL_PRICES, OPENAI_WEB_SEARCH_FEE_MICRO_USD, DEFAULT_OPENAI_MODEL,
} from "./openai/cost.ts";
export type { OpenAIPrices, TokenUsage } from "./openai/cost.ts";
export { BusinessAnswer, businessAnswerJsonSchema, ResponsesResponse } from "./openai/schema.ts";
export { createOpenAISandbox } from "./openai/sandbox.ts";
export type { OpenAISandboxOptions } from "./openai/sandbox.ts";

export { CompanyLocation, NormalizedCompany, CompanyEnrichResult, CompanyFilters, CompanySearchPage } from "./company.ts";
export { US_STATES, stateCode, stateName } from "./us-states.ts";
export type { UsStateCode } from "./us-states.ts";

export {
  PdlClient, PDL_BASE_URL, PDL_VENDOR, PDL_MAX_SEARCH_SIZE, DEFAULT_PDL_COST_PER_MATCH_MICRO_USD,
  DEFAULT_PDL_COST_PER_SEARCH_RECORD_MICRO_USD, companyQuery,
} from "./pdl/client.ts";
export type { PdlClientOptions, PdlPersonQuery, PdlCompanyQuery } from "./pdl/client.ts";
export { normalizePdlPerson, normalizePdlCompany, likelihoodToConfidence } from "./pdl/normalize.ts";
export { createPdlSandbox } from "./pdl/sandbox.ts";
export type { PdlSandboxOptions } from "./pdl/sandbox.ts";

export { waterfall, WaterfallExhaustedError } from "./waterfall.ts";
export type { WaterfallStep, WaterfallHop, WaterfallResult, WaterfallOptions } from "./waterfall.ts";

export {
  createVendors, vendorsConfigFromEnv, SANDBOX_API_KEY, SANDBOX_OPENAI_URL, SANDBOX_WHITEPAGES_URL, SANDBOX_PDL_URL,
} from "./factory.ts";
export type { VendorsConfig, Vendors, VendorMode } from "./factory.ts";

export {
  FAULTS, RESERVED_NAMES, RESERVED_PHONES, RESERVED_RETRY_AFTER_SEC, reservedFault, SCOPED_FAULT_BLOCKS,
  scopedFaultName, scopedFaultPhone,
} from "./reserved.ts";
export type { Fault, ScopedVendor } from "./reserved.ts";
export type { SandboxOptions } from "./sandbox-options.ts";
export { DEFAULT_HANG_MS } from "./sandbox-options.ts";

export { getDataset, generateDataset, DEFAULT_SEED, DEFAULT_SIZES } from "./dataset/generate.ts";
export type { DatasetSizes } from "./dataset/generate.ts";
export { SEED_EXAMPLES } from "./dataset/fixtures.ts";
export { searchPeople, findBusiness, splitName } from "./dataset/search.ts";
export { lookupPopulation } from "./dataset/population.ts";
export type { LookupPopulation } from "./dataset/population.ts";
export { businessKey } from "./dataset/normalize.ts";
export { COMPANY_INDUSTRIES, COMPANY_SIZES, firmographicsOf } from "./dataset/firmographics.ts";
export type { CompanyIndustry, CompanySize, Firmographics } from "./dataset/firmographics.ts";
export type { Dataset, SynthPerson, SynthBusiness, SynthAddress } from "./dataset/types.ts";
