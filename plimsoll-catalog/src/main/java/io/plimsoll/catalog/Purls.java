package io.plimsoll.catalog;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Map;
import java.util.TreeMap;

/** Builds canonical package URLs (purl-spec), through the reference Java implementation. */
public final class Purls {

    private Purls() {
    }

    /**
     * @param qualifiers empty values are dropped, as the spec requires
     * @throws IllegalArgumentException naming the package when the parts cannot form a PURL
     */
    public static String of(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
        TreeMap<String, String> q = new TreeMap<>();
        qualifiers.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                q.put(k, v);
            }
        });
        try {
            return new PackageURL(type, namespace == null || namespace.isEmpty() ? null : namespace, name,
                    version == null || version.isEmpty() ? null : version, q.isEmpty() ? null : q, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("cannot make a package URL for " + type + " package '" + name + "': "
                    + e.getMessage(), e);
        }
    }
}
