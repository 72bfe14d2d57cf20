package io.plimsoll.vuln.vex;

import io.plimsoll.vuln.VulnerabilityIds;
import io.plimsoll.vuln.match.Finding;
import io.plimsoll.vuln.suppress.Filtered;
import io.plimsoll.vuln.suppress.Suppressed;
import io.plimsoll.vuln.suppress.Suppression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies VEX statements to findings: a {@code not_affected} or {@code fixed} statement whose vulnerability is the
 * finding's advisory or one of its aliases (so a statement naming the CVE clears the GHSA finding and the other way
 * round, see {@link VulnerabilityIds}) and whose product is the finding's package (package URLs compared
 * without qualifiers; a statement without a version covers every version) suppresses the finding. Suppressed
 * findings are kept with their statement so reports still show them and why.
 */
public final class VexFilter {

    private final List<VexStatement> statements;

    public VexFilter(List<VexStatement> statements) {
        this.statements = List.copyOf(statements);
    }

    public Filtered apply(List<Finding> findings) {
        List<Finding> kept = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        for (Finding f : findings) {
            Optional<VexStatement> s = statementFor(f);
            if (s.isPresent() && s.get().suppresses()) {
                suppressed.add(new Suppressed(f, suppression(s.get())));
            } else {
                kept.add(f);
            }
        }
        return new Filtered(kept, suppressed);
    }

    static Suppression suppression(VexStatement s) {
        return new Suppression(Suppression.Kind.VEX, s.status(), s.justification(), s.detail(), s.document());
    }

    /** The last statement about this finding: later statements supersede earlier ones, as in OpenVEX. */
    private Optional<VexStatement> statementFor(Finding f) {
        VexStatement found = null;
        VulnerabilityIds ids = f.advisory().ids();
        for (VexStatement s : statements) {
            if (ids.matchesAny(s.vulnerabilities())
                    && s.products().stream().anyMatch(p -> purlMatches(p, f.pkg().purl()))) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Same type, namespace and name; same version unless the statement names none. Qualifiers are ignored. */
    public static boolean purlMatches(String statement, String pkg) {
        if (pkg == null || pkg.isEmpty()) {
            return false;
        }
        String a = base(statement);
        String b = base(pkg);
        int at = a.lastIndexOf('@');
        if (at < 0) {
            int bat = b.lastIndexOf('@');
            return (bat < 0 ? b : b.substring(0, bat)).equals(a);
        }
        return a.equals(b);
    }

    private static String base(String purl) {
        String p = purl;
        int cut = p.indexOf('?');
        if (cut < 0) {
            cut = p.indexOf('#');
        }
        if (cut >= 0) {
            p = p.substring(0, cut);
        }
        int colon = p.indexOf(':');
        int slash = p.indexOf('/', colon + 1);
        // the type is case-insensitive; the rest is compared as written (canonical PURLs encode a scope's '@')
        return slash < 0 ? p : p.substring(0, slash).toLowerCase(Locale.ROOT) + p.substring(slash);
    }
}
