import { z } from "@hono/zod-openapi";

export const EmailBody = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email("email is not an email address"))
    .openapi({ example: "jbmanno@example.com" }),
});
