package io.plimsoll.ecosystem.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.plimsoll.ecosystem.PackageDbException;
import io.plimsoll.ecosystem.ParseResult;
import io.plimsoll.ecosystem.ParseWarnings;
import io.plimsoll.ecosystem.StructuredText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code pnpm-lock.yaml}, lockfile versions 5 to 9. The formats differ in how a package is keyed
 * ({@code /name/1.0.0_peer@2} in v5, {@code /name@1.0.0(peer@2)} in v6, {@code name@1.0.0(peer@2)} in v9) and in
 * where its dependencies are (the {@code packages} entry up to v6; v9 moves them to {@code snapshots}). Peer
 * suffixes are dropped: they tell apart installs of one version for different peers, not different packages. The
 * projects ({@code importers}, or the top level of a v5/v6 single-project lockfile) name the direct dependencies;
 * up to v6 each package says {@code dev: true|false}, v9 does not, so there the dependency graph decides. A stream
 * of several documents (pnpm 10 puts its own install in a first document) is read whole.
 */
final class PnpmLockParser {

    private PnpmLockParser() {
    }

    static ParseResult<NpmEntry> parse(String file, byte[] content) throws PackageDbException {
        List<JsonNode> docs = StructuredText.yaml(file, content);
        ParseWarnings warnings = new ParseWarnings(file);
        Graph g = new Graph();
        double version = 0;
        boolean any = false;
        for (JsonNode doc : docs) {
            if (!doc.isObject()) {
                continue; // an empty document between separators
            }
            String v = NpmPeople.text(doc, "lockfileVersion");
            try {
                version = Double.parseDouble(v.replaceAll("[^0-9.].*$", ""));
            } catch (NumberFormatException e) {
                if (version == 0) {
                    warnings.add(0, "lockfileVersion '" + v + "' is not a number: read as version 9");
                    version = 9;
                }
            }
            any = true;
            new Document(doc, (int) version, g, warnings).read();
        }
        if (!any) {
            throw new PackageDbException(file, "not a pnpm lockfile: no YAML map in it");
        }
        List<NpmEntry> entries = g.entries(warnings);
        return new ParseResult<>(entries, warnings.toList());
    }

    /** One package node of the lockfile's graph, keyed by name@version without peer suffix. */
    private static final class Node {
        String name;
        String version;
        String integrity = "";
        String tarball = "";
        String dev; // as the lockfile states it, when it does
        boolean optional;
    }

    /** The packages and their dependency edges over every document, and the projects' direct dependencies. */
    private static final class Graph {
        final Map<String, Node> nodes = new LinkedHashMap<>();
        final Map<String, Set<String>> edges = new HashMap<>();
        final List<String> prodRoots = new ArrayList<>();
        final List<String> devRoots = new ArrayList<>();
        boolean hasImporters;

        Node node(String id, String name, String version) {
            return nodes.computeIfAbsent(id, k -> {
                Node n = new Node();
                n.name = name;
                n.version = version;
                return n;
            });
        }

        void edge(String from, String to) {
            if (to != null) {
                edges.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
            }
        }

        List<NpmEntry> entries(ParseWarnings warnings) {
            Map<String, String> reached = hasImporters ? DevReach.of(edges, prodRoots, devRoots) : Map.of();
            PackageLockParser.Entries out = new PackageLockParser.Entries();
            nodes.forEach((id, n) -> {
                if (!NpmEntry.validName(n.name) || n.version.isEmpty()) {
                    return;
                }
                Map<String, String> meta = new LinkedHashMap<>();
                String dev = n.dev != null ? n.dev : reached.get(id);
                if (dev != null) {
                    meta.put("dev", dev);
                }
                if (n.optional) {
                    meta.put("optional", "true");
                }
                if (!n.tarball.isEmpty()) {
                    meta.put("resolved", n.tarball);
                }
                if (!n.integrity.isEmpty()) {
                    meta.put("integrity", n.integrity);
                }
                out.add(new NpmEntry(n.name, n.version, List.of(), meta));
            });
            out.reportDropped(warnings);
            return out.list();
        }
    }

    private static final class Document {
        private final JsonNode doc;
        private final int major;
        private final Graph g;
        private final ParseWarnings warnings;

        Document(JsonNode doc, int major, Graph g, ParseWarnings warnings) {
            this.doc = doc;
            this.major = major;
            this.g = g;
            this.warnings = warnings;
        }

        void read() {
            readPackages(doc.get("packages"), true);
            readPackages(doc.get("snapshots"), false);
            JsonNode importers = doc.get("importers");
            if (importers != null && importers.isObject()) {
                importers.properties().forEach(e -> readImporter(e.getValue()));
            } else if (doc.has("dependencies") || doc.has("devDependencies") || doc.has("optionalDependencies")) {
                readImporter(doc); // a v5/v6 lockfile of a single project keeps its direct dependencies at the top
            }
        }

