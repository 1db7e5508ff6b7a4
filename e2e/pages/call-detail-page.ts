import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

import { E2E } from "../settings";
import { focusSearch } from "./hydration";

/** The call permalink, /calls/:id, and the shell's search box that leads to it. */
export class CallDetailPage {
  readonly search: Locator;
  readonly heading: Locator;
  readonly state: Locator;
  readonly participants: Locator;
  readonly copyLink: Locator;
  readonly copyForTicket: Locator;
  readonly endCall: Locator;
  readonly confirmEnd: Locator;
  readonly notFoundHeading: Locator;
  readonly reasons: Locator;
  readonly retry: Locator;
  readonly requestIds: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole("combobox", { name: "Look up calls" });
    this.heading = page.getByRole("heading", { level: 1 });
    this.state = page.getByTestId("call-state");
    this.participants = page.getByRole("table", { name: "Participants" });
    this.copyLink = page.getByRole("button", { name: "Copy link" });
    this.copyForTicket = page.getByRole("button", { name: "Copy for ticket" });
    this.endCall = page.getByRole("button", { name: "End call" });
    this.confirmEnd = page.getByRole("button", { name: "Yes, end the call" });
    this.notFoundHeading = page.getByRole("heading", { name: "Call not found" });
    this.reasons = page.getByRole("list", { name: "Possible reasons" });
    this.retry = page.getByRole("button", { name: "Retry" });
    this.requestIds = page.getByRole("list", { name: "RequestIds" });
  }

  async goto(callId: string) {
    await this.page.goto(`/calls/${encodeURIComponent(callId)}`);
  }

  /** Uses the shell's search box the way support staff do: "/" to focus, paste, Enter. */
  async lookUp(text: string) {
    await focusSearch(this.page);
    await this.search.fill(text);
    await this.search.press("Enter");
  }

  /** [user ID, role, status-or-outcome] for each row of the participants table. */
  async participantRows(): Promise<string[][]> {
    const rows = this.participants.getByRole("row");
    const count = await rows.count();
    const out: string[][] = [];
    for (let i = 1; i < count; i++) {
      // The presence badge beside each user ID is "now", not part of the call: left out.
      const cells = await rows
        .nth(i)
        .getByRole("cell")
        .evaluateAll((els) =>
          els.map((el) => {
            const copy = el.cloneNode(true) as HTMLElement;
            copy.querySelectorAll("[data-testid=presence]").forEach((n) => n.remove());
            return copy.textContent ?? "";
          }),
        );
      out.push(cells.map((t) => t.trim()));
    }
    return out;
  }

  participantCell(userId: string) {
    return this.participants.getByRole("row").filter({ hasText: userId }).getByRole("cell").nth(2);
  }

  async clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** "Copy for ticket", once the copy has finished (its text module loads on the first click). */
  async copyTicketText(): Promise<string> {
    await this.copyForTicket.click();
    await expect(
      this.page.getByRole("status").filter({ hasText: "Copy for ticket: copied" }),
    ).toBeAttached();
    return this.clipboard();
  }
}

export type EmulatorCall = {
  callId: string;
  caller: string;
  callees: string[];
  mediaType: "audio" | "video";
  callType: "single" | "group";
  result: string;
  generations: string[];
  startedAt: number;
  state: "scheduled" | "live" | "ended";
  recordVisible: boolean;
  inWindow: boolean;
  members: {
    userId: string;
    role: "caller" | "callee";
    outcome: string | null;
    status: string | null;
  }[];
};

/** The emulator's control endpoint: ground truth, scripted calls, faults. */
export class EmulatorControl {
  constructor(private readonly request: APIRequestContext) {}

  private url(path: string) {
    return `http://127.0.0.1:${E2E.emulatorPort}/__emulator/${path}`;
  }

  async call(callId: string): Promise<EmulatorCall> {
    const res = await this.request.get(this.url(`calls/${encodeURIComponent(callId)}`));
    expect(res.status()).toBe(200);
    return (await res.json()) as EmulatorCall;
  }

  async calls(limit = 500): Promise<EmulatorCall[]> {
    const res = await this.request.get(
      this.url(`calls?limit=${limit}&from=${Date.now() - 6 * 24 * 3600 * 1000}`),
    );
    expect(res.status()).toBe(200);
    return ((await res.json()) as { calls: EmulatorCall[] }).calls;
  }

  async script(call: Record<string, unknown>): Promise<EmulatorCall> {
    const res = await this.request.post(this.url("calls"), { data: call });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as EmulatorCall;
  }

  /** Every request to one Tencent path answers with this error code until `faults(null)`. */
  async answerWith(code: number, path: string) {
    await this.faults({ errorRate: 1, errorCode: code, onlyPaths: [path] });
  }

  async faults(faults: Record<string, unknown> | null) {
    const res = faults
      ? await this.request.post(this.url("faults"), { data: faults })
      : await this.request.delete(this.url("faults"));
    expect(res.status()).toBe(200);
  }
}
