package io.plimsoll.ecosystem.java;

import io.plimsoll.image.walk.Learnt;
import java.io.IOException;
import java.util.ArrayList;
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

    /** Writes this archive, nested ones included, as the layer cache keeps it. */
    void write(Learnt.Writer w) {
        w.string(path).map(manifest).integer(pomProperties.size());
        pomProperties.forEach(w::map);
        w.strings(pomLicenses).integer(nested.size());
        nested.forEach(n -> n.write(w));
        w.strings(warnings);
    }

    /** Reads what {@link #write} wrote. */
    static ArchiveInfo read(Learnt.Reader r) throws IOException {
        String path = r.string();
        Map<String, String> manifest = r.map();
        int poms = r.count();
        List<Map<String, String>> pomProperties = new ArrayList<>(poms);
        for (int i = 0; i < poms; i++) {
            pomProperties.add(r.map());
        }
        List<String> licenses = r.strings();
        int n = r.count();
        List<ArchiveInfo> nested = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            nested.add(read(r));
        }
        return new ArchiveInfo(path, manifest, pomProperties, licenses, nested, r.strings());
    }
}
