// Preloaded into the benchmark's server children (node --import): stdin is a pipe from the
// bench process; when it closes (the bench exited, even killed with SIGKILL), the server
// shuts itself down instead of living on as an orphan. Touches nothing else.
if (!process.stdin.isTTY) {
  const bye = () => {
    process.kill(process.pid, "SIGTERM");
    setTimeout(() => process.exit(1), 5_000).unref();
  };
  process.stdin.on("end", bye);
  process.stdin.on("error", bye);
  process.stdin.resume();
}
