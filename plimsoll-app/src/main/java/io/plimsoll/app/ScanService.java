package io.plimsoll.app;

import io.plimsoll.catalog.CatalogException;
import io.plimsoll.catalog.Cataloger;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Scope;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.ecosystem.SourceParts;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageException;
import io.plimsoll.report.sbom.read.SbomReader;
import io.plimsoll.report.scan.PolicyResult;
import io.plimsoll.report.scan.ScanReport;
import io.plimsoll.vuln.AffectedStatus;
import io.plimsoll.vuln.advice.Advice;
import io.plimsoll.vuln.advice.BaseImage;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.store.DataFreshness;
import io.plimsoll.vuln.suppress.Filtered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One scan, the same for every front end: image → inventory → data needed and its freshness (the fail-closed data
 * gate) → findings → VEX and the ignore file → policy → fix advice ({@link AdviseService}) → {@link ScanResult}. Rendering and exit codes are the front
 * end's.
 */
public final class ScanService {

    /** Reading warnings a report lists one by one; the rest are counted ({@code plimsoll sbom} lists them all). */
    static final int READ_WARNINGS_SHOWN = 10;

    private final ScanRequest request;
    private final Function<Image, BaseImage> base;

    /** A scan whose advice tells the base image's layers from the image alone (annotations, history). */
    public ScanService(ScanRequest request) {
        this(request, BaseImage::of);
    }

    /** @param base which of the scanned image's layers are its base's ({@code advise --base IMAGE}) */
    public ScanService(ScanRequest request, Function<Image, BaseImage> base) {
        this.request = request;
        this.base = base;
    }

    /**
     * Runs the scan. Input the scan cannot go on with (the data gate refuses, the policy cannot be applied) is a
     * {@link ScanException}; an image that cannot be read is an {@link ImageException} or {@link CatalogException}.
     */
    public ScanResult scan(ScanInput input) throws ImageException, CatalogException {
        List<String> notes = new ArrayList<>();
        Inventory inventory;
        if (input instanceof ScanInput.OpenedImage opened) {
            inventory = catalog(opened);
        } else {
            inventory = ((ScanInput.Sbom) input).inventory();
            request.policy().ifPresent(p -> {
                p.scanner().noFiles();
                notes.add(SbomReader.LIMITS);
            });
        }
        // a damaged package database is a warning and the scan goes on: the report must say so, or an image whose
        // rpmdb could not be read passes with none of its OS packages checked and nothing to tell why
        List<String> read = inventory.warnings();
        read.stream().limit(READ_WARNINGS_SHOWN).forEach(notes::add);
        if (read.size() > READ_WARNINGS_SHOWN) {
            notes.add((read.size() - READ_WARNINGS_SHOWN) + " more warnings reading the image ('plimsoll sbom' lists "
                    + "them)");
        }
        List<String> needed = Ecosystems.dataNeeded(inventory);
        List<String> expected = needed.stream().filter(this::hasFeed).toList();
        List<String> noFeed = needed.stream().filter(n -> !hasFeed(n)).toList();
        inventory.distro().filter(d -> noFeed.contains(Ecosystems.feedFor(d))).ifPresent(d -> notes.add(
                "no vulnerability feed for " + d.id() + " " + d.versionId()
                        + ": its OS packages were not checked (language packages were)"));
        FindingSource source = request.findings();
        DataFreshness data = source.freshness(expected, request.maxAge(), Instant.now());
        // a feed the image needs that is present but has nothing for its release leaves its OS packages unchecked
        List<String> emptyReleases = inventory.distro().map(Ecosystems::feedFor)
                .filter(f -> expected.contains(f) && !data.missing().contains(f))
                .map(f -> source.releasesWithoutData(inventory)).orElse(List.of());
        emptyReleases = withoutJudgedParts(emptyReleases, inventory, data);
        emptyReleases.forEach(ns -> notes.add("the vulnerability data has no entries for " + ns
                + ": its OS packages were not checked (language packages were)"));
        if (request.gated()) {
            DataGate.Verdict verdict = request.dataGate().judge(data, noFeed, emptyReleases);
            if (!verdict.refused().isEmpty()) {
                throw new ScanException(DataGate.refusal(verdict.refused()));
            }
            verdict.accepted().forEach(g -> notes.add("accepted missing data (--allow-missing-data): " + g));
        }
        Filtered filtered = Suppressions.apply(source.findings(inventory), request.vex(), request.ignores(), notes,
                request.warnings());
        Optional<PolicyCheck.Outcome> outcome = request.policy().map(p -> p.evaluate(inventory, filtered.kept(),
                data, request.imageName()));
        List<String> policyWarnings = request.policy().map(PolicyCheck::warnings).orElse(List.of());
        List<Finding> shown = filtered.kept().stream()
                .filter(f -> !request.onlyFixed() || f.status() == AffectedStatus.FIXED)
                .filter(f -> request.shown().test(f.severity())).toList();
        Optional<Advice> advice = source.advice(inventory, shown, base.apply(inventory.image()));
        ScanReport report = new ScanReport(inventory, shown, data, source.problem(), notes,
                outcome.map(o -> new PolicyResult(o.bundle(), o.evaluation(), o.inBaseline(), o.finalAction(),
                        policyWarnings)), request.toolVersion(), filtered.suppressed(), advice);
        return new ScanResult(report, outcome.map(PolicyCheck.Outcome::finalAction));
    }

    /** Streams the image once through every cataloger and the policy's content scanner, between the source's hooks. */
    private Inventory catalog(ScanInput.OpenedImage opened) throws ImageException, CatalogException {
        List<Cataloger> extra = request.policy().<List<Cataloger>>map(p -> List.of(p.scanner())).orElse(List.of());
        request.findings().beforeWalk(opened.source());
        // a policy reads the file tree (its files, secret and passwd gates); without one the packages are all
        IndexService index = IndexService.of(Scope.SQUASHED, request.skipped());
        Inventory inventory = request.policy().isPresent() ? index.inventory(opened.source(), opened.walker(), extra)
                : index.packages(opened.source(), opened.walker());
        // while the source is open: a server gets the blobs of the layers it does not know
        request.findings().afterWalk(opened.source());
        return inventory;
    }

    /**
     * {@code emptyReleases} without the namespaces of parts the data judges on their own ({@code amzn:2:extras:docker}
     * is {@code amazon/extras/docker}'s): a part that was read holds all of its namespace's data, so no row there means
     * no advisory, and one that was not read is already a gap by its own name. Only a database written before its
     * source recorded parts leaves the namespace's rows to tell.
     */
    private static List<String> withoutJudgedParts(List<String> emptyReleases, Inventory inventory,
                                                   DataFreshness data) {
        if (emptyReleases.isEmpty()) {
            return emptyReleases;
        }
        java.util.Set<String> judged = new java.util.HashSet<>();
        for (SourceParts.Part part : Ecosystems.partsNeeded(inventory)) {
            if (DataFreshness.find(data.sources(), part.name()).map(s -> s.name().equals(part.name())).orElse(true)) {
                judged.add(part.namespace());
            }
        }
        return emptyReleases.stream().filter(ns -> !judged.contains(ns)).toList();
    }

    /** Whether Plimsoll has a feed for a needed source or part ({@code osv/PyPI} is osv's). */
    private boolean hasFeed(String needed) {
        return request.feeds().contains(needed.split("/", 2)[0]);
    }
}
