import type { Role } from "./fixtures";

// Every page and API route with the lowest role allowed. The access tests walk these tables, so a
// new page or route is covered by adding one row here.

export type PageRoute = {
  path: string;
  minRole: Role;
  /** The h1 an allowed visitor sees; null for pages whose content depends on data (checked by status only). */
  heading: string | null;
  /** Statuses an allowed visitor may get (default 200). */
  okStatuses?: number[];
};
export type ApiRoute = {
  method: "GET" | "POST" | "DELETE";
  path: string;
  minRole: Role | null;
  body?: unknown;
  /** Statuses an allowed caller may get (default 200): e.g. 404 for a probe ID that does not exist. */
  okStatuses?: number[];
};

// IDs that exist nowhere, so allowed calls are harmless (nothing is ended or changed).
const NO_CALL = "e2e-access-probe-call";
const NO_USER = "e2e_access_probe_user";

export const PAGES: PageRoute[] = [
  { path: "/", minRole: "support", heading: "Look up a call" },
  { path: "/calls", minRole: "support", heading: "Look up calls" },
  { path: `/calls/${NO_CALL}`, minRole: "support", heading: null, okStatuses: [200, 404] },
  { path: "/records", minRole: "support", heading: "Call records" },
  { path: "/users", minRole: "support", heading: "Find a user or room" },
  { path: `/users/${NO_USER}`, minRole: "support", heading: `User ${NO_USER}` },
  { path: "/live", minRole: "support", heading: "Live calls" },
  { path: "/insights", minRole: "manager", heading: "Insights" },
  { path: "/admin/staff", minRole: "admin", heading: "Staff" },
  { path: "/admin/sync", minRole: "admin", heading: "Record index" },
  { path: "/admin/callbacks", minRole: "admin", heading: "Callbacks" },
];

export const API_ROUTES: ApiRoute[] = [
  { method: "GET", path: "/api/health", minRole: null },
  { method: "GET", path: "/api/me", minRole: "support" },
  { method: "GET", path: `/api/calls/${NO_CALL}`, minRole: "support", okStatuses: [404] },
  { method: "POST", path: `/api/calls/${NO_CALL}/end`, minRole: "admin", okStatuses: [404, 409] },
  { method: "GET", path: "/api/records", minRole: "support" },
  { method: "GET", path: "/api/records/export", minRole: "manager" },
  { method: "GET", path: "/api/insights", minRole: "manager" },
  { method: "GET", path: `/api/users/${NO_USER}`, minRole: "support" },
  { method: "GET", path: "/api/sync", minRole: "support" },
  { method: "GET", path: "/api/live", minRole: "support" },
  { method: "GET", path: `/api/presence?users=${NO_USER}`, minRole: "support" },
  { method: "POST", path: "/api/sync", minRole: "admin", okStatuses: [200, 202, 409] },
  { method: "GET", path: "/api/admin/users", minRole: "admin" },
  {
    method: "DELETE",
    path: "/api/admin/users/00000000-0000-4000-8000-000000000000",
    minRole: "admin",
    okStatuses: [404],
  },
  { method: "GET", path: "/api/admin/lockouts", minRole: "admin" },
  {
    method: "DELETE",
    path: "/api/admin/lockouts?bucket=none",
    minRole: "admin",
    okStatuses: [404],
  },
  { method: "GET", path: "/api/admin/callbacks", minRole: "admin" },
];
