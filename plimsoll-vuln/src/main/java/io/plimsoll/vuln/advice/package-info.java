/**
 * Fix advice: from the findings of one image and every row the database holds for each vulnerable package, the
 * smallest upgrade that no advisory affects ({@link io.plimsoll.vuln.advice.Advisor}), which layer brought the
 * package in and whether that layer is the base image's ({@link io.plimsoll.vuln.advice.BaseImage}), and the
 * command that performs the upgrade in the package's ecosystem ({@link io.plimsoll.vuln.advice.UpgradeCommand}, which
 * each ecosystem's descriptor gives). It reads the data through {@link io.plimsoll.vuln.store.VulnStore} and compares versions with the same schemes
 * and the same affected-rule ({@link io.plimsoll.vuln.match.Matcher#affects}) as matching.
 */
package io.plimsoll.vuln.advice;
