"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, useState } from "react";

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
  createdAt: string;
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
  return (
    <Table aria-label="Staff accounts">
      <TableHeader>
        <TableRow>
          <TableHead>E-mail</TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Sign-in</TableHead>
          <TableHead>Last sign-in</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const expanded = open === row.id;
          const panelId = `staff-panel-${row.id}`;
          return (
            <Fragment key={row.id}>
              <TableRow>
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
                <TableCell className="text-muted-foreground">{utc(row.createdAt)}</TableCell>
                <TableCell className="text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-expanded={expanded}
                    aria-controls={expanded ? panelId : undefined}
                    aria-label={`Manage ${row.email}`}
                    onClick={() => setOpen(expanded ? null : row.id)}
                  >
                    {expanded ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                    Manage
                  </Button>
                </TableCell>
              </TableRow>
              {expanded ? (
                <TableRow id={panelId} className="bg-muted/30 hover:bg-muted/30">
                  <TableCell colSpan={7} className="whitespace-normal">
                    <StaffAccountPanel account={row} />
                  </TableCell>
                </TableRow>
              ) : null}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
