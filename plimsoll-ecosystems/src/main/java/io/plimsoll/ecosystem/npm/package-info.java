/**
 * The npm ecosystem: JavaScript packages installed in {@code node_modules} and declared by the lockfiles of npm,
 * yarn (1 and berry) and pnpm. {@link io.plimsoll.ecosystem.npm.NpmCataloger} is the entry point; each file format
 * has its own reader, and all of them produce {@code NpmEntry} records.
 */
package io.plimsoll.ecosystem.npm;
