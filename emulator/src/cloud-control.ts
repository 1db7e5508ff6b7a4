import type { ServerResponse } from "node:http";

import { roomOf } from "./cloud-rooms";
import { cloudStats, newCloudState } from "./cloud-state";
import { sendJson } from "./http-util";
import type { EmulatorState } from "./state";

// /__emulator/cloud: the Cloud API switches (plan, permission) and what the console asked for.

export function handleCloudControl(
  method: string,
  path: string,
  body: Record<string, unknown>,
  res: ServerResponse,
  st: EmulatorState,
): number {
  const ok = (status = 200): number => {
    sendJson(res, status, cloudStats(st.cloud));
    return status;
  };
  const roomOfCall = /^\/__emulator\/cloud\/rooms\/([^/]+)$/.exec(path);
  if (roomOfCall && method === "GET")
    return groundTruth(decodeURIComponent(roomOfCall[1]!), res, st);
  if (path !== "/__emulator/cloud") {
    sendJson(res, 404, { error: { code: "not_found", message: `no route ${method} ${path}` } });
    return 404;
  }
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

/** The room behind a call and each participant's network as the emulator decided it. */
function groundTruth(callId: string, res: ServerResponse, st: EmulatorState): number {
  const call = st.store.get(callId);
  if (!call) {
    sendJson(res, 404, { error: { code: "not_found", message: `no call ${callId}` } });
    return 404;
  }
  const room = roomOf(
    {
      store: st.store,
      sdkAppId: st.options.sdkAppId,
      now: st.now(),
      overrides: st.cloud.overrides,
    },
    call,
  );
  sendJson(res, 200, {
    commId: room.commId,
    roomId: room.roomId,
    createTime: room.createS,
    destroyTime: room.destroyS,
    participants: room.participants.map((p) => ({
      userId: p.userId,
      joinMs: p.joinMs,
      leaveMs: p.leaveMs,
      dropped: p.dropped,
      grade: p.profile.grade,
      episode: p.profile.episode ?? null,
      deviceType: p.profile.device.type,
      sdkVersion: p.profile.device.sdkVersion,
      clientIp: p.profile.clientIp,
    })),
  });
  return 200;
}
