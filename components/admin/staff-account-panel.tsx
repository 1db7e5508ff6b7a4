"use client";

import { KeyRound, Trash2, UserCog } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { FormField, selectClass } from "@/components/admin/form-field";
import { ShownOncePassword } from "@/components/admin/shown-once-password";
import { formText, jsonBody, useStaffAction } from "@/components/admin/use-staff-action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/role-order";

export type StaffAccount = { id: string; email: string; role: Role; isSelf: boolean };

/** Change role, reset password, remove: each ends the account's sessions at once. */
export function StaffAccountPanel({ account }: { account: StaffAccount }) {
  const base = `/api/admin/users/${account.id}`;
  return (
    <div className="grid gap-6 md:grid-cols-3">
      {account.isSelf ? (
        <p className="text-muted-foreground text-sm">
          Your own role and account are changed by another admin.
        </p>
      ) : (
        <RoleForm account={account} url={base} />
      )}
      <PasswordForm account={account} url={`${base}/password`} />
      {account.isSelf ? null : <RemoveAccount account={account} url={base} />}
    </div>
  );
}

function RoleForm({ account, url }: { account: StaffAccount; url: string }) {
  const action = useStaffAction<{ to: Role }>();
  const [role, setRole] = useState<Role>(account.role);
  const [done, setDone] = useState<string | null>(null);
  const id = `role-${account.id}`;
  return (
    <form
      aria-label={`Role of ${account.email}`}
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(url, jsonBody("PATCH", { role })).then((r) => {
          if (r) setDone(`${account.email} is now ${ROLE_LABELS[r.to]}; their sessions ended.`);
        });
      }}
    >
      <FormField id={id} label="Role" error={action.fieldErrors.role ?? action.error ?? undefined}>
        {(aria) => (
          <select
            id={id}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className={selectClass}
            {...aria}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div>
        <Button
          type="submit"
          variant="outline"
          size="sm"
          disabled={action.pending || role === account.role}
        >
          <UserCog aria-hidden />
          Change role
        </Button>
      </div>
      {done ? (
        <p role="status" className="text-sm">
          {done}
        </p>
      ) : null}
    </form>
  );
}

function PasswordForm({ account, url }: { account: StaffAccount; url: string }) {
  const action = useStaffAction<{ email: string; password: string | null }>();
  const [result, setResult] = useState<{ password: string | null } | null>(null);
  const id = `password-${account.id}`;
  return (
    <form
      aria-label={`Password of ${account.email}`}
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const password = formText(new FormData(form), "password");
        void action.run(url, jsonBody("POST", { password })).then((r) => {
          if (r) {
            setResult(r);
            form.reset();
          }
        });
      }}
    >
      <FormField
        id={id}
        label="New password (optional)"
        hint="Leave empty to generate one."
        error={action.fieldErrors.password ?? action.error ?? undefined}
      >
        {(aria) => (
          <Input id={id} name="password" type="password" autoComplete="new-password" {...aria} />
        )}
      </FormField>
      <div>
        <Button type="submit" variant="outline" size="sm" disabled={action.pending}>
          <KeyRound aria-hidden />
          Reset password
        </Button>
      </div>
      {result ? (
        result.password ? (
          <ShownOncePassword email={account.email} password={result.password} />
        ) : (
          <p role="status" className="text-sm">
            Password changed; their sessions ended.
          </p>
        )
      ) : null}
    </form>
  );
}

function RemoveAccount({ account, url }: { account: StaffAccount; url: string }) {
  const action = useStaffAction<{ removed: string }>();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!confirming)
    return (
      <div>
        <Button ref={openRef} variant="destructive" size="sm" onClick={() => setConfirming(true)}>
          <Trash2 aria-hidden />
          Remove account
        </Button>
      </div>
    );
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => openRef.current?.focus());
  };
  return (
    <div
      role="alertdialog"
      aria-labelledby={`remove-${account.id}`}
      className="border-destructive/40 bg-card flex flex-col gap-2 rounded-lg border p-3"
      onKeyDown={(e) => {
        if (e.key === "Escape") cancel();
      }}
    >
      <p id={`remove-${account.id}`} className="text-sm font-medium">
        Remove {account.email}? They are signed out at once and can no longer sign in.
      </p>
      {action.error ? (
        <p role="alert" className="text-destructive text-sm">
          {action.error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button
          ref={confirmRef}
          variant="destructive"
          size="sm"
          disabled={action.pending}
          onClick={() => void action.run(url, { method: "DELETE" })}
        >
          {action.pending ? "Removing…" : "Yes, remove"}
        </Button>
        <Button variant="outline" size="sm" onClick={cancel} disabled={action.pending}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
