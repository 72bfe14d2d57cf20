package io.plimsoll.ecosystem.redhat;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One rpm component of a VEX product tree: a binary or source rpm, with the version (for fixed components) and
 * the module stream it belongs to.
 *
 * @param name   the rpm name: binary ({@code libcurl}) or source ({@code curl}, purl {@code arch=src})
 * @param evr    {@code [epoch:]version-release} from the purl, or null when the component has no version (known
 *               affected and not affected components usually have none)
 * @param module {@code name:stream} from the purl's {@code rpmmod} qualifier or the old {@code module:stream/name}
 *               component names
 */
record VexComponent(String name, String evr, Optional<String> module) {

    /** rpm's own rule for package names is loose; this refuses only what cannot be a name (spaces, slashes). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+-]+");

    /** Why a component was not turned into rows, for the skipped-component count. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The rpm component a product tree entry describes; empty when it is not Red Hat rpm content (a container
     * image, RHCOS, a Maven artifact), an exception when it claims to be but cannot be read.
     */
    static Optional<VexComponent> of(String productName, String purl) throws Unusable {
        if (purl != null && !purl.isBlank()) {
            return fromPurl(purl);
        }
        if (productName == null) {
            throw new Unusable("component has neither a purl nor a name");
        }
        return Optional.of(fromName(productName.strip()));
    }

    private static Optional<VexComponent> fromPurl(String purl) throws Unusable {
        PackageURL p;
        try {
            p = new PackageURL(purl.strip());
        } catch (MalformedPackageURLException e) {
            throw new Unusable("invalid purl " + purl + ": " + e.getMessage());
        }
        if (!"rpm".equals(p.getType()) || !"redhat".equals(p.getNamespace())) {
            return Optional.empty();
        }
        Map<String, String> q = p.getQualifiers() == null ? Map.of() : p.getQualifiers();
        Optional<String> module = Optional.empty();
        if (q.containsKey("rpmmod")) {
            module = ModuleStreams.stream(q.get("rpmmod"));
            if (module.isEmpty()) {
                throw new Unusable("rpmmod qualifier is not name:stream in " + purl);
            }
        }
        String evr = null;
        if (p.getVersion() != null && !p.getVersion().isEmpty()) {
            String epoch = q.get("epoch");
            evr = (epoch == null || epoch.isEmpty() || epoch.equals("0") ? "" : epoch + ":") + p.getVersion();
        }
        checkName(p.getName(), purl);
        return Optional.of(new VexComponent(p.getName(), evr, module));
    }

    /**
     * Older documents name unversioned components without a purl: {@code kernel}, or for module streams
     * {@code nodejs:18/nodejs} and {@code nodejs:18:8080020230223124711:bd1311ed/nodejs}.
     */
    private static VexComponent fromName(String name) throws Unusable {
        int slash = name.lastIndexOf('/');
        if (slash < 0) {
            checkName(name, name);
            return new VexComponent(name, null, Optional.empty());
        }
        Optional<String> module = ModuleStreams.stream(name.substring(0, slash));
        String pkg = name.substring(slash + 1);
        if (module.isEmpty()) {
            throw new Unusable("component " + name + " is not module:stream/name");
        }
        checkName(pkg, name);
        return new VexComponent(pkg, null, module);
    }

    private static void checkName(String name, String context) throws Unusable {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Unusable("not an rpm name in " + context);
        }
    }
}
