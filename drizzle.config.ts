import { defineConfig } from "drizzle-kit";

// Only used to generate SQL migrations (`npx drizzle-kit generate`); the app applies them itself
// at start-up on PGlite or PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: [
    "./lib/db/schema.ts",
    "./lib/db/records-schema.ts",
    "./lib/db/insights-schema.ts",
    "./lib/db/events-schema.ts",
    "./lib/db/quality-schema.ts",
  ],
  out: "./lib/db/migrations",
});
