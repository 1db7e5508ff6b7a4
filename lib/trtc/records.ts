import "server-only";

import type { Logger } from "pino";
import { z } from "zod";

import { callIdSchema } from "@/lib/calls/call-id";
import { mergeRecords } from "@/lib/calls/merge";
import type { CallRecord, Generation } from "@/lib/calls/types";

import { V1_CODES } from "./error-codes";
import { TrtcError, type UpstreamDetails } from "./errors";
import { callTypeToV4, recordFromV1, recordFromV4, resultToV1 } from "./map";
import { parsePayload } from "./parse";
import {
  v1RecordPageSchema,
  v1RecordSchema,
  v4RecordByIdSchema,
  v4RecordPageSchema,
  v4RecordSchema,
} from "./schemas";
import type { Transport } from "./transport";
import { createNotFoundLearner, V1_NOT_FOUND_DEFAULT, type NotFoundLearner } from "./v1-not-found";

export const V4_RECORD_BY_ID = "/v4/call_record_http_srv/get_record_by_callid";
export const V4_RECORDS_BY_FILTER = "/v4/call_record_http_srv/get_record_by_filter";
export const V1_RECORD_BY_ID = "/v1/records/get_record_by_callId";
export const V1_RECORDS_BY_FILTER = "/v1/records/get_records_by_filter";

export type RecordsApi = "v4" | "v1" | "both";

export type RecordPart = {
  generation: Generation;
  found: boolean;
  requestId?: string;
  error?: UpstreamDetails;
  /** The copy came from the record index, synced then; Tencent was not asked. */
  indexedAt?: string;
  /** Tencent was not asked, as it cannot have the record yet or any more. */
  notAsked?: NotAskedReason;
};

export type NotAskedReason = "live" | "outside_window";

/**
 * What the caller already knows of one generation's copy, so its request is not spent: v1's
 * by-ID limit (20/s per app) is the scarcest of all. `null`: ask Tencent.
 */
export type KnownCopy =
  | { kind: "indexed"; record: CallRecord; indexedAt: string }
  | { kind: "not_asked"; reason: NotAskedReason };

export type GetRecordOptions = { known?: Partial<Record<Generation, Promise<KnownCopy | null>>> };

export type GetRecordResult = {
  record: CallRecord | null;
  parts: RecordPart[];
  raw: Partial<Record<Generation, unknown>>;
  requestIds: string[];
};

type One = {
  generation: Generation;
  record: CallRecord | null;
  requestId: string | null;
  raw: unknown;
  indexedAt?: string;
  notAsked?: NotAskedReason;
};

async function knownOrFetched(
  transport: Transport,
  logger: Logger,
  generation: Generation,
  callId: string,
  known: Promise<KnownCopy | null> | undefined,
): Promise<One> {
  const copy = await known;
  if (copy?.kind === "indexed") {
    const { record, indexedAt } = copy;
    return { generation, record, requestId: null, raw: { fromIndex: { indexedAt } }, indexedAt };
  }
  if (copy?.kind === "not_asked") {
    const notAsked = copy.reason;
    return { generation, record: null, requestId: null, raw: { notAsked }, notAsked };
  }
  return fetchOne(transport, logger, generation, callId);
}

const V4_NOT_FOUND = 101050;

// Per transport, so each app (and each test's emulator) learns its own v1 answer.
const learners = new WeakMap<Transport, NotFoundLearner>();

function v1Learner(transport: Transport, logger: Logger): NotFoundLearner {
  let learner = learners.get(transport);
  if (!learner) {
    learner = createNotFoundLearner({
      anyCallId: async () => {
        const now = Date.now();
        const page = await listRecordsPage(transport, logger, {
          generation: "v1",
          from: new Date(now - 6 * 86_400_000),
          to: new Date(now),
          pageSize: 1,
        });
        return page.items[0]?.callId ?? null;
      },
      codeFor: async (callId) => {
        try {
          // Whatever code comes back is the answer wanted, so only a rate limit is retried.
          const spec = { generation: "v1", operation: "learnNotFound", idempotent: false } as const;
          await transport.call({ ...spec, path: V1_RECORD_BY_ID, body: { callId } });
          return 0;
        } catch (error) {
          if (error instanceof TrtcError && typeof error.code === "number") return error.code;
          throw error;
        }
      },
    });
    learners.set(transport, learner);
  }
  return learner;
}

