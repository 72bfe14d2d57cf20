/**
 * Taking findings out of the gate while keeping them in reports: VEX statements ({@code io.plimsoll.vuln.vex}) and
 * the Trivy-shaped ignore file ({@link io.plimsoll.vuln.suppress.IgnoreFile}), both naming vulnerabilities by any of
 * their ids ({@link io.plimsoll.vuln.VulnerabilityIds}).
 */
package io.plimsoll.vuln.suppress;
