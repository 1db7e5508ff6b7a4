"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { NAV_ITEMS } from "@/components/console/nav-items";
import { LiveCount, LiveCountText } from "@/components/live/live-count";
import { cn } from "@/components/ui/utils";
import { hasRole, type Role } from "@/lib/auth/role-order";

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function MainNav({ role }: { role: Role }) {
  const pathname = usePathname();
  const items = NAV_ITEMS.filter((item) => hasRole(role, item.minRole));
  return (
    <nav aria-label="Main" className="flex items-center gap-1 overflow-x-auto">
      {items.map((item, index) => {
        const active = isActive(pathname, item.href);
        const firstAdmin = item.section === "admin" && items[index - 1]?.section !== "admin";
        return (
          <span key={item.href} className="flex items-center">
            {firstAdmin ? <span aria-hidden className="bg-border mx-2 h-5 w-px" /> : null}
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              aria-describedby={item.count ? `nav-count-${item.count}` : undefined}
              className={cn(
                "flex items-center gap-2 rounded-md px-2.5 py-1 text-sm font-medium whitespace-nowrap transition-colors sm:px-3 sm:py-1.5",
                active
                  ? "bg-accent text-accent-foreground"
                  : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
              )}
            >
              <item.icon aria-hidden className="size-4" />
              {item.label}
              {item.count === "liveCalls" ? <LiveCount /> : null}
            </Link>
            {item.count === "liveCalls" ? <LiveCountText id={`nav-count-${item.count}`} /> : null}
          </span>
        );
      })}
    </nav>
  );
}
