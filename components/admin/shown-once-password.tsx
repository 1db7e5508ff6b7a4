/** A generated password, shown once: the console keeps only its hash. */
export function ShownOncePassword({ email, password }: { email: string; password: string }) {
  return (
    <div role="status" className="bg-muted/50 flex flex-col gap-2 rounded-md border p-3 text-sm">
      <p>
        New password for <span className="font-medium">{email}</span> (shown once; share it
        securely):
      </p>
      <input
        readOnly
        value={password}
        aria-label="Generated password"
        onFocus={(e) => e.currentTarget.select()}
        className="bg-card h-9 rounded-md border px-3 font-mono text-base"
      />
    </div>
  );
}
