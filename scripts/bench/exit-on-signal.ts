/**
 * Preloaded (node --require) into a profiled API: Nest stops gracefully on SIGTERM and then re-raises the signal,
 * which would kill the process before --cpu-prof writes its profile; this turns that second signal into a normal exit.
 */
let received = 0;
process.on('SIGTERM', () => {
  received++;
  if (received > 1) process.exit(0);
  // Should the graceful stop hang, still exit (and write the profile).
  setTimeout(() => process.exit(0), 20_000).unref();
});
