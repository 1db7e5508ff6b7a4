"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { ApiRequestError, fetchJson } from "@/lib/queries/fetch-json";

export type FieldErrors = Record<string, string>;

/** One staff-page mutation: sends JSON, re-renders the page's server data, keeps errors by field. */
export function useStaffAction<T>() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  async function run(url: string, init: { method: string; body?: string }): Promise<T | null> {
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      const result = await fetchJson<T>(url, init);
      router.refresh();
      return result;
    } catch (err) {
      const issues = err instanceof ApiRequestError ? err.details?.issues : undefined;
      if (Array.isArray(issues) && issues.length > 0) {
        const byField: FieldErrors = {};
        for (const issue of issues as { field?: string; message?: string }[])
          if (issue.field && issue.message) byField[issue.field] ??= issue.message;
        setFieldErrors(byField);
      } else {
        setError(
          err instanceof ApiRequestError ? err.message : "The console could not be reached.",
        );
      }
      return null;
    } finally {
      setPending(false);
    }
  }

  return { run, pending, error, fieldErrors };
}

export const jsonBody = (method: string, body: unknown) => ({ method, body: JSON.stringify(body) });

/** A text field of a submitted form ("" when absent). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
