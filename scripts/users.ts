// `npm run users -- <command>`: manage the console's staff accounts from the server's shell.
// Works on the same database as the console (DATABASE_URL, or PGlite under DATA_DIR).
import path from "node:path";
import { parseArgs } from "node:util";

import nextEnv from "@next/env";
import { type z } from "zod";

import { roleSchema, type Role } from "@/lib/auth/roles";
import {
  addStaff,
  changeStaffRole,
  choosePassword as newPassword,
  removeStaff,
  resetStaffPassword,
  StaffError,
  staffEmailSchema,
  staffPasswordSchema,
  type NewPassword,
} from "@/lib/auth/staff";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { runningConsolePid } from "@/lib/db/data-dir-lock";
import { listUsers } from "@/lib/db/users";
import { EnvError, parseEnv } from "@/lib/env";

const USAGE = `Usage: npm run users -- <command> [options]

Commands:
  add <email> [--role support|manager|admin] [--name "Full Name"] [--password-stdin]
        Create an account (role defaults to support). Without --password-stdin a password is
        generated and printed once.
  list [--json]                       List accounts and roles.
  remove <email>                      Delete an account.
  set-role <email> <role>             Change an account's role.
  set-password <email> [--password-stdin]
        Set a new password (generated and printed unless read from standard input).

Examples:
  npm run users -- add ana@corp.example --role manager --name "Ana Diaz"
  printf '%s' "$NEW_PASSWORD" | npm run users -- set-password ana@corp.example --password-stdin`;

class UsageError extends Error {}
class CommandError extends Error {}

function parseField<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new UsageError(`${field}: ${result.error.issues[0]?.message ?? "invalid"}`);
  return result.data;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError(
      "--password-stdin: pipe the password in, e.g. printf '%s' \"$PW\" | npm run users -- …",
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function choosePassword(fromStdin: boolean): Promise<NewPassword> {
  if (!fromStdin) return newPassword();
  return newPassword(parseField(staffPasswordSchema, await readStdin(), "password"));
}

async function openFromEnv(): Promise<DbHandle> {
  // The same .env files the console reads, so both open the same database.
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) throw new CommandError(error.message);
    throw error;
  }
  if (env.DATABASE_URL) return openDatabase({ databaseUrl: env.DATABASE_URL });
  const dataDir = path.resolve(env.DATA_DIR);
  const pid = runningConsolePid(dataDir);
  if (pid) {
    throw new CommandError(
      `The console (pid ${pid}) is running on ${dataDir}, and its embedded database allows one process at a time. ` +
        `Stop the console first, or use PostgreSQL (DATABASE_URL) to manage users while it runs.`,
    );
  }
  return openDatabase({ dataDir });
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: "string" },
      name: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    if (!command && !values.help) process.exitCode = 2;
    return;
  }
  const arity: Record<string, number> = {
    add: 1,
    list: 0,
    remove: 1,
    "set-role": 2,
    "set-password": 1,
  };
  if (!(command in arity)) throw new UsageError(`unknown command "${command}"`);
  if (rest.length !== arity[command])
    throw new UsageError(`${command}: expected ${arity[command]} argument(s), got ${rest.length}`);
  const email = rest[0] === undefined ? undefined : parseField(staffEmailSchema, rest[0], "email");
  const role: Role | undefined =
    command === "set-role"
      ? parseField(roleSchema, rest[1], "role")
      : values.role !== undefined
        ? parseField(roleSchema, values.role, "--role")
        : undefined;

  // Read piped input before opening the database, so a usage error costs nothing.
  const password =
    command === "add" || command === "set-password"
      ? await choosePassword(values["password-stdin"])
      : undefined;

  const handle = await openFromEnv();
  const cli = { actor: "cli" };
  try {
    switch (command) {
      case "add": {
        const user = await addStaff(
          handle.db,
          { email: email!, role: role ?? "support", name: values.name, password: password! },
          cli,
        );
        console.log(`Added ${user.email} (${user.role}).`);
        if (password!.generated)
          console.log(`Password: ${password!.password}\n(shown once; share it securely)`);
        break;
      }
      case "list": {
        const users = await listUsers(handle.db);
        if (values.json) {
          console.log(
            JSON.stringify(
              users.map(({ id, email, name, role, source, isDemo, createdAt, lastSignInAt }) => ({
                id,
                email,
                name,
                role,
                source,
                demo: isDemo,
                createdAt,
                lastSignInAt,
              })),
              null,
              2,
            ),
          );
          break;
        }
        if (users.length === 0) {
          console.log("No accounts. Add one with: npm run users -- add <email> --role admin");
          break;
        }
        const rows = users.map((u) => [
          u.email,
          u.role,
          u.isDemo ? "demo" : u.source,
          u.name ?? "",
          u.lastSignInAt ? new Date(u.lastSignInAt).toISOString() : "never",
        ]);
        const header = ["EMAIL", "ROLE", "SOURCE", "NAME", "LAST SIGN-IN"];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        for (const row of [header, ...rows])
          console.log(
            row
              .map((c, i) => c.padEnd(widths[i]!))
              .join("  ")
              .trimEnd(),
          );
        break;
      }
      case "remove": {
        await removeStaff(handle.db, email!, cli);
        console.log(`Removed ${email}.`);
        break;
      }
      case "set-role": {
        const { sso } = await changeStaffRole(handle.db, email!, role!, cli);
        console.log(
          `${email} is now ${role}.${sso ? " (SSO accounts take their role from the identity provider again at their next sign-in.)" : ""}`,
        );
        break;
      }
      case "set-password": {
        await resetStaffPassword(handle.db, email!, password!, cli);
        console.log(`Password of ${email} changed.`);
        if (password!.generated)
          console.log(`Password: ${password!.password}\n(shown once; share it securely)`);
        break;
      }
    }
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    (error instanceof TypeError &&
      "code" in error &&
      String(error.code).startsWith("ERR_PARSE_ARGS"))
  ) {
    console.error(`error: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof CommandError || error instanceof StaffError) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  console.error("error:", error instanceof Error ? error.message : error);
  process.exit(1);
});
