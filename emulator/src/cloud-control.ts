import type { ServerResponse } from "node:http";

import { cloudStats, newCloudState } from "./cloud-state";
import { sendJson } from "./http-util";
import type { EmulatorState } from "./state";

// /__emulator/cloud: the Cloud API switches (plan, permission) and what the console asked for.

export function handleCloudControl(
  method: string,
  body: Record<string, unknown>,
  res: ServerResponse,
  st: EmulatorState,
): number {
  const ok = (status = 200): number => {
    sendJson(res, status, cloudStats(st.cloud));
    return status;
  };
  if (method === "GET") return ok();
  if (method === "DELETE") {
    const overrides = st.cloud.overrides;
    st.cloud = { ...newCloudState(), overrides };
    return ok();
  }
  if (method === "POST") {
    const { plan, permission } = body;
    if (plan !== undefined && plan !== "active" && plan !== "inactive")
      return bad(res, "plan", 'must be "active" or "inactive"');
    if (permission !== undefined && permission !== "granted" && permission !== "denied")
      return bad(res, "permission", 'must be "granted" or "denied"');
    if (plan !== undefined) st.cloud.plan = plan;
    if (permission !== undefined) st.cloud.permission = permission;
    return ok();
  }
  sendJson(res, 405, { error: { code: "method_not_allowed", message: "use GET, POST or DELETE" } });
  return 405;
}

function bad(res: ServerResponse, field: string, message: string): number {
  sendJson(res, 400, { error: { code: "bad_request", field, message: `${field}: ${message}` } });
  return 400;
}
