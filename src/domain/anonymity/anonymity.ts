// Anonymous steps: what other people are sent about an item when its step is anonymous.
// Rule ids (A…): ../SPEC.md.
//
// Anonymity is only as good as the bytes that leave the server. A Yjs document is synced
// whole to every member of the room, so in an anonymous step the author must not be written
// into the shared document at all: `splitAuthorship` gives the part that goes into the doc
// and the part the server keeps (A5). `presentItem` is for everything the server sends item
// by item (exports, séance state, vote views).

/** Fields that say who wrote or touched an item. They are removed at every depth (A1). */
export const IDENTITY_FIELDS = ["authorId", "authorName", "author", "createdBy", "createdByName", "editedBy", "lastEditorId", "lastEditorName"] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

const IDENTITY: ReadonlySet<string> = new Set(IDENTITY_FIELDS);

export interface AnonymityContext {
  /** The step's flag: set by the facilitator for the step (A4). */
  anonymous: boolean;
  /** Who the item is being prepared for. */
  viewerId: string;
}

export type Authored = { authorId: string };

/** An item as one viewer receives it: `mine` says it is theirs, whatever else is hidden. */
export type PresentedItem<T extends Authored> = (T | Anonymous<T>) & { mine: boolean };
export type Anonymous<T> = Omit<T, IdentityField>;

/**
 * A1: in an anonymous step the item is sent with no identity field at all (removed, not
 * blanked: a blank `authorName` still says a field was hidden, and an id, even hashed, lets
 * people match items by author). A2: the author still gets `mine: true`. A3: the facilitator
 * is no exception: moderation (P6) does not need a name. A4: outside anonymous steps the item
 * is sent as it is.
 */
export function presentItem<T extends Authored>(item: T, context: AnonymityContext): PresentedItem<T> {
  const mine = typeof context?.viewerId === "string" && item.authorId === context.viewerId;
  if (context?.anonymous === false) return { ...item, mine };
  // Anything but an explicit `false` is anonymous: a missing flag must not leak names.
  return { ...(stripIdentity(item) as Anonymous<T>), mine };
}

export function presentItems<T extends Authored>(items: readonly T[], context: AnonymityContext): PresentedItem<T>[] {
  return items.map((item) => presentItem(item, context));
}

/** A copy without identity fields at any depth (nested comments, reactions…); the input is untouched. */
export function stripIdentity(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripIdentity);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!IDENTITY.has(k)) out[k] = stripIdentity(v);
  return out;
}

/**
 * A5: for an item created in an anonymous step, the part written into the shared document
 * (no identity) and the authorship the server keeps to itself (to check `own` grants and to
 * tell the author `mine`).
 */
export function splitAuthorship<T extends Authored & { id: string }>(item: T): { shared: Anonymous<T>; authorship: { itemId: string; authorId: string } } {
  return { shared: stripIdentity(item) as Anonymous<T>, authorship: { itemId: item.id, authorId: item.authorId } };
}

export function isIdentityField(key: string): boolean {
  return IDENTITY.has(key);
}
