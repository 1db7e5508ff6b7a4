import type { QualityVerdict } from "@/lib/calls/quality";
import type {
  QualityEvent,
  QualitySeries,
  QualityUnavailableReason,
  QualityUser,
} from "@/lib/trtc-cloud/types";

// The shape of `GET /api/calls/:callId/quality`. Type-only imports: client components use it.

/** One participant as archived: Tencent's facts plus what the console concluded at fetch time. */
export type ArchivedQualityParticipant = QualityUser & {
  verdict: QualityVerdict;
  sentence: string;
  series: QualitySeries;
  events: QualityEvent[];
};

/** `clientIp` is whole for managers and admins, masked (203.0.113.x) for support. */
export type QualityParticipantView = ArchivedQualityParticipant;

export type QualityUnavailable = {
  reason: QualityUnavailableReason;
  /** Plain words for staff, with the fix (e.g. which variables to set). */
  message: string;
  code?: string;
  requestId?: string;
};

export type QualityReport = {
  participants: QualityParticipantView[];
  /** `archive`: the console's copy, served once Tencent no longer has the data. */
  source: "tencent" | "archive";
  fetchedAt: string | null;
  unavailable?: QualityUnavailable;
};
