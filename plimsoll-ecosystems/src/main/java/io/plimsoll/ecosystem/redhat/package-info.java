/**
 * Red Hat Enterprise Linux: its CSAF VEX feed and how installed rpm packages of a RHEL image are looked up in it
 * (module streams, binary and source rpm names). Reading the rpm database itself is the {@code rpm} package's job,
 * shared by every rpm-based distribution.
 */
package io.plimsoll.ecosystem.redhat;
