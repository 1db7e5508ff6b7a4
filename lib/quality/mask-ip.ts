// Support staff see where a caller was on the network, not the address itself.
export function maskClientIp(ip: string): string {
  if (!ip) return ip;
  const v4 = ip.split(".");
  if (v4.length === 4) return `${v4.slice(0, 3).join(".")}.x`;
  if (ip.includes(":")) {
    const groups = ip.split(":").filter((g) => g !== "");
    return `${groups.slice(0, 3).join(":")}::x`;
  }
  return "x";
}
