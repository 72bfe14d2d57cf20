package io.plimsoll.ecosystem.rpm.repodata;

import io.plimsoll.vuln.FeedException;
import io.plimsoll.vuln.feed.FeedFetcher;
import io.plimsoll.vuln.feed.FeedFiles;
import io.plimsoll.vuln.feed.FeedSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one rpm repository's errata through the fetcher: {@code REPO/repodata/repomd.xml}, then the updateinfo file
 * it names, into {@link ErrataRows} under one namespace. Mirrors update repomd.xml and the files it names at
 * different moments, so a checksum that does not match is a warning and the file is used anyway.
 */
public final class RepositoryErrata {

    /** What one repository gave. */
    public record Result(int errata, int security) {
    }

    private final String source;
    private final UpdateInfoReader.Limits limits;

    public RepositoryErrata(String source, UpdateInfoReader.Limits limits) {
        this.source = source;
        this.limits = limits;
    }

    /**
     * The repository at {@code repo} (a path below the base URL ending in '/'), or empty when it has no
     * {@code repodata/repomd.xml} (HTTP 404). A repository whose repomd names no updateinfo has no errata.
     */
    public Optional<Result> read(FeedFetcher fetcher, String repo, String namespace, ErrataRows rows, FeedSink sink)
            throws FeedException {
        String repomdPath = repo + "repodata/repomd.xml";
        Optional<Path> repomd = fetcher.fetchIfPresent(repomdPath);
        if (repomd.isEmpty()) {
            return Optional.empty();
        }
        String repomdName = FeedFiles.describe(fetcher, repomdPath, repomd.get());
        Optional<RepoMetadata.UpdateInfoRef> ref;
        try (InputStream in = Files.newInputStream(repomd.get())) {
            ref = RepoMetadata.updateInfo(source, repomdName, in);
        } catch (IOException e) {
            throw FeedFiles.readError(source, repomdName, e);
        }
        if (ref.isEmpty()) {
            sink.progress(source + ": " + repomdName + " names no updateinfo: no errata");
            return Optional.of(new Result(0, 0));
        }
        String location = ref.get().location();
        if (location.startsWith("/") || location.contains("..") || location.contains("://")) {
            throw new FeedException(source, repomdName, "the updateinfo location '" + location
                    + "' is not a path inside the repository");
        }
        String path = repo + location;
        Path file = fetcher.fetch(path);
        String name = FeedFiles.describe(fetcher, path, file);
        checksum(ref.get(), file, name, sink);
        int[] security = new int[1];
        int errata;
        try (InputStream in = FeedFiles.open(file)) {
            errata = UpdateInfoReader.read(source, name, in, limits, e -> {
                if (rows.add(namespace, e)) {
                    security[0]++;
                }
            });
        } catch (IOException e) {
            throw FeedFiles.readError(source, name, e);
        }
        return Optional.of(new Result(errata, security[0]));
    }

    private void checksum(RepoMetadata.UpdateInfoRef ref, Path file, String name, FeedSink sink)
            throws FeedException {
        Optional<String> algorithm = switch (ref.checksumType().toLowerCase(Locale.ROOT)) {
            case "sha256" -> Optional.of("SHA-256");
            case "sha512" -> Optional.of("SHA-512");
            case "sha1", "sha" -> Optional.of("SHA-1");
            default -> Optional.empty();
        };
        if (algorithm.isEmpty() || ref.checksum().isEmpty()) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance(algorithm.get());
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(ref.checksum())) {
                // mirrors publish repomd.xml and updateinfo separately: the file is still the vendor's data
                sink.progress(source + ": warning: " + name + " has " + ref.checksumType() + " " + actual
                        + ", repomd.xml says " + ref.checksum() + " (mirror mid-update?); using the file");
            }
        } catch (IOException e) {
            throw FeedFiles.readError(source, name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm.get(), e);
        }
    }
}
