"use client";

import { Bar, Tooltip, XAxis, YAxis } from "recharts";

import { UserLink } from "@/components/users/user-link";
import type { Insights } from "@/lib/insights/types";

import {
  BarFigure,
  chartAxis,
  CountCell,
  FigureCard,
  FigureRow,
  FigureTable,
  tdClass,
  tooltipStyle,
  useOpenDrill,
  type HrefFor,
} from "./figure-card";
import { change, formatCount, previousComparable, previousShown, resultLabel } from "./format";

/** Users in the most calls that did not end normally, as caller or callee. */
export function TopFailedUsers({ data, hrefFor }: { data: Insights; hrefFor: HrefFor }) {
  const open = useOpenDrill(hrefFor);
  const users = data.topFailedUsers;
  const comparable = previousComparable(data);
  const withPrevious = previousShown(data);
  const figure = (userId: string) => ({ user: userId, result: data.failedResults });
  const failedList = data.failedResults.map(resultLabel).join(", ") || "none in this range";
  const summary = users.length
    ? `Bar chart of the ${users.length} users in the most failed calls: ${users.map((u) => `${u.userId} ${u.failed}`).join(", ")}.`
    : "No failed calls in this range.";
  return (
    <FigureCard
      title="Users with the most failed calls"
      description={`Calls they took part in (calling or called) that did not end normally: ${failedList}.`}
      summary={summary}
      chart={
        users.length === 0 ? (
          <p className="text-muted-foreground text-sm">No failed calls in this range.</p>
        ) : (
          <BarFigure data={users} layout="vertical" style={{ height: 40 + users.length * 28 }}>
            <XAxis type="number" {...chartAxis} allowDecimals={false} />
            <YAxis type="category" dataKey="userId" {...chartAxis} width={120} />
            <Tooltip {...tooltipStyle} />
            <Bar
              dataKey="failed"
              name="Failed calls"
              fill="oklch(0.62 0.2 25)"
              cursor="pointer"
              onClick={(_, i) => {
                const u = users[i];
                if (u) open(figure(u.userId));
              }}
            />
          </BarFigure>
        )
      }
      table={
        <FigureTable
          columns={["User", "Failed calls", ...(withPrevious ? ["Previous period", "Change"] : [])]}
        >
          {users.map((u) => (
            <FigureRow key={u.userId} label={<UserLink userId={u.userId} />}>
              <CountCell
                count={u.failed}
                href={hrefFor(figure(u.userId))}
                label={`${u.failed} failed calls of ${u.userId}`}
              />
              {withPrevious ? (
                <>
                  <td className={`${tdClass} text-muted-foreground tabular-nums`}>
                    {formatCount(u.previous)}
                  </td>
                  <td className={`${tdClass} text-muted-foreground tabular-nums`}>
                    {(comparable && change(u.failed, u.previous, "count")) || "—"}
                  </td>
                </>
              ) : null}
            </FigureRow>
          ))}
        </FigureTable>
      }
    />
  );
}
