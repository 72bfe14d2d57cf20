/**
 * The Ruby ecosystem: RubyGems versions ({@link io.plimsoll.ecosystem.ruby.GemVersionScheme}), ordered as
 * {@code Gem::Version} orders them.
 */
package io.plimsoll.ecosystem.ruby;
