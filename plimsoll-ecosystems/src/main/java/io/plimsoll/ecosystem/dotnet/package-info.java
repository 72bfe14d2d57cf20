/**
 * .NET packages: what a built application's {@code NAME.deps.json} says it was built with (NuGet packages and
 * runtime packs), and what a project's {@code packages.lock.json} pins per target framework.
 */
package io.plimsoll.ecosystem.dotnet;
