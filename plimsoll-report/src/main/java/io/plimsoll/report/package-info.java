/**
 * Reports and SBOMs, independent of any front end: {@code scan} renders a {@link io.plimsoll.report.scan.ScanReport}
 * in every {@link io.plimsoll.report.scan.ScanFormat}; {@code sbom} writes an inventory in every
 * {@link io.plimsoll.report.sbom.SbomFormat}; {@code sbom.read} turns CycloneDX and SPDX documents back into an
 * {@code Inventory}; {@code text} holds what terminal tables share.
 */
package io.plimsoll.report;
