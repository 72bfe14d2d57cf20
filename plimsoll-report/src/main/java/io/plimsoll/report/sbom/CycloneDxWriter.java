package io.plimsoll.report.sbom;

import io.plimsoll.catalog.Inventory;
import io.plimsoll.catalog.Package;
import io.plimsoll.image.Image;
import io.plimsoll.model.Distro;
import io.plimsoll.policy.gate.licenses.SpdxLicenses;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * An inventory as a CycloneDX 1.6 BOM: the image is the metadata component (type container), the distro an
 * operating-system component, every package a library component with its PURL, licenses (an SPDX id when the
 * declared license is one, else its name) and {@code plimsoll:} properties (see {@link SbomProperties}).
 */
public final class CycloneDxWriter {

    /** The one SPDX license list: an id the policy's licenses gate knows is an id here too. */
    private static final SpdxLicenses SPDX = SpdxLicenses.get();

    public static final Version VERSION = Version.VERSION_16;

    private CycloneDxWriter() {
    }

    public static Bom bom(Inventory inv, String toolVersion) {
        Image img = inv.image();
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        Metadata meta = new Metadata();
        meta.setTimestamp(new Date());
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("plimsoll");
        tool.setVersion(toolVersion);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        meta.setToolChoice(tools);
        Component root = new Component();
        root.setType(Component.Type.CONTAINER);
        root.setBomRef("image");
        root.setName(img.name());
        img.manifestDigest().ifPresent(d -> root.setVersion(d.toString()));
        root.setProperties(properties(SbomProperties.of(img)));
        meta.setComponent(root);
        bom.setMetadata(meta);

        List<Component> components = new ArrayList<>();
        List<Dependency> rootDeps = new ArrayList<>();
        inv.distro().ifPresent(d -> {
            Component os = os(d);
            components.add(os);
            rootDeps.add(new Dependency(os.getBomRef()));
        });
        int n = 0;
        for (Package p : inv.packages()) {
            Component c = new Component();
            c.setType(Component.Type.LIBRARY);
            // the PURL alone is not unique: the same jar can sit at two paths; the index keeps refs distinct
            c.setBomRef("pkg-" + (n++) + "-" + (p.purl() == null || p.purl().isEmpty() ? p.name() : p.purl()));
            c.setName(p.name());
            c.setVersion(p.version());
            if (p.purl() != null && !p.purl().isEmpty()) {
                c.setPurl(p.purl());
            }
            if (!p.licenses().isEmpty()) {
                c.setLicenses(licenses(p.licenses()));
            }
            c.setProperties(properties(SbomProperties.of(p)));
            components.add(c);
            rootDeps.add(new Dependency(c.getBomRef()));
        }
        bom.setComponents(components);
        Dependency rootDep = new Dependency(root.getBomRef());
        rootDep.setDependencies(rootDeps);
        bom.setDependencies(new ArrayList<>(List.of(rootDep)));
        return bom;
    }

    public static String json(Inventory inv, String toolVersion) {
        try {
            return BomGeneratorFactory.createJson(VERSION, bom(inv, toolVersion)).toJsonString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("cannot write CycloneDX JSON: " + e.getMessage(), e);
        }
    }

    public static String xml(Inventory inv, String toolVersion) {
        try {
            return BomGeneratorFactory.createXml(VERSION, bom(inv, toolVersion)).toXmlString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("cannot write CycloneDX XML: " + e.getMessage(), e);
        }
    }

    private static Component os(Distro d) {
        Component os = new Component();
        os.setType(Component.Type.OPERATING_SYSTEM);
        os.setBomRef("os");
        os.setName(d.id());
        if (!d.versionId().isEmpty()) {
            os.setVersion(d.versionId());
        }
        if (!d.cpe().isEmpty()) {
            os.setCpe(d.cpe());
        }
        if (!d.prettyName().isEmpty()) {
            os.setDescription(d.prettyName());
        }
        os.setProperties(properties(SbomProperties.of(d)));
        return os;
    }

    private static LicenseChoice licenses(List<String> declared) {
        LicenseChoice choice = new LicenseChoice();
        for (String l : declared) {
            License license = new License();
            SPDX.id(l).ifPresentOrElse(license::setId, () -> license.setName(l));
            choice.addLicense(license);
        }
        return choice;
    }

    private static List<Property> properties(Map<String, String> m) {
        List<Property> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new Property(k, v)));
        return out;
    }
}
