// Imported only in the Node.js runtime, so nothing server-side is bundled for the edge.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./instrumentation-node");
    await startServer();
  }
}
