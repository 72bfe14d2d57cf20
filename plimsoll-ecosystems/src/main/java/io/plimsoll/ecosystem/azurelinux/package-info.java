/**
 * Azure Linux 3.0 and CBL-Mariner 1.0/2.0: rpm packages (read by the rpm package) looked up in Microsoft's OVAL data
 * per release, by source package.
 */
package io.plimsoll.ecosystem.azurelinux;
