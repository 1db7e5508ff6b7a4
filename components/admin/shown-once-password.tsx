/** A generated password, shown once: the console keeps only its hash. */
export function ShownOncePassword({ email, password }: { email: string; password: string }) {
  return (
    <div role="status" className="bg-muted/50 rounded-md border p-3 text-sm">
      <p>
        New password for <span className="font-medium">{email}</span> (shown once; share it
        securely):
      </p>
      <code className="mt-1 block font-mono text-base select-all" aria-label="Generated password">
        {password}
      </code>
    </div>
  );
}
