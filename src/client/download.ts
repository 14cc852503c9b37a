// Hands a file made in the page (a report fetched with a token, a drawn daisy) to the browser
// as a download: an object URL on a temporary link, revoked once the browser has it.
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
