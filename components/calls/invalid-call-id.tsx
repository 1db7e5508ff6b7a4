import { CircleAlert } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export function InvalidCallId({ reason }: { reason: string }) {
  return (
    <Alert variant="destructive" className="max-w-2xl">
      <CircleAlert aria-hidden />
      <AlertTitle>This is not a valid call ID</AlertTitle>
      <AlertDescription>
        <p>{reason}. Nothing was looked up.</p>
        <p>
          Copy the call ID again from the ticket or the app&apos;s logs and paste it into the search
          box.
        </p>
      </AlertDescription>
    </Alert>
  );
}
