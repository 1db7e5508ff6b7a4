"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";

import { FormField, selectClass } from "@/components/admin/form-field";
import { ShownOncePassword } from "@/components/admin/shown-once-password";
import { formText, jsonBody, useStaffAction } from "@/components/admin/use-staff-action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ROLE_LABELS, ROLES } from "@/lib/auth/role-order";

type Added = { user: { email: string }; password: string | null };

export function AddStaffForm() {
  const action = useStaffAction<Added>();
  const [added, setAdded] = useState<Added | null>(null);
  const errors = action.fieldErrors;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const result = await action.run(
      "/api/admin/users",
      jsonBody("POST", {
        email: formText(data, "email"),
        name: formText(data, "name"),
        role: formText(data, "role"),
        password: formText(data, "password"),
      }),
    );
    if (result) {
      setAdded(result);
      form.reset();
    }
  }

  return (
    <form
      aria-label="Add a staff account"
      onSubmit={(e) => void onSubmit(e)}
      className="flex flex-col gap-4"
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="staff-email" label="E-mail" error={errors.email}>
          {(aria) => <Input id="staff-email" name="email" type="email" required {...aria} />}
        </FormField>
        <FormField id="staff-name" label="Name (optional)" error={errors.name}>
          {(aria) => <Input id="staff-name" name="name" {...aria} />}
        </FormField>
        <FormField id="staff-role" label="Role" error={errors.role}>
          {(aria) => (
            <select
              id="staff-role"
              name="role"
              defaultValue="support"
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
        <FormField
          id="staff-password"
          label="Password (optional)"
          hint="Leave empty to generate one, shown once."
          error={errors.password}
        >
          {(aria) => (
            <Input
              id="staff-password"
              name="password"
              type="password"
              autoComplete="new-password"
              {...aria}
            />
          )}
        </FormField>
      </div>
      {action.error ? (
        <p role="alert" className="text-destructive text-sm">
          {action.error}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={action.pending}>
          <UserPlus aria-hidden />
          {action.pending ? "Adding…" : "Add account"}
        </Button>
      </div>
      {added ? (
        <p role="status" className="text-sm">
          Added {added.user.email}.
        </p>
      ) : null}
      {added?.password ? (
        <ShownOncePassword email={added.user.email} password={added.password} />
      ) : null}
    </form>
  );
}
