package io.plimsoll.ecosystem.oval;

import java.util.List;
import java.util.Objects;

/**
 * One OVAL {@code <definition>} as written, before any vendor's reading of it.
 *
 * @param id           the definition's OVAL id ({@code oval:com.oracle.elsa:def:20070057})
 * @param definitionClass {@code patch}, {@code vulnerability}, {@code inventory}, …
 * @param title        the metadata title, whitespace collapsed
 * @param platforms    the {@code <affected><platform>} names
 * @param references   {@code <reference>}s in order
 * @param cves         the advisory's {@code <cve>} elements (Oracle)
 * @param severity     {@code <severity>} as written ({@code IMPORTANT}, {@code Medium}), "" when absent
 * @param issued       {@code <issued date>} (Oracle) or {@code <advisory_date>} (Azure Linux), "" when absent
 * @param advisoryId   {@code <advisory_id>} (Azure Linux), "" when absent
 * @param patchable    {@code <patchable>} as written (Azure Linux), "" when absent
 * @param description  the description, trimmed
 * @param criteria     the root of the criteria tree; empty criteria when the definition has none
 */
public record OvalDefinition(String id, String definitionClass, String title, List<String> platforms,
                             List<Reference> references, List<Cve> cves, String severity, String issued,
                             String advisoryId, String patchable, String description, Criteria criteria) {

    public OvalDefinition {
        Objects.requireNonNull(id, "id");
        platforms = List.copyOf(platforms);
        references = List.copyOf(references);
        cves = List.copyOf(cves);
        Objects.requireNonNull(criteria, "criteria");
    }

    /** {@code <reference source="CVE" ref_id="CVE-2007-0493" ref_url="…"/>}. */
    public record Reference(String source, String refId, String url) {
    }

    /** {@code <cve cvss3="5.5/CVSS:3.1/AV:L/…" href="…">CVE-2007-0493</cve>}; {@code cvss3} "" when absent. */
    public record Cve(String id, String cvss3, String href) {
    }

    /** {@code <criteria operator="AND|OR">} with its nested criteria and criterions. */
    public record Criteria(String operator, List<Criteria> criteria, List<Criterion> criterions) {

        public static final Criteria EMPTY = new Criteria("AND", List.of(), List.of());

        public Criteria {
            criteria = List.copyOf(criteria);
            criterions = List.copyOf(criterions);
        }
    }

    /** {@code <criterion test_ref="…" comment="…"/>}. */
    public record Criterion(String testRef, String comment) {
    }
}
