// Who I am in a session, kept in this browser so that a reload (or a closed tab) keeps the
// same participant. One entry per session: marguerite:identity:CODE.
import { Methods, Roles, type Method, type Role } from "../protocol/index.ts";

export interface StoredIdentity {
  participantId: string;
  token: string;
  displayName: string;
  role: Role;
  /** The session title, so the room can show it even when /me cannot be reached. */
  title?: string;
  /** How the session runs (free board or a method with steps), from /me. */
  method?: Method;
  /** A national day's group room (from /me): no invitation to share, no deletion from inside. */
  inEvent?: boolean;
}

export const identityKey = (code: string) => `marguerite:identity:${code}`;

export function loadIdentity(code: string): StoredIdentity | null {
  try {
    const raw = window.localStorage.getItem(identityKey(code));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredIdentity>;
    if (
      typeof v.participantId !== "string" ||
      typeof v.token !== "string" ||
      typeof v.displayName !== "string" ||
      !(Roles as readonly string[]).includes(v.role as string)
    ) {
      return null;
    }
    return {
      participantId: v.participantId,
      token: v.token,
      displayName: v.displayName,
      role: v.role as Role,
      title: typeof v.title === "string" ? v.title : undefined,
      method: (Methods as readonly string[]).includes(v.method as string) ? (v.method as Method) : undefined,
    };
  } catch {
    return null; // private mode, quota, malformed JSON: behave as a newcomer
  }
}

export function saveIdentity(code: string, identity: StoredIdentity): void {
  try {
    window.localStorage.setItem(identityKey(code), JSON.stringify(identity));
  } catch {
    // Storage refused (private browsing): the room still works until the tab closes.
  }
}

export function clearIdentity(code: string): void {
  try {
    window.localStorage.removeItem(identityKey(code));
  } catch {
    // nothing to do
  }
}
