import { CardTable } from "@/components/console/card-table";
import { TitledSection } from "@/components/console/titled-section";
import { LazyPresenceBadge } from "@/components/presence/lazy-presence-badge";
import { Badge } from "@/components/ui/badge";
import { TableCell, TableRow } from "@/components/ui/table";
import { UserLink } from "@/components/users/user-link";
import { participantLabel } from "@/lib/call-detail/story-labels";
import type { CallView } from "@/lib/call-detail/types";

export function ParticipantsTable({ call }: { call: CallView }) {
  return (
    <TitledSection id="participants-title" title="Participants" className="gap-2">
      <p className="text-muted-foreground text-sm">
        {call.live
          ? "Live status from Tencent's call engine (get_call_info); for those who have left, from Tencent's events."
          : "Each person's outcome: the record's result, and Tencent's events where the record cannot tell (such as each callee of a group call)."}
      </p>
      <CardTable
        label="Participants"
        columns={["User ID", "Role", call.live ? "Live status" : "Outcome"]}
      >
        {call.participants.map((p) => (
          <TableRow key={`${p.role}:${p.userId}`}>
            {/* Narrow screens wrap (the presence under the ID) instead of clipping the outcome. */}
            <TableCell className="whitespace-normal">
              <UserLink userId={p.userId} className="break-all" />
              <LazyPresenceBadge userId={p.userId} className="ml-2" />
            </TableCell>
            <TableCell>
              <Badge variant={p.role === "caller" ? "secondary" : "outline"}>
                {p.role === "caller" ? "Caller" : "Callee"}
              </Badge>
            </TableCell>
            <TableCell
              className="min-w-24 whitespace-normal sm:min-w-32"
              data-testid={`participant-${call.live ? "status" : "outcome"}`}
            >
              {participantLabel(p, call.live)}
            </TableCell>
          </TableRow>
        ))}
      </CardTable>
    </TitledSection>
  );
}
