package io.plimsoll.server.clair;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.model.Distro;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Clair's index report: Plimsoll's packages and distro in Clair's shapes. Package ids are positions in the manifest's package list
 * ({@code "1"} is the first), so the indexer's and the matcher's reports name packages alike.
 */
public final class ClairIndexReports {

    public static final String DISTRIBUTION_ID = "1";
    /** Clair's CPE 2.2 form (the schema's simpler alternative); other CPE strings are left out. */
    private static final Pattern CPE_22 = Pattern.compile("^[c][pP][eE]:/[AHOaho]?(:[A-Za-z0-9._\\-~%]*){0,6}$");

    private ClairIndexReports() {
    }

    public static String packageId(int index) {
        return Integer.toString(index + 1);
    }

    /** A successful index report. */
    public static ObjectNode indexReport(String manifest, Optional<Distro> distro, List<Package> packages) {
        ObjectNode r = ClairJson.object();
        r.put("manifest_hash", manifest).put("state", "IndexFinished").put("success", true).put("err", "");
        contents(r, distro, packages);
        return r;
    }

    /** The report of an indexing that failed: Clair's {@code IndexError} state with the reason. */
    public static ObjectNode errorReport(String manifest, String err) {
        ObjectNode r = ClairJson.object();
        r.put("manifest_hash", manifest).put("state", "IndexError").put("success", false).put("err", err);
        r.putObject("packages");
        r.putObject("distributions");
        r.putObject("repository");
        r.putObject("environments");
        return r;
    }

    /** Adds packages, distributions, repository and environments, as both report kinds carry them. */
    public static void contents(ObjectNode r, Optional<Distro> distro, List<Package> packages) {
        ObjectNode pkgs = r.putObject("packages");
        ObjectNode dists = r.putObject("distributions");
        ObjectNode repos = r.putObject("repository");
        ObjectNode envs = r.putObject("environments");
        distro.ifPresent(d -> dists.set(DISTRIBUTION_ID, distribution(d)));
        Map<String, String> repoIds = new LinkedHashMap<>();
        for (int i = 0; i < packages.size(); i++) {
            Package p = packages.get(i);
            String id = packageId(i);
            pkgs.set(id, pkg(id, p));
            ObjectNode env = ClairJson.object();
            env.put("package_db", p.location().startsWith("/") ? p.location().substring(1) : p.location());
            if (p.provenance() != null) {
                p.provenance().layerDigest().ifPresent(dg -> env.put("introduced_in", dg.toString()));
            }
            if (Ecosystems.isOsPackageType(p.type())) {
                if (distro.isPresent()) {
                    env.put("distribution_id", DISTRIBUTION_ID);
                }
            } else {
                String repoId = repoIds.computeIfAbsent(p.type(), t -> {
                    String rid = Integer.toString(repoIds.size() + 1);
                    repos.putObject(rid).put("id", rid).put("name", t);
                    return rid;
                });
                env.putArray("repository_ids").add(repoId);
            }
            ArrayNode list = envs.putArray(id);
            list.add(env);
        }
    }

    private static ObjectNode pkg(String id, Package p) {
        ObjectNode o = ClairJson.object();
        o.put("id", id).put("name", p.name()).put("version", p.version()).put("kind", "BINARY");
        if (!p.sourceName().isEmpty()) {
            ObjectNode src = o.putObject("source");
            src.put("name", p.sourceName())
                    .put("version", p.sourceVersion().isEmpty() ? p.version() : p.sourceVersion()).put("kind", "SOURCE");
        }
        if (!p.arch().isEmpty()) {
            o.put("arch", p.arch());
        }
        return o;
    }

    public static ObjectNode distribution(Distro d) {
        ObjectNode o = ClairJson.object();
        o.put("id", DISTRIBUTION_ID).put("did", d.id()).put("name", d.id())
                .put("version", d.versionId() + (d.codename().isEmpty() ? "" : " (" + d.codename() + ")"))
                .put("version_code_name", d.codename()).put("version_id", d.versionId())
                .put("pretty_name", d.prettyName());
        if (CPE_22.matcher(d.cpe()).matches()) {
            o.put("cpe", d.cpe());
        }
        return o;
    }
}
