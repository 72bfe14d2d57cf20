/** The plimsoll command line. */
package io.plimsoll.cli;
