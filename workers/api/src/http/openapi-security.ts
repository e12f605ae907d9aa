/** The OpenAPI security requirement of a route that takes a bearer (the scheme is registered in app.ts). */
export const bearerSecurity = [{ Bearer: [] }];
