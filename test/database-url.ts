/** The PostgreSQL server the data-layer tests create their throw-away databases on. */
export const testDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
