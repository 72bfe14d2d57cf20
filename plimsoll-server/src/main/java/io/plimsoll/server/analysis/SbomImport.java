package io.plimsoll.server.analysis;

import io.plimsoll.app.MatchService;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.policy.content.ContentFindings;
import io.plimsoll.policy.gate.ImageName;
import io.plimsoll.report.sbom.read.SbomException;
import io.plimsoll.report.sbom.read.SbomReader;
import io.plimsoll.server.http.ApiException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code POST /v1/import/images}: an SBOM (CycloneDX 1.4–1.6 JSON/XML or SPDX 2.3 JSON, read as {@code plimsoll scan
 * sbom:FILE} reads it) becomes an image record that is analysed at once, with no pull: vuln, content and check read
 * its packages as they read a pulled image's (the files, dockerfile and secret gates see an empty image, as for
 * {@code scan sbom:}). There is no manifest, so the record's digest is the SHA-256 of the document: importing the
 * same document again gives the same image.
 */
final class SbomImport {

    private final AnalysisRepository images;
    private final MatchService matcher;

    SbomImport(AnalysisRepository images, MatchService matcher) {
        this.images = images;
        this.matcher = matcher;
    }

    /**
     * @param tag the registry/repo:tag the image is known by (policy mappings and tag queries select by it)
     */
    ImageRecord importSbom(String account, Optional<ImageName> tag, byte[] document) throws SQLException {
        return importSbom(account, tag, document, Optional.empty());
    }

    /**
     * @param manifestDigest the image's manifest digest when the client knows it (Anchore's import operations give
     *                       it); otherwise the document's SHA-256 stands for it
     */
    ImageRecord importSbom(String account, Optional<ImageName> tag, byte[] document, Optional<String> manifestDigest)
            throws SQLException {
        Inventory inventory;
        try {
            inventory = SbomReader.read(Path.of("import"), document);
        } catch (SbomException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String digest = manifestDigest.orElseGet(() -> "sha256:" + sha256(document));
        Optional<String> fullTag = tag.map(n -> n.registry() + "/" + n.repository() + ":" + n.tag());
        Optional<ImageRecord> existing = images.byDigest(account, digest);
        if (existing.isPresent() && existing.get().tag().equals(fullTag)) {
            return existing.get();
        }
        Analysis a = new Analysis(digest, Optional.empty(),
                inventory.distro().map(d -> d.id() + ":" + d.versionId()), inventory.packages().size(),
                Optional.of(new AnalysisDocument(inventory, ContentFindings.NONE)));
        String pull = tag.map(n -> n.registry() + "/" + n.repository()).orElse("sbom/import") + "@" + digest;
        return images.imported(account, fullTag, pull, a,
                matcher.findings(inventory).stream().map(AnchoreViews::findingRow).toList());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
