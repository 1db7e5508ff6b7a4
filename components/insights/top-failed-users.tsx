"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { UserLink } from "@/components/users/user-link";
import type { Insights } from "@/lib/insights/types";

import {
  chartAxis,
  DrillLink,
  FigureCard,
  FigureTable,
  tdClass,
  tooltipStyle,
} from "./figure-card";
import { change, formatCount, previousComparable, resultLabel } from "./format";
import type { HrefFor } from "./volume-chart";

/** Users in the most calls that did not end normally, as caller or callee. */
export function TopFailedUsers({ data, hrefFor }: { data: Insights; hrefFor: HrefFor }) {
  const router = useRouter();
  const users = data.topFailedUsers;
  const comparable = previousComparable(data);
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
          <div className="w-full" style={{ height: 40 + users.length * 28 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={users}
                layout="vertical"
                margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
              >
                <CartesianGrid horizontal={false} stroke="var(--border)" />
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
                    const href = u ? hrefFor(figure(u.userId)) : null;
                    if (href) router.push(href);
                  }}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )
      }
      table={
        <FigureTable columns={["User", "Failed calls", "Previous period", "Change"]}>
          {users.map((u) => (
            <tr key={u.userId} className="border-b last:border-0">
              <th scope="row" className={`${tdClass} text-left font-normal`}>
                <UserLink userId={u.userId} />
              </th>
              <td className={tdClass}>
                <DrillLink
                  href={hrefFor(figure(u.userId))}
                  label={`${u.failed} failed calls of ${u.userId}`}
                >
                  {formatCount(u.failed)}
                </DrillLink>
              </td>
              <td className={`${tdClass} text-muted-foreground tabular-nums`}>
                {formatCount(u.previous)}
              </td>
              <td className={`${tdClass} text-muted-foreground tabular-nums`}>
                {(comparable && change(u.failed, u.previous, "count")) || "—"}
              </td>
            </tr>
          ))}
        </FigureTable>
      }
    />
  );
}
