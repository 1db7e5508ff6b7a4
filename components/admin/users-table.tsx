import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { PublicUser } from "@/lib/db/users";

/** Times are shown in UTC, like everywhere in the console, so they match ticket timestamps. */
function utc(value: Date | string | null): string {
  if (!value) return "never";
  return `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function signInMethod(user: PublicUser): string {
  if (user.isDemo) return "Demo password";
  if (user.source === "oidc") return user.hasPassword ? "SSO and password" : "SSO";
  return user.hasPassword ? "Password" : "No password set";
}

export function UsersTable({ users }: { users: PublicUser[] }) {
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
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((user) => (
          <TableRow key={user.id}>
            <TableCell className="font-medium">{user.email}</TableCell>
            <TableCell>{user.name ?? <span className="text-muted-foreground">—</span>}</TableCell>
            <TableCell>
              <Badge
                variant={
                  user.role === "admin"
                    ? "default"
                    : user.role === "manager"
                      ? "secondary"
                      : "outline"
                }
              >
                {ROLE_LABELS[user.role]}
              </Badge>
            </TableCell>
            <TableCell>{signInMethod(user)}</TableCell>
            <TableCell className="text-muted-foreground">{utc(user.lastSignInAt)}</TableCell>
            <TableCell className="text-muted-foreground">{utc(user.createdAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
