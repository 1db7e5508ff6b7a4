"use client";

import { LockOpen } from "lucide-react";

import { useStaffAction } from "@/components/admin/use-staff-action";
import { Button } from "@/components/ui/button";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

export type LockoutRow = {
  bucket: string;
  kind: "pair" | "account" | "address";
  email: string | null;
  address: string | null;
  attempts: number;
  lockedUntil: string;
};

function who(row: LockoutRow): string {
  if (row.kind === "address") return `Every account from ${row.address}`;
  return `${row.email} from ${row.address}`;
}

export function LockoutsTable({ rows }: { rows: LockoutRow[] }) {
  const action = useStaffAction<unknown>();
  return (
    <>
      {action.error ? (
        <p role="alert" className="text-destructive mb-2 text-sm">
          {action.error}
        </p>
      ) : null}
      <Table aria-label="Sign-in lockouts">
        <TableHeader>
          <TableRow>
            <TableHead>Locked out</TableHead>
            <TableHead>Attempts</TableHead>
            <TableHead>Until</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.bucket}>
              <TableCell className="font-medium">{who(row)}</TableCell>
              <TableCell>{row.attempts}</TableCell>
              <TableCell className="text-muted-foreground">
                {row.lockedUntil.slice(0, 19).replace("T", " ")} UTC
              </TableCell>
              <TableCell className="text-right">
                <Button
                  variant="outline"
                  size="sm"
                  disabled={action.pending}
                  aria-label={`Clear the lockout of ${who(row)}`}
                  onClick={() =>
                    void action.run(
                      `/api/admin/lockouts?bucket=${encodeURIComponent(row.bucket)}`,
                      {
                        method: "DELETE",
                      },
                    )
                  }
                >
                  <LockOpen aria-hidden />
                  Clear
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
