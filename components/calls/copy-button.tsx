"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";

export async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http deployments have no Clipboard API; the old selection trick still works there.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

/**
 * Writes text that is still on its way. It goes to the clipboard as a promise where the browser
 * takes one: the click's permission to write would have lapsed by the time it arrives otherwise.
 */
export async function writeClipboardLater(text: Promise<string>): Promise<void> {
  if (typeof ClipboardItem !== "undefined" && navigator.clipboard?.write) {
    const blob = text.then((t) => new Blob([t], { type: "text/plain" }));
    await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    return;
  }
  await writeClipboard(await text);
}

export function CopyButton({
  label,
  text,
}: {
  label: string;
  text: () => string | Promise<string>;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        onClick={() => {
          const value = text();
          (typeof value === "string" ? writeClipboard(value) : writeClipboardLater(value)).then(
            () => setState("copied"),
            () => setState("failed"),
          );
          setTimeout(() => setState("idle"), 2500);
        }}
      >
        {state === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
        {label}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied"
          ? `${label}: copied`
          : state === "failed"
            ? `${label}: copying failed`
            : ""}
      </span>
    </>
  );
}
