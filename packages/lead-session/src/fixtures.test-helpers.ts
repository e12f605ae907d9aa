import { createVendors } from "@411data/vendors";
import { toolsFromVendors, type Tools } from "./index.ts";

// The real vendor adapters against their in-process sandboxes (no keys → sandbox).
export function sandboxTools(): Tools {
  return toolsFromVendors(createVendors({}));
}

export const MANNO = { contact_id: 81551343, company: "JOSEPH B MANNO", street: "5 TANNERY RD", city: "RIDGWAY", state: "PA", zip: "15853", number1: "8147761310" };
export const HANEY = { contact_id: 81555753, company: "Haney Furniture Co", street: "30 N Beaver St", city: "New Castle", state: "PA", zip: "16101", number1: "7246547732" };
