import {
  BarChart3,
  DatabaseZap,
  ListOrdered,
  Radio,
  Search,
  Users,
  Webhook,
  type LucideIcon,
} from "lucide-react";

import type { Role } from "@/lib/auth/roles";

export type NavItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Lowest role that sees the item; pages enforce the same role on the server. */
  minRole: Role;
  section: "main" | "admin";
  /** A number shown beside the label, kept current by the navigation itself. */
  count?: "liveCalls";
};

// Later pages add themselves here; the shell filters by role.
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Search", icon: Search, minRole: "support", section: "main" },
  { href: "/records", label: "Records", icon: ListOrdered, minRole: "support", section: "main" },
  {
    href: "/live",
    label: "Live",
    icon: Radio,
    minRole: "support",
    section: "main",
    count: "liveCalls",
  },
  { href: "/insights", label: "Insights", icon: BarChart3, minRole: "manager", section: "main" },
  { href: "/admin/staff", label: "Staff", icon: Users, minRole: "admin", section: "admin" },
  {
    href: "/admin/sync",
    label: "Record index",
    icon: DatabaseZap,
    minRole: "admin",
    section: "admin",
  },
  {
    href: "/admin/callbacks",
    label: "Callbacks",
    icon: Webhook,
    minRole: "admin",
    section: "admin",
  },
];
