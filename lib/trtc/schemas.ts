import "server-only";

import { z } from "zod";

// Lenient on purpose: unknown enum values are kept and shown, optional fields may be null, and
// numbers may come as strings (the v4 filter page types RoomIdType as a string).

const str = z.union([z.string(), z.number()]).transform(String);
const optStr = str.nullish().transform((v) => v ?? null);
const int = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const optInt = int.nullish().transform((v) => v ?? null);
const strList = z
  .array(str)
  .nullish()
  .transform((v) => v ?? []);

export const v4RecordSchema = z.object({
  CallId: str,
  Caller_Account: optStr,
  MediaType: optStr,
  CallType: optStr,
  StartTime: int,
  EndTime: optInt,
  AcceptTime: optInt,
  CallResult: optStr,
  CalleeList_Account: strList,
  RoomId: optStr,
  RoomIdType: optInt,
});
export type V4Record = z.infer<typeof v4RecordSchema>;

export const v4RecordByIdSchema = z.object({ CallRecord: z.unknown() });

export const v4RecordPageSchema = z.object({
  TotalNum: int.nullish().transform((v) => v ?? 0),
  Page: optInt,
  CallRecordList: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
});

export const v4CallInfoSchema = z.object({
  CallInfo: z.object({
    CallId: str,
    MediaType: optStr,
    ChatGroupId: optStr,
    RoomId: optStr,
    RoomIdType: optInt,
  }),
  UserList: z
    .array(z.object({ User_Account: str, Status: optStr }))
    .nullish()
    .transform((v) => v ?? []),
});

// The API page shows no Response at all; the guide shows CallId + per-callee results (§6.14).
export const v4StartCallSchema = z
  .object({
    CallId: optStr,
    CallResult: z
      .array(z.object({ Callee_Account: str, ResultCode: optInt }))
      .nullish()
      .transform((v) => v ?? []),
  })
  .nullish();

// Chat's openim answers carry their data beside the envelope fields, not under `Response`.
export const v4OnlineStatusSchema = z.object({
  QueryResult: z
    .array(z.object({ To_Account: str, Status: optStr }))
    .nullish()
    .transform((v) => v ?? []),
  ErrorList: z
    .array(z.object({ To_Account: str, ErrorCode: int }))
    .nullish()
    .transform((v) => v ?? []),
});

export const v4CallbackSchema = z.object({
  Url: optStr,
  CallbackCommandList: strList,
});

export const v1RecordSchema = z.object({
  callId: str,
  sdkAppId: optInt,
  mediaType: optStr,
  roomId: optStr,
  startCallTs: int,
  acceptTs: optInt,
  endTs: optInt,
  caller: optStr,
  totalUserNumber: optInt,
  callType: optStr,
  callResult: optStr,
  callees: strList,
});
export type V1Record = z.infer<typeof v1RecordSchema>;

export const v1RecordPageSchema = z.object({
  totalNum: int.nullish().transform((v) => v ?? 0),
  page: optInt,
  callRecordList: z
    .array(z.unknown())
    .nullish()
    .transform((v) => v ?? []),
});

export const v1CallbackSchema = z.object({
  address: optStr,
  actions: strList,
});
