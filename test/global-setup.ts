/** Builds the CLI once for the whole run: tests that spawn `inrs` then start it without compiling. */
export default async function setup(): Promise<void> {
  // @ts-expect-error: a plain .mjs build script, without type declarations.
  const { buildCli } = (await import('../scripts/build-cli.mjs')) as { buildCli(): Promise<void> };
  await buildCli();
}
