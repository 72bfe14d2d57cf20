/**
 * Oracle Linux: rpm packages (read by the rpm package) looked up in Oracle's ELSA OVAL data, per major release, with
 * Ksplice and UEK builds kept apart from the builds they patch.
 */
package io.plimsoll.ecosystem.oracle;
