package io.plimsoll.ecosystem.rpm.repodata;

import io.plimsoll.vuln.FeedException;
import java.io.InputStream;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A repository's {@code repodata/repomd.xml}: where its metadata files are. Only the {@code updateinfo} entry matters
 * here: its location (relative to the repository root, {@code repodata/…-updateinfo.xml.gz}) and the checksum of
 * the file as stored.
 */
public final class RepoMetadata {

    /** The {@code updateinfo} entry; {@code checksumType} and {@code checksum} are "" when repomd gives none. */
    public record UpdateInfoRef(String location, String checksumType, String checksum) {
    }

    private RepoMetadata() {
    }

    /**
     * The updateinfo entry of a repomd document, empty when the repository publishes none; a document that is not
     * repomd XML is a {@link FeedException} naming {@code name}.
     */
    public static Optional<UpdateInfoRef> updateInfo(String source, String name, InputStream in) throws FeedException {
        XMLStreamReader xml = UpdateInfoReader.open(source, name, in);
        try {
            boolean root = true;
            boolean inUpdateInfo = false;
            String location = null;
            String checksumType = "";
            String checksum = "";
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String el = xml.getLocalName();
                    if (root) {
                        if (!el.equals("repomd")) {
                            throw new FeedException(source, name, "expected repomd.xml (<repomd>) but the document is <"
                                    + el + ">");
                        }
                        root = false;
                    } else if (el.equals("data")) {
                        inUpdateInfo = "updateinfo".equals(xml.getAttributeValue(null, "type"));
                    } else if (inUpdateInfo && el.equals("location")) {
                        location = xml.getAttributeValue(null, "href");
                    } else if (inUpdateInfo && el.equals("checksum")) {
                        String type = xml.getAttributeValue(null, "type");
                        checksumType = type == null ? "" : type.strip();
                        checksum = UpdateInfoReader.text(xml).strip();
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("data")
                        && inUpdateInfo) {
                    if (location == null || location.isBlank()) {
                        throw new FeedException(source, name, "the updateinfo entry has no location");
                    }
                    return Optional.of(new UpdateInfoRef(location.strip(), checksumType, checksum));
                }
            }
            if (root) {
                throw new FeedException(source, name, "the file is empty");
            }
            return Optional.empty();
        } catch (XMLStreamException e) {
            throw UpdateInfoReader.xmlError(source, name, e);
        } finally {
            UpdateInfoReader.close(xml);
        }
    }
}
