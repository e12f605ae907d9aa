// Request and response shapes read off the generated OpenAPI types, so a method's signature changes
// when the API's does (and the drift test says when to regenerate).
import type { components, paths } from "./generated/openapi.ts";

export type { components, paths };
export type Schemas = components["schemas"];

type Method = "get" | "post" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body a route takes. */
export type Body<P extends keyof paths, M extends Method = "post"> =
  Operation<P, M> extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

type SuccessOf<R> = R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : R extends { 202: infer S } ? S : never;

/** The JSON a route answers on success (200, 201 or 202). */
export type Result<P extends keyof paths, M extends Method = "post"> =
  Operation<P, M> extends { responses: infer R } ? (SuccessOf<R> extends { content: { "application/json": infer J } } ? J : unknown) : never;

/** A route's query parameters. */
export type Query<P extends keyof paths, M extends Method = "get"> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
