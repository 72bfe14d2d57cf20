package io.plimsoll.ecosystem.alpine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifiers in one secfixes entry. Most entries are one CVE id, but the secdb is hand-written APKBUILD
 * comments, and real entries read {@code CVE-2016-6258 XSA-182}, {@code CVE-2018-3639   XSA-263},
 * {@code CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI}, {@code CVE-2018-14468 (FrameRelay)},
 * {@code CVE-2019-19451.patch}, {@code CVE-2017-17434-1}, {@code CVE_2019-2426}, {@code CVE 2018-16859},
 * {@code CVE-????-?????  XSA-295} or just {@code XSA-207}, {@code ZBX-11023}, {@code wnpa-sec-2017-18}.
 *
 * @param ids     the CVE ids when there are any (normalised to {@code CVE-YYYY-N…}, a trailing {@code -1} or
 *                {@code .patch} dropped); otherwise the other identifiers ({@code XSA-207}); empty when the
 *                entry names nothing recognisable
 * @param aliases the other identifiers when the entry also has CVE ids ({@code XSA-182} for
 *                {@code CVE-2016-6258}); they name the same vulnerability, so they become the advisory's aliases
 */
record SecfixIds(List<String> ids, List<String> aliases) {

    /** "CVE", a separator (mistyped as _ or space at times), the year and the number, not followed by a digit. */
    private static final Pattern CVE = Pattern.compile("CVE[-_ ](\\d{4})-(\\d{4,})(?!\\d)", Pattern.CASE_INSENSITIVE);

    /** Other trackers' ids: letters (and dashed words), then dashed numbers: XSA-182, TALOS-2019-0844, wnpa-sec-2017-18. */
    private static final Pattern OTHER = Pattern.compile(
            "(?<![\\w-])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z]+)*(?:-\\d+)+(?![\\w-])");

    static SecfixIds parse(String entry) {
        LinkedHashSet<String> cves = new LinkedHashSet<>();
        Matcher m = CVE.matcher(entry);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            cves.add("CVE-" + m.group(1) + "-" + m.group(2));
            rest.append(entry, last, m.start()).append(' ');
            last = m.end();
        }
        rest.append(entry.substring(last));
        LinkedHashSet<String> others = new LinkedHashSet<>();
        Matcher o = OTHER.matcher(rest);
        while (o.find()) {
            // kept as written: wnpa-sec-2017-18 is how Wireshark spells its own ids
            others.add(o.group());
        }
        if (cves.isEmpty()) {
            return new SecfixIds(new ArrayList<>(others), List.of());
        }
        return new SecfixIds(new ArrayList<>(cves), new ArrayList<>(others));
    }

    SecfixIds {
        ids = List.copyOf(ids);
        aliases = List.copyOf(aliases);
    }
}
