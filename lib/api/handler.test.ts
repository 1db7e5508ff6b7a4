import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { listAudit } from "@/lib/db/audit";
import { APP_DATABASES } from "@/test/databases";
import { requestAs } from "@/test/session";

let app: Awaited<ReturnType<(typeof APP_DATABASES)[number]["open"]>>;
beforeAll(async () => {
  app = await APP_DATABASES[0]!.open();
});
afterAll(async () => {
  await app.dispose();
});

const req = requestAs;

async function body(res: Response) {
  return (await res.json()) as {
    error?: { code: string; message: string; details?: Record<string, unknown> };
  };
}

const echo = route(
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
);

const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

describe("route wrapper", () => {
  it("answers 401 without a session and 403 with too low a role, in the envelope", async () => {
    const anonymous = await echo(await req(null, "/api/x/1"), params({ id: "1" }));
    expect(anonymous.status).toBe(401);
    expect((await body(anonymous)).error?.code).toBe("unauthorized");

    const low = await echo(await req("support", "/api/x/1"), params({ id: "1" }));
    expect(low.status).toBe(403);
    expect((await body(low)).error).toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("manager"),
    });
  });

  it("parses params and query, keeping repeated keys as arrays", async () => {
    const res = await echo(await req("admin", "/api/x/7?page=3&tag=a&tag=b"), params({ id: "7" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({
      id: "7",
      page: 3,
      tag: ["a", "b"],
      by: "admin@example.com",
    });
  });

  it("names the bad field with 422", async () => {
    const badParam = await echo(await req("admin", "/api/x/abc"), params({ id: "abc" }));
    expect(badParam.status).toBe(422);
    expect((await body(badParam)).error).toMatchObject({
      message: "id: must be digits",
      details: { in: "params" },
    });

    const badQuery = await echo(await req("admin", "/api/x/1?page=0"), params({ id: "1" }));
    expect(badQuery.status).toBe(422);
    expect((await body(badQuery)).error?.message).toMatch(/^page: /);
  });

  const write = route(
    {
      access: "admin",
      body: z.object({ reason: z.string().min(3, "must be at least 3 characters") }),
    },
    ({ body }) => Response.json({ ok: body.reason }, { status: 201 }),
  );
  const post = (headers: Record<string, string>, payload = '{"reason":"stuck"}') =>
    req("admin", "/api/x", {
      method: "POST",
      headers: { "content-type": "application/json", host: "console.test", ...headers },
      body: payload,
    });

  it("accepts same-origin JSON writes and refuses cross-site ones", async () => {
    expect(
      (await write(await post({ origin: "http://console.test", "sec-fetch-site": "same-origin" })))
        .status,
    ).toBe(201);
    // Non-browser clients send neither header and carry no ambient cookie.
    expect((await write(await post({}))).status).toBe(201);

    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ];
    for (const headers of crossSite) {
      const res = await write(await post(headers));
      expect(res.status).toBe(403);
      expect((await body(res)).error?.message).toBe("Cross-site requests are not allowed.");
    }
  });

  it("rejects bodies that are not JSON with 400 and bad fields with 422", async () => {
    const notJson = await write(await post({}, "reason=x"));
    expect(notJson.status).toBe(400);
    const formType = await write(
      await req("admin", "/api/x", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "reason=abc",
      }),
    );
    expect(formType.status).toBe(400);
    const short = await write(await post({}, '{"reason":"x"}'));
    expect(short.status).toBe(422);
    expect((await body(short)).error?.message).toBe("reason: must be at least 3 characters");
  });

  it("audits a route's action once it succeeded, with its target and details", async () => {
    const end = route(
      { access: "admin", params: z.object({ id: z.string() }) },
      ({ params }) => ({ id: params.id, confirmed: true }),
      {
        audit: {
          action: "thing.end",
          target: (p) => p.id,
          details: (result) => ({ confirmed: result.confirmed }),
        },
      },
    );
    const res = await end(
      await req("admin", "/api/x/9", {
        method: "POST",
        headers: { "x-call-console-peer": "10.0.0.9" },
      }),
      params({ id: "9" }),
    );
    expect(res.status).toBe(200);
    expect((await listAudit(app.db, 1))[0]).toMatchObject({
      actor: "admin@example.com",
      action: "thing.end",
      target: "9",
      address: "10.0.0.9",
      details: { confirmed: true },
    });

    const refused = await end(await req("support", "/api/x/8"), params({ id: "8" }));
    expect(refused.status).toBe(403);
    expect((await listAudit(app.db, 1))[0]?.target).toBe("9");
  });

  it("passes ApiError statuses through and hides unknown errors", async () => {
    const conflict = route({ access: "public" }, () => {
      throw new ApiError({
        code: "conflict",
        message: "already ended",
        details: { callId: "c1" },
      });
    });
    const res = await conflict(await req(null, "/api/y"));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: "conflict", message: "already ended", details: { callId: "c1" } },
    });

    const boom = route({ access: "public" }, () => {
      throw new Error("password=hunter2 at /srv/secret/file.ts:12");
    });
    const crash = await boom(await req(null, "/api/z"));
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
    const res = await route({ access: "public" }, () => {
      throw new UpstreamFailure("x");
    })(await req(null, "/api/u"));
    expect(res.status).toBe(502);
    expect((await body(res)).error?.details).toEqual({
      upstream: { generation: "v4", code: 70001 },
    });
  });

  it("knows an ApiError made by another copy of its module (the server's start-up loads one)", async () => {
    vi.resetModules();
    const other = await import("@/lib/api/errors");
    expect(other.ApiError).not.toBe(ApiError);
    const res = await route({ access: "public" }, () => {
      throw new other.ApiError({ code: "upstream_error", message: "Tencent answered 101001" });
    })(await req(null, "/api/v"));
    expect(res.status).toBe(502);
    expect((await body(res)).error?.message).toBe("Tencent answered 101001");
  });
});
