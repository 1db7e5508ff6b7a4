import { redirect } from "next/navigation";

// The page was called Users; links to it keep working.
export default function UsersPage() {
  redirect("/admin/staff");
}
