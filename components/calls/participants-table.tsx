import { CardTable } from "@/components/console/card-table";
import { TitledSection } from "@/components/console/titled-section";
import { PresenceBadge } from "@/components/presence/presence-badge";
import { Badge } from "@/components/ui/badge";
import { TableCell, TableRow } from "@/components/ui/table";
import { UserLink } from "@/components/users/user-link";
import { outcomeLabel, statusLabel } from "@/lib/call-detail/labels";
import type { CallView } from "@/lib/call-detail/types";

export function ParticipantsTable({ call }: { call: CallView }) {
  return (
    <TitledSection id="participants-title" title="Participants" className="gap-2">
      <p className="text-muted-foreground text-sm">
        {call.live
          ? "Live status from Tencent's call engine (get_call_info)."
          : "What each participant can be credited with, read from the call record."}
      </p>
      <CardTable
        label="Participants"
        columns={["User ID", "Role", call.live ? "Live status" : "Outcome"]}
      >
        {call.participants.map((p) => (
          <TableRow key={`${p.role}:${p.userId}`}>
            <TableCell>
              <UserLink userId={p.userId} />
              <PresenceBadge userId={p.userId} className="ml-2" />
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
      </CardTable>
    </TitledSection>
  );
}
