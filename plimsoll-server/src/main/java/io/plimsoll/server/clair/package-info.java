/**
 * Clair's JSON, and only here: index reports, vulnerability reports with their enrichments, the vulnerabilities of
 * update diffs, notification summaries and the affected-manifests answer are built by this package, and a
 * vulnerability report is read back into findings ({@code plimsoll scan --server}) by it too. One severity
 * normaliser ({@link io.plimsoll.server.clair.ClairSeverity}) serves them all. The HTTP modules only route and send
 * the bytes.
 */
package io.plimsoll.server.clair;
