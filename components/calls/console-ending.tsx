import { PhoneOff } from "lucide-react";

import { LocalTime } from "@/components/calls/local-time";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { StaffEnding } from "@/lib/events/stories";

/** Staff ended the call from this console (from the audit log, so it survives a reload). */
export function ConsoleEnding({ ending }: { ending: StaffEnding }) {
  return (
    <Alert role="status" aria-label="Ended from the console" data-testid="console-ending">
      <PhoneOff aria-hidden />
      <AlertTitle>Ended from the console</AlertTitle>
      <AlertDescription>
        <p>
          <span className="font-medium break-all">{ending.staffEmail}</span> ended this call from
          the console at:
        </p>
        <LocalTime iso={ending.at} />
      </AlertDescription>
    </Alert>
  );
}
