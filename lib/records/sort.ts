export const SORT_FIELDS = ["startedAt", "ringSeconds", "talkSeconds"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const SORT_VALUES = SORT_FIELDS.flatMap((f) => [f, `-${f}`] as const);

export function parseSort(sort: string): { field: SortField; descending: boolean } {
  const descending = sort.startsWith("-");
  return { field: (descending ? sort.slice(1) : sort) as SortField, descending };
}
