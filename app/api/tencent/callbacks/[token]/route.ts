import { receiveCallback } from "@/lib/events/receiver";

// Tencent's callbacks (both generations). No staff session: the receiver authenticates each
// delivery itself (lib/events/receiver.ts), so this stays outside route().
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(
  req: Request,
  context: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await context.params;
  return receiveCallback(req, token);
}