// Our own check has already ruled out a malformed ID, so only v1's not-found code (learned, see
// v1-not-found.ts) or v4's documented 101050 means "no such record".
async function isNotFound(transport: Transport, logger: Logger, error: TrtcError) {
  const { code } = error;
  if (typeof code !== "number") return false;
  if (error.generation === "v4") return code === V4_NOT_FOUND;
  if (error.userSigRejected || error.rateLimited) return false;
  if (code in V1_CODES && code !== V1_NOT_FOUND_DEFAULT) return false;
  return v1Learner(transport, logger).isNotFound(code);
}

async function fetchOne(
  transport: Transport,
  logger: Logger,
  generation: Generation,
  callId: string,
): Promise<One> {
  const operation = "getRecord";
  try {
    const res =
      generation === "v4"
        ? await transport.call({
            generation,
            operation,
            path: V4_RECORD_BY_ID,
            body: { CallId: callId },
            answers: [V4_NOT_FOUND],
          })
        : await transport.call({
            generation,
            operation,
            path: V1_RECORD_BY_ID,
            body: { callId },
            answers: [v1Learner(transport, logger).known() ?? V1_NOT_FOUND_DEFAULT],
          });
    const record = readRecordPayload(res.payload, {
      generation,
      operation,
      requestId: res.requestId,
    });
    return { generation, record, requestId: res.requestId, raw: res.raw };
  } catch (error) {
    if (error instanceof TrtcError && (await isNotFound(transport, logger, error))) {
      return {
        generation,
        record: null,
        requestId: error.requestId,
        raw: { code: error.code, message: error.message, requestId: error.requestId },
      };
    }
    throw error;
  }
}

export async function getRecord(
  transport: Transport,
  logger: Logger,
  recordsApi: RecordsApi,
  callIdInput: string,
  options: GetRecordOptions = {},
): Promise<GetRecordResult> {
  const callId = callIdSchema.parse(callIdInput);
  const generations: Generation[] = recordsApi === "both" ? ["v4", "v1"] : [recordsApi];
  const settled = await Promise.allSettled(
    generations.map((g) => knownOrFetched(transport, logger, g, callId, options.known?.[g])),
  );

  const parts: RecordPart[] = [];
  const raw: Partial<Record<Generation, unknown>> = {};
  const found: CallRecord[] = [];
  const errors: TrtcError[] = [];
  settled.forEach((s, i) => {
    const generation = generations[i]!;
    if (s.status === "fulfilled") {
      raw[generation] = s.value.raw;
      parts.push({
        generation,
        found: s.value.record !== null,
        ...(s.value.requestId ? { requestId: s.value.requestId } : {}),
        ...(s.value.indexedAt ? { indexedAt: s.value.indexedAt } : {}),
        ...(s.value.notAsked ? { notAsked: s.value.notAsked } : {}),
      });
      if (s.value.record) found.push(s.value.record);
    } else {
      if (!(s.reason instanceof TrtcError)) throw s.reason;
      errors.push(s.reason);
      parts.push({
        generation,
        found: false,
        ...(s.reason.requestId ? { requestId: s.reason.requestId } : {}),
        error: s.reason.toUpstreamDetails(),
      });
    }
  });
  // With nothing found and a generation failing, "not found" could be wrong: report the failure.
  if (found.length === 0 && errors[0]) {
    errors[0].recordParts = parts;
    throw errors[0];
  }

  let record = found[0] ?? null;
  if (found[0] && found[1]) {
    record = mergeRecords(found[0], found[1]);
    if (found[0].result !== found[1].result || found[0].startedAt !== found[1].startedAt) {
      logger.warn(
        {
          event: "record_copies_differ",
          callId,
          v4: { result: found[0].result, startedAt: found[0].startedAt },
          v1: { result: found[1].result, startedAt: found[1].startedAt },
        },
        "v4 and v1 copies of a call differ; v4 kept",
      );
    }
  }
  const requestIds = parts.flatMap((p) => (p.requestId ? [p.requestId] : []));
  return { record, parts, raw, requestIds };
}

