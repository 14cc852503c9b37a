export function foldUpdates(snapshot: Uint8Array, updates: Uint8Array[]): Uint8Array;
