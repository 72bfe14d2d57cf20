package io.plimsoll.report.sbom.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.ecosystem.Ecosystems;
import io.plimsoll.image.Image;
import io.plimsoll.image.ImageConfig;
import io.plimsoll.image.SourceKind;
import io.plimsoll.image.tree.FileTreeBuilder;
import io.plimsoll.image.walk.WalkResult;
import io.plimsoll.model.Distro;
import io.plimsoll.model.Platform;
import io.plimsoll.report.sbom.SbomProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.cyclonedx.exception.ParseException;

/**
 * {@code scan sbom:FILE}: an SBOM (CycloneDX 1.4–1.6 JSON or XML, SPDX 2.3 JSON, syft's JSON) read into an
 * {@link Inventory} so it is matched exactly like an image.
 *
 * <p>An Inventory needs an {@link Image} and a {@link WalkResult}; an SBOM has neither. The reader makes a synthetic
 * image: {@link SourceKind#SBOM}, named {@code sbom:FILE}, with the root component's name as its tag and the
 * digests and platform from Plimsoll's own {@code plimsoll:image:} properties when present, an empty
 * {@link ImageConfig}, no layers, and a walk over an empty file tree. So findings and the gates that look at
 * packages and vulnerabilities work as for the image; gates that need files, the config, history or layers
 * (files, dockerfile, secret_scans, metadata, packages' verify) see an empty image — {@link #LIMITS} says so in the
 * scan's notes.
 */
public final class SbomReader {

    public static final String PREFIX = "sbom:";
    public static final String LIMITS = "scanned from an SBOM: policy gates that need the image's files, config, history or "
            + "layers (files, dockerfile, secret_scans, metadata, package verification) see an empty image";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** PURL types whose name is the package name without the namespace (which is a vendor or a Maven group). */
    private static final Set<String> NAME_ONLY = Set.of("deb", "rpm", "apk", "maven", "alpm");

    private SbomReader() {
    }

    public static boolean isSbomReference(String reference) {
        return reference.startsWith(PREFIX);
    }