const dateInput = z
  .union([z.date(), z.iso.datetime({ offset: true }), z.number()])
  .transform((v) => new Date(v));

export const listRecordsInputSchema = z
  .object({
    generation: z.enum(["v4", "v1"]),
    from: dateInput,
    to: dateInput,
    result: z.string().min(1).optional(),
    callType: z.string().min(1).optional(),
    page: z.number().int().min(1).default(1),
    // Tencent documents no maximum; 100 is v1's default and what the emulator caps at.
    pageSize: z.number().int().min(1).max(100).default(100),
  })
  .refine((v) => v.to.getTime() >= v.from.getTime(), {
    message: "must not be before from",
    path: ["to"],
  });
export type ListRecordsInput = z.input<typeof listRecordsInputSchema>;

export type RecordsPage = {
  items: CallRecord[];
  total: number;
  page: number;
  requestId: string | null;
  skipped: number;
};

export async function listRecordsPage(
  transport: Transport,
  logger: Logger,
  input: ListRecordsInput,
): Promise<RecordsPage> {
  const q = listRecordsInputSchema.parse(input);
  const from = Math.floor(q.from.getTime() / 1000);
  const to = Math.floor(q.to.getTime() / 1000);
  const operation = "listRecordsPage";
  const generation = q.generation;
  const res =
    generation === "v4"
      ? await transport.call({
          generation,
          operation,
          path: V4_RECORDS_BY_FILTER,
          body: {
            StartTime: from,
            EndTime: to,
            ...(q.result ? { CallResult: q.result } : {}),
            ...(q.callType ? { CallType: callTypeToV4(q.callType) } : {}),
            NumberPerPage: q.pageSize,
            Page: q.page,
          },
        })
      : await transport.call({
          generation,
          operation,
          path: V1_RECORDS_BY_FILTER,
          body: {
            startTimestamp: from,
            endTimestamp: to,
            ...(q.result ? { callResult: resultToV1(q.result) } : {}),
            ...(q.callType ? { callType: q.callType } : {}),
            numberPerPage: q.pageSize,
            page: q.page,
          },
        });
  const ctx = { generation, operation, requestId: res.requestId };
  const { total, items, skipped } =
    generation === "v4" ? readV4Page(res.payload, ctx) : readV1Page(res.payload, ctx);
  if (skipped > 0)
    logger.warn(
      { event: "records_skipped", generation, skipped, requestId: res.requestId },
      "unreadable records left out of a page",
    );
  // v4 answers Page 0 past the last page (§6.11); the caller asked for q.page, so echo that.
  return { items, total, page: q.page, requestId: res.requestId, skipped };
}

type PageContext = { generation: Generation; operation: string; requestId: string | null };

/** `null` for a successful but empty answer, treated as not found. */
export function readRecordPayload(payload: unknown, ctx: PageContext): CallRecord | null {
  if (ctx.generation === "v4") {
    const inner = parsePayload(v4RecordByIdSchema.partial().nullish(), payload, ctx)?.CallRecord;
    return inner ? recordFromV4(parsePayload(v4RecordSchema, inner, ctx)) : null;
  }
  if (!payload || typeof payload !== "object" || Object.keys(payload).length === 0) return null;
  return recordFromV1(parsePayload(v1RecordSchema, payload, ctx));
}
type ReadPage = { total: number; items: CallRecord[]; skipped: number };

// One malformed record must not hide the rest of the page: it is counted and left out.
export function readV4Page(payload: unknown, ctx: PageContext): ReadPage {
  const page = parsePayload(v4RecordPageSchema, payload ?? {}, ctx);
  const parsed = page.CallRecordList.map((r) => v4RecordSchema.safeParse(r));
  const items = parsed.flatMap((r) => (r.success ? [recordFromV4(r.data)] : []));
  return { total: page.TotalNum, items, skipped: parsed.length - items.length };
}

export function readV1Page(payload: unknown, ctx: PageContext): ReadPage {
  const page = parsePayload(v1RecordPageSchema, payload ?? {}, ctx);
  const parsed = page.callRecordList.map((r) => v1RecordSchema.safeParse(r));
  const items = parsed.flatMap((r) => (r.success ? [recordFromV1(r.data)] : []));
  return { total: page.totalNum, items, skipped: parsed.length - items.length };
}
