/**
 * Runs a bench script's `main` and exits: 0 when it resolves, 1 with the error printed when it rejects (a Chromium or
 * a server left open must not keep the process alive).
 */
export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