    public static Inventory read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SbomException(file + ": no such SBOM file");
        }
        return read(file, bytes);
    }

    /**
     * An SBOM already in memory (an upload), as an inventory; {@code name} is the file or upload name that messages
     * and the synthetic image ({@code sbom:NAME}) carry. Bad input is an {@link SbomException} naming it.
     */
    public static Inventory read(Path name, byte[] bytes) {
        return inventory(name, parse(name, bytes));
    }

    static SbomDocument parse(Path file, byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (Character.isWhitespace(bytes[i]) || (bytes[i] & 0xff) == 0xEF
                || (bytes[i] & 0xff) == 0xBB || (bytes[i] & 0xff) == 0xBF)) {
            i++; // whitespace and a UTF-8 byte order mark
        }
        if (i == bytes.length) {
            throw new SbomException(file + ": empty file, not an SBOM");
        }
        try {
            if (bytes[i] == '<') {
                wellFormed(file, bytes);
                String v = CycloneDxReader.xmlVersion(bytes).orElseThrow(() -> new SbomException(file
                        + ": XML but not a CycloneDX BOM (no http://cyclonedx.org/schema/bom/1.x namespace)"));
                supported(file, "CycloneDX", v);
                return CycloneDxReader.xml(bytes, v);
            }
            JsonNode root;
            try {
                root = MAPPER.readTree(bytes);
            } catch (JsonProcessingException e) {
                // a document over Jackson's read limits (nesting, string length) fails with no location
                throw new SbomException(file + ": not valid JSON: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
            }
            if (root != null && root.path("bomFormat").asText("").equals("CycloneDX")) {
                String v = root.path("specVersion").asText("");
                supported(file, "CycloneDX", v);
                return CycloneDxReader.json(bytes, v);
            }
            if (root != null && root.has("spdxVersion")) {
                String v = root.path("spdxVersion").asText("");
                if (!v.equals("SPDX-2.3")) {
                    throw new SbomException(file + ": unsupported SPDX version '" + v
                            + "' (SPDX-2.3 JSON is supported)");
                }
                return SpdxReader.read(root);
            }
            if (root != null && SyftJsonReader.isSyft(root)) {
                return SyftJsonReader.read(root);
            }
            throw new SbomException(file + ": not an SBOM (neither CycloneDX JSON/XML, SPDX 2.3 JSON nor syft JSON)");
        } catch (ParseException e) {
            throw new SbomException(file + ": not a readable CycloneDX document: " + e.getMessage());
        } catch (IOException e) {
            throw new SbomException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Checks the XML parses before cyclonedx-core-java sees it: its parser leaves the JDK's default error handler in
     * place, which prints "[Fatal Error] …" on standard error beside our own message. DTDs are refused (XXE).
     */
    /** The JDK parser's element-depth limit (its default, 0, is none). */
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    /** Far deeper than any real BOM (components nest a few levels), far shallower than a stack overflow. */
    static final int MAX_XML_DEPTH = 256;

    private static void wellFormed(Path file, byte[] bytes) {
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setNamespaceAware(true);
            // the CycloneDX parser after this check and the component flattening recurse per nesting level: a
            // crafted BOM nested 100,000 deep would overflow the stack, so depth is refused here, in one message
            f.setAttribute(MAX_ELEMENT_DEPTH, MAX_XML_DEPTH);
            javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }
            });
            b.parse(new java.io.ByteArrayInputStream(bytes));
        } catch (org.xml.sax.SAXParseException e) {
            throw new SbomException(file + ": not well-formed XML: " + e.getMessage() + " (line "
                    + e.getLineNumber() + ")");
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | IOException e) {
            throw new SbomException(file + ": cannot read as XML: " + e.getMessage());
        }
    }

    private static void supported(Path file, String spec, String version) {
        if (!CycloneDxReader.SUPPORTED.contains(version)) {
            throw new SbomException(file + ": unsupported " + spec + " version '" + version
                    + "' (1.4, 1.5 and 1.6 are supported)");
        }
    }

    static Inventory inventory(Path file, SbomDocument doc) {
        List<String> warnings = new ArrayList<>();
        List<Package> packages = new ArrayList<>();
        for (SbomDocument.Entry e : doc.packages()) {
            try {
                packages.add(toPackage(e, file));
            } catch (MalformedPackageURLException ex) {
                warnings.add("component '" + e.name() + "' has an invalid package URL '" + e.purl()
                        + "' and was not matched: " + ex.getMessage());
            }
        }
        if (doc.skipped() > 0) {
            warnings.add(doc.skipped() + " component(s) without a package URL were not matched");
        }
        packages.sort(Comparator.comparing(Package::type).thenComparing(Package::name)
                .thenComparing(Package::version).thenComparing(Package::location));
        Optional<Distro> distro = doc.os().map(SbomReader::distro).or(() -> distroFromQualifiers(doc));
        Image image = image(file, doc);
        WalkResult walk = new WalkResult(image, new FileTreeBuilder().build(), List.of());
        return new Inventory(image, distro, packages, warnings, walk);
    }

    private static Image image(Path file, SbomDocument doc) {
        Map<String, String> props = doc.image().map(SbomDocument.Entry::properties).orElse(Map.of());
        List<String> tags = new ArrayList<>();
        doc.image().map(SbomDocument.Entry::name).filter(n -> !n.isEmpty()).ifPresent(tags::add);
        new TreeMap<>(props).forEach((k, v) -> {
            if (k.startsWith(SbomProperties.IMAGE_TAG + ":") && !tags.contains(v)) {
                tags.add(v);
            }
        });
        Platform platform;
        try {
            platform = Platform.parse(props.getOrDefault(SbomProperties.IMAGE_PLATFORM, "unknown/unknown"));
        } catch (IllegalArgumentException e) {
            platform = new Platform("unknown", "unknown", "");
        }
        return new Image(PREFIX + file, SourceKind.SBOM,
                Optional.ofNullable(props.get(SbomProperties.IMAGE_MANIFEST_DIGEST)).flatMap(SbomProperties::digest),
                Optional.ofNullable(props.get(SbomProperties.IMAGE_ID)).flatMap(SbomProperties::digest),
                platform, tags, ImageConfig.EMPTY, List.of(), List.of("read from " + doc.format() + " " + file));
    }

    private static Distro distro(SbomDocument.Entry os) {
        Map<String, String> p = os.properties();
        return new Distro(os.name(), os.version(), p.get(SbomProperties.DISTRO_CODENAME),
                p.getOrDefault(SbomProperties.DISTRO_PRETTY_NAME, os.description()), os.cpe(),
                SbomProperties.split(p.get(SbomProperties.DISTRO_ID_LIKE)));
    }

    /** Without an operating-system component, the first OS package's {@code distro} qualifier: {@code debian-12}. */
    private static Optional<Distro> distroFromQualifiers(SbomDocument doc) {
        for (SbomDocument.Entry e : doc.packages()) {
            try {
                PackageURL u = new PackageURL(e.purl());
                String q = u.getQualifiers() == null ? null : u.getQualifiers().get("distro");
                if (q != null && !q.isEmpty() && Ecosystems.isOsPackageType(u.getType())) {
                    return Optional.of(distroOf(q));
                }
            } catch (MalformedPackageURLException ignored) {
                // reported when the package itself is read
            }
        }
        return Optional.empty();
    }

    /** {@code debian-12} → debian 12; {@code opensuse-leap-15.5} → opensuse-leap 15.5: the version starts with a digit. */
    static Distro distroOf(String qualifier) {
        int dash = qualifier.lastIndexOf('-');
        boolean versioned = dash > 0 && dash + 1 < qualifier.length() && Character.isDigit(qualifier.charAt(dash + 1));
        return new Distro(versioned ? qualifier.substring(0, dash) : qualifier,
                versioned ? qualifier.substring(dash + 1) : "", "", "", "", List.of());
    }

    /**
     * A package from its PURL; Plimsoll's own properties, when the SBOM has them, restore what the PURL cannot
     * carry (source package of a Debian binary built from a same-named source, metadata, layer, location).
     */
    static Package toPackage(SbomDocument.Entry e, Path file) throws MalformedPackageURLException {
        PackageURL u = new PackageURL(e.purl());
        Map<String, String> q = u.getQualifiers() == null ? Map.of() : u.getQualifiers();
        Map<String, String> props = e.properties();
        boolean ours = props.containsKey(SbomProperties.FOUND_BY);
        String type = u.getType();
        String ns = u.getNamespace();
        String name = ours && !e.name().isEmpty() ? e.name()
                : NAME_ONLY.contains(type) || ns == null ? u.getName() : ns + "/" + u.getName();
        String version = u.getVersion() == null ? "" : u.getVersion();
        if (type.equals("rpm") && q.containsKey("epoch") && !version.contains(":")) {
            version = q.get("epoch") + ":" + version; // rpm versions compare with their epoch
        }
        if (ours && !e.version().isEmpty()) {
            version = e.version();
        }
        String arch = props.getOrDefault(SbomProperties.ARCH, q.getOrDefault("arch", ""));
        String[] source = source(type, name, version, q.get("upstream"));
        Map<String, String> metadata = new LinkedHashMap<>(SbomProperties.metadata(props));
        if (type.equals("maven") && ns != null) {
            metadata.putIfAbsent("groupId", ns); // the Maven matcher looks vulnerabilities up by group:artifact
        }
        return new Package(type, name, version, arch, props.getOrDefault(SbomProperties.SOURCE_NAME, source[0]),
                props.getOrDefault(SbomProperties.SOURCE_VERSION, source[1]), e.licenses(), e.purl(), List.of(),
                props.getOrDefault(SbomProperties.FOUND_BY, "sbom"),
                props.getOrDefault(SbomProperties.LOCATION, file.toString()),
                SbomProperties.provenance(props), metadata);
    }

    /** The source package from the {@code upstream} qualifier as dpkg, rpm and apk catalogers write it. */
    static String[] source(String type, String name, String version, String upstream) {
        if (upstream == null || upstream.isEmpty()) {
            return new String[] {name, version};
        }
        switch (type) {
            case "deb" -> {
                int at = upstream.indexOf('@');
                return at < 0 ? new String[] {upstream, version}
                        : new String[] {upstream.substring(0, at), upstream.substring(at + 1)};
            }
            case "rpm" -> {
                String s = upstream.replaceFirst("\\.(no)?src\\.rpm$", "");
                int rel = s.lastIndexOf('-');
                int ver = rel > 0 ? s.lastIndexOf('-', rel - 1) : -1;
                if (ver <= 0) {
                    return new String[] {name, version};
                }
                int colon = version.indexOf(':');
                return new String[] {s.substring(0, ver), (colon > 0 ? version.substring(0, colon + 1) : "")
                        + s.substring(ver + 1)};
            }
            default -> {
                return new String[] {upstream, version};
            }
        }
    }
}
