package io.plimsoll.ecosystem.dotnet;

import java.util.Map;

/**
 * One NuGet package a .NET file names, with its id's case kept (NuGet ids are case-insensitive but shown as
 * published, and the PURL spec keeps them so).
 */
public record NugetPackage(String name, String version, Map<String, String> metadata) {

    public NugetPackage {
        metadata = Map.copyOf(metadata);
    }
}
