/**
 * The RubyGems ecosystem: installed gem specifications and Bundler's {@code Gemfile.lock} (gemspecs are Ruby, read
 * here as text with a small literal reader; nothing is ever evaluated), and RubyGems versions
 * ({@link io.plimsoll.ecosystem.ruby.GemVersionScheme}) ordered as {@code Gem::Version} orders them.
 */
package io.plimsoll.ecosystem.ruby;
