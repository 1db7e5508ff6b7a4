import { Badge } from "@/components/ui/badge";
import { UserLink } from "@/components/users/user-link";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { outcomeLabel, statusLabel } from "@/lib/call-detail/labels";
import type { CallView } from "@/lib/call-detail/types";

export function ParticipantsTable({ call }: { call: CallView }) {
  return (
    <section aria-labelledby="participants-title" className="flex flex-col gap-2">
      <h2 id="participants-title" className="text-lg font-semibold">
        Participants
      </h2>
      <p className="text-muted-foreground text-sm">
        {call.live
          ? "Live status from Tencent's call engine (get_call_info)."
          : "What each participant can be credited with, read from the call record."}
      </p>
      <div className="bg-card rounded-lg border">
        <Table aria-label="Participants">
          <TableHeader>
            <TableRow>
              <TableHead>User ID</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>{call.live ? "Live status" : "Outcome"}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {call.participants.map((p) => (
              <TableRow key={`${p.role}:${p.userId}`}>
                <TableCell>
                  <UserLink userId={p.userId} />
                </TableCell>
                <TableCell>
                  <Badge variant={p.role === "caller" ? "secondary" : "outline"}>
                    {p.role === "caller" ? "Caller" : "Callee"}
                  </Badge>
                </TableCell>
                <TableCell data-testid={`participant-${call.live ? "status" : "outcome"}`}>
                  {call.live ? statusLabel(p.status) : outcomeLabel(p.outcome)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
