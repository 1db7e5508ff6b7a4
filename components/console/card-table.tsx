import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** A table on a card: one header row of `columns`, then the caller's rows. */
export function CardTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: React.ReactNode[];
  children: React.ReactNode;
}) {
  return (
    <div className="bg-card rounded-lg border">
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            {columns.map((c, i) => (
              <TableHead key={i}>{c}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}
