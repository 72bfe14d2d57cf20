package io.plimsoll.server.clair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plimsoll.model.Namespace;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.match.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every Clair vulnerability object ({@code vulnerability.schema.json}) and summary the server sends: of a finding
 * (vulnerability report), of an advisory's affected package (update diff), a finding's summary (notifications) and
 * a client's summary echoed back (affected manifests).
 *
 * <p>{@code arch_op} differs on purpose, and the API bodies keep it so: a vulnerability from the feed names no
 * architecture, and Clair's empty {@code pattern match} matches every one; a summary names the package's version,
 * and the schema requires an operator with a package, so it says {@code equals}.
 */
public final class ClairVulnerabilities {

    /** A feed's vulnerability: no architecture given, and an empty pattern matches every one. */
    static final String ARCH_ANY = "pattern match";
    /** A summary's: no architecture to compare but by equality. */
    static final String ARCH_EQUALS = "equals";

    /** The members of a Clair vulnerability object; it allows no others. */
    private static final List<String> VULNERABILITY_MEMBERS = List.of("name", "description", "issued", "links",
            "severity", "normalized_severity", "fixed_in_version", "range", "arch_op", "package", "distribution",
            "repository");
    private static final List<String> PACKAGE_MEMBERS = List.of("id", "name", "version", "kind", "source",
            "normalized_version", "module", "arch", "cpe");

    private ClairVulnerabilities() {
    }

    /** A vulnerability report's id of a finding: unique per advisory, package and fixed version. */
    static String id(Finding f) {
        return f.advisory().source() + "/" + f.advisory().id() + "/" + f.namespace() + "/" + f.matchedName()
                + f.nearestFix().map(v -> "/" + v).orElse("");
    }

    /**
     * A finding as the vulnerability report lists it. A finding in the manifest's distribution's namespace carries
     * that distribution ({@code distribution}, shared, serialised as often as referenced); others the repository
     * named by their namespace.
     */
    static ObjectNode ofFinding(String id, Finding f, Optional<String> distroNamespace,
                                Optional<ObjectNode> distribution) {
        Advisory a = f.advisory();
        ObjectNode v = ClairJson.object();
        v.put("id", id).put("updater", a.source()).put("name", a.id());
        v.put("description", ClairEnrichments.description(f));
        a.published().ifPresent(p -> v.put("issued", p.toString()));
        v.put("links", String.join(" ", a.references()));
        v.put("severity", ClairSeverity.presented(f));
        v.put("normalized_severity", ClairSeverity.normalized(f.severity()));
        v.put("fixed_in_version", f.nearestFix().orElse(""));
        ObjectNode pkg = v.putObject("package");
        pkg.put("name", f.matchedName()).put("version", "").put("kind", "BINARY");
        v.put("arch_op", ARCH_ANY);
        if (distroNamespace.isPresent() && f.namespace().equals(distroNamespace.get())) {
            v.set("distribution", distribution.orElseThrow());
        } else {
            v.putObject("repository").put("id", f.namespace()).put("name", f.namespace());
        }
        return v;
    }

    /**
     * An advisory's affected package, as the update diff lists it added or removed. A distro namespace
     * ({@code debian:12}) becomes the {@code distribution}, a language ecosystem ({@code Maven}, {@code PyPI}) the
     * {@code repository}.
     */
    public static ObjectNode ofAffected(Advisory advisory, AffectedPackage affected) {
        ObjectNode v = ClairJson.object();
        v.put("id", affected.source() + "/" + affected.advisoryId() + "/" + affected.namespace() + "/" + affected.name());
        v.put("updater", affected.source());
        v.put("name", affected.advisoryId());
        if (!advisory.description().isEmpty()) {
            v.put("description", advisory.description());
        }
        advisory.published().ifPresent(t -> v.put("issued", t.toString()));
        if (!advisory.references().isEmpty()) {
            v.put("links", String.join(" ", advisory.references()));
        }
        String severity = !affected.severity().isEmpty() ? affected.severity() : advisory.sourceSeverity();
        v.put("severity", severity);
        Severity normalized = !affected.severity().isEmpty() && Severity.parse(affected.severity()) != Severity.UNKNOWN
                ? Severity.parse(affected.severity()) : advisory.severity();
        v.put("normalized_severity", ClairSeverity.normalized(normalized));
        ObjectNode pkg = v.putObject("package");
        pkg.put("name", affected.name());
        pkg.put("version", "");
        affected.module().ifPresent(m -> pkg.put("module", m));
        v.put("arch_op", ARCH_ANY);
        for (VersionRange r : affected.ranges()) {
            if (r.fixed().isPresent()) {
                v.put("fixed_in_version", r.fixed().get());
                break;
            }
        }
        if (affected.ranges().size() == 1) {
            VersionRange r = affected.ranges().get(0);
            if (r.introduced().isPresent() || r.fixed().isPresent()) {
                ObjectNode range = v.putObject("range");
                r.introduced().ifPresent(i -> range.put("[", i));
                r.fixed().ifPresent(f -> range.put(")", f));
            }
        }
        String ns = affected.namespace();
        Optional<ObjectNode> dist = distribution(ns);
        if (dist.isPresent()) {
            v.set("distribution", dist.get());
        } else {
            ObjectNode repo = v.putObject("repository");
            repo.put("id", ns);
            repo.put("name", ns);
        }
        return v;
    }

