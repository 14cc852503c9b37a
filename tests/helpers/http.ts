// A JSON route called with a bearer token: GET without a body, POST with one. The status, the
// body as JSON when it is JSON, and its text (files: CSV, Markdown).
export async function callRoute(baseUrl: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // a file
  }
  return { status: res.status, json, text };
}
