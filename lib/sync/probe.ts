import "server-only";

import type { Generation } from "@/lib/calls/types";
import { TrtcError } from "@/lib/trtc/errors";

import { readPage, type RecordSource, type SliceFetchOptions } from "./fetch";

export type GenerationFailure = {
  generation: Generation;
  code: number | string;
  message: string;
  requestId: string | null;
};

type Unavailable = { generation: Generation; error: unknown; facts: GenerationFailure };

/** One small request per generation: one that keeps failing sits this pass out, the other syncs. */
export async function probeGenerations(
  source: RecordSource,
  settings: SliceFetchOptions & { generations: Generation[]; now: () => number },
): Promise<{ available: Generation[]; unavailable: Unavailable[] }> {
  const now = settings.now();
  const probes = await Promise.all(
    settings.generations.map(async (generation) => {
      try {
        await readPage(
          source,
          generation,
          { fromSec: Math.floor(now / 1000) - 60, toSec: Math.floor(now / 1000) },
          1,
          {
            ...settings,
            pageSize: 1,
          },
        );
        return null;
      } catch (error) {
        return { generation, error, facts: failureFacts(generation, error) };
      }
    }),
  );
  const unavailable = probes.filter((p): p is Unavailable => p !== null);
  const down = new Set(unavailable.map((u) => u.generation));
  return { available: settings.generations.filter((g) => !down.has(g)), unavailable };
}

function failureFacts(generation: Generation, error: unknown): GenerationFailure {
  if (error instanceof TrtcError)
    return { generation, code: error.code, message: error.message, requestId: error.requestId };
  return { generation, code: "UNKNOWN", message: String(error).slice(0, 200), requestId: null };
}