    /**
     * A finding's {@code vulnerability_summary} for notifications. Only the properties the schema allows
     * ({@code unevaluatedProperties: false} over {@code vulnerability_core}): Clair's own examples also carry
     * {@code description} and {@code links}, but a strict client validating against the schema would reject them.
     */
    public static ObjectNode summary(Finding f) {
        ObjectNode v = ClairJson.object();
        v.put("name", f.advisory().id());
        v.put("fixed_in_version", f.nearestFix().orElse(""));
        v.put("severity", ClairSeverity.presented(f));
        v.put("normalized_severity", ClairSeverity.normalized(f.severity()));
        ObjectNode pkg = v.putObject("package");
        pkg.put("name", f.matchedName());
        pkg.put("version", f.matchedVersion());
        v.put("arch_op", ARCH_EQUALS);
        distribution(f.namespace()).ifPresent(d -> v.set("distribution", d));
        return v;
    }

    /**
     * A client's summary echoed as the Clair vulnerability the affected-manifests answer must hold (a summary is not
     * one): Clair's older {@code dist}/{@code repo} members (still in its own example) become
     * {@code distribution}/{@code repository}, members a vulnerability cannot have are dropped, and the required
     * ones get their defaults, so clients that validate the response accept it.
     */
    public static ObjectNode fromSummary(JsonNode s, String id) {
        ObjectNode v = ClairJson.object();
        v.put("id", id);
        v.put("updater", s.path("updater").asText(""));
        for (String m : VULNERABILITY_MEMBERS) {
            JsonNode value = s.get(m);
            if (value == null && m.equals("distribution")) {
                value = s.get("dist");
            } else if (value == null && m.equals("repository")) {
                value = s.get("repo");
            }
            if (value != null && !value.isNull()) {
                v.set(m, m.equals("package") ? summaryPackage(value) : value.deepCopy());
            }
        }
        if (!v.has("normalized_severity")) {
            v.put("normalized_severity", ClairSeverity.normalized(Severity.UNKNOWN));
        }
        if (v.has("package") && !v.has("arch_op")) {
            v.put("arch_op", ARCH_EQUALS);
        }
        return v;
    }

    private static JsonNode summaryPackage(JsonNode p) {
        if (!p.isObject()) {
            return p.deepCopy();
        }
        ObjectNode out = ClairJson.object();
        for (String m : PACKAGE_MEMBERS) {
            JsonNode value = p.get(m);
            if (value == null || value.isNull()) {
                continue; // "source": null means no source package: absent, as the schema wants
            }
            if (m.equals("kind") && value.isTextual()) {
                out.put(m, value.asText().toUpperCase(Locale.ROOT));
            } else {
                out.set(m, m.equals("source") ? summaryPackage(value) : value.deepCopy());
            }
        }
        if (!out.has("version")) {
            out.put("version", "");
        }
        return out;
    }

    /**
     * A distro namespace ({@code debian:12}: a lower-case family, a colon, a release) as Clair's short distribution;
     * language ecosystems ({@code Maven}, {@code crates.io}) have none.
     */
    static Optional<ObjectNode> distribution(String namespace) {
        Optional<Namespace> ns = Namespace.tryParse(namespace).filter(Namespace::hasRelease)
                .filter(n -> n.family().equals(n.family().toLowerCase(Locale.ROOT)));
        if (ns.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode d = ClairJson.object();
        d.put("id", namespace);
        d.put("did", ns.get().family());
        d.put("version_id", ns.get().release());
        return Optional.of(d);
    }

    /** The namespace a Clair vulnerability names: its distribution's ({@code did:version_id}), else its repository. */
    static Optional<String> namespace(JsonNode v) {
        JsonNode dist = v.path("distribution");
        if (dist.isObject() && !dist.path("did").asText("").isEmpty()) {
            return Optional.of(dist.path("did").asText() + ":" + dist.path("version_id").asText());
        }
        JsonNode name = v.path("repository").path("name");
        return name.isMissingNode() || name.isNull() ? Optional.empty() : Optional.of(name.asText());
    }
}
