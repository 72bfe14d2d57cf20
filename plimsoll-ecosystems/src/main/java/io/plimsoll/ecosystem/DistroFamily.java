package io.plimsoll.ecosystem;

import io.plimsoll.model.Distro;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A distribution an ecosystem serves, by its os-release {@code ID}, with everything Plimsoll knows about it: how its
 * releases are keyed in the vulnerability data ({@code rhel:9}), the feed (updater name) that covers it, which need
 * not be its id (Red Hat's data is filed as {@code redhat}), how it is recognised without os-release, and how its
 * packages' PURLs name it. A distribution whose packages Plimsoll reads but no feed covers ({@code rocky}) has no
 * feed, so an image of it is seen to lack data rather than pass.
 *
 * <p>The detector ({@code distro.DistroDetector}) and the catalogers ask {@link Ecosystems} for these hints, which it
 * gathers from every registered descriptor; a new distribution states them here and nowhere else.
 *
 * @param id                os-release {@code ID}
 * @param releases          how its releases are keyed in the vulnerability data
 * @param feed              the updater whose data covers it
 * @param releaseNames      the product names its older release files start with ({@code Red Hat Enterprise Linux}
 *                          in {@code Red Hat Enterprise Linux release 9.4 (Plow)})
 * @param cpeVendors        the vendors of its {@code /etc/system-release-cpe} ({@code redhat})
 * @param rebuildOf         the distribution it rebuilds, given as {@code ID_LIKE} when only older files name it
 * @param releaseFiles      the files that name it when os-release is absent
 * @param supplement        what its own files add to what os-release says (a point release, a codename)
 * @param codenameInVersion whether os-release's {@code VERSION} gives the codename in parentheses
 *                          ({@code 12 (bookworm)}) when {@code VERSION_CODENAME} is absent
 * @param purlNamespace     the namespace of its packages' PURLs ({@code pkg:rpm/redhat/...})
 * @param purlAliases       other os-release ids whose PURLs take this family's namespace ({@code sled} → suse)
 * @param purlRelease       the release in the PURL {@code distro} qualifier, as os-release would spell it
 * @param feedReleases      the release keys ({@link #releases()}) its feed publishes data for, when the feed
 *                          publishes only some (Amazon's: {@code 2}, {@code 2023}); empty when it covers every release
 */
public record DistroFamily(String id, ReleaseKey releases, Optional<String> feed, List<String> releaseNames,
                           List<String> cpeVendors, Optional<String> rebuildOf, List<ReleaseFile> releaseFiles,
                           ReleaseSupplement supplement, boolean codenameInVersion, String purlNamespace,
                           List<String> purlAliases, ReleaseKey purlRelease, Set<String> feedReleases) {

    public DistroFamily {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(releases, "releases");
        Objects.requireNonNull(feed, "feed");
        releaseNames = List.copyOf(releaseNames);
        cpeVendors = List.copyOf(cpeVendors);
        Objects.requireNonNull(rebuildOf, "rebuildOf");
        releaseFiles = List.copyOf(releaseFiles);
        Objects.requireNonNull(supplement, "supplement");
        Objects.requireNonNull(purlNamespace, "purlNamespace");
        purlAliases = List.copyOf(purlAliases);
        Objects.requireNonNull(purlRelease, "purlRelease");
        feedReleases = Set.copyOf(feedReleases);
    }

    public static DistroFamily coveredBy(String id, ReleaseKey releases, String feed) {
        return of(id, releases, Optional.of(feed));
    }

    public static DistroFamily withoutFeed(String id, ReleaseKey releases) {
        return of(id, releases, Optional.empty());
    }

    private static DistroFamily of(String id, ReleaseKey releases, Optional<String> feed) {
        return new DistroFamily(id, releases, feed, List.of(), List.of(), Optional.empty(), List.of(),
                ReleaseSupplement.NONE, false, id, List.of(), ReleaseKey.AS_WRITTEN, Set.of());
    }

    /** Older release files that start with one of {@code names} ({@code NAME release VERSION}) name this family. */
    public DistroFamily releaseNames(String... names) {
        return new DistroFamily(id, releases, feed, concat(releaseNames, names), cpeVendors, rebuildOf, releaseFiles,
                supplement, codenameInVersion, purlNamespace, purlAliases, purlRelease, feedReleases);
    }

    public DistroFamily cpeVendors(String... vendors) {
        return new DistroFamily(id, releases, feed, releaseNames, concat(cpeVendors, vendors), rebuildOf,
                releaseFiles, supplement, codenameInVersion, purlNamespace, purlAliases, purlRelease, feedReleases);
    }

    public DistroFamily rebuildOf(String parent) {
        return new DistroFamily(id, releases, feed, releaseNames, cpeVendors, Optional.of(parent), releaseFiles,
                supplement, codenameInVersion, purlNamespace, purlAliases, purlRelease, feedReleases);
    }

    public DistroFamily releaseFile(ReleaseFile file) {
        List<ReleaseFile> files = new ArrayList<>(releaseFiles);
        files.add(file);
        return new DistroFamily(id, releases, feed, releaseNames, cpeVendors, rebuildOf, files, supplement,
                codenameInVersion, purlNamespace, purlAliases, purlRelease, feedReleases);
    }

    public DistroFamily supplement(ReleaseSupplement s) {
        return new DistroFamily(id, releases, feed, releaseNames, cpeVendors, rebuildOf, releaseFiles, s,
                codenameInVersion, purlNamespace, purlAliases, purlRelease, feedReleases);
    }

    public DistroFamily versionGivesCodename() {
        return new DistroFamily(id, releases, feed, releaseNames, cpeVendors, rebuildOf, releaseFiles, supplement,
                true, purlNamespace, purlAliases, purlRelease, feedReleases);
    }

    /** Its PURLs' namespace is {@code namespace}, and so is that of the related ids {@code aliases}. */
    public DistroFamily purlNamespace(String namespace, String... aliases) {
        return new DistroFamily(id, releases, feed, releaseNames, cpeVendors, rebuildOf, releaseFiles, supplement,
                codenameInVersion, namespace, concat(purlAliases, aliases), purlRelease, feedReleases);
    }

    public DistroFamily purlRelease(ReleaseKey key) {
        return new DistroFamily(id, releases, feed, releaseNames, cpeVendors, rebuildOf, releaseFiles, supplement,
                codenameInVersion, purlNamespace, purlAliases, key, feedReleases);
    }

    /**
     * Its feed publishes data only for these release keys ({@code amzn:2018.03}, Amazon Linux 1, has none): an image
     * of another release lacks data rather than passing with no rows matched.
     */
    public DistroFamily feedReleases(Collection<String> keys) {
        return new DistroFamily(id, releases, feed, releaseNames, cpeVendors, rebuildOf, releaseFiles, supplement,
                codenameInVersion, purlNamespace, purlAliases, purlRelease, Set.copyOf(keys));
    }

    /** Whether its feed has data for {@code distro}'s release: there is a feed and it lists the release, or all. */
    public boolean feedCovers(Distro distro) {
        return feed.isPresent() && (feedReleases.isEmpty() || feedReleases.contains(releases.release(distro)));
    }

    /** Its feed as a listing shows it: {@code amazon[2, 2023]} when it publishes some releases only, or {@code none}. */
    public String describeFeed() {
        if (feedReleases.isEmpty()) {
            return feed.orElse("none");
        }
        // numbers read in numeric order: 8, 9, 10
        return feed.orElse("none") + feedReleases.stream()
                .sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())).toList();
    }

    /** What a cross-ecosystem listing shows of the hints: {@code names=[..] cpe=[..] like=rhel files=[..] ...}. */
    public String describeHints() {
        StringBuilder out = new StringBuilder();
        if (!releaseNames.isEmpty()) {
            out.append(" names=").append(releaseNames);
        }
        if (!cpeVendors.isEmpty()) {
            out.append(" cpe=").append(cpeVendors);
        }
        rebuildOf.ifPresent(p -> out.append(" like=").append(p));
        if (!releaseFiles.isEmpty()) {
            out.append(" files=").append(releaseFiles.stream().map(ReleaseFile::path).toList());
        }
        if (supplement != ReleaseSupplement.NONE) {
            out.append(" supplement");
        }
        if (codenameInVersion) {
            out.append(" codename-in-version");
        }
        if (!purlNamespace.equals(id) || !purlAliases.isEmpty()) {
            out.append(" purl=").append(purlNamespace).append(purlAliases.isEmpty() ? "" : purlAliases);
        }
        if (purlRelease != ReleaseKey.AS_WRITTEN) {
            out.append(" purl-release=").append(purlRelease == ReleaseKey.MAJOR ? "major"
                    : purlRelease == ReleaseKey.MAJOR_MINOR ? "major.minor" : "own");
        }
        return out.toString();
    }

    /** The PURL {@code distro} qualifier for an image of this family: {@code debian-12}, {@code rhel-9.4}. */
    public static String purlQualifier(Distro distro, ReleaseKey purlRelease) {
        String v = purlRelease.release(distro);
        return v.isEmpty() ? distro.id() : distro.id() + "-" + v;
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }
}
