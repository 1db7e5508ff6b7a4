// Start-up work for the Node.js server: configuration check, migrations, demo accounts. Only in
// the nodejs runtime, and imported lazily so nothing database-related is bundled for the edge.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServerOrExit } = await import("@/lib/db/startup");
  await prepareServerOrExit();
}
