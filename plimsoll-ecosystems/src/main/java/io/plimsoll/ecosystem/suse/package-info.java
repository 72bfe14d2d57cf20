/**
 * SUSE Linux Enterprise and openSUSE Leap: rpm packages (read by the rpm package) looked up in SUSE's CVRF security
 * advisories, filed per product release.
 */
package io.plimsoll.ecosystem.suse;
