package io.plimsoll.ecosystem.rpm.repodata;

import io.plimsoll.ecosystem.redhat.ModuleStreams;
import io.plimsoll.ecosystem.rpm.RpmVersionScheme;
import io.plimsoll.vuln.Advisory;
import io.plimsoll.vuln.AffectedPackage;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.Severity;
import io.plimsoll.vuln.VersionRange;
import io.plimsoll.vuln.feed.FeedSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one source's security errata into rows: an advisory per erratum id (ALSA-…, RLSA-…, ALAS2-…) with its CVEs
 * as aliases and the vendor's severity, and per binary package a row fixed at the erratum's build, filed under the
 * namespace of the release the erratum was published for. Bug-fix, enhancement and new-package errata name no
 * vulnerability and give nothing.
 *
 * <p>An erratum is listed once per architecture and often once per repository or point release; the rows are
 * kept once per (namespace, package, module stream), with the lowest build when listings disagree (the first build
 * that fixed it). Everything is held until {@link #finish()}, which writes each advisory before its rows, the
 * order the sink asks for. Module builds are filed without their context hash, as RHEL's are
 * ({@link ModuleStreams#withoutContext}).
 */
public final class ErrataRows {

    private static final RpmVersionScheme RPM = new RpmVersionScheme();

    private final String source;
    private final FeedSink sink;
    private final Map<String, Advisory> advisories = new LinkedHashMap<>();
    private final Map<String, AffectedPackage> rows = new LinkedHashMap<>();
    private final Map<String, Integer> skipped = new TreeMap<>();

    public ErrataRows(String source, FeedSink sink) {
        this.source = source;
        this.sink = sink;
    }

    /** Files {@code erratum} under {@code namespace} ({@code rocky:8}); returns whether it named vulnerabilities. */
    public boolean add(String namespace, Erratum erratum) {
        if (erratum.id().isEmpty()) {
            skip("an erratum without an id");
            return false;
        }
        if (!erratum.isSecurity()) {
            skip((erratum.type().isEmpty() ? "untyped" : erratum.type()) + " errata (not vulnerabilities)");
            return false;
        }
        advisories.putIfAbsent(erratum.id(), advisory(erratum));
        for (Erratum.Package p : erratum.packages()) {
            if (!p.isComplete()) {
                skip("a package without a name or version");
                continue;
            }
            if (p.arch().equals("src")) {
                continue; // errata are matched by binary package; the source rpm repeats the binaries' build
            }
            String key = erratum.id() + "\u0000" + namespace + "\u0000" + p.name() + "\u0000" + p.module().orElse("");
            AffectedPackage row = new AffectedPackage(erratum.id(), source, namespace, p.name(), RpmVersionScheme.NAME,
                    AffectedStatus.FIXED, List.of(VersionRange.fixedIn(ModuleStreams.withoutContext(p.evr()))), List.of(), p.module(),
                    erratum.severity());
            rows.merge(key, row, ErrataRows::earlierFix);
        }
        return true;
    }

    /**
     * Takes in what {@code other} (of the same source) collected: a repository read on its own, so that a repository
     * that fails halfway leaves nothing behind, is added once it has been read whole.
     */
    public void addAll(ErrataRows other) {
        other.advisories.forEach(advisories::putIfAbsent);
        other.rows.forEach((key, row) -> rows.merge(key, row, ErrataRows::earlierFix));
        other.skipped.forEach((reason, n) -> skipped.merge(reason, n, Integer::sum));
    }

    private static AffectedPackage earlierFix(AffectedPackage a, AffectedPackage b) {
        String fa = a.ranges().get(0).fixed().orElseThrow();
        String fb = b.ranges().get(0).fixed().orElseThrow();
        return RPM.compare(fb, fa) < 0 ? b : a;
    }

    private Advisory advisory(Erratum e) {
        return new Advisory(e.id(), source, e.cves(), e.title(), e.description(), e.issued(), e.updated(),
                e.references(), e.severity(), Severity.parse(e.severity()), List.of());
    }

    /** Writes the advisories, then the rows, and reports what was skipped; call once after the last file. */
    public void finish() {
        advisories.values().forEach(sink::advisory);
        rows.values().forEach(sink::affected);
        skipped.forEach((reason, n) -> sink.progress(source + ": skipped " + n + " × " + reason));
    }

    public int advisories() {
        return advisories.size();
    }

    public int rows() {
        return rows.size();
    }

    private void skip(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    /** For a caller that wants to say what it left out: the counts so far, by reason. */
    public Map<String, Integer> skipped() {
        return Map.copyOf(skipped);
    }
}
