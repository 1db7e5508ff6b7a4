"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { StaffAccountPanel } from "@/components/admin/staff-account-panel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { ROLE_LABELS, type Role } from "@/lib/auth/role-order";

export type StaffRow = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  signIn: string;
  lastSignInAt: string | null;
  isSelf: boolean;
};

/** Times are shown in UTC, like everywhere in the console, so they match ticket timestamps. */
function utc(value: string | null): string {
  if (!value) return "never";
  return `${value.slice(0, 16).replace("T", " ")} UTC`;
}

const ROLE_BADGE = { admin: "default", manager: "secondary", support: "outline" } as const;

export function StaffTable({ rows }: { rows: StaffRow[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const selected = rows.find((r) => r.id === open);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  return (
    <div className="flex flex-col gap-4">
      <Table aria-label="Staff accounts">
        <TableHeader>
          <TableRow>
            <TableHead>E-mail</TableHead>
            <TableHead>Name</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Sign-in</TableHead>
            <TableHead>Last sign-in</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => {
            const expanded = open === row.id;
            return (
              <TableRow key={row.id} data-state={expanded ? "selected" : undefined}>
                <TableCell className="font-medium">
                  {row.email}
                  {row.isSelf ? <span className="text-muted-foreground"> (you)</span> : null}
                </TableCell>
                <TableCell>
                  {row.name ?? <span className="text-muted-foreground">—</span>}
                </TableCell>
                <TableCell>
                  <Badge variant={ROLE_BADGE[row.role]}>{ROLE_LABELS[row.role]}</Badge>
                </TableCell>
                <TableCell>{row.signIn}</TableCell>
                <TableCell className="text-muted-foreground">{utc(row.lastSignInAt)}</TableCell>
                <TableCell className="text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-expanded={expanded}
                    aria-controls={expanded ? "staff-panel" : undefined}
                    aria-label={`Manage ${row.email}`}
                    onClick={() => setOpen(expanded ? null : row.id)}
                  >
                    {expanded ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                    Manage
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {selected ? (
        <section
          id="staff-panel"
          aria-labelledby="staff-panel-heading"
          className="bg-muted/30 rounded-lg border p-4"
        >
          <h3
            id="staff-panel-heading"
            ref={heading}
            tabIndex={-1}
            className="mb-2 font-medium break-all outline-none"
          >
            Manage {selected.email}
          </h3>
          <StaffAccountPanel key={selected.id} account={selected} />
        </section>
      ) : null}
    </div>
  );
}