        /** {@code packages} (metadata, and up to v6 the dependencies) or v9's {@code snapshots} (dependencies only). */
        private void readPackages(JsonNode packages, boolean metadata) {
            if (packages == null || !packages.isObject()) {
                return;
            }
            for (Map.Entry<String, JsonNode> e : packages.properties()) {
                JsonNode p = e.getValue().isObject() ? e.getValue() : MissingNode.getInstance();
                // packages from git or a tarball are keyed by their source and state their name and version
                String name = NpmPeople.text(p, "name");
                String version = NpmPeople.text(p, "version");
                String[] nv = splitKey(e.getKey());
                String id;
                if (nv != null) {
                    id = nv[0] + "@" + nv[1];
                } else if (!name.isEmpty() && !version.isEmpty()) {
                    id = stripPeers(e.getKey());
                } else {
                    warnings.add(0, "package key '" + e.getKey() + "' has no name and version: skipped");
                    continue;
                }
                Node n = g.node(id, name.isEmpty() ? nv[0] : name, version.isEmpty() ? nv[1] : version);
                if (metadata) {
                    JsonNode resolution = p.path("resolution");
                    String integrity = NpmPeople.text(resolution, "integrity");
                    n.integrity = integrity.isEmpty() ? n.integrity : integrity;
                    String tarball = NpmPeople.text(resolution, "tarball");
                    n.tarball = tarball.isEmpty() ? n.tarball : tarball;
                    if (p.has("dev")) {
                        String dev = Boolean.toString(p.path("dev").asText().equals("true"));
                        n.dev = "false".equals(n.dev) ? "false" : dev;
                    }
                }
                n.optional |= p.path("optional").asText().equals("true");
                addEdges(id, p.get("dependencies"));
                addEdges(id, p.get("optionalDependencies"));
            }
        }

        private void addEdges(String from, JsonNode deps) {
            if (deps != null && deps.isObject()) {
                deps.properties().forEach(d -> g.edge(from, dependencyId(d.getKey(), version(d.getValue()))));
            }
        }

        /** An importer's direct dependencies: roots of the graph, and packages even when {@code packages} lacks them. */
        private void readImporter(JsonNode importer) {
            g.hasImporters = true;
            roots(importer.get("dependencies"), g.prodRoots);
            roots(importer.get("optionalDependencies"), g.prodRoots);
            roots(importer.get("devDependencies"), g.devRoots);
        }

        private void roots(JsonNode deps, List<String> out) {
            if (deps == null || !deps.isObject()) {
                return;
            }
            deps.properties().forEach(d -> {
                String id = dependencyId(d.getKey(), version(d.getValue()));
                if (id != null) {
                    out.add(id);
                    int at = id.indexOf('@', 1);
                    if (at > 0 && Character.isDigit(id.charAt(at + 1))) {
                        // listed even when packages lacks it; git and tarball sources are keyed otherwise there
                        g.node(id, id.substring(0, at), id.substring(at + 1));
                    }
                }
            });
        }

        /** v5 writes a dependency's version as a string, v6+ importers as {@code {specifier, version}}. */
        private static String version(JsonNode v) {
            return v.isObject() ? NpmPeople.text(v, "version") : v.isValueNode() ? v.asText() : "";
        }

        /**
         * The node a dependency points at: {@code name@version} for a plain version, the named package for an alias
         * ({@code /other/1.0.0} in v5, {@code /other@1.0.0} in v6, {@code other@1.0.0} in v9); null for a
         * {@code link:} to a workspace folder.
         */
        private String dependencyId(String name, String version) {
            if (version.isEmpty() || version.startsWith("link:")) {
                return null;
            }
            if (Character.isDigit(version.charAt(0))) {
                return name + "@" + stripPeers(version);
            }
            String[] nv = version.startsWith("/") || (major >= 9 && version.indexOf('@', 1) > 0 && !version.contains(":"))
                    ? splitKey(version) : null;
            // otherwise a git or tarball source, which is also how its package is keyed
            return nv == null ? stripPeers(version) : nv[0] + "@" + nv[1];
        }

        /** A package key as name and version without peer suffix; null when it has no such shape. */
        private String[] splitKey(String key) {
            if (major < 9 && !key.startsWith("/")) {
                return null; // up to v6 registry packages are keyed /name…; anything else came from git or a tarball
            }
            String k = key.startsWith("/") ? key.substring(1) : key;
            int name;
            String version;
            if (major < 6) {
                name = k.lastIndexOf('/'); // pnpm writes a '/' inside a peer suffix as '+'
                if (name <= 0) {
                    return null;
                }
                version = stripPeers(k.substring(name + 1));
            } else {
                int paren = k.indexOf('(');
                if (paren > 0) {
                    k = k.substring(0, paren);
                }
                name = k.indexOf('@', 1);
                if (name <= 0) {
                    return null;
                }
                version = k.substring(name + 1);
            }
            return version.isEmpty() ? null : new String[] {k.substring(0, name), version};
        }

        /** {@code 5.3.2_acorn@8.8.0} (v5) and {@code 7.24.7(@babel/core@7.24.7)} (v6+) become the bare version. */
        private String stripPeers(String version) {
            if (major < 6) {
                int u = version.indexOf('_');
                return u > 0 && Character.isDigit(version.charAt(0)) ? version.substring(0, u) : version;
            }
            int paren = version.indexOf('(');
            return paren > 0 ? version.substring(0, paren) : version;
        }
    }
}
