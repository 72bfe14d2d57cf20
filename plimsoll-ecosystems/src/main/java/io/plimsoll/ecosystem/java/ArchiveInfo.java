package io.plimsoll.ecosystem.java;

import java.util.List;
import java.util.Map;

/**
 * What one Java archive holds that identifies it, read in a single pass over its entries.
 *
 * @param path           where it is: {@code /app/app.jar} or, nested, {@code /app/app.jar!/BOOT-INF/lib/x.jar}
 * @param manifest       the manifest's main attributes (empty when there is none)
 * @param pomProperties  every {@code META-INF/maven/G/A/pom.properties} (or pom.xml where there is no
 *                       pom.properties): groupId, artifactId, version
 * @param pomLicenses    license names the pom.xml files declare
 * @param nested         archives inside it, read from the stream as they came
 * @param warnings       what could not be read, naming the archive
 */
public record ArchiveInfo(String path, Map<String, String> manifest, List<Map<String, String>> pomProperties,
                          List<String> pomLicenses, List<ArchiveInfo> nested, List<String> warnings) {
}
