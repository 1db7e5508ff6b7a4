import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ApiError } from "@/lib/api/errors";
import { route, type WrapperDeps } from "@/lib/api/handler";
import type { SessionUser } from "@/lib/auth/session";

const support: SessionUser = { id: "u1", email: "s@corp.example", name: null, role: "support" };
const admin: SessionUser = { ...support, id: "u2", role: "admin" };
const as = (user: SessionUser | null): WrapperDeps => ({
  getUser: async () => user,
  nextauthUrl: "http://console.test",
});

function req(path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) {
  return new NextRequest(`http://console.test${path}`, init);
}

async function body(res: Response) {
  return (await res.json()) as {
    error?: { code: string; message: string; details?: Record<string, unknown> };
  };
}

const echo = (deps: WrapperDeps) =>
  route(
    {
      access: "manager",
      params: z.object({ id: z.string().regex(/^\d+$/, "must be digits") }),
      query: z.object({
        page: z.coerce.number().int().min(1).default(1),
        tag: z.array(z.string()).optional(),
      }),
    },
    ({ params, query, user }) => ({
      id: params.id,
      page: query.page,
      tag: query.tag,
      by: user.email,
    }),
    deps,
  );

const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

describe("route wrapper", () => {
  it("answers 401 without a session and 403 with too low a role, in the envelope", async () => {
    const anonymous = await echo(as(null))(req("/api/x/1"), params({ id: "1" }));
    expect(anonymous.status).toBe(401);
    expect((await body(anonymous)).error?.code).toBe("unauthorized");

    const low = await echo(as(support))(req("/api/x/1"), params({ id: "1" }));
    expect(low.status).toBe(403);
    expect((await body(low)).error).toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("manager"),
    });
  });

  it("parses params and query, keeping repeated keys as arrays", async () => {
    const res = await echo(as(admin))(req("/api/x/7?page=3&tag=a&tag=b"), params({ id: "7" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ id: "7", page: 3, tag: ["a", "b"], by: admin.email });
  });

  it("names the bad field with 422", async () => {
    const badParam = await echo(as(admin))(req("/api/x/abc"), params({ id: "abc" }));
    expect(badParam.status).toBe(422);
    expect((await body(badParam)).error).toMatchObject({
      message: "id: must be digits",
      details: { in: "params" },
    });

    const badQuery = await echo(as(admin))(req("/api/x/1?page=0"), params({ id: "1" }));
    expect(badQuery.status).toBe(422);
    expect((await body(badQuery)).error?.message).toMatch(/^page: /);
  });

  const write = (deps: WrapperDeps) =>
    route(
      {
        access: "admin",
        body: z.object({ reason: z.string().min(3, "must be at least 3 characters") }),
      },
      ({ body }) => Response.json({ ok: body.reason }, { status: 201 }),
      deps,
    );
  const post = (headers: Record<string, string>, payload = '{"reason":"stuck"}') =>
    req("/api/x", {
      method: "POST",
      headers: { "content-type": "application/json", host: "console.test", ...headers },
      body: payload,
    });

  it("accepts same-origin JSON writes and refuses cross-site ones", async () => {
    expect(
      (
        await write(as(admin))(
          post({ origin: "http://console.test", "sec-fetch-site": "same-origin" }),
        )
      ).status,
    ).toBe(201);
    // Non-browser clients send neither header and carry no ambient cookie.
    expect((await write(as(admin))(post({}))).status).toBe(201);

    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ];
    for (const headers of crossSite) {
      const res = await write(as(admin))(post(headers));
      expect(res.status).toBe(403);
      expect((await body(res)).error?.message).toBe("Cross-site requests are not allowed.");
    }
  });

  it("rejects bodies that are not JSON with 400 and bad fields with 422", async () => {
    const notJson = await write(as(admin))(post({}, "reason=x"));
    expect(notJson.status).toBe(400);
    const formType = await write(as(admin))(
      req("/api/x", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "reason=abc",
      }),
    );
    expect(formType.status).toBe(400);
    const short = await write(as(admin))(post({}, '{"reason":"x"}'));
    expect(short.status).toBe(422);
    expect((await body(short)).error?.message).toBe("reason: must be at least 3 characters");
  });

  it("passes ApiError statuses through and hides unknown errors", async () => {
    const conflict = route(
      { access: "public" },
      () => {
        throw new ApiError({
          code: "conflict",
          message: "already ended",
          details: { callId: "c1" },
        });
      },
      as(null),
    );
    const res = await conflict(req("/api/y"));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: "conflict", message: "already ended", details: { callId: "c1" } },
    });

    const boom = route(
      { access: "public" },
      () => {
        throw new Error("password=hunter2 at /srv/secret/file.ts:12");
      },
      as(null),
    );
    const crash = await boom(req("/api/z"));
    expect(crash.status).toBe(500);
    const text = await crash.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("file.ts");
    expect(JSON.parse(text).error.code).toBe("internal");
  });

  it("lets other layers convert their errors (e.g. upstream failures to 502)", async () => {
    class UpstreamFailure extends Error {
      toApiError() {
        return new ApiError({
          code: "upstream_error",
          message: "Tencent answered 70001",
          details: { upstream: { generation: "v4", code: 70001 } },
        });
      }
    }
    const res = await route(
      { access: "public" },
      () => {
        throw new UpstreamFailure("x");
      },
      as(null),
    )(req("/api/u"));
    expect(res.status).toBe(502);
    expect((await body(res)).error?.details).toEqual({
      upstream: { generation: "v4", code: 70001 },
    });
  });
});
