import "server-only";

import { randomUUID } from "node:crypto";

import type { NextRequest } from "next/server";
import { type z, ZodError } from "zod";

import { crossSiteReason } from "@/lib/api/csrf";
import {
  ApiError,
  errorJson,
  fromZodError,
  isApiError,
  isConvertibleToApiError,
} from "@/lib/api/errors";
import { jsonResponse } from "@/lib/api/json-response";
import { clientAddress, proxyTrustOf } from "@/lib/auth/client-address";
import { hasRole, type Role } from "@/lib/auth/roles";
import { sessionUserFromCookies, type SessionUser } from "@/lib/auth/session-cookie";
import { writeAudit } from "@/lib/db/audit";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";

type Access = Role | "public";

type Schemas = {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
};

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type HandlerContext<A extends Access, S extends Schemas> = {
  req: NextRequest;
  user: A extends "public" ? SessionUser | null : SessionUser;
  params: Infer<S["params"]>;
  query: Infer<S["query"]>;
  body: Infer<S["body"]>;
  requestId: string;
};

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type RouteOptions<A extends Access, S extends Schemas> = S & {
  /** Lowest role allowed, or "public" for routes anyone may call (e.g. /api/health). */
  access: A;
};

export type Audit<A extends Access, S extends Schemas, R> = {
  action: string;
  target?: (params: Infer<S["params"]>) => string;
  details?: (result: R, ctx: HandlerContext<A, S>) => Record<string, unknown>;
};

export function route<A extends Access, S extends Schemas, R>(
  options: RouteOptions<A, S>,
  handler: (ctx: HandlerContext<A, S>) => Promise<R> | R,
  more: { audit?: Audit<A, S, Awaited<R>> } = {},
) {
  return async (req: NextRequest, context?: RouteContext): Promise<Response> => {
    const requestId = randomUUID();
    const headers = { "X-Request-Id": requestId };
    try {
      const crossSite = crossSiteReason(req.method, req.headers, getEnv().NEXTAUTH_URL);
      if (crossSite) {
        log.warn(
          { requestId, path: req.nextUrl.pathname, reason: crossSite },
          "cross-site request refused",
        );
        throw new ApiError({ code: "forbidden", message: "Cross-site requests are not allowed." });
      }

      const user = await sessionUserFromCookies(req.cookies.getAll());
      if (options.access !== "public") {
        if (!user)
          throw new ApiError({ code: "unauthorized", message: "Sign in to use this API." });
        if (!hasRole(user.role, options.access)) {
          throw new ApiError({
            code: "forbidden",
            message: `This needs the ${options.access} role; you are ${user.role}.`,
          });
        }
      }

      const params = await parse(options.params, (await context?.params) ?? {}, "params");
      const query = await parse(options.query, queryObject(req.nextUrl.searchParams), "query");
      const body = options.body
        ? await parse(options.body, await readJson(req), "body")
        : undefined;

      const ctx: HandlerContext<A, S> = {
        req,
        user: user as HandlerContext<A, S>["user"],
        params: params as Infer<S["params"]>,
        query: query as Infer<S["query"]>,
        body: body as Infer<S["body"]>,
        requestId,
      };
      const result = await handler(ctx);
      if (more.audit && user) await audit(more.audit, result, ctx, user);
      const response = result instanceof Response ? result : jsonResponse(result);
      response.headers.set("X-Request-Id", requestId);
      if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
      return response;
    } catch (error) {
      return errorJson(toApiError(error, requestId, req), headers);
    }
  };
}

async function audit<A extends Access, S extends Schemas, R>(
  spec: Audit<A, S, R>,
  result: R,
  ctx: HandlerContext<A, S>,
  user: SessionUser,
): Promise<void> {
  const target = spec.target?.(ctx.params);
  const details = spec.details?.(result, ctx);
  log.info(
    { requestId: ctx.requestId, action: spec.action, target, actor: user.email, details },
    "audited action",
  );
  await writeAudit(await getDb(), {
    actor: user.email,
    action: spec.action,
    target,
    address: clientAddress(ctx.req.headers, proxyTrustOf(getEnv())),
    details,
  });
}

function toApiError(error: unknown, requestId: string, req: NextRequest): ApiError {
  if (isApiError(error)) return error;
  if (isConvertibleToApiError(error)) return error.toApiError();
  // Unknown: log everything, answer nothing about internals.
  log.error(
    { err: error, requestId, method: req.method, path: req.nextUrl.pathname },
    "unhandled route error",
  );
  return new ApiError({
    code: "internal",
    message: "Something went wrong on our side. It has been logged.",
    details: { requestId },
  });
}

async function parse(
  schema: z.ZodType | undefined,
  value: unknown,
  where: "params" | "query" | "body",
) {
  if (!schema) return value;
  try {
    return await schema.parseAsync(value);
  } catch (error) {
    if (error instanceof ZodError) throw fromZodError(error, where);
    throw error;
  }
}

/** Repeated keys become arrays (`?result=Cancel&result=Reject`), single keys stay strings. */
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

async function readJson(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  // Requiring JSON also keeps plain HTML forms from other sites out (they cannot send this type).
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError({ code: "bad_request", message: "Send the body as application/json." });
  }
  const text = await req.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({ code: "bad_request", message: "The request body is not valid JSON." });
  }
}
